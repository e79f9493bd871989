"""Who the parties of an event are: subjects, objects and their noun-phrase spans over the parse."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.arrays import entity_spans
from newsgraph.extract.events.tables import cues
from newsgraph.extract.sections import get_section, mention_at

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
TITLE_WORDS = {"president", "minister", "leader", "chancellor", "king", "premier", "secretary", "spokesman"}
# Dependencies through which a verb inherits the subject of the word it hangs from.
SUBJECT_CLIMB = {"xcomp", "conj", "acl", "advcl", "pcomp", "dobj", "acomp", "prep", "pobj", "attr", "oprd"}
# Children left out of a party's noun phrase.
PHRASE_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "prep"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TARGET_PREPS = ("with", "against", "to", "on", "at", "into", "upon", "toward", "towards", "over")


def expand_conj(token: Token) -> list[Token]:
    """A noun and the nouns coordinated with it ("Russia and Belarus")."""
    tokens = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            tokens.extend(expand_conj(child))
    return tokens


def subject_tokens(verb: Token) -> list[Token]:
    """The subjects of a verb, inherited through control, coordination and relative clauses."""
    node = verb
    for _ in range(8):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            return [resolve(t) for t in expand_conj(subjects[0])]
        if node.dep_ == "relcl":
            return expand_conj(node.head)
        if node.dep_ not in SUBJECT_CLIMB or node.head == node:
            return []
        node = node.head
    return []


def agent_tokens(verb: Token) -> list[Token]:
    """The "by" agents of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return [resolve(t) for obj in child.children if obj.dep_ == "pobj" for t in expand_conj(obj)]
    return []


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def pobj_of(token: Token, preps: tuple[str, ...] | set[str]) -> list[Token]:
    """Objects of the given prepositions attached to a token."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            found.extend(t for obj in child.children if obj.dep_ == "pobj" for t in expand_conj(obj))
    return [resolve(t) for t in found]


def resolve(token: Token) -> Token:
    """The antecedent of a relative or personal pronoun, else the token itself."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ in PERSON_PRONOUNS and mention_at(token.doc, token.idx, token.idx + len(token)) is None:
        return antecedent(token) or token
    return token


def is_person_like(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ == "PERSON" or token.lemma_.lower() in TITLE_WORDS


def antecedent(pronoun: Token) -> Token | None:
    """He/she: the speaker whose reported clause holds the pronoun, else the nearest earlier person subject."""
    node = pronoun
    while node.head != node:
        if node.dep_ == "ccomp" and node.head.lemma_ in cues()["speech"]:
            speakers = [c for c in node.head.children if c.dep_ == "nsubj" and c.lower_ not in PERSON_PRONOUNS]
            if speakers:
                return speakers[0]
        node = node.head
    doc = pronoun.doc
    first = doc[pronoun.sent.start].sent.start if pronoun.sent.start == 0 else doc[pronoun.sent.start - 1].sent.start
    for token in reversed(doc[first : pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and is_person_like(token) and token.lower_ not in PERSON_PRONOUNS:
            return token
    return None


def quoted_speaker(token: Token) -> dict[str, Any] | None:
    """ "I" or "we" inside a quotation: its speaker, when the quotes component found one."""
    if token.lower_ not in ("i", "we", "me", "us"):
        return None
    for quote in get_section(token.doc, "quotes"):
        speaker = quote.get("speaker")
        if quote["start"] <= token.idx < quote["end"] and isinstance(speaker, dict) and "start" in speaker:
            keys = ("text", "start", "end", "actor")
            return {key: speaker.get(key) for key in keys}
    return None


def phrase_tokens(token: Token) -> list[Token]:
    """The token and its modifiers, not descending into clauses, appositions or non-"of" phrases."""
    keep = [token]
    for child in token.children:
        if child.dep_ in PHRASE_CUT and not (child.dep_ == "prep" and child.lower_ == "of"):
            continue
        keep.extend(phrase_tokens(child))
    return keep


def possessor(token: Token) -> Token:
    """For a common noun like "the internal affairs of Belarus", the named party it belongs to."""
    if is_named(token) or is_person_like(token) or token.pos_ == "PRON":
        return token
    for child in token.children:
        if child.dep_ == "poss" and is_named(child):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and is_named(obj):
                    return obj
    return token


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by a token, without clauses and appositions."""
    keep = phrase_tokens(token)
    edges = (min(k.i for k in keep), max(k.i for k in keep))
    tokens = [t for t in keep if not t.is_punct or t.i not in edges]
    tokens = tokens or keep  # a party that is a lone punctuation mark (mis-parsed lower-case text)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = token.doc
    span = doc[first : last + 1]
    start, end = span.start_char, span.end_char
    if token.ent_iob_ != "O":
        for ent in entity_spans(doc):
            if ent.start <= token.i < ent.end:
                start, end = min(start, ent.start_char), max(end, ent.end_char)
    return start, end


def phrase_mention(token: Token, start: int, end: int) -> dict[str, Any] | None:
    """The actor mention a phrase names: the one covering its head word, else its last proper noun
    ("President of the Republic of Belarus Alexander *Lukashenko*"), else any in the phrase."""
    doc = token.doc
    mention = mention_at(doc, token.idx, token.idx + len(token))
    if mention:
        return mention
    names = [t for t in doc.char_span(start, end, alignment_mode="expand") or [] if t.pos_ == "PROPN"]
    if names:
        mention = mention_at(doc, names[-1].idx, names[-1].idx + len(names[-1]))
    return mention or mention_at(doc, start, end)


def party(token: Token | None) -> dict[str, Any] | None:
    """A source or target record: the phrase's span and, when known, its actor code."""
    if token is None:
        return None
    doc: Doc = token.doc
    speaker = quoted_speaker(token)
    if speaker is not None:
        return speaker
    start, end = phrase_bounds(token)
    mention = phrase_mention(token, start, end)
    actor = mention.get("actor") if mention else cues()["role_noun"].get(token.lemma_.lower()) or None
    record = {"text": doc.text[start:end], "start": start, "end": end, "actor": actor}
    if mention and mention.get("actor_id"):
        record["actor_id"] = mention["actor_id"]
    return record


def is_actor_like(token: Token) -> bool:
    """Whether a word can name a party at all: a name, a person, a pronoun, a group of people (a date,
    "on Wednesday", is none)."""
    if token.ent_type_ in ("DATE", "TIME") or token.lower_ in WEEKDAYS:
        return False
    return (
        is_named(token)
        or is_person_like(token)
        or token.pos_ == "PRON"
        or token.lemma_.lower() in cues()["role_noun"]
        or token.lemma_.lower() in cues()["people_noun"]
    )


def is_named(token: Token) -> bool:
    """Whether a party is named (an actor mention or a proper noun) rather than a bare description."""
    doc = token.doc
    mention = mention_at(doc, token.idx, token.idx + len(token))
    if mention or token.ent_type_ in ("GPE", "ORG", "PERSON", "NORP", "FAC", "LOC"):
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "ORG", "GPE", "PERSON", "NORP")
