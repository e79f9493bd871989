"""Duplicate detection before analysis: exact copies by a normalised-text hash, near copies by MinHash-LSH.

Pure functions. Locality-sensitive hashing cuts each signature into ``BANDS`` bands of ``ROWS`` values
and hashes each band to a bucket number; texts whose estimated similarity reaches ``THRESHOLD`` very
probably share a bucket in some band. The store keeps the buckets in an indexed table, so candidates
are found by one query, across runs and processes, with nothing held in memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 3
THRESHOLD = 0.8
SEED = 1
SCHEME = "affine32"
# 9 bands of 13 rows: the split datasketch's MinHashLSH picks for threshold 0.8 and 128 permutations
# (equal weight to false positives and false negatives).
BANDS, ROWS = 9, 13
# Stored with each fingerprint: fingerprints made with other settings are recomputed, never compared.
METHOD = f"minhash-{SCHEME}-p{NUM_PERM}-s{SEED}-w{SHINGLE_WORDS}-b{BANDS}r{ROWS}"

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


def band_buckets(signature: MinHash) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature: each band of ROWS values hashed to a signed 64-bit number."""
    values = np.asarray(signature.hashvalues, dtype="<u4")
    buckets = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        buckets.append((band, int.from_bytes(digest, "little", signed=True)))
    return buckets
