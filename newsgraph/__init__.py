"""newsgraph: read news, return evidence-linked entities, actors, events, quotations, times and places.

The public API::

    import newsgraph
    article = newsgraph.analyze("On Monday, September 14, ...", title="...", date="2020-09-14")
    for record in newsgraph.analyze_inputs(["news/"]):   # Article or InputError, in input order
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.engine import Engine
from newsgraph.ingest import read_inputs
from newsgraph.ingest.text import read_text
from newsgraph.model import Article, InputError, RawArticle
from newsgraph.run import LocalRunner

__version__ = "0.1.0"
__all__ = ["Article", "Engine", "InputError", "RawArticle", "analyze", "analyze_inputs", "__version__"]

_engine: Engine | None = None


def default_engine() -> Engine:
    """The process-wide engine (its spaCy pipeline is loaded on first use)."""
    global _engine
    if _engine is None:
        _engine = Engine()
    return _engine


def analyze(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    date: str | None = None,
    plain: bool = True,
) -> Article:
    """Analyse one text. With ``plain=False`` it is read as a scraped page (title, outlet, body)."""
    raw = next(read_text("<text>", text, plain))
    raw.title = title or raw.title
    raw.source = source or raw.source
    raw.url = url
    return default_engine().analyze_one(raw, date)


def analyze_inputs(
    inputs: Iterable[str], *, plain: bool = False, date: str | None = None, workers: int = 1
) -> Iterator[Article | InputError]:
    """Analyse files, folders or ``-`` (stdin): one Article or InputError per article, in input order.

    With ``workers > 1`` the articles are analysed in that many processes, each with its own pipeline.
    """
    runner = default_engine() if workers <= 1 else LocalRunner(workers=workers)
    return runner.analyze(read_inputs(inputs, plain=plain), date)
