"""Geoparsing scores on GeoWebNews and TR-News: toponym span F1, accuracy within 161 km, median error.

    python -m eval.geo [--corpus GeoWebNews|TR-News] [--limit N] [--check]

Each article's text goes through the engine in plain mode (offsets are the corpus's own). A predicted
place matches a gold toponym with the same span (strict F1) or an overlapping one (the geocoding
figures use overlap matches). Geocoding is scored on matched gold toponyms that carry coordinates; a
match we could not resolve counts as the maximal error (half the Earth's circumference). ``--check``
compares the figures with ``eval/floors/geo.json`` and exits 1 if any is below its floor.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from newsgraph.extract.places.gazetteer import distance_km

ROOT = Path(__file__).resolve().parents[1]
GEO = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared")) / "eval" / "geo"
FLOORS = ROOT / "eval" / "floors" / "geo.json"
CORPORA = ("GeoWebNews", "TR-News")
WITHIN_KM = 161.0
MAX_ERROR_KM = 20037.5


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def number(element: ET.Element | None) -> float | None:
    return float(element.text) if element is not None and element.text and element.text.strip() else None


def read_geowebnews(path: Path) -> Iterator[GoldArticle]:
    """GWN.xml: toponyms that carry coordinates are the gold (the set the corpus geocodes)."""
    for article in ET.parse(path).getroot().iter("article"):
        gold = GoldArticle(article.get("file") or "", article.findtext("text") or "")
        for top in article.iter("toponym"):
            lat, lon = number(top.find("latitude")), number(top.find("longitude"))
            if lat is None or lon is None:
                continue
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            gid = (top.findtext("geonamesID") or "").strip()
            gold.toponyms.append(Toponym(start, end, gold.text[start:end], lat, lon, int(gid) if gid else None))
        yield gold


def align(text: str, start: int, phrase: str, window: int = 10) -> int | None:
    """Where the phrase really starts: some TR-News offsets are a character or two early."""
    if text[start : start + len(phrase)] == phrase:
        return start
    found = [i for i in range(max(0, start - window), start + window) if text.startswith(phrase, i)]
    return min(found, key=lambda i: abs(i - start)) if found else None


def read_trnews(path: Path) -> Iterator[GoldArticle]:
    for article in ET.parse(path).getroot().iter("article"):
        gold = GoldArticle(article.get("docid") or "", article.findtext("text") or "")
        for top in article.iter("toponym"):
            phrase = top.findtext("phrase") or ""
            start = align(gold.text, int(top.findtext("start")), phrase)
            if start is None:
                continue
            end = start + len(phrase)
            tag = top.find("gaztag")
            lat = number(tag.find("lat")) if tag is not None else None
            lon = number(tag.find("lon")) if tag is not None else None
            gid = tag.get("geonameid") if tag is not None else None
            gold.toponyms.append(Toponym(start, end, phrase, lat, lon, int(gid) if gid else None))
        yield gold


def read_corpus(name: str) -> list[GoldArticle]:
    if name == "GeoWebNews":
        return list(read_geowebnews(GEO / "GeoWebNews" / "GWN.xml"))
    return list(read_trnews(GEO / "TR-News" / "TR-News.xml"))


def predict(articles: list[GoldArticle]) -> list[list[Toponym]]:
    """Our places for each article, run through the engine in plain mode."""
    from newsgraph import default_engine
    from newsgraph.model import InputError, RawArticle

    raws = [RawArticle(input=f"{a.id}", text=a.text, id=a.id) for a in articles]
    predicted = []
    for result in default_engine().analyze(raws):
        places = [] if isinstance(result, InputError) else result.places
        predicted.append([Toponym(p["start"], p["end"], p["text"], p["lat"], p["lon"], p["geonameid"]) for p in places])
    return predicted


def overlap_match(gold: Toponym, predicted: list[Toponym], used: set[int]) -> int | None:
    for i, p in enumerate(predicted):
        if i not in used and p.start < gold.end and gold.start < p.end:
            return i
    return None


def miss_cause(gold: Toponym, predicted: Toponym) -> str:
    """Why a matched toponym is geocoded more than 161 km off."""
    if predicted.lat is None:
        return "unresolved"
    if predicted.geonameid is not None and predicted.geonameid == gold.geonameid:
        return "same GeoNames id, other point"
    return "other place"


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    errors: list[float] = field(default_factory=list)
    same_ids: list[bool] = field(default_factory=list)
    misses: Counter[str] = field(default_factory=Counter)

    def add(self, gold: list[Toponym], predicted: list[Toponym]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        spans = {(p.start, p.end) for p in predicted}
        self.exact += sum((g.start, g.end) in spans for g in gold)
        used: set[int] = set()
        for g in gold:
            i = overlap_match(g, predicted, used)
            if i is None:
                continue
            used.add(i)
            self.overlap += 1
            p = predicted[i]
            if g.geonameid is not None:
                self.same_ids.append(p.geonameid == g.geonameid)
            if g.lat is not None:
                ok = p.lat is not None and p.lon is not None
                self.errors.append(distance_km(g.lat, g.lon, p.lat, p.lon) if ok else MAX_ERROR_KM)
                if self.errors[-1] > WITHIN_KM:
                    self.misses[miss_cause(g, p)] += 1

    def figures(self) -> dict[str, float]:
        def f1(hits: int) -> float:
            return 2 * hits / (self.gold + self.predicted) if self.gold + self.predicted else 0.0

        within = sum(e <= WITHIN_KM for e in self.errors)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "span_f1": round(f1(self.exact), 4),
            "overlap_f1": round(f1(self.overlap), 4),
            "geocoded": len(self.errors),
            "acc161": round(within / len(self.errors), 4) if self.errors else 0.0,
            "median_km": round(statistics.median(self.errors), 1) if self.errors else 0.0,
            "id_acc": round(sum(self.same_ids) / len(self.same_ids), 4) if self.same_ids else 0.0,
        }


def score_corpus(name: str, limit: int | None = None) -> dict[str, Any]:
    articles = read_corpus(name)[:limit]
    scores = Scores()
    for gold, predicted in zip(articles, predict(articles), strict=True):
        scores.add(gold.toponyms, predicted)
    return {"articles": len(articles), **scores.figures(), "misses": dict(scores.misses.most_common())}


def below_floors(results: dict[str, dict[str, Any]]) -> list[str]:
    floors = json.loads(FLOORS.read_text("utf-8"))
    failures = []
    for corpus, figures in results.items():
        for metric, floor in floors.get(corpus, {}).items():
            if figures[metric] < floor:
                failures.append(f"{corpus} {metric} {figures[metric]} < floor {floor}")
    return failures


def print_table(results: dict[str, dict[str, Any]]) -> None:
    columns = ["articles", "gold", "predicted", "span_f1", "overlap_f1", "geocoded", "acc161", "median_km", "id_acc"]
    click.echo("corpus".ljust(12) + "".join(c.rjust(11) for c in columns))
    for corpus, figures in results.items():
        click.echo(corpus.ljust(12) + "".join(str(figures[c]).rjust(11) for c in columns))
    for corpus, figures in results.items():
        causes = ", ".join(f"{cause} {n}" for cause, n in figures["misses"].items())
        click.echo(f"{corpus} misses beyond {WITHIN_KM:.0f} km: {causes}")


@click.command()
@click.option("--corpus", type=click.Choice(CORPORA), multiple=True, help="Corpus to score (default: both).")
@click.option("--limit", type=int, default=None, help="Score only the first N articles of each corpus.")
@click.option("--check", is_flag=True, help="Exit 1 if a figure is below its floor in eval/floors/geo.json.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of a table.")
def main(corpus: tuple[str, ...], limit: int | None, check: bool, as_json: bool) -> None:
    """Score newsgraph's places against the geoparsing corpora in ../shared/eval/geo."""
    results = {name: score_corpus(name, limit) for name in corpus or CORPORA}
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        print_table(results)
    failures = below_floors(results) if check else []
    for failure in failures:
        click.echo(f"below floor: {failure}", err=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
