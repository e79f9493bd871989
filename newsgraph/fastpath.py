"""The engine's fast path: the same annotations as the stock pipeline, computed with less Python work.

Two costs dominate once the neural components have run, and neither changes a single annotation when
removed:

- ``Doc.text`` is rebuilt from the tokens on every access (a Python loop that makes one ``Token``
  object per token), and the extractors read it for every span they record. ``TextDoc`` keeps the
  article text it was made from.
- spaCy's ``attribute_ruler`` and ``lemmatizer`` set tags, parts of speech, morphology and lemmas one
  token at a time through Python objects, the ruler through a Matcher and the lemmatizer scanning long
  word lists. ``FastAttributes`` works out which rules match each distinct token key once, applies them
  in the ruler's order to arrays, looks lemmas up through set-based copies of the lemmatizer's tables
  with a cache keyed as spaCy's own, and writes everything back in one ``Doc.from_array`` call.

Both are switchable (``Engine(fast=False)`` or ``NEWSGRAPH_FASTPATH=0``), so tests and benchmarks can
check that the records are the same either way.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

FASTPATH_ENV = "NEWSGRAPH_FASTPATH"
REPLACED = ("attribute_ruler", "lemmatizer")
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]
COLUMN_OF = {attr: column for column, attr in enumerate(COLUMNS)}


def fastpath_default() -> bool:
    """Whether the fast path is on when not said otherwise: yes, unless ``NEWSGRAPH_FASTPATH=0``."""
    return os.environ.get(FASTPATH_ENV, "1").strip().lower() not in ("0", "no", "false", "off")


class TextDoc(Doc):
    """A ``Doc`` that remembers its text instead of joining its tokens again at every access."""

    @property
    def text(self) -> str:
        cached = self.__dict__.get("_text")
        if cached is None:
            cached = self.__dict__["_text"] = "".join(token.text_with_ws for token in self)
        return cached

    @property
    def text_with_ws(self) -> str:
        return self.text


def text_doc(nlp: Language, text: str) -> TextDoc:
    """The tokenizer's Doc for ``text`` as a ``TextDoc``: same tokens, spaces and token norms."""
    plain = nlp.make_doc(text)
    table = plain.to_array([ORTH, SPACY, NORM])
    strings = nlp.vocab.strings
    rows = table.tolist()
    doc = TextDoc(nlp.vocab, words=[strings[row[0]] for row in rows], spaces=[bool(row[1]) for row in rows])
    if len(doc):
        doc.from_array([NORM], numpy.ascontiguousarray(table[:, 2:3]))
    doc.__dict__["_text"] = text
    return doc


SpecKey = tuple[str, str, str, bool]  # a token's tag, lowercase form, dependency label, is_space
KEY_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
LOWER_FIELD = KEY_FIELDS["LOWER"]


Predicate = Callable[[SpecKey], bool]


def spec_predicate(spec: dict[str, Any]) -> tuple[tuple[int, ...], Predicate, frozenset[str] | None]:
    """One token of a Matcher pattern as a test on a token's key, with the Matcher's meaning of a plain
    value (equality), ``IN``, ``NOT_IN`` and ``REGEX`` (``re.search``); the key fields it reads; and the
    only lowercase forms it can match, when it names them. Anything else raises ValueError."""
    tests: list[Predicate] = []
    for attr, value in spec.items():
        field = KEY_FIELDS.get(attr)
        if field is None:
            raise ValueError(f"attribute rule tests {attr}, which the fast path lacks")
        tests.append(value_test(field, value))
    fields = tuple(sorted(KEY_FIELDS[attr] for attr in spec))
    lower = spec.get("LOWER")
    words = None
    if isinstance(lower, str):
        words = frozenset([lower])
    elif isinstance(lower, dict) and set(lower) == {"IN"}:
        words = frozenset(lower["IN"])
    return fields, lambda key: all(test(key) for test in tests), words


def value_test(field: int, value: Any) -> Predicate:
    if not isinstance(value, dict):
        return lambda key: key[field] == value
    if set(value) == {"IN"}:
        members = set(value["IN"])
        return lambda key: key[field] in members
    if set(value) == {"NOT_IN"}:
        excluded = set(value["NOT_IN"])
        return lambda key: key[field] not in excluded
    if set(value) == {"REGEX"}:
        regex = re.compile(value["REGEX"])
        return lambda key: bool(regex.search(key[field]))
    raise ValueError(f"attribute rule uses {sorted(value)}, which the fast path lacks")


class SpecGroup:
    """Pattern tokens that read the same key fields, their outcome cached per value of those fields."""

    def __init__(self, fields: tuple[int, ...]) -> None:
        self.fields = fields
        self.project = operator.itemgetter(*fields)
        self.open_tests: list[tuple[tuple[str, int], Predicate]] = []
        self.word_tests: dict[str, list[tuple[tuple[str, int], Predicate]]] = {}
        self.cache: dict[Any, tuple[tuple[str, int], ...]] = {}  # by the value(s) of the fields read

    def add(self, payload: tuple[str, int], test: Predicate, words: frozenset[str] | None) -> None:
        """A test that can only match the given lowercase forms is tried on those forms alone."""
        if words is None:
            self.open_tests.append((payload, test))
        for word in words or ():
            self.word_tests.setdefault(word, []).append((payload, test))

    def matching(self, key: SpecKey) -> tuple[tuple[str, int], ...]:
        if not self.open_tests and key[LOWER_FIELD] not in self.word_tests:
            return ()
        projected = self.project(key)
        found = self.cache.get(projected)
        if found is None:
            candidates = self.open_tests + self.word_tests.get(key[LOWER_FIELD], [])
            found = self.cache[projected] = tuple(payload for payload, test in candidates if test(key))
        return found


class RuleTable:
    """The attribute ruler's patterns, evaluated per distinct token key and cached.

    A single-token pattern depends on nothing but the token's (tag, lower, dep, is_space), so the rules
    that match a token are worked out once per key (from smaller caches per group of fields read).
    A two-token pattern is a first-token test of this kind followed by a test of the next token.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.seconds: list[tuple[int, Predicate]] = []
        self.groups: dict[tuple[int, ...], SpecGroup] = {}
        for rule_id, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                self.add_pattern(rule_id, pattern)
        self.by_key: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self.keys: dict[tuple[int, ...], SpecKey] = {}

    def add_pattern(self, rule_id: int, pattern: list[dict[str, Any]]) -> None:
        if len(pattern) not in (1, 2):
            raise ValueError("attribute rules longer than two tokens are not handled by the fast path")
        fields, test, words = spec_predicate(pattern[0])
        if len(pattern) == 1:
            if self.indices[rule_id] not in (0, -1):
                raise ValueError(f"attribute rule {rule_id} sets a token outside its one-token pattern")
            payload = ("single", rule_id)
        else:
            payload = ("first", len(self.seconds))
            self.seconds.append((rule_id, spec_predicate(pattern[1])[1]))
        self.groups.setdefault(fields, SpecGroup(fields)).add(payload, test, words)

    def targets(self, doc: Doc) -> tuple[list[tuple[int, ...]], dict[int, list[int]]]:
        """The rules that set each token: for every token, the one-token rules its key matches (which set
        the token itself); and by position, the two-token rules that set the token there."""
        hashes = [tuple(row) for row in doc.to_array(KEY_ATTRS).tolist()]
        own: list[tuple[int, ...]] = []
        extra: dict[int, list[int]] = {}
        for i, hashed in enumerate(hashes):
            singles, firsts = self.by_key.get(hashed) or self.learn(doc, hashed)
            own.append(singles)
            for number in firsts:
                rule_id, second = self.seconds[number]
                if i + 1 < len(hashes) and second(self.key(doc, hashes[i + 1])):
                    index = self.indices[rule_id]
                    extra.setdefault(i + (index if index >= 0 else 2 + index), []).append(rule_id)
        return own, extra

    def key(self, doc: Doc, hashed: tuple[int, ...]) -> SpecKey:
        key = self.keys.get(hashed)
        if key is None:
            strings = doc.vocab.strings
            key = self.keys[hashed] = (strings[hashed[0]], strings[hashed[1]], strings[hashed[2]], bool(hashed[3]))
        return key

    def learn(self, doc: Doc, hashed: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The single-token rules, and the two-token patterns' first tokens, that a key matches."""
        key = self.key(doc, hashed)
        payloads = [payload for group in self.groups.values() for payload in group.matching(key)]
        singles = tuple(sorted(number for kind, number in payloads if kind == "single"))
        firsts = tuple(sorted(number for kind, number in payloads if kind == "first"))
        self.by_key[hashed] = (singles, firsts)
        return singles, firsts


def set_based_lemmatizer(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of a rule lemmatizer whose word index tables are sets: its rules test membership in them,
    which spaCy's tables answer by scanning lists. Same tables, same rules, same lemmas."""
    copy = type(lemmatizer)(lemmatizer.vocab, None, lemmatizer.name, mode="rule", overwrite=False)
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        copied = lookups.add_table(name)
        for key, value in table.items():
            copied[key] = frozenset(value) if name == "lemma_index" else value
    copy.lookups = lookups
    return copy


class FastAttributes:
    """``attribute_ruler`` followed by ``lemmatizer`` (rule mode, no overwrite), done with arrays."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.overwrite or lemmatizer.mode != "rule":
            raise ValueError("FastAttributes only reproduces a rule lemmatizer that keeps existing lemmas")
        self.rules = RuleTable(ruler)
        self.lemmatizer = set_based_lemmatizer(lemmatizer)
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.effects: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(COLUMNS).tolist()
        self.apply_rules(doc, rows)
        self.fill_lemmas(doc, rows)
        doc.from_array(COLUMNS, numpy.array(rows, dtype=numpy.uint64))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def apply_rules(self, doc: Doc, rows: list[list[int]]) -> None:
        """The ruler's matches, later rules overriding earlier ones, as the ruler itself applies them."""
        own, extra = self.rules.targets(doc)
        for i, singles in enumerate(own):
            more = extra.get(i)
            for column, value in self.effect(tuple(sorted(singles + tuple(more))) if more else singles):
                rows[i][column] = value

    def effect(self, rule_ids: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) that rules applied to one token in this order leave set, worked out once."""
        found = self.effects.get(rule_ids)
        if found is None:
            values: dict[int, int] = {}
            for rule_id in rule_ids:
                for attr, value in self.rules.attrs[rule_id].items():
                    column = COLUMN_OF.get(attr)
                    if column is None:
                        raise ValueError(f"attribute rule {rule_id} sets attribute {attr}, which the fast path lacks")
                    values[column] = value
            found = self.effects[rule_ids] = tuple(values.items())
        return found

    def fill_lemmas(self, doc: Doc, rows: list[list[int]]) -> None:
        """Lemmas for tokens the rules left without one, cached on (orth, pos, morph) as spaCy does."""
        orths = doc.to_array(ORTH).tolist()
        strings = doc.vocab.strings
        pos_column, morph_column, lemma_column = COLUMN_OF[POS], COLUMN_OF[MORPH], COLUMN_OF[LEMMA]
        for i, row in enumerate(rows):
            if row[lemma_column]:
                continue
            key = (orths[i], row[pos_column], row[morph_column])
            lemma = self.lemmas.get(key)
            if lemma is None:
                token = doc[i]
                token.pos = row[pos_column]
                token.set_morph(row[morph_column])
                lemma = self.lemmas[key] = strings.add(self.lemmatizer.lemmatize(token)[0])
            row[lemma_column] = lemma


Step = tuple[str, Callable[[Doc], Doc]]


def fast_steps(nlp: Language) -> list[Step]:
    """The pipeline's components with the ruler and lemmatizer replaced by one ``FastAttributes``, or
    left as they are when the pipeline lacks them or has rules the fast path cannot reproduce."""
    names = nlp.pipe_names
    if not all(name in names for name in REPLACED) or names.index(REPLACED[1]) != names.index(REPLACED[0]) + 1:
        return list(nlp.pipeline)
    try:
        fused = FastAttributes(nlp.get_pipe(REPLACED[0]), nlp.get_pipe(REPLACED[1]))
    except ValueError:
        return list(nlp.pipeline)  # rules or a lemmatizer mode the fast path cannot reproduce exactly
    steps: list[Step] = []
    for name, component in nlp.pipeline:
        if name == REPLACED[0]:
            steps.append(("newsgraph_fast_attributes", fused))
        elif name != REPLACED[1]:
            steps.append((name, component))
    return steps


def run_steps(steps: list[Step], docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """Every step over the docs in order, batched where a step can batch (as ``Language.pipe`` does)."""
    stream: Iterable[Doc] = docs
    for _, component in steps:
        if hasattr(component, "pipe"):
            stream = component.pipe(stream, batch_size=batch_size)
        else:
            stream = map(component, stream)
    return iter(stream)
