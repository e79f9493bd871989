"""The scorer framework (P/R/F1, span matching, floors) and the CoNLL-2003 reader and scorer."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from eval import common, ner_conll
from eval.__main__ import main as eval_main
from eval.__main__ import scorer_names
from eval.common import LabelledSpan as S
from eval.common import Score, check_floors, flatten_metrics, load_floors, match_spans, score_by_label

# ---------------------------------------------------------------- P/R/F1 and matching


def test_score_precision_recall_f1():
    s = Score(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall) == (0.75, 0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().f1 == 0.0 and Score(fp=2).precision == 0.0
    assert (s + Score(1, 1, 1)) == Score(4, 2, 3)
    assert s.as_dict()["gold"] == 5 and s.as_dict()["predicted"] == 4


def test_exact_matching_needs_same_offsets_and_type():
    gold = [S(0, 5, "PER"), S(10, 16, "LOC"), S(20, 23, "ORG")]
    pred = [S(0, 5, "PER"), S(10, 16, "ORG"), S(19, 23, "ORG"), S(30, 33, "MISC")]
    assert match_spans(gold, pred) == Score(tp=1, fp=3, fn=2)
    assert match_spans(gold, pred, typed=False) == Score(tp=2, fp=2, fn=1)


def test_overlap_matching_is_one_to_one():
    gold = [S(0, 5, "PER"), S(6, 11, "PER"), S(20, 25, "LOC")]
    pred = [S(0, 11, "PER"), S(22, 30, "LOC")]
    # The long prediction covers both gold names but counts once.
    assert match_spans(gold, pred, "overlap") == Score(tp=2, fp=0, fn=1)
    # Touching is not overlapping: [0, 5) and [5, 9) share no character.
    assert match_spans([S(0, 5, "PER")], [S(5, 9, "PER")], "overlap") == Score(tp=0, fp=1, fn=1)


def test_spans_of_different_documents_never_match():
    assert match_spans([S(0, 5, "PER", 0)], [S(0, 5, "PER", 1)]) == Score(0, 1, 1)
    assert match_spans([S(0, 5, "PER", 0)], [S(1, 4, "PER", 1)], "overlap") == Score(0, 1, 1)


def test_unknown_matching_mode_is_an_error():
    with pytest.raises(ValueError, match="unknown matching mode"):
        match_spans([], [], "fuzzy")


def test_score_by_label_micro_averages_overall():
    gold = [S(0, 5, "PER"), S(10, 16, "LOC"), S(20, 23, "LOC")]
    pred = [S(0, 5, "PER"), S(10, 16, "LOC"), S(30, 33, "ORG")]
    scores = score_by_label(gold, pred)
    assert scores["PER"] == Score(1, 0, 0)
    assert scores["LOC"] == Score(1, 0, 1)
    assert scores["ORG"] == Score(0, 1, 0)
    assert scores["overall"] == Score(2, 1, 1)


# ---------------------------------------------------------------- floors and reporting


def test_flatten_and_check_floors(tmp_path):
    metrics = flatten_metrics({"exact": {"overall": {"f1": 0.70, "tp": 7}, "PER": {"f1": 0.5}}, "name": "x"})
    assert metrics == {"exact.overall.f1": 0.70, "exact.overall.tp": 7, "exact.PER.f1": 0.5}
    assert check_floors(metrics, {"exact.overall.f1": 0.70}) == []
    failures = check_floors(metrics, {"exact.overall.f1": 0.71, "exact.PER.f1": 0.4, "exact.ORG.f1": 0.1})
    assert len(failures) == 2
    assert "exact.overall.f1: 0.7000 is below its floor 0.7100" in failures
    assert any(f.startswith("exact.ORG.f1: no such metric") for f in failures)
    floors_file = tmp_path / "x.json"
    floors_file.write_text('{"_note": "measured today", "exact.overall.f1": 0.6}')
    assert load_floors("x", floors_file) == {"exact.overall.f1": 0.6}
    assert load_floors("no-such-scorer") == {}


def test_format_table_shows_percentages():
    table = common.format_table("t", {"PER": Score(3, 1, 2)})
    assert "| PER | 75.0 | 60.0 | 66.7 | 5 | 4 |" in table


def test_missing_shared_folder_exits_with_a_message(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_SHARED", str(tmp_path / "nowhere"))
    with pytest.raises(SystemExit, match="NEWSGRAPH_SHARED"):
        common.shared_file("eval", "ner", "conll2003", "eng.testa")


def test_dispatcher_lists_and_rejects(capsys):
    assert "ner_conll" in scorer_names() and "common" not in scorer_names()
    assert eval_main([]) == 0
    assert "ner_conll" in capsys.readouterr().out
    assert eval_main(["no_such_scorer"]) == 2


# ---------------------------------------------------------------- the CoNLL reader

SNIPPET = """-DOCSTART- -X- -X- O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
to TO I-VP O
boycott VB I-VP O
British JJ I-NP I-MISC
lamb NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

" " O O
Hans NNP I-NP I-PER
Smith NNP I-NP I-PER
Anna NNP I-NP B-PER
( ( O O
New NNP I-NP I-LOC
York NNP I-NP I-LOC
) ) O O
, , O O
" " O O
he PRP I-NP O
said VBD I-VP O
. . O O
"""


def test_read_conll_splits_documents_and_sentences():
    docs = ner_conll.read_conll(SNIPPET.splitlines())
    assert [len(d.sentences) for d in docs] == [2, 1]
    assert docs[0].sentences[1] == [("Peter", "I-PER"), ("Blackburn", "I-PER")]


def test_iob_entities_reads_iob1_and_iob2():
    # IOB1 (CoNLL's): B- only where two entities of one type touch.
    assert ner_conll.iob_entities(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]) == [
        (0, 2, "PER"),
        (2, 3, "PER"),
        (4, 5, "LOC"),
    ]
    # IOB2: every entity starts with B-; a type change starts a new entity either way.
    assert ner_conll.iob_entities(["B-ORG", "I-ORG", "I-LOC", "B-MISC"]) == [
        (0, 2, "ORG"),
        (2, 3, "LOC"),
        (3, 4, "MISC"),
    ]
    assert ner_conll.iob_entities(["O", "O"]) == []


def test_document_text_keeps_offsets_and_joins_as_news_is_written():
    docs = ner_conll.read_conll(SNIPPET.splitlines())
    text, gold = ner_conll.document_text(docs[1])
    assert text == '"Hans Smith Anna (New York)," he said.'
    assert [(text[s:e], label) for s, e, label in gold] == [("Hans Smith", "PER"), ("Anna", "PER"), ("New York", "LOC")]
    text, gold = ner_conll.document_text(docs[0])
    assert text.split("\n") == ["EU rejects German call to boycott British lamb.", "Peter Blackburn"]
    assert [text[s:e] for s, e, _ in gold] == ["EU", "German", "British", "Peter Blackburn"]
    spaced, gold = ner_conll.document_text(docs[1], natural=False)
    assert spaced.startswith('" Hans Smith Anna ( New York ) ,')
    assert [spaced[s:e] for s, e, _ in gold] == ["Hans Smith", "Anna", "New York"]


def test_predicted_spans_map_ontonotes_labels_and_drop_numbers():
    entities = [
        {"start": 0, "end": 2, "label": "NORP"},
        {"start": 3, "end": 8, "label": "GPE"},
        {"start": 9, "end": 12, "label": "CARDINAL"},
        {"start": 13, "end": 20, "label": "PERSON"},
    ]
    assert ner_conll.predicted_spans(entities, 4) == [S(0, 2, "MISC", 4), S(3, 8, "LOC", 4), S(13, 20, "PER", 4)]


# ---------------------------------------------------------------- a smoke run on real data


def test_conll_smoke_run_and_floor_gate(tmp_path, engine, capsys):
    shared_path("eval", "ner", "conll2003", "eng.testa")
    met, missed, out = tmp_path / "met.json", tmp_path / "missed.json", tmp_path / "results.json"
    met.write_text('{"exact.overall.f1": 0.0}')
    missed.write_text('{"exact.overall.f1": 1.01}')
    assert ner_conll.main(["--limit", "20", "--floors", str(met), "--json", str(out)]) == 0
    assert "floors (1 metrics): all met" in capsys.readouterr().out
    results = json.loads(out.read_text())
    assert results["counts"]["documents"] == 20
    overall = results["metrics"]["exact"]["overall"]
    assert overall["gold"] > 300 and 0.2 < overall["f1"] < 1.0
    # Every metric pinned in the real floors file exists in the results.
    assert set(load_floors("ner")) <= set(flatten_metrics(results["metrics"]))
    assert ner_conll.main(["--limit", "3", "--floors", str(missed)]) == 1
    assert "below its floor" in capsys.readouterr().err
    # Without --floors a --limit run is not held to the full-run floors.
    assert ner_conll.main(["--limit", "1"]) == 0
