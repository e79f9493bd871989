"""spaCy adapter: the ``newsgraph_places`` component fills the Doc's "places" section."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract import sections
from newsgraph.extract.places.core import places_from_doc
from newsgraph.extract.places.gazetteer import load_gazetteer


@Language.factory("newsgraph_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


class PlacesComponent:
    """Geoparses the Doc: toponyms resolved to the offline GeoNames-based gazetteer."""

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        sections.set_section(doc, "places", places_from_doc(doc, self.gazetteer))
        return doc
