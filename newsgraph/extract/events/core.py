"""CAMEO event coding over spaCy's dependency parse: who did what to whom, when, where, and how surely.

A trigger is a verb (or a noun, as in "had a meeting with", "talks between A and B") that matches a
pattern in ``newsgraph/data/events/verb_patterns.jsonl`` (see ``triggers``). The parse gives the source
(subject, or the "by" agent of a passive) and the target (object, or the object of a pattern's
preposition); reported clauses, negation and modality qualify events rather than dropping them
(``context``). This module turns candidates into contract records.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.arrays import start_extractor
from newsgraph.extract.events import context
from newsgraph.extract.events.parties import is_actor_like, party, possessor
from newsgraph.extract.events.tables import cameo_codes, frame_codes
from newsgraph.extract.events.triggers import Candidate, sentence_candidates
from newsgraph.extract.sections import reference_date


def extract_events(doc: Doc) -> list[dict[str, Any]]:
    """Every CAMEO event the parse supports, as contract records numbered v1, v2, …"""
    start_extractor(doc)
    candidates = [c for sent in doc.sents for c in sentence_candidates(sent)]
    records: list[dict[str, Any]] = []
    for candidate in candidates:
        new = candidate_records(doc, candidate)
        if candidate.anaphoric and merge_into_antecedent(records, new, candidate):
            continue
        if new and new[0]["date_basis"] == "published" and says_then(candidate.anchor):
            inherit_previous_date(records, new)
        records.extend(r for r in new if r["source"] or r["target"] or candidate.pattern.bare)
    resolve_counterparts(records)
    unique = []
    seen = set()
    for record in records:
        key = (record["code"], record["trigger"]["start"], span_key(record["source"]), span_key(record["target"]))
        if key not in seen:
            seen.add(key)
            unique.append(record)
    for number, record in enumerate(unique, start=1):
        record["id"] = f"v{number}"
    return unique


def says_then(anchor: Token) -> bool:
    """ "Lukashenko then thanked Putin": the event happened at the time just spoken of."""
    return any(c.dep_ == "advmod" and c.lower_ == "then" for c in anchor.children)


def inherit_previous_date(records: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    dated = [r for r in records if r["date_basis"] == "text" and r["sentence"][1] <= new[0]["sentence"][0]]
    if dated and new[0]["sentence"][0] - dated[-1]["sentence"][1] < 400:
        for record in new:
            record["date"], record["date_basis"] = dated[-1]["date"], "text"


def span_key(part: dict[str, Any] | None) -> tuple[int, int, str | None] | None:
    """A party's span and actor: "Gondor and Osgiliath" as one entity still gives two parties."""
    return (part["start"], part["end"], part.get("actor")) if part else None


def pairs(candidate: Candidate) -> list[tuple[Token | None, Token | None]]:
    sources, targets = candidate.sources, candidate.targets
    if candidate.pattern.symmetric:  # "the leaders met at Stenbock House": where they met, not whom
        targets = [t for t in targets if not context.is_place_phrase(t, candidate.pattern.prep)]
    if candidate.pattern.symmetric and not targets and len(sources) > 1:
        return [(a, b) for a in sources for b in sources if a != b]
    found: list[tuple[Token | None, Token | None]] = [
        (s, t) for s in sources or [None] for t in targets or [None] if s is None or t is None or s.i != t.i
    ]
    if candidate.pattern.symmetric:
        found += [(t, s) for s, t in found if s is not None and t is not None]
    return found


def intent_code(code: str) -> str:
    """CAMEO codes an announced future act as an intent or a threat, not the act: "will provide aid" is
    033, "will blockade Paris" 133."""
    root = code[:2]
    if "04" <= root <= "08" or "14" <= root <= "20":
        return frame_codes().get(("intent", root), code)
    return code


def candidate_records(doc: Doc, candidate: Candidate) -> list[dict[str, Any]]:
    base = base_record(doc, candidate)
    final = candidate.pattern.origin == "petrarch"  # PETRARCH's dictionaries code "will X" as X
    if (
        base["modality"] == "intended"
        and not base["negated"]
        and not final
        and intent_code(base["code"]) != base["code"]
    ):
        base.update(code_fields(intent_code(base["code"])))
    records = []
    for source, target in pairs(candidate):
        target = target if target is None or is_actor_like(possessor(target)) else None  # "Haiti's efforts"
        if not (candidate.pattern.bare or (source is not None and is_actor_like(source)) or target is not None):
            continue
        if source is None and target is None and not (candidate.pattern.bare or candidate.anaphoric):
            continue
        record = dict(base)
        record["source"], record["target"] = party(source), party(possessor(target) if target is not None else None)
        record["confidence"] = confidence(candidate, record)
        records.append(record)
        if candidate.pattern.reverse and record["source"] and record["target"]:
            back = {**record, **code_fields(candidate.pattern.reverse)}
            back["source"], back["target"] = record["target"], record["source"]
            records.append(back)
    return records


def code_fields(code: str) -> dict[str, Any]:
    row = cameo_codes()[code]
    keys = ("code", "root", "label", "quad_class", "goldstein", "plover")
    return {key: row[key] for key in keys}


def base_record(doc: Doc, candidate: Candidate) -> dict[str, Any]:
    code = cameo_codes()[candidate.code]
    trigger = candidate.trigger
    speech = context.reporter_of(candidate.anchor) if candidate.pattern.frame != "allegation" else None
    quote = context.covering_quote(doc, trigger.idx)
    reported = speech is not None or quote is not None
    path = context.clause_path(candidate.trigger)
    inside = trigger if candidate.nominal else None
    date = context.event_date(doc, path, inside)
    place = context.event_place(doc, path, inside) or context.dateline_place(doc)
    sent = trigger.sent
    start, end = candidate.trigger_span
    return {
        "id": None,
        "code": code["code"],
        "root": code["root"],
        "label": code["label"],
        "quad_class": code["quad_class"],
        "goldstein": code["goldstein"],
        "source": None,
        "target": None,
        "trigger": {"text": doc.text[start:end], "start": start, "end": end},
        "sentence": [sent.start_char, sent.start_char + len(doc.text[sent.start_char : sent.end_char].rstrip())],
        "date": date["value"] if date else reference_date(doc),
        "date_basis": "text" if date else "published",
        "place": place["id"] if place else None,
        "negated": context.is_negated(candidate.anchor if candidate.anchor.pos_ == "VERB" else trigger),
        "modality": context.modality(candidate.anchor, reported),
        "attributed_to": quote["id"] if quote else None,
        "plover": code["plover"],
        "confidence": 0.5,
    }


def confidence(candidate: Candidate, record: dict[str, Any]) -> float:
    score = 0.45 + 0.05 * candidate.pattern.specificity
    score += 0.15 * bool(record["source"]) + 0.1 * bool(record["source"] and record["source"]["actor"])
    score += 0.1 * bool(record["target"]) + 0.1 * bool(record["target"] and record["target"]["actor"])
    return round(min(score - 0.1 * candidate.nominal, 0.95), 2)


def merge_into_antecedent(records: list[dict[str, Any]], new: list[dict[str, Any]], candidate: Candidate) -> bool:
    """ "The meeting took place in Sochi": give the earlier meeting (same code, else same root) its place
    and date instead of counting a second event. True when an antecedent was found."""
    sentence_start = candidate.trigger.sent.start_char
    recent = [r for r in records if sentence_start - r["sentence"][0] <= 1500]
    same_code = [r for r in recent if r["code"] == candidate.code]
    same_root = [r for r in recent if r["root"] == candidate.code[:2]]
    antecedents = same_code or same_root
    if not antecedents:
        return False
    trigger = antecedents[-1]["trigger"]
    for earlier in records:
        if new and earlier["trigger"] == trigger:
            earlier["place"] = earlier["place"] or new[0]["place"]
            if earlier["date_basis"] == "published" and new[0]["date_basis"] == "text":
                earlier["date"], earlier["date_basis"] = new[0]["date"], "text"
    return True


def same_party(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return False
    if a.get("actor") and b.get("actor"):
        return a["actor"][:3] == b["actor"][:3]
    return a["text"].split()[-1].lower() == b["text"].split()[-1].lower()


def resolve_counterparts(records: list[dict[str, Any]]) -> None:
    """ "his counterpart": the other party of the latest meeting the source took part in."""
    for index, record in enumerate(records):
        target = record["target"]
        if not target or not target["text"].lower().endswith("counterpart") or target.get("actor"):
            continue
        for earlier in reversed(records[:index]):
            if earlier["root"] != "04":
                continue
            others = [
                p
                for p in (earlier["target"], earlier["source"])
                if p
                and (p.get("actor") or any(w[:1].isupper() for w in p["text"].split()[1:]))
                and not same_party(p, record["source"])
            ]
            if others:
                record["target"] = dict(others[0])
                break
