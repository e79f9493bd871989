"""The TempEval-3 scorer reads TimeML faithfully and scores a few TimeBank documents."""

from __future__ import annotations

from conftest import shared_path

from eval.time_tempeval3 import Tally, read_timeml, score


def test_timeml_spans_point_into_the_text():
    folder = shared_path("eval", "time", "tempeval3", "TBAQ-cleaned", "TimeBank")
    for path in sorted(folder.glob("*.tml"))[:10]:
        doc = read_timeml(path)
        assert doc.dct and doc.gold and "<" not in doc.text
        assert all(doc.text[g["start"] : g["end"]] == g["text"] and g["tid"] != "t0" for g in doc.gold)


def test_scoring_counts_strict_and_relaxed_matches():
    tally = Tally()
    gold = [{"start": 0, "end": 6, "type": "DATE", "value": "1998", "text": "x"},
            {"start": 10, "end": 20, "type": "DURATION", "value": "P1Y", "text": "y"}]  # fmt: skip
    system = [{"start": 0, "end": 6, "type": "DATE", "value": "1998", "text": "x"},
              {"start": 12, "end": 20, "type": "DURATION", "value": "P2Y", "text": "y"},
              {"start": 30, "end": 34, "type": "DATE", "value": "1999", "text": "z"}]  # fmt: skip

    class Doc:
        name, dct = "d", "1998-01-01"

    Doc.gold = gold
    tally.add(Doc, system)
    figures = tally.figures()
    assert (tally.strict, tally.relaxed, tally.value_ok) == (1, 2, 1)
    assert figures["relaxed_r"] == 100.0 and figures["value_p"] == round(100 / 3, 2)


def test_smoke_run_on_a_few_documents():
    shared_path("eval", "time", "tempeval3", "TBAQ-cleaned", "TimeBank")
    tally, n_docs, _ = score("TimeBank", limit=3)
    figures = tally.figures()
    assert n_docs == 3 and tally.gold > 10
    assert figures["relaxed_f1"] > 70 and figures["value_f1"] > 50
