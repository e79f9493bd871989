"""The circumstances of an event: negation, modality, who reports it, when and where it happened."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.arrays import doc_memo
from newsgraph.extract.events.parties import subject_tokens
from newsgraph.extract.events.tables import cues
from newsgraph.extract.sections import get_section

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}(-WE)?)?")
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within"}


CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "parataxis"})


def clause_path(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root."""
    path = [token]
    while path[-1].head != path[-1]:
        path.append(path[-1].head)
    return path


def control_chain(token: Token) -> list[Token]:
    """The token and the verbs it is the controlled complement of ("was not going to [interfere]")."""
    chain = [token]
    while chain[-1].dep_ in ("xcomp", "auxpass") and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


def is_negated(trigger: Token) -> bool:
    """Negated by "not"/"never", by "without", by a "no" determiner, by "non-", or by a verb like "fail"."""
    negation = cues()["negation"]
    for node in control_chain(trigger):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
            return True
        if node != trigger and node.lemma_ in cues()["negating_verb"]:
            return True
    if trigger.dep_ in ("pcomp", "pobj") and trigger.head.lower_ == "without":
        return True
    previous = trigger.doc[max(trigger.i - 2, 0) : trigger.i]
    if any(t.lower_ == "non" for t in previous):
        return True
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.lower_ in negation and c.lower_ in ("no", "neither") for s in subjects for c in [s, *s.children])


def is_hypothetical(trigger: Token, reported: bool) -> bool:
    sent = trigger.sent
    sentence = trigger.doc.text[sent.start_char : sent.end_char].strip().rstrip("\"'”’ ")
    if sentence.endswith("?"):
        return True
    for node in clause_path(trigger):
        if any(c.dep_ == "mark" and c.lower_ in cues()["hypothetical_mark"] for c in node.children):
            return True
    for node in control_chain(trigger):
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in cues()["hypothetical_modal"]:
                return not (child.lower_ == "would" and reported)
    return False


def is_intended(trigger: Token) -> bool:
    for node in control_chain(trigger):
        if any(c.dep_ == "aux" and c.lower_ in cues()["intention_modal"] for c in node.children):
            return True
        if node != trigger and node.lemma_ in cues()["intention_verb"]:
            return True
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in trigger.children)


def reporter_of(trigger: Token) -> Token | None:
    """The speech verb that reports the clause holding the trigger: "X said that ...", "as X said",
    "according to X"."""
    speech = cues()["speech"]
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    for node in clause_path(trigger) + subjects:
        if node.dep_ == "ccomp" and node.head.lemma_ in speech:
            return node.head
        for child in node.children:
            if child.dep_ == "advcl" and child.lemma_ in speech and any(m.lower_ == "as" for m in child.children):
                return child
            if child.dep_ == "prep" and child.lower_ == "according":
                return child
    return None


def reporter_subjects(speech: Token) -> list[Token]:
    if speech.lower_ == "according":
        return [obj for prep in speech.children for obj in prep.children if obj.dep_ == "pobj"]
    return subject_tokens(speech)


def modality(trigger: Token, reported: bool) -> str:
    if is_hypothetical(trigger, reported):
        return "hypothetical"
    if is_intended(trigger):
        return "intended"
    return "reported" if reported else "asserted"


def span_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_head(token: Token) -> Token:
    """The verb (or noun, when there is none) a circumstantial phrase hangs from."""
    node = token.head
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        if node.dep_ == "prep" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        node = node.head
    return node


def argument_verb(token: Token) -> Token:
    """The verb a named argument belongs to: "received Orpo in Tallinn" attaches "in Tallinn" to
    Orpo in the parse, but a place phrase after a named person locates the act, not the person."""
    if token.pos_ == "PROPN" and token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        return token.head
    return token


def is_place_phrase(token: Token, own_prep: str | None) -> bool:
    """A phrase that says where ("at Stenbock House") rather than with whom, unless the pattern asks for it."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS and token.head.lower_ != own_prep


def located(doc: Doc, record: dict[str, Any]) -> Token | None:
    """The token a place hangs from when it names where something happened, else None."""
    root = span_root(doc, record["start"], record["end"])
    if root is None:
        return None
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return argument_verb(root.head.head)
    if root.dep_ == "dobj":
        return root.head
    return None


def nearest_on_path(path: list[Token], anchors: list[tuple[Token, dict[str, Any]]]) -> dict[str, Any] | None:
    for node in path:
        for anchor, record in anchors:
            if anchor == node:
                return record
    return None


def in_own_phrase(token: Token, head: Token) -> bool:
    """Whether ``token`` belongs to the phrase of ``head`` itself, not to a clause inside it ("a meeting
    with Lukashenko, who arrived in Russia": Russia is where Lukashenko arrived, not where they met)."""
    node = token
    while node != head:
        if node.dep_ in CLAUSE_DEPS or node.head == node:
            return False
        node = node.head
    return True


def event_date(doc: Doc, path: list[Token], inside: Token | None) -> dict[str, Any] | None:
    """The time expression of the event's own clause (nearest along its path to the root)."""
    anchors = []
    for root, head, record in dated_times(doc):
        if inside is not None and in_own_phrase(root, inside):
            anchors.append((inside, record))
        else:
            anchors.append((head, record))
    return nearest_on_path(path, anchors)


def dated_times(doc: Doc) -> list[tuple[Token, Token, dict[str, Any]]]:
    """(root, clause head, record) for the Doc's time expressions with a date value, worked out once per Doc."""

    times = get_section(doc, "times")

    def compute() -> list[tuple[Token, Token, dict[str, Any]]]:
        found = []
        for record in times:
            value = record.get("value") or ""
            root = span_root(doc, record["start"], record["end"])
            if root is None or record.get("type") not in (None, "DATE", "TIME") or not DATE_VALUE.match(value):
                continue
            found.append((root, clause_head(root), record))
        return found

    return doc_memo(doc, "events.dated_times", times, compute)


def event_place(doc: Doc, path: list[Token], inside: Token | None) -> dict[str, Any] | None:
    """A place the event's clause says it happened in (nearest along its path to the root)."""
    anchors = []
    for anchor, record in located_places(doc):
        if inside is not None and in_own_phrase(anchor, inside):
            anchor = inside
        anchors.append((anchor, record))
    return nearest_on_path(path, anchors)


def located_places(doc: Doc) -> list[tuple[Token, dict[str, Any]]]:
    """(the token each place hangs from, record) for the Doc's places that say where, worked out once per Doc."""

    places = get_section(doc, "places")

    def compute() -> list[tuple[Token, dict[str, Any]]]:
        found = []
        for record in places:
            anchor = located(doc, record)
            if anchor is not None:
                found.append((anchor, record))
        return found

    return doc_memo(doc, "events.located_places", places, compute)


def dateline_place(doc: Doc) -> dict[str, Any] | None:
    """A place named at the very start of the text ("MOSCOW, Sept 14 (Reuters) -")."""
    for record in get_section(doc, "places"):
        if record["start"] < 5 and re.match(r"\s*[,(–—-]", doc.text[record["end"] : record["end"] + 3]):
            return record
    return None


def covering_quote(doc: Doc, start: int) -> dict[str, Any] | None:
    for quote in get_section(doc, "quotes"):
        if quote["start"] <= start < quote["end"]:
            return quote
    return None
