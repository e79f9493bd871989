"""Reader for PETRARCH/TABARI actor and agent dictionaries (written in the next step)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.extract.actors.kb import KnowledgeBase


def read_petrarch_file(path: Path) -> KnowledgeBase:
    raise NotImplementedError(f"{path}: PETRARCH dictionaries are not supported yet")
