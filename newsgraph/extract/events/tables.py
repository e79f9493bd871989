"""The event coder's data: CAMEO codes, verb and noun patterns, cue words and frame codes."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
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
    example: str = ""

    @property
    def object_re(self) -> re.Pattern[str] | None:
        return re.compile(f"(?:{self.object})") if self.object else None

    @property
    def specificity(self) -> int:
        return 2 * bool(self.object) + bool(self.prep) + bool(self.particle)


def _data_text(name: str) -> str:
    return resources.files("newsgraph.data").joinpath("events", name).read_text("utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data_text(name).splitlines(), delimiter="\t"))


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, dict[str, Any]]:
    """CAMEO 1.1b3 codes: label, root, quad class, Goldstein value and PLOVER event/mode/context."""
    table = {}
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


@lru_cache(maxsize=1)
def patterns_by_lemma() -> dict[tuple[str, str], list[Pattern]]:
    """Patterns keyed by (lemma, pos), most specific first."""
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in read_patterns(_data_text("verb_patterns.jsonl")):
        index.setdefault((pattern.lemma, pattern.pos), []).append(pattern)
    for group in index.values():
        group.sort(key=lambda p: -p.specificity)
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
