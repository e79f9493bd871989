"""Quotations: direct, indirect and mixed, with their speakers and cues."""

from newsgraph.extract.quotes.core import extract_quotes
from newsgraph.extract.quotes.marks import pair_quote_marks

__all__ = ["extract_quotes", "pair_quote_marks"]
