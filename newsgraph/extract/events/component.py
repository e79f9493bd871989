"""The spaCy component that codes events and stores them as the Doc's "events" section."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.events.core import extract_events
from newsgraph.extract.sections import set_section


class EventCoder:
    """Runs the CAMEO coder over each Doc; reads actors, times, places and quotes left by earlier components."""

    def __call__(self, doc: Doc) -> Doc:
        set_section(doc, "events", extract_events(doc))
        return doc


@Language.factory("newsgraph_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder()
