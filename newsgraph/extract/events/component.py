"""The spaCy component that codes events and stores them as the Doc's "events" section."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.events.core import extract_events
from newsgraph.extract.events.tables import PatternIndex, load_patterns, using_patterns
from newsgraph.extract.sections import set_section


class EventCoder:
    """Runs the CAMEO coder over each Doc; reads actors, times, places and quotes left by earlier components."""

    def __init__(self, patterns: PatternIndex | None = None) -> None:
        self.patterns = patterns

    def __call__(self, doc: Doc) -> Doc:
        if self.patterns is None:
            set_section(doc, "events", extract_events(doc))
            return doc
        with using_patterns(self.patterns):
            set_section(doc, "events", extract_events(doc))
        return doc


@Language.factory("newsgraph_events", default_config={"verb_patterns": ["builtin"]})
def make_event_coder(nlp: Language, name: str, verb_patterns: list[str]) -> EventCoder:
    """``verb_patterns``: "builtin" (ours), ``.jsonl`` pattern files in our format, or PETRARCH-2/TABARI
    verb dictionaries (``CAMEO.2.0.txt``), combined in order; a later source's patterns replace an
    earlier one's for the same lemma."""
    return EventCoder(load_patterns(tuple(verb_patterns)))
