"""Who a speaker is: the actors component's answer when it ran, else a small in-article resolution.

The fallback knows three things only: a surname names the person introduced earlier with that surname
("Putin" → "Vladimir Putin"); a personal pronoun names the nearest person before it who was a subject
or a speaker; an office ("the President of Belarus") names the person introduced earlier with a
compatible title ("President of the Republic of Belarus Alexander Lukashenko").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.sections import mention_at

PRONOUNS = {"he", "she", "him", "her"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
TITLE_TOKEN_TAGS = {"PROPN", "NOUN", "ADJ"}
TITLE_LINKS = {"of", "the"}


@lru_cache(maxsize=1)
def office_titles() -> frozenset[str]:
    """The office titles of ``data/quotes/titles.tsv``, lower case."""
    raw = resources.files("newsgraph.data").joinpath("quotes/titles.tsv").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


@dataclass
class Person:
    """A person introduced in the article: full name, title words before it, and where it is mentioned."""

    name: str
    start: int
    end: int
    title: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PeopleIndex:
    """The article's people, by surname, with the positions of the subjects and speakers among them."""

    people: list[Person]
    subjects: list[tuple[int, Person]]

    def by_surname(self, surname: str) -> Person | None:
        return next((p for p in self.people if p.name.split()[-1].lower() == surname.lower()), None)

    def last_subject_before(self, position: int) -> Person | None:
        earlier = [(at, p) for at, p in self.subjects if at < position]
        return max(earlier, key=lambda item: item[0])[1] if earlier else None

    def add_subject(self, position: int, person: Person) -> None:
        self.subjects.append((position, person))


def title_words(doc: Doc, ent: Span) -> list[str]:
    """Lower-case words of the title written just before a name ("Russian President", "President of …")."""
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and (doc[i].pos_ in TITLE_TOKEN_TAGS or doc[i].lower_ in TITLE_LINKS) and ent.start - i <= 10:
        words.insert(0, doc[i].lower_)
        i -= 1
    while words and words[0] in TITLE_LINKS:
        words.pop(0)
    return words


def index_people(doc: Doc) -> PeopleIndex:
    """Every PERSON entity grouped under the longest name that ends with its surname."""
    people: list[Person] = []
    subjects: list[tuple[int, Person]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        surname = ent[-1].text.lower()
        person = next((p for p in people if p.name.split()[-1].lower() == surname), None)
        if person is None:
            person = Person(ent.text, ent.start_char, ent.end_char, title_words(doc, ent))
            people.append(person)
        elif len(ent) > len(person.name.split()):
            person.name, person.start, person.end = ent.text, ent.start_char, ent.end_char
        if not person.title:
            person.title = title_words(doc, ent)
        person.mentions.append((ent.start_char, ent.end_char))
        if ent.root.dep_ in SUBJECT_DEPS:
            subjects.append((ent.start_char, person))
    return PeopleIndex(people, subjects)


def compatible(qualifiers: list[str], title: list[str]) -> bool:
    """Every qualifier ("belarus", "russian") matches some title word by a shared stem."""
    return all(any(q[:5] == w[:5] and min(len(q), len(w)) >= 4 for w in title) for q in qualifiers)


def office_of(head: Token) -> tuple[str, list[str]] | None:
    """(office, qualifiers) when the speaker phrase is an office: "the President of Belarus" → (president, [belarus])."""
    office = head.lower_
    compounds = [c.lower_ for c in head.lefts if c.dep_ == "compound"]
    if compounds and f"{compounds[-1]} {office}" in office_titles():
        office = f"{compounds[-1]} {office}"
    if office not in office_titles():
        return None
    qualifiers = [c.lower_ for c in head.lefts if c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN")]
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
        qualifiers += [
            t.lower_ for t in prep.subtree if t.pos_ == "PROPN" and t.lower_ not in ("republic", "federation")
        ]
    return office, qualifiers


def resolve_office(index: PeopleIndex, office: str, qualifiers: list[str], position: int) -> Person | None:
    """The person with that office (and compatible qualifiers) mentioned last before ``position``."""
    candidates = [p for p in index.people if set(office.split()) <= set(p.title) and compatible(qualifiers, p.title)]
    mentioned = [(max((s for s, _ in p.mentions if s < position), default=-1), p) for p in candidates]
    mentioned = [(at, p) for at, p in mentioned if at >= 0]
    return max(mentioned, key=lambda item: item[0])[1] if mentioned else None


def full_name_before(head: Token) -> Person | None:
    """A proper name written in full earlier ("Olaf Scholz" … "Scholz"), when NER did not call it a person."""
    doc = head.doc
    for token in doc[: head.i + 1]:
        names = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if token.text == head.text and names:
            first = min(c.i for c in names)
            span = doc[first : token.i + 1]
            return Person(span.text, span.start_char, span.end_char, title_words(doc, span))
    return None


def resolve_person(index: PeopleIndex, head: Token, span: Span) -> Person | None:
    """The person a speaker phrase names, by pronoun, surname or office."""
    if head.lower_ in PRONOUNS:
        return index.last_subject_before(span.start_char)
    if head.pos_ == "PROPN":
        person = index.by_surname(head.text) or full_name_before(head)
        if person is not None:
            return person
    office = office_of(head)
    if office is not None:
        return resolve_office(index, office[0], office[1], span.start_char)
    return None


def speaker_record(doc: Doc, index: PeopleIndex, head: Token, span: Span) -> dict[str, Any]:
    """The contract's speaker dict for a speaker phrase; remembers the speaker for later pronouns."""
    record: dict[str, Any] = {"text": span.text, "start": span.start_char, "end": span.end_char}
    mention = mention_at(doc, head.idx, head.idx + len(head.text))
    person = resolve_person(index, head, span)
    if mention is None and person is not None:
        mention = mention_at(doc, person.start, person.end)
    name = (mention or {}).get("name") or (person.name if person else None)
    if name is None and head.pos_ == "PROPN":
        name = span.text
    record["actor"] = (mention or {}).get("actor")
    record["name"] = name
    if person is not None:
        index.add_subject(span.start_char, person)
    return record
