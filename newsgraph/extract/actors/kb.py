"""The actor knowledge base: countries, role words, organisations, metonyms and office holders.

Everything is read from the data files in ``newsgraph/data/actors/`` (see its README for provenance and
the schema of each table). A ``KnowledgeBase`` can be extended with user dictionaries in the same format
or with PETRARCH/TABARI dictionaries (``petrarch.py``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA_DIR = "actors"
TABLES = ("countries.tsv", "roles.tsv", "organisations.tsv", "metonyms.tsv", "officeholders.tsv")


@dataclass(frozen=True)
class Term:
    """One spell in an office: [start, end) as ISO dates; end "" while still in office."""

    office: str
    start: str
    end: str
    code: str = ""


@dataclass
class Person:
    name: str
    country: str
    aliases: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)
    code: str = ""  # a fixed code that does not depend on the date (e.g. an opposition figure)

    def term_on(self, date: str | None) -> Term | None:
        """The term in office on ``date``; with no date, the open-ended term, else the latest one (an
        undated article about an office holder most likely dates from their time in office)."""
        if date is None:
            open_terms = [t for t in self.terms if not t.end]
            return open_terms[-1] if open_terms else max(self.terms, key=lambda t: t.start, default=None)
        held = [t for t in self.terms if t.start <= date and (not t.end or date < t.end)]
        return held[-1] if held else None

    def code_on(self, date: str | None) -> str:
        """CAMEO code on ``date``: in office -> COUNTRY+GOV (or the term's own code); a former office
        holder -> COUNTRY+ELI, as the Phoenix dictionaries code former leaders; before any office ->
        the plain country. A fixed code applies outside the dated terms."""
        term = self.term_on(date)
        if term:
            return term.code or self.country + "GOV"
        if self.code:
            return self.code
        if date is not None and self.terms and all(date < t.start for t in self.terms):
            return self.country
        return self.country + "ELI" if self.terms else self.country

    def offices_on(self, date: str | None) -> set[str]:
        """The offices held on ``date`` (with no date, those of ``term_on(None)``)."""
        if date is None:
            term = self.term_on(None)
            return {term.office} if term and term.office else set()
        return {t.office for t in self.terms if t.office and t.start <= date and (not t.end or date < t.end)}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str
    office: str
    kind: str  # "person" (a title: president, soldier) or "group" (government, police)


@dataclass(frozen=True)
class Named:
    """An organisation or a metonym: a proper name standing for a coded actor."""

    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    organisations: list[Named] = field(default_factory=list)
    metonyms: list[Named] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)

    def extend(self, other: KnowledgeBase) -> None:
        """Add another knowledge base's records; people with the same name merge their terms."""
        self.countries.update(other.countries)
        for phrase, role in other.roles.items():
            self.roles.setdefault(phrase, role)  # the first dictionary's reading of a role word wins
        self.organisations.extend(other.organisations)
        self.metonyms.extend(other.metonyms)
        for name, person in other.people.items():
            mine = self.people.setdefault(name, Person(name, person.country, code=person.code))
            mine.aliases |= person.aliases
            mine.terms.extend(t for t in person.terms if t not in mine.terms)

    def holders(self, country: str, office: str, date: str | None) -> list[Person]:
        """People holding ``office`` for ``country`` on ``date`` (with no date: still holding it)."""
        if date is None:
            return [
                p
                for p in self.people.values()
                if p.country == country and any(t.office == office and not t.end for t in p.terms)
            ]
        return [p for p in self.people.values() if p.country == country and office in p.offices_on(date)]


def split_list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def read_rows(text: str) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line (no quoting)."""
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "") for k, v in row.items()} for row in reader]


def parse_tables(texts: dict[str, str]) -> KnowledgeBase:
    """A knowledge base from the text of any of the five tables, keyed by file name."""
    kb = KnowledgeBase()
    for row in read_rows(texts.get("countries.tsv", "")):
        kb.countries[row["code"]] = Country(
            row["code"],
            row["name"],
            split_list(row["aliases"]),
            split_list(row["adjectives"]),
            split_list(row["demonyms"]),
            split_list(row["capital"]),
        )
    for row in read_rows(texts.get("roles.tsv", "")):
        kb.roles[row["phrase"].lower()] = Role(row["phrase"].lower(), row["sector"], row["office"], row["kind"])
    for row in read_rows(texts.get("organisations.tsv", "")):
        kb.organisations.append(Named(row["code"], row["name"], split_list(row["aliases"]), row["kind"]))
    for row in read_rows(texts.get("metonyms.tsv", "")):
        kb.metonyms.append(Named(row["code"], row["name"], (row["phrase"],), "metonym"))
    for row in read_rows(texts.get("officeholders.tsv", "")):
        add_office_row(kb, row)
    return kb


def add_office_row(kb: KnowledgeBase, row: dict[str, str]) -> None:
    person = kb.people.setdefault(row["name"], Person(row["name"], row["country"]))
    person.aliases |= set(split_list(row["aliases"]))
    if row["office"]:
        person.terms.append(Term(row["office"], row["from"], row["to"], row["code"]))
    elif row["code"]:
        person.code = row["code"]


def read_table_texts(folder: Path | None = None) -> dict[str, str]:
    """The five tables' texts, from the package data or from a folder of user tables."""
    if folder is None:
        base = resources.files("newsgraph.data").joinpath(DATA_DIR)
        return {name: base.joinpath(name).read_text("utf-8") for name in TABLES}
    return {name: (folder / name).read_text("utf-8") for name in TABLES if (folder / name).exists()}


@lru_cache(maxsize=1)
def builtin_kb() -> KnowledgeBase:
    """Our own knowledge base, shipped with the package."""
    return parse_tables(read_table_texts())


def load_kb(dictionaries: tuple[str, ...] = ("builtin",)) -> KnowledgeBase:
    """A knowledge base made of the named dictionaries, in order: "builtin" (ours), a folder of tables
    in our format, or a PETRARCH/TABARI ``.txt`` actor or agent dictionary."""
    from newsgraph.extract.actors.petrarch import read_petrarch_file

    kb = KnowledgeBase()
    for item in dictionaries:
        if item == "builtin":
            kb.extend(builtin_kb())
        elif Path(item).is_dir():
            kb.extend(parse_tables(read_table_texts(Path(item))))
        else:
            kb.extend(read_petrarch_file(Path(item)))
    return kb
