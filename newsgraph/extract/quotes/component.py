"""spaCy adapter: the ``newsgraph_quotes`` component fills the contract's ``quotes`` section."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.quotes.core import extract_quotes
from newsgraph.extract.sections import set_section


@Language.component("newsgraph_quotes")
def quotes_component(doc: Doc) -> Doc:
    """Find the quotations and their speakers (after the actors component, whose mentions it reads)."""
    set_section(doc, "quotes", extract_quotes(doc))
    return doc
