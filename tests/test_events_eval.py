"""The event scorers stay at or above their pinned floors (eval/floors/events.json)."""

from __future__ import annotations

import importlib
import json

import pytest

from tests.conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "eval" / "floors" / "events.json").read_text("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("scorer", sorted(FLOORS))
def test_scores_hold_their_floors(scorer):
    shared_path("eval", "events")
    scores = importlib.import_module(f"eval.{scorer}").score()
    for metric, floor in FLOORS[scorer].items():
        assert scores[metric] >= floor, (scorer, metric, scores[metric], floor)
