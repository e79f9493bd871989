"""Geoparsing: place names resolved to GeoNames."""
