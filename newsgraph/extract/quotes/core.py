"""Quotations and their speakers: direct ("…," Putin said), indirect (Putin promised that …) and mixed
(The President stressed that on weekdays "…"), as records of the contract's ``quotes`` section.

Pure functions over a parsed spaCy ``Doc``. Quotation marks are paired on the raw text
(``marks.pair_quote_marks``); cues come from ``data/quotes/reporting_cues.tsv``; the speaker is the
subject of the cue, resolved by ``speakers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import DEP, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.arrays import head_indices, indices_with, start_extractor, token_column
from newsgraph.extract.quotes.marks import QuotePair, pair_quote_marks
from newsgraph.extract.quotes.speakers import PeopleIndex, index_people, speaker_record

SPEAKER_DROP_DEPS = {"relcl", "appos", "acl", "cc", "conj", "advcl", "prep_by"}
CLAUSE_LINKS = {"conj", "advcl", "xcomp", "ccomp", "pcomp", "prep"}
LEADING_MARKS = {"that", "because", "since", "as"}
SENTENCE_END = {".", "!", "?"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
EXPLETIVES = {"it", "there", "this"}
AFTER_WINDOW = 12
BEFORE_WINDOW = 8
TRAILING = " \t\n\u00a0,;:"
UTTERANCE_END = set(",.?!\u2014\u2013\u2026-")
OPENING_MARKS = {'"', "\u201c", "\u201d", "\u00ab"}
# String ids (symbols or hashes), to find candidate tokens in ``Doc.to_array`` tables without making Token objects.
CCOMP, XCOMP, PARATAXIS, MARK = (get_string_id(label) for label in ("ccomp", "xcomp", "parataxis", "mark"))
CLAUSE_DEPS = frozenset([CCOMP, XCOMP])
ACCORDING, AS = get_string_id("according"), get_string_id("as")


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    frames: frozenset[str]


@lru_cache(maxsize=1)
def reporting_cues() -> dict[str, Cue]:
    """Reporting verbs, nouns and phrases by lemma ("point out" for a verb with its particle)."""
    raw = resources.files("newsgraph.data").joinpath("quotes/reporting_cues.tsv").read_text("utf-8")
    cues: dict[str, Cue] = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, pos, frames = line.split("\t")[:3]
            cues[f"{pos}:{lemma}"] = Cue(lemma, pos, frozenset(frames.split(",")))
    return cues


def cue_of(token: Token, frame: str) -> Cue | None:
    """The reporting cue a verb token is, for a frame (quote, that, to), if any."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
        return None
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    cues = reporting_cues()
    cue = cues.get(f"verb:{token.lemma_.lower()} {particle}") if particle else None
    cue = cue or cues.get(f"verb:{token.lemma_.lower()}")
    return cue if cue is not None and frame in cue.frames else None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause it continues ("Putin said, adding that …"); a relative
    pronoun stands for the noun its clause hangs on ("Lukashenko, who said that …")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        if subject is not None:
            return None if subject.lower_ in EXPLETIVES else subject
        if verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def phrase_span(doc: Doc, head: Token) -> Span:
    """The noun phrase of a speaker without its relative clauses, appositions and coordinations."""
    kept = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ not in SPEAKER_DROP_DEPS:
                kept.append(child)
                stack.append(child)
    indices = sorted(t.i for t in kept)
    start, end = head.i, head.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices:
        end += 1
    while end > head.i and doc[end].is_punct:
        end -= 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start : end + 1]


def token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[-1]


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces and trailing commas or colons."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return start, end


def cue_span(verb: Token) -> Span:
    """The verb with its adjacent auxiliaries, negation and particle: "is telling", "points out"."""
    first, last = verb.i, verb.i
    lefts = {c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")}
    rights = {c.i for c in verb.rights if c.dep_ == "prt"}
    while first - 1 in lefts:
        first -= 1
    while last + 1 in rights:
        last += 1
    return verb.doc[first : last + 1]


def quote_record(doc: Doc, start: int, end: int, kind: str, speaker: dict | None, cue: Token | Span) -> dict:
    start, end = trimmed(doc.text, start, end)
    if isinstance(cue, Token) and cue.pos_ in ("VERB", "AUX"):
        cue = cue_span(cue)
    cue_start = cue.idx if isinstance(cue, Token) else cue.start_char
    cue_end = cue_start + len(cue.text)
    return {
        "text": doc.text[start:end],
        "start": start,
        "end": end,
        "kind": kind,
        "speaker": speaker,
        "cue": {"text": cue.text, "start": cue_start, "end": cue_end},
    }


def inside(pairs: list[QuotePair], char: int) -> QuotePair | None:
    return next((p for p in pairs if p.open < char < p.close), None)


def clause_content(doc: Doc, clause: Token, skip: set[int]) -> tuple[int, int]:
    """Character range of a reported clause, without its leading "that" and without tokens in ``skip``."""
    tokens = [t for t in clause.subtree if t.i not in skip]
    while tokens and (tokens[0].lower_ in LEADING_MARKS and tokens[0].dep_ == "mark" or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and tokens[-1].text in SENTENCE_END or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return clause.idx, clause.idx
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def reported_clauses(doc: Doc) -> list[tuple[Token, Token, str]]:
    """(cue, reported clause head, frame) for every that-clause or infinitive of a reporting verb."""
    found = []
    for head, i in clause_links(doc):
        token, child = doc[head], doc[i]
        if child.dep == CCOMP and cue_of(token, "that"):
            found.append((token, child, "that"))
        elif child.dep == XCOMP and cue_of(token, "to") and any(c.lower_ == "to" for c in child.lefts):
            found.append((token, child, "to"))
    return found


def clause_links(doc: Doc) -> list[tuple[int, int]]:
    """(head, child) token indices of every ccomp or xcomp attachment, in the order of the head's
    children as ``Token.children`` gives them (heads in text order, each head's children in text order)."""
    heads = head_indices(doc)
    return sorted((heads[i], i) for i in indices_with(doc, DEP, CLAUSE_DEPS) if heads[i] != i)


def indirect_quotes(doc: Doc, pairs: list[QuotePair], people: PeopleIndex) -> tuple[list[dict], set[QuotePair]]:
    """Indirect and mixed quotations, and the quotation-mark pairs that the mixed ones contain."""
    records, used = [], set()
    for cue, clause, _frame in reported_clauses(doc):
        subject = subject_of(cue)
        if subject is None or subject.i > cue.i and inside(pairs, subject.idx):
            continue
        start, end = clause_content(doc, clause, set())
        if end <= start:
            continue
        if inside(pairs, cue.idx):
            continue
        enclosed = [p for p in pairs if start <= p.open + 1 and p.close <= end + 1]
        head_quote = inside(pairs, clause.idx)
        if head_quote is not None and (head_quote not in enclosed or clause.i < cue.i):
            continue
        if head_quote is not None and not doc.text[start : head_quote.open].strip():
            if looks_like_sentence(doc.text, head_quote):
                continue  # "told reporters: “The border …”" is a direct quotation
            start = head_quote.open  # "said that “the border …”": a partial quotation
        kind = "mixed" if enclosed else "indirect"
        used.update(enclosed)
        end = max([end] + [p.close + 1 for p in enclosed])
        speaker = speaker_record(doc, people, subject, phrase_span(doc, subject))
        records.append(quote_record(doc, start, end, kind, speaker, cue))
    return records + according_to_quotes(doc, people) + as_said_quotes(doc, pairs, people), used


def according_to_quotes(doc: Doc, people: PeopleIndex) -> list[dict]:
    """ "According to X, …": the rest of the clause is X's."""
    records = []
    for token in (doc[i] for i in indices_with(doc, LOWER, ACCORDING)):
        to = next((c for c in token.rights if c.lower_ == "to"), None)
        if token.lower_ != "according" or to is None or token.head.i == token.i:
            continue
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None or token.head.pos_ not in ("VERB", "AUX"):
            continue
        skip = {t.i for t in token.subtree} | {t.i for t in token.head.children if t.is_punct and t.text == ","}
        start, end = clause_content(doc, token.head, skip)
        if end > start:
            speaker = speaker_record(doc, people, source, phrase_span(doc, source))
            records.append(quote_record(doc, start, end, "indirect", speaker, doc[token.i : to.i + 1]))
    return records


def as_said_quotes(doc: Doc, pairs: list[QuotePair], people: PeopleIndex) -> list[dict]:
    """ "…, as X said, …" and "…, X says, …": the clause the aside belongs to is X's."""
    records = []
    for token in aside_candidates(doc):
        aside = token.dep_ == "parataxis" or any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        if not aside or not cue_of(token, "that") or inside(pairs, token.idx):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if subject is None or clause.i == token.i or any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            continue
        skip = {t.i for t in token.subtree}
        start, end = clause_content(doc, clause, skip)
        if end > start:
            speaker = speaker_record(doc, people, subject, phrase_span(doc, subject))
            records.append(quote_record(doc, start, end, "indirect", speaker, token))
    return records


def aside_candidates(doc: Doc) -> list[Token]:
    """Tokens that may head an aside: parataxis, or the head of a marker "as" (a superset, in text order)."""
    heads, lowers = head_indices(doc), token_column(doc, LOWER)
    found = set(indices_with(doc, DEP, PARATAXIS))
    found.update(heads[i] for i in indices_with(doc, DEP, MARK) if lowers[i] == AS and heads[i] != i)
    return [doc[i] for i in sorted(found)]


def ends_as_utterance(text: str, pair: QuotePair) -> bool:
    """The quotation closes like a quoted utterance: punctuation inside the marks, or a comma after them."""
    inner = text[pair.open + 1 : pair.close].rstrip()
    return bool(inner) and inner[-1] in UTTERANCE_END or text[pair.close + 1 : pair.close + 2] == ","


def looks_like_sentence(text: str, pair: QuotePair) -> bool:
    """A whole quoted sentence: a capital first and sentence punctuation last."""
    inner = text[pair.open + 1 : pair.close].strip()
    return len(inner) > 1 and inner[0].isupper() and inner[-1] in UTTERANCE_END


def cue_after(doc: Doc, pair: QuotePair) -> Token | None:
    """A reporting verb right after the closing mark ("…," Putin said / said Putin)."""
    if not ends_as_utterance(doc.text, pair):
        return None
    first = token_at(doc, pair.close).i + 1
    for token in doc[first : first + AFTER_WINDOW]:
        if token.text in SENTENCE_END or token.text in OPENING_MARKS:
            return None
        if cue_of(token, "quote"):
            return token
    return None


def token_before(doc: Doc, char: int) -> int:
    """Index of the last non-space token before the token at ``char`` (-1 if none)."""
    i = token_at(doc, char).i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def cue_before(doc: Doc, pair: QuotePair) -> Token | None:
    """A reporting verb right before the opening mark ("Putin said: …", "Caddell continued:")."""
    last = token_before(doc, pair.open)
    colon = last >= 0 and doc[last].text in (":", ",")
    if not colon and not looks_like_sentence(doc.text, pair):
        return None
    for token in reversed(doc[max(0, last - BEFORE_WINDOW) : last + 1]):
        if token.text in SENTENCE_END or token.text in ('"', "\u201d"):
            return None
        if cue_of(token, "quote") and (colon or token.i >= last - 1):
            return token
        if token.pos_ == "VERB" and colon and token.dep_ == "ROOT" and subject_of(token) is not None:
            return token
    return None


def colon_speaker(doc: Doc, pair: QuotePair) -> Span | None:
    """A name and a colon opening a line before the quote, as in transcripts ("KERRY: “…”")."""
    last = token_before(doc, pair.open)
    if last < 1 or doc[last].text != ":":
        return None
    first = last - 1
    while first - 1 >= 0 and doc[first - 1].pos_ == "PROPN" and last - first < 4:
        first -= 1
    before = doc.text[: doc[first].idx].rstrip(" \t")
    name = doc[first:last]
    if all(t.pos_ == "PROPN" for t in name) and (not before or before.endswith("\n")):
        return name
    return None


def direct_quote(doc: Doc, pair: QuotePair, previous: dict | None, people: PeopleIndex) -> dict | None:
    """A direct quotation: attributed by a cue after it, before it, or as the previous quote's continuation."""
    start, end = pair.open + 1, pair.close
    introduced = doc.text[: pair.open].rstrip().endswith(":")
    cue = (
        (cue_before(doc, pair) or cue_after(doc, pair))
        if introduced
        else (cue_after(doc, pair) or cue_before(doc, pair))
    )
    subject = subject_of(cue) if cue is not None else None
    if subject is not None and not (pair.open < subject.idx < pair.close):
        speaker = speaker_record(doc, people, subject, phrase_span(doc, subject))
        return quote_record(doc, start, end, "direct", speaker, cue)
    name = colon_speaker(doc, pair)
    if name is not None:
        speaker = speaker_record(doc, people, name.root, name)
        return quote_record(doc, start, end, "direct", speaker, doc[name.end])
    if previous is not None and continues(doc, previous, pair):
        start, end = trimmed(doc.text, start, end)
        content = {"text": doc.text[start:end], "start": start, "end": end, "kind": "direct"}
        return {**content, "speaker": dict(previous["speaker"]), "cue": dict(previous["cue"])}
    return None


def continues(doc: Doc, previous: dict, pair: QuotePair) -> bool:
    """The quote follows the previous direct quote with nothing but its attribution's sentence between."""
    if previous["kind"] != "direct" or previous["speaker"] is None:
        return False
    extent = max(previous["end"], previous["cue"]["end"], previous["speaker"]["end"])
    if extent >= pair.open:
        return False
    sentence = token_at(doc, extent).sent
    gap = doc.text[max(sentence.end_char, extent) : pair.open]
    return not gap.strip() and pair.open - extent < 400


def extract_quotes(doc: Doc) -> list[dict[str, Any]]:
    """All quotations of the Doc as contract records ``q1``, ``q2`` … in text order."""
    start_extractor(doc)
    people = index_people(doc)
    pairs = pair_quote_marks(doc.text)
    records, used = indirect_quotes(doc, pairs, people)
    previous = None
    for pair in pairs:
        if pair in used:
            continue
        record = direct_quote(doc, pair, previous, people)
        if record is not None and record["text"]:
            records.append(record)
            previous = record
    return number(dedupe(records))


def dedupe(records: list[dict]) -> list[dict]:
    """One record per content span (the first found: indirect before direct)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for record in records:
        key = (record["start"], record["end"])
        if key not in seen and record["end"] > record["start"]:
            seen.add(key)
            kept.append(record)
    return kept


def number(records: list[dict]) -> list[dict]:
    records.sort(key=lambda r: (r["start"], r["end"]))
    return [{"id": f"q{i}", **r} for i, r in enumerate(records, 1)]
