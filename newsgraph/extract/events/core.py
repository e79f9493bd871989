"""CAMEO event coding over spaCy's dependency parse: who did what to whom, when, where, and how surely.

A trigger is a verb (or a noun, as in "had a meeting with", "talks between A and B") that matches a
pattern in ``newsgraph/data/events/verb_patterns.jsonl``. The parse gives the source (subject, or the
"by" agent of a passive) and the target (object, or the object of a pattern's preposition); frames
refine codes (a promise to meet is 036, a demand for aid 103) and reported clauses, negation and
modality qualify events rather than dropping them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.events import context
from newsgraph.extract.events.parties import (
    TARGET_PREPS,
    agent_tokens,
    expand_conj,
    is_actor_like,
    is_named,
    is_passive,
    party,
    pobj_of,
    possessor,
    resolve,
    subject_tokens,
)
from newsgraph.extract.events.tables import Pattern, cameo_codes, cues, frame_codes, patterns_by_lemma
from newsgraph.extract.sections import reference_date

DEFINITE = {"the", "this", "that", "these", "those"}
PP_CONTEXT = {"at", "during", "in", "after", "before", "following", "ahead", "on", "since", "until"}
NOUN_SOURCE_PREPS = ("by",)
NOUN_TARGET_PREPS = ("with", "to", "against", "on", "into", "for")


@dataclass
class Candidate:
    """An event found in one sentence, before it is numbered and turned into a record."""

    code: str
    trigger: Token
    trigger_span: tuple[int, int]
    anchor: Token
    sources: list[Token]
    targets: list[Token]
    pattern: Pattern
    nominal: bool = False
    anaphoric: bool = False
    reporter: list[Token] = field(default_factory=list)


def object_score(pattern: Pattern, token: Token | None) -> int:
    """0 when a pattern's object constraint fails; higher for a match on a modifier ("military support")
    than on the head word."""
    regex = pattern.object_re
    if regex is None:
        return 1
    if token is None:
        return 0
    modifiers = [c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(regex.fullmatch(word) for word in modifiers):
        return 3
    return 2 if regex.fullmatch(token.lemma_.lower()) or regex.fullmatch(token.lower_) else 0


def pattern_object(token: Token, pattern: Pattern) -> Token | None:
    """The word a pattern's object constraint applies to: its preposition's object, else the direct
    object (the subject of a passive), else a controlled verb ("refused to comment")."""
    if pattern.prep:
        objects = pobj_of(token, {pattern.prep})
        return objects[0] if objects else None
    for dep in ("dobj", "nsubjpass", "xcomp", "attr"):
        for child in token.children:
            if child.dep_ == dep:
                return child
    return None


def match_pattern(token: Token) -> tuple[Pattern, Token | None] | None:
    """The most specific pattern a token satisfies, with the word its object constraint looked at."""
    pos = "verb" if token.pos_ == "VERB" or token.tag_.startswith("VB") else "noun"
    if pos == "noun" and (token.pos_ != "NOUN" or token.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "GPE")):
        return None
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "dative", "agent")}
    best: tuple[int, Pattern, Token | None] | None = None
    for pattern in patterns_by_lemma().get((token.lemma_.lower(), pos), []):
        if pattern.particle and pattern.particle not in particles:
            continue
        if pattern.prep and pattern.prep not in preps:
            continue
        obj = pattern_object(token, pattern) if pos == "verb" else token
        if pattern.unless and obj is not None and re.fullmatch(pattern.unless, obj.lemma_.lower()):
            continue
        score = object_score(pattern, obj)
        if score and (best is None or score + 2 * pattern.specificity > best[0]):
            best = (score + 2 * pattern.specificity, pattern, obj)
    return (best[1], best[2]) if best else None


def complement_of(verb: Token) -> Token | None:
    for dep in ("xcomp", "ccomp", "dobj"):
        for child in verb.children:
            if child.dep_ == dep:
                return child
    objects = pobj_of(verb, {"for", "to"})
    return objects[0] if objects else None


def obliged_clause(speech: Token) -> Token | None:
    """ "X said Y must do Z": the clause whose verb carries "must", which CAMEO codes as a demand."""
    for child in speech.children:
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "must" for a in child.children):
            return child
    return None


def own_future_clause(speech: Token) -> Token | None:
    """ "Iraq said it would allow …": the speaker announcing its own future act, which CAMEO codes as an
    intent (or, for force, a threat)."""
    for child in speech.children:
        if child.dep_ != "ccomp" or not any(
            a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll") for a in child.children
        ):
            continue
        subjects = [c for c in child.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in ("it", "they", "we", "i", "he", "she"):
            return child
    return None


def complement_root(complement: Token) -> str:
    matched = match_pattern(complement)
    return cameo_codes()[matched[0].code]["root"] if matched else "*"


def frame_code(pattern: Pattern, complement: Token | None) -> str:
    if pattern.object or complement is None:
        return pattern.code
    matched = match_pattern(complement)
    if matched is None:
        same_lemma = [
            p
            for (lemma, _), group in patterns_by_lemma().items()
            if lemma == complement.lemma_.lower()
            for p in group
            if not p.object
        ]
        matched = (same_lemma[-1], None) if same_lemma else None
    root = cameo_codes()[matched[0].code]["root"] if matched else "*"
    return frame_codes().get((pattern.frame, root)) or frame_codes().get((pattern.frame, "*"), pattern.code)


def verb_targets(verb: Token, pattern: Pattern, obj: Token | None) -> list[Token]:
    """The target of a verbal event: the pattern's preposition object, else the direct object (unless it
    is what the pattern's object constraint named), else an indirect object or a "with/to/against" phrase."""
    if pattern.target == "with":
        return pobj_of(verb, {"with"})
    if pattern.prep and not pattern.object:
        return pobj_of(verb, {pattern.prep})
    if not pattern.object:
        obj = None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child != obj and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return [resolve(t) for t in expand_conj(child)]
    if pattern.target == "dobj":
        return []
    for holder in (verb, obj):
        if holder is not None:
            found = pobj_of(holder, TARGET_PREPS)
            if found:
                return found
    return []


def complement_targets(complement: Token | None, subjects: list[Token]) -> list[Token]:
    """The target inside a complement clause: its own target, else its first named participant."""
    if complement is None:
        return []
    matched = match_pattern(complement)
    if matched and complement.pos_ in ("VERB", "AUX"):
        found = verb_targets(complement, matched[0], matched[1])
        if found:
            return found
    own_subjects = {t.i for t in subject_tokens(complement)} | {t.i for t in subjects}
    for token in complement.subtree:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head == complement:
            continue
        if token.i not in own_subjects and token.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") and is_named(token):
            if token.ent_iob_ == "B" or token.dep_ in ("pobj", "dobj", "dative"):
                return [token]
    return []


def verbal_candidates(token: Token, pattern: Pattern, obj: Token | None, absorbed: set[int]) -> list[Candidate]:
    code = pattern.code
    if is_passive(token):
        sources = agent_tokens(token)
        targets = (
            []
            if pattern.object and obj is not None and obj.dep_ == "nsubjpass"
            else [resolve(c) for c in token.children if c.dep_ == "nsubjpass"]
        )
        targets = targets or verb_targets(token, pattern, obj)
    else:
        sources = subject_tokens(token)
        targets = verb_targets(token, pattern, obj)
    if pattern.frame in ("intent", "appeal", "demand", "threat", "reject"):
        complement = complement_of(token)
        code = frame_code(pattern, complement)
        if complement is not None:
            absorbed.update(t.i for t in complement.subtree if t.pos_ in ("VERB", "NOUN"))
        own = [t for t in targets if t != complement]
        targets = own or complement_targets(complement, sources)
    if pattern.frame == "statement":
        targets = [t for t in targets if t.dep_ in ("dative", "pobj") and t.pos_ == "PROPN"]
        demanded = obliged_clause(token)
        promised = own_future_clause(token)
        if demanded is not None:
            code = frame_codes().get(("demand", complement_root(demanded)), "100")
            targets = subject_tokens(demanded) or targets
            absorbed.update(t.i for t in demanded.subtree if t.pos_ in ("VERB", "NOUN"))
        elif promised is not None and not context.is_negated(promised):
            code = frame_codes().get(("intent", complement_root(promised)), "030")
            targets = complement_targets(promised, sources)
            absorbed.update(t.i for t in promised.subtree if t.pos_ in ("VERB", "NOUN"))
    end = token
    for child in token.children:
        if child.dep_ == "prt" and child.i == end.i + 1:
            end = child
    span = (token.idx, end.idx + len(end))
    return [Candidate(code, token, span, token, sources, targets, pattern)]


def allegation_candidates(token: Token, pattern: Pattern) -> list[Candidate]:
    """ "X said the media distorted the facts": X accuses the media."""
    speech = context.reporter_of(token)
    if speech is None:
        return []
    sources = context.reporter_subjects(speech)
    span = (token.idx, token.idx + len(token))
    return [Candidate(pattern.code, token, span, token, sources, subject_tokens(token), pattern)]


def noun_parties(noun: Token, symmetric: bool) -> tuple[list[Token], list[Token]]:
    """Parties named inside a noun phrase: "talks between A and B", "Russia's attack on ...",
    "the visit of A to B", "criticism of X"."""
    between = pobj_of(noun, {"between", "among"})
    if between:
        return between, []
    sources = [resolve(c) for c in noun.children if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her")]
    sources += pobj_of(noun, NOUN_SOURCE_PREPS)
    targets = pobj_of(noun, NOUN_TARGET_PREPS)
    of = pobj_of(noun, {"of"})
    if of and not sources and (targets or symmetric):
        sources = of
    elif of and not targets:
        targets = of
    return sources, targets


def nominal_candidates(noun: Token, pattern: Pattern, absorbed: set[int]) -> list[Candidate]:
    """A noun trigger: after a light verb, as the subject of "take place", in a "during/at" phrase,
    or on its own."""
    head = noun.head
    light = cues()["light"]
    sources, targets = noun_parties(noun, pattern.symmetric)
    targets = [t for t in targets if is_actor_like(t)]
    anchor, start, anaphoric = noun, noun, False
    left = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i == noun.i - 1]
    if left:
        start = left[0]
    via_prep = noun.dep_ == "pobj" and head.dep_ in ("prep", "agent")
    verb = head.head if via_prep else head
    is_light = verb.lemma_.lower() in light or verb.lower_ in light
    if noun.dep_ in ("dobj", "nsubjpass", "attr") or (via_prep and is_light):
        if not is_light:
            if match_pattern(verb) or not (sources or targets or pattern.bare):
                return []
        else:
            sources = sources or (agent_tokens(verb) if is_passive(verb) else subject_tokens(verb))
            targets = targets or [
                t for t in pobj_of(verb, TARGET_PREPS) + [c for c in verb.children if c.dep_ == "dative"] if t != noun
            ]
            anchor = verb
            if verb.i < noun.i and noun.i - verb.i <= 4:
                start = verb
    elif via_prep and head.lower_ in PP_CONTEXT and verb.pos_ in ("VERB", "AUX"):
        anchor = verb
        if targets:
            sources = sources or subject_tokens(verb)
    elif noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in cues()["happening"]:
        anchor = head
    elif not (sources or targets or pattern.bare):
        return []
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    named = any(is_named(t) for t in sources + targets)
    anaphoric = bool(determiners & DEFINITE | {"similar"} & {c.lower_ for c in noun.children}) and not named
    if noun.i in absorbed:
        return []
    span = (start.idx, noun.idx + len(noun))
    return [Candidate(pattern.code, noun, span, anchor, sources, targets, pattern, nominal=True, anaphoric=anaphoric)]


def sentence_candidates(sent: Span) -> list[Candidate]:
    absorbed: set[int] = set()
    found: list[Candidate] = []
    for token in sent:
        matched = match_pattern(token)
        if matched is None:
            continue
        pattern, obj = matched
        if pattern.frame == "allegation":
            found.extend(allegation_candidates(token, pattern))
        elif pattern.pos == "verb":
            found.extend(verbal_candidates(token, pattern, obj, absorbed))
        else:
            found.extend(nominal_candidates(token, pattern, absorbed))
    return [c for c in found if c.trigger.i not in absorbed or c.pattern.frame]


def extract_events(doc: Doc) -> list[dict[str, Any]]:
    """Every CAMEO event the parse supports, as contract records numbered v1, v2, …"""
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


def span_key(part: dict[str, Any] | None) -> tuple[int, int] | None:
    return (part["start"], part["end"]) if part else None


def pairs(candidate: Candidate) -> list[tuple[Token | None, Token | None]]:
    sources, targets = candidate.sources, candidate.targets
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
    if base["modality"] == "intended" and not base["negated"] and intent_code(base["code"]) != base["code"]:
        base.update(code_fields(intent_code(base["code"])))
    records = []
    for source, target in pairs(candidate):
        if source is None and target is None and not (candidate.pattern.bare or candidate.anaphoric):
            continue
        record = dict(base)
        record["source"], record["target"] = party(source), party(possessor(target) if target is not None else None)
        record["confidence"] = confidence(candidate, record)
        records.append(record)
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
        "sentence": [sent.start_char, sent.start_char + len(sent.text.rstrip())],
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
