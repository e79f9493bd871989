"""The spaCy component ``newsgraph_times``: fills the contract's ``times`` section."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.sections import reference_date, set_section
from newsgraph.extract.time.core import find_times
from newsgraph.extract.time.scan import scan_rules


@Language.factory("newsgraph_times")
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


class TimesComponent:
    """Finds and normalises the Doc's temporal expressions against its reference date."""

    def __init__(self) -> None:
        scan_rules()  # compile the rules and their fast-scan tables now, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        set_section(doc, "times", find_times(doc, reference_date(doc)))
        return doc
