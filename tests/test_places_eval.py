"""The geoparsing scorer runs end to end on a few documents of each corpus in ../shared/eval/geo."""

from __future__ import annotations

import pytest
from conftest import shared_path

from eval.geo import CORPORA, Scores, Toponym, align, score_corpus


def test_scores_count_exact_and_overlapping_spans_and_distances():
    scores = Scores()
    gold = [Toponym(0, 5, "Sochi", 43.6, 39.73, 491422), Toponym(10, 15, "Minsk", 53.9, 27.57, 625144)]
    predicted = [Toponym(0, 5, "Sochi", 43.59699, 39.72477, 491422), Toponym(9, 15, " Minsk", 0.0, 0.0, 1)]
    scores.add(gold, predicted)
    figures = scores.figures()
    assert figures["span_f1"] == 0.5 and figures["overlap_f1"] == 1.0
    assert figures["acc161"] == 0.5 and figures["id_acc"] == 0.5


def test_align_moves_an_offset_to_the_phrase():
    assert align("in Ottawa today", 2, "Ottawa") == 3
    assert align("in Ottawa today", 3, "Ottawa") == 3
    assert align("in Ottawa today", 3, "Calgary") is None


@pytest.mark.parametrize("corpus", CORPORA)
def test_scorer_smoke(corpus):
    shared_path("eval", "geo", corpus)
    figures = score_corpus(corpus, limit=3)
    assert figures["articles"] == 3 and figures["gold"] > 0
    assert 0 < figures["span_f1"] <= 1 and 0 < figures["acc161"] <= 1


def test_floors_name_known_corpora_and_metrics():
    import json

    from eval.geo import FLOORS

    floors = json.loads(FLOORS.read_text("utf-8"))
    known = {"span_f1", "overlap_f1", "acc161", "id_acc"}
    for corpus in CORPORA:
        assert floors[corpus] and set(floors[corpus]) <= known
        assert all(0 < value <= 1 for value in floors[corpus].values())
