"""The spaCy component ``newsgraph_times``: fills the contract's ``times`` section."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.sections import reference_date, set_section
from newsgraph.extract.time.core import find_times


@Language.component("newsgraph_times")
def newsgraph_times(doc: Doc) -> Doc:
    """Find and normalise the Doc's temporal expressions against its reference date."""
    set_section(doc, "times", find_times(doc, reference_date(doc)))
    return doc
