"""Actors in one article: every mention that names a political actor, linked to a CAMEO code.

Pure functions over the spaCy ``Doc`` and the reference date. Mentions are found from the knowledge
base (names, titles, countries, demonyms, metonyms, organisations, role words), then linked inside the
article by rules ordered by evidence: a full name, a title attached to a name, a surname or a title that
points back to someone introduced earlier, a pronoun to the nearest compatible person, "his
counterpart" to the other party of the meeting. Each mention records ``how`` it was linked.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from newsgraph.extract.actors.coref import link_people
from newsgraph.extract.actors.kb import KnowledgeBase
from newsgraph.extract.actors.lexicon import lexicon_for
from newsgraph.extract.actors.spans import (
    Context,
    Mention,
    acts,
    add_mention,
    country_name,
    inside_proper,
    is_locative,
    link_group,
    used_as_noun,
)


def link_groups(ctx: Context) -> None:
    """Role words for bodies ("the government", "the media", "the police") not already used as titles."""
    for hit in ctx.hits:
        if hit.kind == "role" and ctx.kb.roles[hit.key].kind != "person" and not inside_proper(ctx, hit):
            if (hit.start, hit.end) not in ctx.consumed:
                link_group(ctx, hit)


def link_proper_names(ctx: Context) -> None:
    """Countries (not as places), demonyms, capitals acting for their government, organisations and
    metonyms such as "the Kremlin"."""
    doc, kb = ctx.doc, ctx.kb
    for hit in ctx.hits:
        if (hit.start, hit.end) in ctx.consumed:
            continue
        if hit.kind == "country":
            name = country_name(kb, hit.key)
            add_mention(ctx, hit.start, hit.end, "country", "code:" + hit.key, hit.key, name, "country")
            ctx.mentions[-1].place = is_locative(doc, hit.start, hit.end)
        elif hit.kind == "adjective" and used_as_noun(doc, hit.start, hit.end):
            name = country_name(kb, hit.key)
            add_mention(ctx, hit.start, hit.end, "demonym", "code:" + hit.key, hit.key, name, "country")
        elif hit.kind == "demonym":
            name = country_name(kb, hit.key)
            add_mention(ctx, hit.start, hit.end, "demonym", "code:" + hit.key, hit.key, name, "country")
        elif hit.kind == "capital" and acts(doc, hit.start, hit.end):
            code, name = hit.key + "GOV", "Government of " + country_name(kb, hit.key)
            add_mention(ctx, hit.start, hit.end, "metonym", "code:" + code, code, name, "group")
        elif hit.kind == "org":
            org = kb.organisations[int(hit.key)]
            add_mention(ctx, hit.start, hit.end, "name", "org:" + org.name, org.code, org.name, "org")
        elif hit.kind == "metonym":
            named = kb.metonyms[int(hit.key)]
            add_mention(ctx, hit.start, hit.end, "metonym", "code:" + named.code, named.code, named.name, "group")


def find_mentions(doc: Doc, kb: KnowledgeBase, date: str | None, places: list[dict[str, Any]]) -> list[Mention]:
    """Every actor mention in the article, linked, in text order, without overlaps."""
    ctx = Context(doc, kb, date, lexicon_for(kb).find(doc.text), places)
    link_people(ctx)
    link_groups(ctx)
    link_proper_names(ctx)
    kept: list[Mention] = []
    for mention in sorted(ctx.mentions, key=lambda m: (m.start, -m.end)):
        if not any(k.start < mention.end and mention.start < k.end for k in kept):
            kept.append(mention)
    return kept


def actors_and_mentions(doc: Doc, mentions: list[Mention]) -> tuple[list[dict], list[dict]]:
    """Contract ``actors`` records (one per linked actor, numbered by first mention) and the mention
    index that later components read through ``sections.mention_at``."""
    actors: dict[str, dict[str, Any]] = {}
    index = []
    for mention in mentions:
        actor = actors.get(mention.key)
        if actor is None:
            actor = actors[mention.key] = {
                "id": f"a{len(actors) + 1}",
                "code": mention.code,
                "name": mention.name,
                "country": mention.country,
                "sector": mention.sector,
                "kind": mention.kind,
                "mentions": [],
                "how": [],
            }
        actor["mentions"].append([mention.start, mention.end])
        actor["how"].append(mention.how)
        index.append(
            {
                "start": mention.start,
                "end": mention.end,
                "text": doc.text[mention.start : mention.end],
                "actor": actor["code"],
                "actor_id": actor["id"],
                "name": actor["name"],
                "how": mention.how,
                "kind": mention.kind,
                "country": mention.country,
                "sector": mention.sector,
                "place": mention.place,
            }
        )
    return list(actors.values()), index


def entities_with_actors(entities: list[dict[str, Any]], index: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entity records with ``actor`` set to the code of the mention that covers or lies inside them (a
    place or group named inside a person's title, "President of Russia", keeps no actor)."""
    filled = []
    for entity in entities:
        covering = [
            m
            for m in index
            if (m["start"] <= entity["start"] and entity["end"] <= m["end"] and compatible(entity, m))
            or (entity["start"] <= m["start"] and m["end"] <= entity["end"])
        ]
        best = max(covering, key=lambda m: m["end"] - m["start"], default=None)
        filled.append({**entity, "actor": best["actor"] if best else entity.get("actor")})
    return filled


def compatible(entity: dict[str, Any], mention: dict[str, Any]) -> bool:
    return mention["kind"] != "person" or entity.get("label") == "PERSON"


def analyse_actors(
    doc: Doc, kb: KnowledgeBase, date: str | None, places: list[dict[str, Any]] | None = None
) -> tuple[list[dict], list[dict]]:
    """(actors, mention index) for one article on its reference date."""
    return actors_and_mentions(doc, find_mentions(doc, kb, date, places or []))
