"""Shared pieces of actor resolution: mentions, the per-article context, syntax tests on spans,
countries tied to role words, and group mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsgraph.extract.actors.kb import KnowledgeBase
from newsgraph.extract.actors.lexicon import Hit

# CAMEO codes that may start an actor code but are not countries: roles and international codes.
NON_COUNTRY_CODES = {
    "GOV", "MIL", "COP", "OPP", "REB", "CVL", "MED", "BUS", "JUD", "LEG", "EDU", "HRI", "REF", "ELI", "SPY",
    "PTY", "LAB", "AGR", "DEV", "HLH", "ENV", "CRM", "UAF", "IGO", "NGO", "IMG", "MNC", "PRO", "REL", "SET",
    "MOD", "RAD", "AFR", "ASA", "EUR", "LAM", "MEA", "NAF", "WAF", "EAF", "SAF", "CAF", "CAS", "SAS", "SEA",
    "BAL", "BLK", "CRB", "CAU", "SCN", "WST", "NMR",
}  # fmt: skip
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
LOCATIVE_PREPS = {"in", "at", "into", "across", "throughout", "near", "inside", "around", "within", "outside"}
SPEECH_OR_ACTION_POS = {"VERB", "AUX"}
PRONOUNS = {"he": "subject", "she": "subject", "him": "object", "his": "possessive", "her": "possessive"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
HONORIFIC = re.compile(r"\b(?:(Mr|Sir|Lord|Mister)|(Mrs|Ms|Miss|Madam|Lady))\.?\s+$")
PRONOUN_PATTERN = re.compile(r"\b(?:he|she|him|his|her)\b", re.IGNORECASE)
COUNTERPART_PATTERN = re.compile(r"\bcounterparts?\b", re.IGNORECASE)
POSSESSIVE_GAP = re.compile(r"^(?:'s|’s|'|’)?\s+$")
TITLE_GAP = re.compile(r"^[\s,]{1,3}$")
PRONOUN_REACH = 3  # sentences back a pronoun may reach


@dataclass
class Mention:
    start: int
    end: int
    how: str
    key: str  # which actor: "person:<name>" or "code:<code>:<name>"
    code: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | country | group | org
    place: bool = False  # a country named as a place ("in Belarus"): an actor mention, flagged


@dataclass
class PersonState:
    """What the article has told us about one person so far."""

    key: str
    name: str
    code: str
    country: str | None
    offices: set[str] = field(default_factory=set)
    gender: str | None = None  # "m" or "f", from an honorific or the first pronoun linked to them


@dataclass
class Context:
    doc: Doc
    kb: KnowledgeBase
    date: str | None
    hits: list[Hit]
    places: list[dict[str, Any]]
    mentions: list[Mention] = field(default_factory=list)
    persons: dict[str, PersonState] = field(default_factory=dict)
    consumed: set[tuple[int, int]] = field(default_factory=set)


def split_code(code: str, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO code: a leading country code (one of ours, or any three letters that
    are not a CAMEO role or international code), then the first role code."""
    first = code[:3]
    if first in kb.countries or (len(first) == 3 and first not in NON_COUNTRY_CODES):
        return first, (code[3:6] or None)
    return None, first or None


def country_name(kb: KnowledgeBase, code: str) -> str:
    country = kb.countries.get(code)
    if country:
        return country.name
    return next((o.name for o in kb.organisations if o.kind == "country" and o.code == code), code)


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def is_subject(doc: Doc, start: int, end: int) -> bool:
    span = span_of(doc, start, end)
    if span is None:
        return False
    root = span.root
    return root.dep_ in SUBJECT_DEPS or (root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS)


def is_locative(doc: Doc, start: int, end: int) -> bool:
    """The span is the object of a place preposition ("in Belarus", "arrived in Russia")."""
    span = span_of(doc, start, end)
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def used_as_noun(doc: Doc, start: int, end: int) -> bool:
    """A nationality adjective standing alone for a person ("a Palestinian was wounded")."""
    span = span_of(doc, start, end)
    if span is None:
        return False
    root = span.root
    return root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("amod", "compound", "nmod")


def acts(doc: Doc, start: int, end: int) -> bool:
    """The span is the subject (or possessor) of something, as a capital standing for its government."""
    span = span_of(doc, start, end)
    if span is None:
        return False
    root = span.root
    if root.dep_ == "poss":
        return True
    return is_subject(doc, start, end) and root.head.pos_ in SPEECH_OR_ACTION_POS


def sentence_index(doc: Doc, char: int) -> int:
    span = span_of(doc, char, min(char + 1, len(doc.text)))
    return span[0].sent.start if span is not None and len(span) else 0


def add_mention(ctx: Context, start: int, end: int, how: str, key: str, code: str, name: str, kind: str) -> None:
    country, sector = split_code(code, ctx.kb)
    ctx.mentions.append(Mention(start, end, how, key, code, name, country, sector, kind))


def country_before(ctx: Context, start: int) -> Hit | None:
    """A country name, adjective or demonym right before ``start`` ("Russian President", "Russia's")."""
    text = ctx.doc.text
    for hit in ctx.hits:
        if hit.kind in ("country", "adjective") and hit.end <= start and start - hit.end <= 4:
            if POSSESSIVE_GAP.match(text[hit.end : start]):
                return hit
    return None


def country_after(ctx: Context, end: int) -> Hit | None:
    """A country right after ``end`` through "of (the)" ("President of the Republic of Belarus")."""
    match = re.match(r"\s+of\s+(?:the\s+)?", ctx.doc.text[end:], re.IGNORECASE)
    if not match:
        return None
    return next((h for h in ctx.hits if h.kind == "country" and h.start == end + match.end()), None)


def place_country_after(ctx: Context, end: int) -> tuple[str, int] | None:
    """The country of a place named right after "in" ("protesters in Minsk")."""
    match = re.match(r"\s+in\s+", ctx.doc.text[end:])
    if not match:
        return None
    start = end + match.end()
    for hit in ctx.hits:
        if hit.start == start and hit.kind in ("capital", "country"):
            return hit.key, hit.end
    for place in ctx.places:
        if place.get("start") == start and place.get("country"):
            return place["country"], place["end"]
    return None


def role_country(ctx: Context, hit: Hit) -> tuple[str | None, int, int]:
    """The country a role word is tied to, and the widened span [start, end) of the whole title."""
    before = country_before(ctx, hit.start)
    if before:
        ctx.consumed.add((before.start, before.end))
        return before.key, before.start, hit.end
    after = country_after(ctx, hit.end)
    if after:
        ctx.consumed.add((after.start, after.end))
        return after.key, hit.start, after.end
    return None, hit.start, hit.end


def person_hits(ctx: Context) -> list[Hit]:
    return [h for h in ctx.hits if h.kind == "person"]


def is_role_head(doc: Doc, hit: Hit) -> bool:
    """The role word heads its noun phrase (not "press conference", "military support")."""
    span = span_of(doc, hit.start, hit.end)
    if span is None or not len(span):
        return False
    root = span.root
    return root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("compound", "amod")


@dataclass
class Title:
    """A role word used as a title: its widened span, country and whether it names someone next to it."""

    hit: Hit
    start: int
    end: int
    country: str | None


def title_of(ctx: Context, hit: Hit) -> Title:
    country, start, end = role_country(ctx, hit)
    if start == hit.start and start >= 4 and ctx.doc.text[start - 4 : start].lower() == "the ":
        start -= 4
    return Title(hit, start, end, country)


def inside_proper(ctx: Context, hit: Hit) -> bool:
    return any(h.kind != "role" and h.start <= hit.start and hit.end <= h.end for h in ctx.hits)


def link_group(ctx: Context, hit: Hit, title: Title | None = None) -> None:
    """A role word for a group or an unnamed member of one ("the media", "protesters in Minsk",
    "citizens of Belarus"): the country it is tied to, if any, plus the role's sector."""
    if not is_role_head(ctx.doc, hit):
        return
    title = title or title_of(ctx, hit)
    country = title.country
    if country is None:
        in_place = place_country_after(ctx, hit.end)
        country = in_place[0] if in_place else None
    role = ctx.kb.roles[hit.key]
    if country is None and role.kind == "national":
        return
    code = (country or "") + role.sector
    name = ctx.doc.text[title.start : title.end]
    name = name[4:] if name.lower().startswith("the ") else name
    key = "code:" + code if country else "role:" + role.phrase
    add_mention(ctx, title.start, title.end, "role", key, code, name, "group")
