"""CAMEO actor codes for the people, groups, countries and organisations an article mentions."""
