"""Event triggers over the dependency parse: which pattern a verb or noun matches, and the candidate
events (trigger, source and target tokens) each sentence holds.

Frames refine codes (a promise to meet is 036, a demand for aid 103); "X said Y must …" is a demand,
"X said it would …" an intent; noun triggers take their parties from a light verb ("had a meeting
with"), from the clause they sit in ("at a meeting with"), or from their own phrase ("talks between").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from newsgraph.extract.arrays import token_column
from newsgraph.extract.events import context
from newsgraph.extract.events.parties import (
    TARGET_PREPS,
    agent_tokens,
    expand_conj,
    is_actor_like,
    is_named,
    is_passive,
    pobj_of,
    resolve,
    subject_tokens,
)
from newsgraph.extract.events.tables import (
    Pattern,
    PatternIndex,
    cameo_codes,
    cues,
    frame_codes,
    patterns_by_lemma,
)

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


def has_modifiers(obj: Token | None, modifiers: tuple[str, ...]) -> bool:
    """Whether every modifier regex matches some adjective or compound of the object ("full economic ties")."""
    if obj is None:
        return False
    words = [w for c in obj.children if c.dep_ in ("amod", "compound", "nmod") for w in (c.lemma_.lower(), c.lower_)]
    return all(any(re.fullmatch(regex, w) for w in words) for regex in modifiers)


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
    patterns = patterns_by_lemma().get((token.lemma_.lower(), pos))
    if not patterns:
        return None
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "dative", "agent")}
    best: tuple[int, Pattern, Token | None] | None = None
    for pattern in patterns:
        if pattern.particle and pattern.particle not in particles:
            continue
        if pattern.prep and pattern.prep not in preps:
            continue
        obj = pattern_object(token, pattern) if pos == "verb" else token
        if pattern.unless and obj is not None and re.fullmatch(pattern.unless, obj.lemma_.lower()):
            continue
        if pattern.modifiers and not has_modifiers(obj, pattern.modifiers):
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
        wanted = complement.lemma_.lower()
        same_lemma = [
            p for (lemma, _), group in patterns_by_lemma().items() if lemma == wanted for p in group if not p.object
        ]
        matched = (same_lemma[-1], None) if same_lemma else None
    root = cameo_codes()[matched[0].code]["root"] if matched else "*"
    return frame_codes().get((pattern.frame, root)) or frame_codes().get((pattern.frame, "*"), pattern.code)


def verb_targets(verb: Token, pattern: Pattern, obj: Token | None) -> list[Token]:
    """The target of a verbal event: the pattern's preposition object, else the direct object (unless it
    is what the pattern's object constraint named), else an indirect object or a "with/to/against" phrase."""
    if pattern.target == "with":
        return pobj_of(verb, {"with"})
    if pattern.target == "phrase":
        return phrase_target(verb)
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


def phrase_target(verb: Token) -> list[Token]:
    """PETRARCH's target for its dictionaries' patterns: the first named party after the verb in its own
    phrase (a direct or indirect object, or the object of any preposition on the verb or its object),
    with the parties coordinated with it."""
    candidates = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in ("nsubj", "nsubjpass", "ccomp", "advcl", "conj", "punct"):
            continue
        for token in child.subtree:
            if token.pos_ == "PRON" and token.dep_ == "poss":
                continue  # "renewing his license": the owner is the source, not a target
            if token.dep_ in ("dobj", "dative", "pobj", "attr", "nmod", "poss", "compound") and is_named(token):
                candidates.append(token)
                break
    if not candidates:  # "allowed that Mordor isn't …": the subject of a complement clause
        candidates = [
            t
            for child in verb.children
            if child.dep_ == "ccomp" and child.i > verb.i
            for t in child.children
            if t.dep_ in ("nsubj", "nsubjpass") and is_named(t)
        ]
    if not candidates:
        return []
    first = min(candidates, key=lambda t: t.i)
    return [resolve(t) for t in expand_conj(first)]


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


def trigger_lemmas(index: PatternIndex) -> tuple[frozenset[str], dict[int, bool]]:
    """The lemmas a pattern index has patterns for, and a memo (lemma hash: whether a token with that
    lemma can match), kept for the index last asked about."""
    if _LEMMAS[0] is not index:
        _LEMMAS[:] = [index, frozenset(lemma for lemma, _ in index), {}]
    return _LEMMAS[1], _LEMMAS[2]


_LEMMAS: list = [None, frozenset(), {}]


def possible_triggers(sent: Span) -> list[Token]:
    """The sentence's tokens whose lemma some pattern has (``match_pattern`` finds nothing for the others)."""
    doc = sent.doc
    lemmas, memo = trigger_lemmas(patterns_by_lemma())
    column, strings = token_column(doc, LEMMA), doc.vocab.strings
    found = []
    for i in range(sent.start, sent.end):
        lemma = column[i]
        known = memo.get(lemma)
        if known is None:
            known = memo[lemma] = strings[lemma].lower() in lemmas
        if known:
            found.append(doc[i])
    return found


def sentence_candidates(sent: Span) -> list[Candidate]:
    absorbed: set[int] = set()
    found: list[Candidate] = []
    for token in possible_triggers(sent):
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
