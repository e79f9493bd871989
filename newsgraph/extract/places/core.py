"""Geoparsing: find place names in a parsed text and resolve each to a gazetteer entry.

Detection takes spaCy's GPE, LOC and FAC entities, nationality and continental adjectives (NORP),
entities the recogniser mislabelled that are wholly a known place, and capitalised proper-noun runs
that the gazetteer knows as a continent, country, region or large city. Resolution scores every reading
of a name by its prior (population, feature type, curated aliases) plus context: the countries and
regions the article names, and a following ", Region" or ", Country" that contains it ("Paris, Texas").
A place that is the subject of a speech or action verb ("Minsk said") stands for its government: it is
still reported, marked ``metonym``. See docs/places.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import ENT_TYPE, IDX, LENGTH, POS, TAG
from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Doc, Span

from newsgraph.extract.places.gazetteer import (
    Gazetteer,
    Place,
    Reading,
    data_rows,
    distance_km,
    load_gazetteer,
    normalise,
)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SCANNED_ENTITY_LABELS = {"", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
MAX_SCAN_TOKENS = 4
MIN_SCAN_PRIOR = 5.0  # capitalised words outside entities count only as well-known places
FOCUS_BONUS = 2.0
SHARE_BONUS = 2.0
REGION_FOCUS_BONUS = 2.0
CONTAINER_BONUS = 5.0
CONTAINED_WITHIN_KM = 600.0
LEADING_WORDS = {"the"}
TRAILING_GENERIC_WORDS = {"state", "province", "region", "oblast", "governorate", "prefecture"}
# A one-word name the gazetteer does not know is kept only after one of these ("in Guhdar"); alone it is
# more often a person or an organisation that the entity recogniser took for a place.
LOCATIVE_PREPOSITIONS = frozenset(
    "in at from near to across outside inside around into through toward towards throughout within between "
    "via off along over".split()
)
POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    span: Span
    readings: list[Reading]
    demonym: Place | None = None
    place: Place | None = None


@lru_cache(maxsize=1)
def metonymy_verbs() -> frozenset[str]:
    return frozenset(row[0] for row in data_rows("metonymy_verbs.tsv"))


def trim_span(span: Span, gaz: Gazetteer) -> Span | None:
    """The span without a leading "the", a trailing possessive ending, or a trailing "State" or
    "province" after a known name that is not part of it ("Sichuan province", "Kentucky State")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in LEADING_WORDS:
        start += 1
    while start < end and span.doc[end - 1].text in POSSESSIVE_ENDINGS:
        end -= 1
    doc = span.doc
    if end - start > 1 and doc[end - 1].lower_ in TRAILING_GENERIC_WORDS:
        if gaz.names.get(normalise(doc[start : end - 1].text)) and not gaz.names.get(normalise(doc[start:end].text)):
            end -= 1
    return doc[start:end] if start < end else None


def mistaken_entity(ent: Span, gaz: Gazetteer) -> bool:
    """An entity taken for something else that is wholly a known place: a "person" of several words
    naming a country or region ("Tamil Nadu said"), or any name right after a locative preposition
    ("born in Churchill", "from Waterloo")."""
    if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
        return False
    readings = gaz.lookup(ent.text)
    if ent.label_ == "PERSON" and len(ent) > 1 and any(r.place.feature in ("country", "admin1") for r in readings):
        return True
    return bool(readings) and ent.start > 0 and ent.doc[ent.start - 1].lower_ in LOCATIVE_PREPOSITIONS


def entity_mentions(doc: Doc, gaz: Gazetteer, entities: tuple[Span, ...] | None = None) -> list[Mention]:
    mentions = []
    for ent in doc.ents if entities is None else entities:
        if ent.label_ not in PLACE_LABELS and ent.label_ != "NORP" and not mistaken_entity(ent, gaz):
            continue
        span = trim_span(ent, gaz)
        if span is None:
            continue
        for part in split_on_commas(span, gaz):
            mention = make_mention(part, ent.label_, gaz)
            if mention.label != "NORP" or mention.demonym is not None:
                mentions.append(mention)
    return mentions


def split_on_commas(span: Span, gaz: Gazetteer) -> list[Span]:
    """ "Paris, Texas" tagged as one entity becomes two names when each part is a known place."""
    commas = [t.i for t in span if t.text == ","]
    if not commas or gaz.lookup(span.text):
        return [span]
    doc = span.doc
    bounds = [span.start, *commas, span.end]
    parts = [doc[a + (1 if a in commas else 0) : b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if all(len(p) and gaz.lookup(p.text) for p in parts):
        return parts
    return [span]


def make_mention(span: Span, label: str, gaz: Gazetteer) -> Mention:
    readings = gaz.lookup(span.text)
    demonym = None if readings else gaz.demonym(span.text)
    return Mention(span.start_char, span.end_char, span.text, label, span, readings, demonym)


@dataclass
class ScanColumns:
    """Per token, read once from the Doc's arrays: where it starts and ends in the text, its part of
    speech, whether a scanned run may hold it (not taken, not in an entity of another kind), whether it is
    capitalised, and whether a run may start with it."""

    text: str
    starts: list[int]
    ends: list[int]
    pos: list[int]
    free: list[bool]
    capitalised: list[bool]
    opens: list[bool]


def scanned_mentions(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Mention]:
    """Known places and nationality words in capitalised runs that the entity recogniser missed."""
    columns = scan_columns(doc, taken)
    free, capitalised = columns.free, columns.capitalised
    size = len(doc)
    mentions = []
    i = 0
    while i < size:
        found = None
        if free[i] and capitalised[i] and columns.opens[i]:  # what every run starting at token i needs
            for n in range(min(MAX_SCAN_TOKENS, size - i), 0, -1):
                if capitalised[i + n - 1] and all(free[i : i + n]):
                    found = scanned_mention(doc, columns, i, i + n, gaz)
                    if found:
                        break
        if found:
            mentions.append(found)
            i = found.span.end
        else:
            i += 1
    return mentions


def scan_columns(doc: Doc, taken: set[int]) -> ScanColumns:
    strings = doc.vocab.strings
    text = doc.text
    ent_type, pos, tag, starts, lengths = doc.to_array([ENT_TYPE, POS, TAG, IDX, LENGTH]).reshape(-1, 5).T
    free = numpy.zeros(len(ent_type), dtype=bool)
    for label in SCANNED_ENTITY_LABELS:
        free |= ent_type == (strings[label] if label else 0)
    free_list = free.tolist()
    for i in taken:
        free_list[i] = False
    starts_list = starts.tolist()
    return ScanColumns(
        text=text,
        starts=starts_list,
        ends=(starts + lengths).tolist(),
        pos=pos.tolist(),
        free=free_list,
        capitalised=capitalised_at(text, starts_list),
        opens=((pos == PROPN) | (pos == ADJ) | (tag == strings["NNP"])).tolist(),
    )


def capitalised_at(text: str, starts: list[int]) -> list[bool]:
    """Whether the character at each offset is a capital (as ``str.isupper``), looked up in an array of
    the text's code points; offsets past the end read as not capitalised."""
    if not text.isascii():
        return [text[start : start + 1].isupper() for start in starts]
    codes = numpy.frombuffer(text.encode("ascii"), dtype=numpy.uint8)
    at = numpy.asarray(starts, dtype=numpy.int64)
    inside = at < len(codes)
    first = codes[numpy.where(inside, at, 0)] if len(codes) else numpy.zeros(len(at), dtype=numpy.uint8)
    return (inside & (first >= ord("A")) & (first <= ord("Z"))).tolist()


def scanned_mention(doc: Doc, columns: ScanColumns, start: int, end: int, gaz: Gazetteer) -> Mention | None:
    """The mention of tokens [start, end) if they name a known place or nationality; the Span is made
    only then (the text of the tokens is the Doc's text between their offsets)."""
    text = columns.text[columns.starts[start] : columns.ends[end - 1]]
    readings = gaz.lookup(text)
    demonym = None if readings else gaz.demonym(text)
    first_pos = columns.pos[start]
    if demonym is not None and first_pos in (ADJ, PROPN, NOUN):
        return make_mention(doc[start:end], "SCAN", gaz)
    if end - start == 1 and first_pos != PROPN and doc[start].is_sent_start:
        return None
    if readings and max(r.prior for r in readings) >= MIN_SCAN_PRIOR:
        return make_mention(doc[start:end], "SCAN", gaz)
    return None


def contains(container: Place, place: Place) -> bool:
    """Whether a country or region plausibly contains a place."""
    if container.feature == "country":
        return place.country == container.country and place.feature != "country"
    if container.feature != "admin1" or place.country != container.country or place.feature != "city":
        return False
    if place.admin1 and container.admin1:
        return place.admin1 == container.admin1
    return distance_km(place.lat, place.lon, container.lat, container.lon) <= CONTAINED_WITHIN_KM


def container_after(mention: Mention, following: Mention | None) -> list[Place]:
    """The readings of a name written right after this one and a comma ("Paris, Texas")."""
    if following is None or following.start - mention.end > 3:
        return []
    gap = mention.span.doc.text[mention.end : following.start]
    if gap.strip() != ",":
        return []
    return [r.place for r in following.readings if r.place.feature in ("country", "admin1")]


@dataclass
class Focus:
    """What the article is about: how often it names each country, and the regions it names."""

    countries: Counter[str]
    regions: dict[str, Place]  # region resolved from a name (normalised) -> the region

    def bonus(self, place: Place, name: str = "") -> float:
        total = sum(self.countries.values())
        others = self.countries[place.country] - (1 if place.feature == "country" else 0)
        score = 0.0
        if place.country and others > 0:
            score += FOCUS_BONUS * min(1.0, others / 2) + SHARE_BONUS * others / total
        # A region does not vouch for its namesake city ("Quebec" the province for Québec the city).
        regions = [region for key, region in self.regions.items() if key != name]
        if place.feature == "city" and any(contains(region, place) for region in regions):
            score += REGION_FOCUS_BONUS
        return score


def country_counts(mentions: list[Mention]) -> Counter[str]:
    """How often the article names each country, directly or by an unambiguous place in it (an ambiguous
    name does not count, or "London" would vote for the London it already prefers)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        countries = {r.place.country for r in m.readings if r.place.country}
        if m.demonym is not None:
            counts[m.demonym.country] += 1
        elif len(countries) == 1:
            counts[countries.pop()] += 1
    return counts


def resolve(mention: Mention, focus: Focus, containers: list[Place]) -> Place | None:
    if mention.demonym is not None:
        return mention.demonym
    best, best_score = None, float("-inf")
    name = normalise(mention.text)
    for reading in mention.readings:
        score = reading.prior + focus.bonus(reading.place, name)
        if any(contains(c, reading.place) for c in containers):
            score += CONTAINER_BONUS
        if score > best_score:
            best, best_score = reading.place, score
    return best


def resolve_all(mentions: list[Mention], focus: Focus) -> None:
    for i, mention in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        mention.place = resolve(mention, focus, container_after(mention, following))


def is_metonym(span: Span) -> bool:
    """A place name as the subject (or one of joined subjects) of a speech or action verb stands for its
    government: "Minsk said", "the EU and the U.S. imposed"."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in metonymy_verbs()


def place_record(index: int, mention: Mention) -> dict[str, Any]:
    place = mention.place
    return {
        "id": f"p{index}",
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "name": place.name if place else mention.text,
        "country": (place.country or None) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "feature": place.feature if place else "other",
        "metonym": is_metonym(mention.span),
        "demonym": mention.demonym is not None,
    }


def is_place_mention(mention: Mention, gaz: Gazetteer) -> bool:
    """Leave out nationality nouns in the plural ("Belarusians" are people, an actor's business) and
    unknown one-word names not introduced by a locative preposition."""
    if mention.demonym is not None:
        word = normalise(mention.text)
        return word in gaz.demonyms or word in gaz.continent_adjectives
    if mention.readings or len(mention.span) > 1:
        return True
    start = mention.span.start
    return start > 0 and mention.span.doc[start - 1].lower_ in LOCATIVE_PREPOSITIONS


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    entities = doc.ents  # a new tuple of Spans at each access: read once
    mentions = entity_mentions(doc, gaz, entities)
    taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
    taken |= {i for ent in entities if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
    mentions += scanned_mentions(doc, gaz, taken)
    return sorted((m for m in mentions if is_place_mention(m, gaz)), key=lambda m: m.start)


def places_from_doc(doc: Doc, gaz: Gazetteer | None = None) -> list[dict[str, Any]]:
    """The places a text names, in text order, as ``places`` records of the contract."""
    gaz = gaz or load_gazetteer()
    mentions = find_mentions(doc, gaz)
    focus = Focus(country_counts(mentions), {})
    resolve_all(mentions, focus)
    # Second pass: cities in the regions the first pass found ("Edmonton" in an article about Kentucky).
    focus.regions = {normalise(m.text): m.place for m in mentions if m.place and m.place.feature == "admin1"}
    if focus.regions:
        resolve_all(mentions, focus)
    return [place_record(i, m) for i, m in enumerate(mentions, start=1)]
