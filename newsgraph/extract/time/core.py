"""Temporal expressions in an article, as TIMEX3 records anchored on the reference (publication) date.

Candidates come from two places: the rules of ``data/time/patterns.jsonl`` that search running text,
and spaCy's DATE and TIME entities, each read by the first rule that matches all of it (or, failing
that, by the longest rule match inside it). Overlapping candidates give way to the longest. Each
expression is then normalised by its rule, with the tense of its clause deciding which way an
underspecified reference points ("on Monday" before the reference date in a past-tense clause).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.time.grammar import Rule, rules
from newsgraph.extract.time.normalise import normalise
from newsgraph.extract.time.scan import rule_matches

ENTITY_LABELS = ("DATE", "TIME")
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "sha"}
PERFECT_AUXILIARIES = {"has", "have", "'s", "'ve"}
PROGRESSIVE_AUXILIARIES = {"is", "are", "am", "'s", "'re"}
CAPITALISED_GROUPS = ("month", "weekday", "holiday")
MAX_HEAD_STEPS = 8
QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
YEAR_BACK = re.compile(r"\byear[\s-]*(?:ago|earlier)\b", re.IGNORECASE)
QUARTER_REACH = 400  # characters from the quarter to the "year ago" that refers back to it


@dataclass(frozen=True)
class Candidate:
    """A stretch of text [start, end) that a rule can read, and how it was found."""

    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]
    source: str


def parse_reference(reference: str | None) -> dt.date | None:
    """The reference date as a date, from an ISO string (a time part is ignored)."""
    try:
        return dt.date.fromisoformat(reference[:10]) if reference else None
    except ValueError:
        return None


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "-") and not after.isalnum()


def _well_cased(match: re.Match[str]) -> bool:
    """Month and weekday names found in running text must be capitalised ("May", not "may"), and a
    weekday abbreviation needs its full stop ("Sun." but not the newspaper "Sun")."""
    groups = match.groupdict()
    if not all(not groups.get(name) or groups[name][0].isupper() for name in CAPITALISED_GROUPS):
        return False
    day = groups.get("weekday")
    return not day or len(day) > 4 or day.endswith(".")


def _part_of_speech_fits(doc: Doc, cand: Candidate) -> bool:
    """Rules that name parts of speech and excluded dependencies ("weekly" said of a verb, not the
    attributive "weekly newspaper") are checked against the parse."""
    if not cand.rule.pos and not cand.rule.not_dep:
        return True
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    return (not cand.rule.pos or span.root.pos_ in cand.rule.pos) and span.root.dep_ not in cand.rule.not_dep


def rule_candidates(text: str) -> list[Candidate]:
    """Every match of the detecting rules in the text."""
    return [
        Candidate(m.start(), m.end(), scan.order, scan.rule, m, "rule")
        for scan, m in rule_matches(text)
        if m.end() > m.start() and _bounded(text, m.start(), m.end()) and _well_cased(m)
    ]


def read_span(text: str, offset: int, source: str) -> Candidate | None:
    """The reading of a span found elsewhere: a rule matching all of it, else the longest inside it."""
    for order, rule in enumerate(rules()):
        if m := rule.regex.fullmatch(text):
            return Candidate(offset, offset + len(text), order, rule, m, source)
    inner = [
        Candidate(offset + m.start(), offset + m.end(), order, rule, m, source)
        for order, rule in enumerate(rules())
        for m in rule.regex.finditer(text)
        if m.end() > m.start() and _bounded(text, m.start(), m.end())
    ]
    return max(inner, key=lambda c: (c.end - c.start, -c.order)) if inner else None


def entity_candidates(doc: Doc) -> list[Candidate]:
    """spaCy's DATE and TIME entities, read by the rules."""
    found = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and (cand := read_span(ent.text, ent.start_char, "spacy")):
            found.append(cand)
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, earlier rules first among equals; in text order."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.source != "rule")):
        if all(cand.end <= c.start or c.end <= cand.start for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(MAX_HEAD_STEPS):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> str | None:
    """The tense ("past", "present" or "future") from a verb's tag, morphology and auxiliaries; None if modal."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return "future"
    if verb.tag_ == "VBD" or any("Past" in a.morph.get("Tense") and a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and words & PERFECT_AUXILIARIES:
        return "past"
    if verb.tag_ == "VBG" and words & PROGRESSIVE_AUXILIARIES:
        return "future"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the clause holding characters [start, end), from the verb governing them."""
    verb = _governing_verb(doc, start, end)
    return verb_tense(verb) if verb is not None else None


def time_record(doc: Doc, text: str, cand: Candidate, ref: dt.date | None) -> dict[str, Any] | None:
    """The contract record of one candidate, or None when its rule cannot read it."""
    result = normalise(cand.rule.normaliser, cand.match, ref, clause_tense(doc, cand.start, cand.end))
    if not result or not result.get("value"):
        return None
    record: dict[str, Any] = {"text": text[cand.start : cand.end], "start": cand.start, "end": cand.end}
    return record | result | {"rule": cand.rule.name, "found_by": cand.source}


def year_back_to_quarters(records: list[dict[str, Any]]) -> None:
    """In earnings reports "a year ago" or "a year earlier" just after "the third quarter" means that
    quarter a year before (1988-Q3), not the year (1988): reread such a year against the quarter."""
    last_quarter: tuple[int, int, str] | None = None
    for record in records:
        if quarter := QUARTER_VALUE.fullmatch(record["value"]):
            last_quarter = (record["end"], int(quarter[1]), quarter[2])
        elif (
            last_quarter
            and YEAR_BACK.search(record["text"])
            and record["start"] - last_quarter[0] <= QUARTER_REACH
            and record["value"] == str(last_quarter[1] - 1)
        ):
            record["value"] = f"{last_quarter[1] - 1}-Q{last_quarter[2]}"


def find_times(doc: Doc, reference: str | None) -> list[dict[str, Any]]:
    """The article's temporal expressions as contract ``times`` records (ids t1, t2, … in text order)."""
    ref = parse_reference(reference)
    text = doc.text  # built from the tokens on each access
    candidates = [c for c in rule_candidates(text) + entity_candidates(doc) if _part_of_speech_fits(doc, c)]
    chosen = select(candidates)
    records = [r for c in chosen if (r := time_record(doc, text, c, ref))]
    year_back_to_quarters(records)
    return [{"id": f"t{i}", **r} for i, r in enumerate(records, 1)]
