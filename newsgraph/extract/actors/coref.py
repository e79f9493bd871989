"""Linking people inside an article: names, titles, pronouns and "counterpart", in text order.

Rules ordered by evidence: a full name; a title next to a name gives that person's office; a surname or
a title without a name goes back to the most recent compatible person (else the office holder on the
reference date); a pronoun goes to the nearest compatible person (subjects first); "his counterpart"
goes to the other party of the meeting. Each mention records ``how`` it was linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.extract.actors.spans import (
    COUNTERPART_PATTERN,
    HONORIFIC,
    PRONOUN_GENDER,
    PRONOUN_PATTERN,
    PRONOUN_REACH,
    PRONOUNS,
    TITLE_GAP,
    Context,
    PersonState,
    Title,
    add_mention,
    country_before,
    country_name,
    inside_proper,
    is_subject,
    link_group,
    person_hits,
    sentence_index,
    span_of,
    title_of,
)


@dataclass
class Seen:
    """A person mention already linked, as a candidate antecedent."""

    start: int
    end: int
    key: str
    subject: bool
    sentence: int


def person_state(ctx: Context, name: str) -> PersonState:
    """The article's record of a knowledge-base person, created with the office held on the date."""
    key = "person:" + name
    if key not in ctx.persons:
        person = ctx.kb.people[name]
        offices = person.offices_on(ctx.date)
        ctx.persons[key] = PersonState(key, name, person.code_on(ctx.date), person.country, offices)
    return ctx.persons[key]


def unknown_person(ctx: Context, start: int, end: int) -> PersonState:
    """A person spaCy found who is not in the knowledge base; a bare surname joins an earlier full name."""
    text = ctx.doc.text[start:end]
    for state in ctx.persons.values():
        if state.key.startswith("newperson:") and (state.name == text or state.name.split()[-1] == text):
            return state
    state = ctx.persons["newperson:" + text] = PersonState("newperson:" + text, text, "", None)
    return state


def give_title(ctx: Context, state: PersonState, title: Title) -> None:
    """A title next to a name tells us the person's office and, for an unknown person, the code."""
    role = ctx.kb.roles[title.hit.key]
    if role.office:
        state.offices.add(role.office)
    if state.country is None and title.country:
        state.country = title.country
    if state.country is None and not state.code and role.kind == "person":
        state.country = sole_country(ctx, title.start)
    if not state.code and role.sector:
        state.code = (state.country or "") + role.sector
    ctx.consumed.add((title.hit.start, title.hit.end))


def sole_country(ctx: Context, char: int) -> str | None:
    """The only country the sentence around ``char`` names (by name, adjective, demonym or capital),
    taken as the country of a titled person whose title names none ("President Omar al-Bashir ...
    in Sudan")."""
    span = span_of(ctx.doc, char, char + 1)
    if span is None or not len(span):
        return None
    sent = span[0].sent
    kinds = ("country", "adjective", "demonym", "capital")
    found = {h.key for h in ctx.hits if h.kind in kinds and sent.start_char <= h.start < sent.end_char}
    return found.pop() if len(found) == 1 else None


def record_person(ctx: Context, seen: list[Seen], start: int, end: int, state: PersonState, how: str) -> None:
    seen.append(Seen(start, end, state.key, is_subject(ctx.doc, start, end), sentence_index(ctx.doc, start)))
    if state.code:
        add_mention(ctx, start, end, how, state.key, state.code, state.name, "person")


def name_items(ctx: Context) -> list[tuple[int, int, str, PersonState]]:
    """Person names: knowledge-base names and aliases, then other PERSON entities."""
    items = []
    for hit in person_hits(ctx):
        alias = ctx.doc.text[hit.start : hit.end]
        how = "surname" if " " not in alias and alias != hit.key else "name"
        items.append((hit.start, hit.end, how, person_state(ctx, hit.key)))
    taken = [(h.start, h.end) for h in ctx.hits if h.kind != "role"]
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON":
            continue
        if not any(s < ent.end_char and ent.start_char < e for s, e in taken):
            state = unknown_person(ctx, ent.start_char, ent.end_char)
            how = "name" if state.name == ent.text else "surname"
            items.append((ent.start_char, ent.end_char, how, state))
    return sorted(items, key=lambda item: item[0])


def titles(ctx: Context) -> list[Title]:
    """Role words used of one person (titles), with their country, in text order."""
    found = []
    for hit in ctx.hits:
        if hit.kind == "role" and ctx.kb.roles[hit.key].kind == "person" and not inside_proper(ctx, hit):
            found.append(title_of(ctx, hit))
    return found


def link_people(ctx: Context) -> None:
    """One pass in text order over names, titles, pronouns and "counterpart", linking each to a person."""
    names = name_items(ctx)
    all_titles = titles(ctx)
    for title in all_titles:
        following = next((n for n in names if n[0] >= title.end), None)
        if following and TITLE_GAP.match(ctx.doc.text[title.end : following[0]]):
            give_title(ctx, following[3], title)
    items: list[tuple[int, str, Any]] = [(n[0], "name", n) for n in names]
    items += [(t.start, "title", t) for t in all_titles if (t.hit.start, t.hit.end) not in ctx.consumed]
    items += [(m.start(), "pronoun", m) for m in PRONOUN_PATTERN.finditer(ctx.doc.text)]
    items += [(m.start(), "counterpart", m) for m in COUNTERPART_PATTERN.finditer(ctx.doc.text)]
    seen: list[Seen] = []
    for _, kind, item in sorted(items, key=lambda i: i[0]):
        if kind == "name":
            honorific = HONORIFIC.search(ctx.doc.text[max(0, item[0] - 8) : item[0]])
            if honorific and item[3].gender is None:
                item[3].gender = "m" if honorific.group(1) else "f"
            record_person(ctx, seen, item[0], item[1], item[3], item[2])
        elif kind == "title":
            link_title(ctx, seen, item)
        elif kind == "pronoun":
            link_pronoun(ctx, seen, item.start(), item.end())
        else:
            link_counterpart(ctx, seen, item.start(), item.end())


def most_recent(seen: list[Seen], test) -> Seen | None:
    return next((s for s in reversed(seen) if test(s)), None)


def link_title(ctx: Context, seen: list[Seen], title: Title) -> None:
    """A title without a name: the most recent compatible holder in the article, else the holder on the
    reference date from the knowledge base, else a generic actor for the office."""
    role = ctx.kb.roles[title.hit.key]
    office, country = role.office, title.country
    if title.hit.plural:
        if not office:
            link_group(ctx, title.hit, title)
        return
    if not office:
        if country:
            link_group(ctx, title.hit, title)
        return

    def compatible(s: Seen) -> bool:
        state = ctx.persons[s.key]
        return office in state.offices and (country is None or state.country == country)

    found = most_recent(seen, compatible)
    if found:
        record_person(ctx, seen, title.start, title.end, ctx.persons[found.key], "title")
        return
    holders = ctx.kb.holders(country, office, ctx.date) if country else []
    if holders:
        record_person(ctx, seen, title.start, title.end, person_state(ctx, holders[0].name), "title")
    elif country:
        name = f"{role.phrase.title()} of {country_name(ctx.kb, country)}"
        add_mention(
            ctx, title.start, title.end, "role", "code:" + country + role.sector, country + role.sector, name, "person"
        )


def link_pronoun(ctx: Context, seen: list[Seen], start: int, end: int) -> None:
    """he/she: the nearest preceding subject in the sentence, else the nearest person in it, else the
    latest subject of the previous sentences; his/him/her: the nearest person before it in the sentence,
    else the latest subject before. Only people of a compatible gender (known from an honorific or an
    earlier pronoun) are candidates."""
    sentence = sentence_index(ctx.doc, start)
    sentences = sorted({s.sentence for s in seen})
    reach = sentences[-PRONOUN_REACH:] if sentences else []
    before = [s for s in seen if s.end <= start and (s.sentence == sentence or s.sentence in reach)]
    here = [s for s in before if s.sentence == sentence]
    word = ctx.doc.text[start:end].lower()
    role, gender = PRONOUNS[word], PRONOUN_GENDER[word]
    before = [s for s in before if ctx.persons[s.key].gender in (None, gender)]
    here = [s for s in here if ctx.persons[s.key].gender in (None, gender)]
    found = None
    if role == "subject":
        found = most_recent(here, lambda s: s.subject)
    found = found or most_recent(here, lambda s: True)
    found = found or most_recent(before, lambda s: s.subject) or most_recent(before, lambda s: True)
    if found:
        state = ctx.persons[found.key]
        state.gender = state.gender or gender
        record_person(ctx, seen, start, end, state, "pronoun")


def link_counterpart(ctx: Context, seen: list[Seen], start: int, end: int) -> None:
    """The other party of the meeting for "his (Belarusian) counterpart": a person of another country."""
    owner = most_recent(seen, lambda s: s.end <= start)
    adjective = country_before(ctx, start)
    country = adjective.key if adjective else None
    if adjective:
        start = adjective.start
        ctx.consumed.add((adjective.start, adjective.end))
    owner_state = ctx.persons[owner.key] if owner else None

    def other(s: Seen) -> bool:
        state = ctx.persons[s.key]
        if owner_state and (state.key == owner_state.key or state.country == owner_state.country):
            return False
        return country is None or state.country == country

    found = most_recent([s for s in seen if s.end <= start], other)
    if found is None and country and owner_state:
        holders = [ctx.kb.holders(country, office, ctx.date) for office in owner_state.offices]
        person = next((h[0] for h in holders if h), None)
        if person:
            record_person(ctx, seen, start, end, person_state(ctx, person.name), "counterpart")
        return
    if found:
        record_person(ctx, seen, start, end, ctx.persons[found.key], "counterpart")
