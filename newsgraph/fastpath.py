"""The engine's fast path: the same annotations as the stock pipeline, computed with less Python work.

Two costs dominate once the neural components have run, and neither changes a single annotation when
removed:

- ``Doc.text`` is rebuilt from the tokens on every access (a Python loop that makes one ``Token``
  object per token), and the extractors read it for every span they record. ``TextDoc`` keeps the
  article text it was made from.
- spaCy's ``attribute_ruler`` and ``lemmatizer`` set tags, parts of speech, morphology and lemmas one
  token at a time through Python objects. ``FastAttributes`` finds the same rule matches with the
  ruler's own matcher, applies them in the ruler's order to arrays, looks lemmas up in a cache keyed
  as spaCy's lemmatizer keys its own, and writes everything back in one ``Doc.from_array`` call.

Both are switchable (``Engine(fast=False)`` or ``NEWSGRAPH_FASTPATH=0``), so tests and benchmarks can
check that the records are the same either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, NORM, ORTH, POS, SPACY, TAG
from spacy.language import Language
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
    words = [nlp.vocab.strings[orth] for orth in plain.to_array([ORTH]).tolist()]
    spaces = [bool(space) for space in plain.to_array([SPACY]).tolist()]
    doc = TextDoc(nlp.vocab, words=words, spaces=spaces)
    if len(doc):
        doc.from_array([NORM], plain.to_array([NORM]))
    doc.__dict__["_text"] = text
    return doc


class FastAttributes:
    """``attribute_ruler`` followed by ``lemmatizer`` (rule mode, no overwrite), done with arrays."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.overwrite:
            raise ValueError("FastAttributes only reproduces a lemmatizer that keeps existing lemmas")
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array(COLUMNS)
        self.apply_rules(doc, table)
        self.fill_lemmas(doc, table)
        doc.from_array(COLUMNS, table)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def apply_rules(self, doc: Doc, table: numpy.ndarray) -> None:
        """The ruler's matches, later rules overriding earlier ones, as the ruler itself applies them."""
        for attr_id, _, start, end in self.ruler.match(doc):
            index = self.ruler.indices[attr_id]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:
                raise ValueError(f"attribute rule {attr_id} points outside its match")
            for attr, value in self.ruler.attrs[attr_id].items():
                column = COLUMN_OF.get(attr)
                if column is None:
                    raise ValueError(f"attribute rule {attr_id} sets attribute {attr}, which the fast path lacks")
                table[position, column] = value

    def fill_lemmas(self, doc: Doc, table: numpy.ndarray) -> None:
        """Lemmas for tokens the rules left without one, cached on (orth, pos, morph) as spaCy does."""
        orths = doc.to_array([ORTH]).tolist()
        strings = doc.vocab.strings
        rows = table.tolist()
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
            table[i, lemma_column] = lemma


Step = tuple[str, Callable[[Doc], Doc]]


def fast_steps(nlp: Language) -> list[Step]:
    """The pipeline's components with the ruler and lemmatizer replaced by one ``FastAttributes``."""
    names = nlp.pipe_names
    if not all(name in names for name in REPLACED) or names.index(REPLACED[1]) != names.index(REPLACED[0]) + 1:
        return list(nlp.pipeline)
    fused = FastAttributes(nlp.get_pipe(REPLACED[0]), nlp.get_pipe(REPLACED[1]))
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
