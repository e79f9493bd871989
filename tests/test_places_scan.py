"""The per-token columns that the places scan reads agree with the tokens they stand for."""

from __future__ import annotations

import pytest

from newsgraph.extract.places.core import capitalised_at, scan_columns


@pytest.mark.parametrize("text", ["Rain in Paris and rome, then OSLO.", "Élan in Zürich, été à Genève", "", "a"])
def test_capitalised_at_is_isupper_of_the_character(text):
    offsets = list(range(len(text) + 2))
    assert capitalised_at(text, offsets) == [text[i : i + 1].isupper() for i in offsets]


def test_scan_columns_match_the_tokens(engine):
    doc = engine.nlp("Officials in Minsk said the Belarusian army left Grodno on Monday, the Kremlin said.")
    columns = scan_columns(doc, taken={2})
    assert columns.starts == [t.idx for t in doc]
    assert columns.ends == [t.idx + len(t.text) for t in doc]
    assert columns.capitalised == [t.text[:1].isupper() for t in doc]
    assert columns.opens == [t.pos_ in ("PROPN", "ADJ") or t.tag_ == "NNP" for t in doc]
    scanned = ("", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
    assert columns.free == [t.i != 2 and t.ent_type_ in scanned for t in doc]
