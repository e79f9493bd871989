"""The records newsgraph produces; ``to_dict()`` gives the ``newsgraph.article/1`` contract shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ARTICLE_SCHEMA = "newsgraph.article/1"
ERROR_SCHEMA = "newsgraph.error/1"


@dataclass
class Span:
    """A piece of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class RawArticle:
    """What a reader recovered from one input, before any NLP runs."""

    input: str
    text: str
    id: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class InputError:
    """An input that could not be read; reported instead of an article."""

    input: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"schema": ERROR_SCHEMA, "input": self.input, "error": self.error}

    def message(self) -> str:
        return f"{self.input}: {self.error}"


@dataclass
class Article:
    """One analysed article: metadata, text, and every extracted section."""

    id: str
    input: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    published_basis: str | None = None
    language: str = "en"
    author: str | None = None
    sentences: list[list[int]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    duplicate_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {"schema": ARTICLE_SCHEMA, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


SECTIONS = ("entities", "actors", "quotes", "times", "places", "events")
