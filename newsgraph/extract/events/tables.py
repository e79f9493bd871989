"""The event coder's data: CAMEO codes, verb and noun patterns, cue words and frame codes."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

FRAMES = ("statement", "intent", "appeal", "demand", "threat", "reject", "allegation")


@dataclass(frozen=True)
class Pattern:
    """One coding rule: a trigger lemma with optional particle, preposition and object constraints."""

    code: str
    lemma: str
    pos: str
    particle: str | None = None
    prep: str | None = None
    object: str | None = None
    symmetric: bool = False
    frame: str | None = None
    bare: bool = False
    target: str | None = None
    unless: str | None = None
    reverse: str | None = None  # the code of the target's reverse event (PETRARCH's "[032:033]")
    origin: str | None = None  # "petrarch": read from a PETRARCH dictionary, whose codes are final
    modifiers: tuple[str, ...] = ()  # regexes each matching a modifier of the object ("economic ties")
    example: str = ""

    @property
    def object_re(self) -> re.Pattern[str] | None:
        return re.compile(f"(?:{self.object})") if self.object else None

    @property
    def specificity(self) -> int:
        return 2 * bool(self.object) + bool(self.prep) + bool(self.particle) + len(self.modifiers)


def _data_text(name: str) -> str:
    return resources.files("newsgraph.data").joinpath("events", name).read_text("utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data_text(name).splitlines(), delimiter="\t"))


class CodeTable(dict):
    """CAMEO codes; a three- or four-digit code outside CAMEO (a loaded dictionary's own test codes, such
    as PETRARCH's validation codes 902 or 1717) reads as its root's row with its own code and label."""

    def __missing__(self, code: str) -> dict[str, Any]:
        if not re.fullmatch(r"\d{3,4}", code):
            raise KeyError(code)
        root = super().get(code[:2] + "0")
        row = {
            "code": code,
            "root": code[:2],
            "label": f"Code {code} (outside CAMEO)",
            "quad_class": root["quad_class"] if root else 1,
            "goldstein": root["goldstein"] if root else 0.0,
            "plover": None,
            "plover_context": None,
        }
        return row


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, dict[str, Any]]:
    """CAMEO 1.1b3 codes: label, root, quad class, Goldstein value and PLOVER event/mode/context."""
    table = CodeTable()
    for row in _tsv("cameo_codes.tsv"):
        table[row["code"]] = {
            "code": row["code"],
            "root": row["root"],
            "label": row["label"],
            "quad_class": int(row["quad_class"]),
            "goldstein": float(row["goldstein"]),
            "plover": {"event": row["plover_event"] or None, "mode": row["plover_mode"] or None}
            if row["plover_event"]
            else None,
            "plover_context": row["plover_context"] or None,
        }
    return table


def read_patterns(text: str) -> list[Pattern]:
    return [Pattern(**json.loads(line)) for line in text.splitlines() if line.strip()]


PatternIndex = dict[tuple[str, str], list[Pattern]]
_ACTIVE: ContextVar[PatternIndex | None] = ContextVar("newsgraph_event_patterns", default=None)


def index_patterns(patterns: Iterable[Pattern]) -> PatternIndex:
    """Patterns keyed by (lemma, pos), most specific first."""
    index: PatternIndex = {}
    for pattern in patterns:
        index.setdefault((pattern.lemma, pattern.pos), []).append(pattern)
    for group in index.values():
        group.sort(key=lambda p: -p.specificity)
    return index


@lru_cache(maxsize=1)
def builtin_patterns() -> PatternIndex:
    return index_patterns(read_patterns(_data_text("verb_patterns.jsonl")))


def patterns_by_lemma() -> PatternIndex:
    """The patterns in use: ours, or those a component loaded (``using_patterns``)."""
    active = _ACTIVE.get()
    return builtin_patterns() if active is None else active


@contextmanager
def using_patterns(index: PatternIndex | None) -> Iterator[None]:
    """Code with another pattern index inside the block (None: ours)."""
    token = _ACTIVE.set(index)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


@lru_cache(maxsize=8)
def load_patterns(sources: tuple[str, ...]) -> PatternIndex | None:
    """The pattern index of a list of sources, combined in order: "builtin" (ours), a ``.jsonl`` file of
    patterns in our format, or a PETRARCH-2/TABARI verb dictionary (any other file). A later source's
    patterns replace an earlier source's for the same (lemma, pos). None when it is just ours."""
    if sources == ("builtin",):
        return None
    from newsgraph.extract.events.petrarch import read_verb_file

    index: PatternIndex = {}
    for source in sources:
        if source == "builtin":
            patterns = [p for group in builtin_patterns().values() for p in group]
        elif source.endswith(".jsonl"):
            patterns = read_patterns(Path(source).read_text("utf-8"))
        else:
            patterns = read_verb_file(Path(source)).patterns
        index.update(index_patterns(patterns))
    return index


@lru_cache(maxsize=1)
def cues() -> dict[str, dict[str, str]]:
    """Cue words by kind (light verbs, speech verbs, negation, modality markers, role nouns)."""
    table: dict[str, dict[str, str]] = {}
    for row in _tsv("cues.tsv"):
        table.setdefault(row["kind"], {})[row["word"]] = row["value"] or ""
    return table


@lru_cache(maxsize=1)
def frame_codes() -> dict[tuple[str, str], str]:
    """(frame, complement root or '*') -> the code of the frame verb."""
    return {(row["frame"], row["complement_root"]): row["code"] for row in _tsv("frame_codes.tsv")}
