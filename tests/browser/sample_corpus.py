"""A small corpus written for the API, web and browser tests, stored through the real engine and store.

Each article is analysed by the engine (entities and actors are its own); its quotations, places and
events are written here as contract records located by their words in the text, because the quotation,
place and event extractors are not part of this branch. One article is hostile: markup, event-handler
attributes and ``javascript:`` links in its title and text, which every page must show as inert text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.model import Article, RawArticle
from newsgraph.store import Store, open_store

HOSTILE_MARKUP = (
    '<script>window.__pwned = "script"</script> '
    '<img src="x" onerror="window.__pwned = \'onerror\'"> '
    "<a href=\"javascript:window.__pwned='link'\">read more</a>"
)

PLACES = {
    "Minsk": ("BLR", 53.9, 27.56667, 625144, "city"),
    "Moscow": ("RUS", 55.75222, 37.61556, 524901, "city"),
    "Warsaw": ("POL", 52.22977, 21.01178, 756135, "city"),
}

# CAMEO code, root, quad class, Goldstein value.
CODES = {
    "057": ("05", 1, 8.0),  # sign formal agreement
    "051": ("05", 1, 3.4),  # praise or endorse
    "061": ("06", 2, 6.4),  # cooperate economically
    "112": ("11", 3, -2.0),  # accuse
    "111": ("11", 3, -2.0),  # criticize or denounce
    "172": ("17", 4, -5.0),  # impose administrative sanctions
}


@dataclass
class Sample:
    """One article of the corpus with the records we write for it."""

    id: str
    title: str
    published: str
    source: str
    text: str
    quotes: list[tuple[str, str, str, str]] = field(default_factory=list)  # quoted words, speaker, name, code
    places: list[str] = field(default_factory=list)
    events: list[tuple[str, str, str, str, str, str, str, str]] = field(default_factory=list)
    # (source words, source code, trigger, target words, target code, CAMEO code, date, place)
    url: str | None = None


SAMPLES = [
    Sample(
        "gas-deal",
        "Russia and Belarus sign gas agreement in Minsk",
        "2024-03-05",
        "Example Wire",
        "Russia signed an agreement with Belarus on Tuesday in Minsk to supply gas at lower prices. "
        '"This agreement protects our families through the winter," said Alexander Lukashenko. '
        "Russian Prime Minister Mikhail Mishustin praised Belarus for its loyalty.",
        quotes=[
            (
                "This agreement protects our families through the winter",
                "Alexander Lukashenko",
                "Alexander Lukashenko",
                "BLRGOV",
            )
        ],
        places=["Minsk"],
        events=[
            ("Russia", "RUS", "signed an agreement", "Belarus", "BLR", "057", "2024-03-05", "Minsk"),
            ("Mikhail Mishustin", "RUSGOV", "praised", "Belarus", "BLR", "051", "2024-03-05", ""),
        ],
    ),  # fmt: skip
    Sample(
        "rail-link",
        "Moscow and Minsk expand rail freight",
        "2024-05-14",
        "Northern Post",
        "Russia agreed with Belarus on Monday in Moscow to expand rail freight between the two countries. "
        '"Trade between our countries keeps growing," said Alexander Lukashenko.',
        quotes=[
            ("Trade between our countries keeps growing", "Alexander Lukashenko", "Alexander Lukashenko", "BLRGOV")
        ],
        places=["Moscow"],
        events=[("Russia", "RUS", "agreed", "Belarus", "BLR", "061", "2024-05-13", "Moscow")],
    ),  # fmt: skip
    Sample(
        "border-row",
        "Poland accuses Belarus over border crossings",
        "2024-04-10",
        "Example Wire",
        "Poland accused Belarus on Wednesday in Warsaw of pushing migrants across the border. "
        '"We will not accept this pressure," said Donald Tusk. '
        "Belarus criticized Poland for closing the crossings, and Poland imposed sanctions on Belarus.",
        quotes=[("We will not accept this pressure", "Donald Tusk", "Donald Tusk", "POLGOV")],
        places=["Warsaw"],
        events=[
            ("Poland", "POL", "accused", "Belarus", "BLR", "112", "2024-04-10", "Warsaw"),
            ("Belarus", "BLR", "criticized", "Poland", "POL", "111", "2024-04-10", ""),
            ("Poland", "POL", "imposed sanctions", "Belarus", "BLR", "172", "2024-04-11", "Warsaw"),
        ],
    ),  # fmt: skip
    Sample(
        "hostile",
        "Belarus pipeline talks <img src=x onerror=\"window.__pwned='title'\">",
        "2024-06-02",
        "Unknown Outlet",
        "Russia praised Belarus on Sunday in Minsk for progress on the pipeline. "
        f"{HOSTILE_MARKUP} "
        '"Nothing <b onmouseover=alert(1)>here</b> is hidden," said Alexander Lukashenko.',
        quotes=[
            (
                "Nothing <b onmouseover=alert(1)>here</b> is hidden",
                "Alexander Lukashenko",
                "Alexander Lukashenko",
                "BLRGOV",
            )
        ],
        places=["Minsk"],
        events=[("Russia", "RUS", "praised", "Belarus", "BLR", "051", "2024-06-02", "Minsk")],
        url="javascript:window.__pwned='url'",
    ),  # fmt: skip
]


def _span(text: str, words: str, after: int = 0) -> dict[str, Any]:
    start = text.index(words, after)
    return {"text": words, "start": start, "end": start + len(words)}


def _sentence(text: str, start: int) -> list[int]:
    begin = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    end = text.find(". ", start)
    return [begin, len(text) if end < 0 else end + 1]


def annotate(article: Article, sample: Sample) -> Article:
    """The analysed article with our quotation, place and event records in place of the engine's."""
    text = article.text
    article.places = []
    for number, name in enumerate(sample.places, 1):
        country, lat, lon, geonameid, feature = PLACES[name]
        place = {"id": f"p{number}", **_span(text, name), "name": name, "country": country, "lat": lat, "lon": lon}
        article.places.append({**place, "geonameid": geonameid, "feature": feature})
    article.quotes = []
    for number, (words, speaker, name, code) in enumerate(sample.quotes, 1):
        quote = {"id": f"q{number}", **_span(text, words), "kind": "direct"}
        speaker_span = _span(text, speaker, quote["end"])
        cue = _span(text, "said", quote["end"])
        article.quotes.append({**quote, "speaker": {**speaker_span, "actor": code, "name": name}, "cue": cue})
    article.events = [_event(text, number, row, article.places) for number, row in enumerate(sample.events, 1)]
    return article


def _event(text: str, number: int, row: tuple, places: list[dict[str, Any]]) -> dict[str, Any]:
    source_words, source_code, trigger_words, target_words, target_code, code, date, place = row
    trigger = _span(text, trigger_words)
    source = _span(text, source_words, max(trigger["start"] - 60, 0))
    target = _span(text, target_words, trigger["end"])
    root, quad, goldstein = CODES[code]
    place_id = next((p["id"] for p in places if p["name"] == place), None)
    return {
        "id": f"v{number}", "code": code, "root": root, "label": None, "quad_class": quad, "goldstein": goldstein,
        "source": {**source, "actor": source_code}, "target": {**target, "actor": target_code},
        "trigger": trigger, "sentence": _sentence(text, trigger["start"]), "date": date, "date_basis": "text",
        "place": place_id, "negated": False, "modality": "asserted", "attributed_to": None, "confidence": 0.9,
    }  # fmt: skip


def raw_article(sample: Sample) -> RawArticle:
    return RawArticle(
        input=f"{sample.id}.txt",
        text=sample.text,
        id=sample.id,
        url=sample.url or f"https://news.example/{sample.id}",
        source=sample.source,
        title=sample.title,
        published=sample.published,
    )


def fill_store(store: Store, engine: Any) -> list[Article]:
    """Analyse every sample with ``engine``, add our records, and save them in ``store``."""
    articles = []
    for sample in SAMPLES:
        article = annotate(engine.analyze_one(raw_article(sample)), sample)
        store.save_article(article)
        articles.append(article)
    return articles


def build_database(path: str | Path, engine: Any) -> Path:
    """A SQLite database holding the sample corpus."""
    with open_store(path) as store:
        fill_store(store, engine)
    return Path(path)
