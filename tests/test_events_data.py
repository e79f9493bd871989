"""The event data files: the CAMEO table is consistent (and matches ../shared when present), every
pattern is well formed and its example sentence is coded with its code by the real coder."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from newsgraph.extract.events.tables import FRAMES, cameo_codes, cues, frame_codes, read_patterns
from tests.conftest import shared_path

PATTERN_KEYS = {
    "code",
    "lemma",
    "pos",
    "particle",
    "prep",
    "object",
    "symmetric",
    "frame",
    "bare",
    "target",
    "unless",
    "example",
}


def data_text(name: str) -> str:
    return resources.files("newsgraph.data").joinpath("events", name).read_text("utf-8")


PATTERN_LINES = [json.loads(line) for line in data_text("verb_patterns.jsonl").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_model

    return load_model()


def test_cameo_table_is_self_consistent():
    codes = cameo_codes()
    assert len(codes) > 280
    for code, row in codes.items():
        assert re.fullmatch(r"\d{3,4}", code) and row["root"] == code[:2]
        root = int(row["root"])
        assert row["quad_class"] == (1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4)
        assert -10 <= row["goldstein"] <= 10 and row["label"]
        if root <= 2:
            assert row["plover"] is None
    assert codes["043"]["label"] == "Host a visit" and codes["043"]["plover"] == {"event": "CONSULT", "mode": "visit"}


def test_cameo_table_matches_the_reference():
    codefile = shared_path("reference", "CAMEO_codefile.txt").read_text("utf-8")
    reference = set(re.findall(r"^LABEL:\s*(\d{3,4})=", codefile, re.M))
    goldstein = shared_path("reference", "gdelt-cameo-lookups", "CAMEO.goldsteinscale.txt").read_text("utf-8")
    values = dict(line.split("\t") for line in goldstein.splitlines()[1:] if "\t" in line)
    for code, row in cameo_codes().items():
        assert code in reference, code
        if code in values:
            assert float(values[code]) == row["goldstein"], code


@pytest.mark.parametrize("record", PATTERN_LINES, ids=lambda r: f"{r['code']}-{r['lemma']}-{r['pos']}")
def test_pattern_record_is_well_formed(record):
    assert set(record) <= PATTERN_KEYS and {"code", "lemma", "pos", "example"} <= set(record)
    assert record["code"] in cameo_codes()
    assert record["pos"] in ("verb", "noun")
    assert record.get("frame") in (None, *FRAMES)
    assert record.get("target") in (None, "with", "dobj")
    for key in ("object", "unless"):
        if record.get(key):
            re.compile(record[key])


def test_patterns_are_unique():
    keys = [(p.lemma, p.pos, p.particle, p.prep, p.object) for p in read_patterns(data_text("verb_patterns.jsonl"))]
    assert len(keys) == len(set(keys))


def test_frame_codes_and_cues_exist():
    for (frame, root), code in frame_codes().items():
        assert frame in FRAMES and code in cameo_codes() and (root == "*" or re.fullmatch(r"\d\d", root))
    for kind in ("light", "happening", "speech", "negation", "hypothetical_mark", "intention_modal", "role_noun"):
        assert cues()[kind]


def test_every_example_is_coded_with_its_code(nlp):
    from newsgraph.extract.events.core import extract_events

    missed = []
    for record, doc in zip(PATTERN_LINES, nlp.pipe(r["example"] for r in PATTERN_LINES), strict=True):
        if not any(event["code"] == record["code"] for event in extract_events(doc)):
            missed.append((record["code"], record["example"]))
    assert not missed
