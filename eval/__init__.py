"""Scorers for the annotated corpora in ../shared/eval."""
