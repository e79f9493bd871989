"""Extractors: each a pure core over text or the spaCy Doc, plus a thin pipeline component."""
