"""Token attributes of a finished ``Doc`` as plain lists, read once per Doc and kept on it.

Going through ``doc[i]`` makes a ``Token`` object each time, which costs more than most tests that
extractors make on it. Extractors that scan every token for a few candidates read these columns
instead (hashes, as ``Doc.to_array`` gives them) and make Tokens for the candidates alone. The columns
are kept in ``doc.user_data``: extractors run once the pipeline has set every annotation, and none of
them changes one. Each extractor's entry point calls ``start_extractor`` first, so that what it reads was
taken from the Doc as it is now (tests change Docs between runs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy
from spacy.attrs import HEAD
from spacy.tokens import Doc, Span

ARRAYS_KEY = "newsgraph.token_arrays"
MEMO_KEY = "newsgraph.memo"
T = TypeVar("T")


def start_extractor(doc: Doc) -> None:
    """Forget the columns and memos kept on the Doc."""
    doc.user_data.pop(ARRAYS_KEY, None)
    doc.user_data.pop(MEMO_KEY, None)


def token_column(doc: Doc, attr: int) -> list[int]:
    """The value of a spaCy attribute (``spacy.attrs``, e.g. ``LOWER``, ``DEP``) for every token."""
    cache = doc.user_data.setdefault(ARRAYS_KEY, {})
    column = cache.get(attr)
    if column is None:
        column = cache[attr] = doc.to_array(attr).tolist() if len(doc) else []
    return column


def head_indices(doc: Doc) -> list[int]:
    """The index of every token's syntactic head (a root is its own head)."""
    cache = doc.user_data.setdefault(ARRAYS_KEY, {})
    heads = cache.get("heads")
    if heads is None:
        offsets = doc.to_array(HEAD).astype(numpy.int64) if len(doc) else numpy.zeros(0, dtype=numpy.int64)
        heads = cache["heads"] = (offsets + numpy.arange(len(doc), dtype=numpy.int64)).tolist()
    return heads


def indices_with(doc: Doc, attr: int, values: int | set[int] | frozenset[int]) -> list[int]:
    """Indices of the tokens whose attribute has the given hash (or one of the given hashes)."""
    column = token_column(doc, attr)
    if isinstance(values, int):
        return [i for i, value in enumerate(column) if value == values]
    return [i for i, value in enumerate(column) if value in values]


def doc_memo(doc: Doc, key: str, source: object, compute: Callable[[], T]) -> T:
    """``compute()`` once per Doc, key and ``source`` (the object the result is derived from, such as an
    earlier component's section list; a different object, as when a section is set again, means
    computing again): for what an extractor derives once and asks again for every candidate."""
    memo = doc.user_data.setdefault(MEMO_KEY, {})
    found = memo.get(key)
    if found is None or found[0] is not source:
        found = memo[key] = (source, compute())
    return found[1]


def entity_spans(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, which spaCy makes anew (scanning every token) at each access."""
    return doc_memo(doc, "ents", None, lambda: doc.ents)
