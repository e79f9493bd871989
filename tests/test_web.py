"""The web page's files: nothing from outside, no markup built from strings, a valid world outline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "newsgraph" / "web" / "static"
SCRIPTS = sorted(STATIC.glob("*.js"))


def test_every_page_file_is_there():
    names = {path.name for path in STATIC.iterdir()}
    assert {"index.html", "app.js", "dom.js", "evidence.js", "charts.js", "style.css", "world.json"} <= names


@pytest.mark.parametrize("path", [*SCRIPTS, STATIC / "index.html", STATIC / "style.css"], ids=lambda p: p.name)
def test_nothing_is_loaded_from_outside(path):
    text = path.read_text("utf-8")
    for found in re.findall(r"(?:src|href|import[^\"']*from|url\()\s*=?\s*[\"']?(https?:)?//", text):
        pytest.fail(f"{path.name}: loads from another origin ({found})")
    assert "cdn" not in text.lower()


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_never_parse_strings_as_markup(path):
    text = path.read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in text, f"{path.name} uses {sink}"


def test_index_has_no_inline_script_or_handlers():
    html = (STATIC / "index.html").read_text("utf-8")
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert re.search(r"\son[a-z]+\s*=", html) is None


def test_world_outline_is_valid():
    world = json.loads((STATIC / "world.json").read_text("utf-8"))
    assert "world-atlas" in world["source"] and "ISC" in world["source"]
    assert len(world["countries"]) > 150
    names = {country["name"] for country in world["countries"]}
    assert {"Belarus", "Russia", "Poland", "Brazil"} <= names
    for country in world["countries"]:
        for ring in country["rings"]:
            assert len(ring) >= 3
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring), country["name"]
