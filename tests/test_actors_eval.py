"""The actor scorer on the PLOVER gold-standard records stays above its pinned floors."""

from __future__ import annotations

import json

import pytest

from eval.actors import FLOORS, covering_code, full_agrees, gold_records, score_system
from tests.conftest import SHARED, shared_path


def test_scoring_rules():
    actors = [{"code": "RUSGOV", "mentions": [[0, 14]]}, {"code": "RUS", "mentions": [[20, 26]]}]
    assert covering_code(actors, 9, 14) == "RUSGOV"
    assert covering_code(actors, 18, 22) == "RUS"
    assert covering_code(actors, 15, 18) is None
    assert full_agrees("RUSGOV", "RUS", "GOV") and not full_agrees("RUS", "RUS", "GOV")
    assert full_agrees("IGOUNO", "IGO", None)


@pytest.mark.slow
def test_ours_stays_above_its_floors():
    shared_path("eval", "events", "plover-gsr")
    records = list(gold_records(SHARED))
    result = score_system("ours", records, SHARED)
    for metric, floor in json.loads(FLOORS.read_text("utf-8"))["ours"].items():
        assert result[metric] >= floor, (metric, result[metric], floor)
