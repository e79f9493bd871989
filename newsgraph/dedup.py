"""Duplicate detection before analysis: exact copies by a normalised-text hash, near copies by MinHash-LSH.

Pure functions and an in-memory index; the store persists fingerprints and rebuilds the index from them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
THRESHOLD = 0.8
SEED = 1
SCHEME = "affine32"
# Stored with each fingerprint: signatures made with other settings are recomputed, never compared.
METHOD = f"minhash-{SCHEME}-p{NUM_PERM}-s{SEED}-w{SHINGLE_WORDS}"

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise_text(text: str) -> str:
    """The text as compared for exact duplicates: NFKC, case-folded, quotes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def text_hash(text: str) -> str:
    """SHA-1 of the normalised text (hex): equal for texts differing only in case, spacing or quote style."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """The case-folded words of a text, punctuation dropped."""
    return _WORD.findall(normalise_text(text))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of ``size`` words; a text shorter than that is one shingle."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def minhash(text: str) -> MinHash:
    """The MinHash signature of a text's word shingles."""
    signature = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return signature


def signature_bytes(signature: MinHash) -> bytes:
    """A MinHash signature as bytes for storage (little-endian unsigned 32-bit values)."""
    return np.asarray(signature.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """The MinHash signature stored by ``signature_bytes``."""
    values = np.frombuffer(data, dtype="<u4").astype(np.uint64)
    return MinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return _agreement(a.hashvalues, b.hashvalues)


def _agreement(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection needs to know about one text."""

    text_hash: str
    signature: MinHash

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        return cls(text_hash(text), minhash(text))


class NearDuplicateIndex:
    """MinHash-LSH over the signatures of original (non-duplicate) articles, keyed by article id.

    The LSH gives candidates; ``query`` keeps those whose estimated similarity reaches the threshold,
    earliest added first, so that a copy is linked to the first article it copies.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._values: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._added = 0

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: str) -> bool:
        return key in self._values

    def add(self, key: str, signature: MinHash) -> None:
        if key in self._values:
            return
        self._lsh.insert(key, signature)
        self._values[key] = signature.hashvalues
        self._order[key] = self._added
        self._added += 1

    def add_many(self, items: Iterable[tuple[str, MinHash]]) -> None:
        with self._lsh.insertion_session() as session:
            for key, signature in items:
                if key not in self._values:
                    session.insert(key, signature)
                    self._values[key] = signature.hashvalues
                    self._order[key] = self._added
                    self._added += 1

    def remove(self, key: str) -> None:
        if self._values.pop(key, None) is not None:
            self._order.pop(key)
            self._lsh.remove(key)

    def query(self, signature: MinHash) -> list[tuple[str, float]]:
        """Indexed keys similar to ``signature`` at or above the threshold, earliest added first."""
        found = [(key, _agreement(signature.hashvalues, self._values[key])) for key in self._lsh.query(signature)]
        return sorted((hit for hit in found if hit[1] >= self.threshold), key=lambda hit: self._order[hit[0]])
