"""spaCy adapter: the ``newsgraph_actors`` component sets the "actors" and "entities" sections and the
actor mention index that quotations and events read through ``sections.mention_at``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract import sections
from newsgraph.extract.actors.core import analyse_actors, entities_with_actors
from newsgraph.extract.actors.kb import KnowledgeBase, load_kb
from newsgraph.extract.entities import entities_from_doc


class ActorsComponent:
    """Codes the actors of each Doc with a knowledge base made of the configured dictionaries."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        date = sections.reference_date(doc)
        actors, index = analyse_actors(doc, self.kb, date, sections.get_section(doc, "places"))
        sections.set_actor_mentions(doc, index)
        sections.set_section(doc, "actors", actors)
        sections.set_section(doc, "entities", entities_with_actors(entities_from_doc(doc), index))
        return doc


@Language.factory("newsgraph_actors", default_config={"dictionaries": ["builtin"]})
def make_actors(nlp: Language, name: str, dictionaries: list[str]) -> ActorsComponent:
    """``dictionaries``: "builtin" (ours), folders of tables in our format, or PETRARCH/TABARI
    ``.txt`` actor and agent dictionaries, combined in the order given."""
    return ActorsComponent(load_kb(tuple(dictionaries)))
