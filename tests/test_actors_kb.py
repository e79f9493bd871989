"""The actor knowledge base tables: schema, codes, dates and references between tables."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from newsgraph.extract.actors.kb import TABLES, builtin_kb, read_rows

HEADERS = {
    "countries.tsv": ["code", "name", "aliases", "adjectives", "demonyms", "capital"],
    "roles.tsv": ["phrase", "sector", "office", "kind"],
    "organisations.tsv": ["code", "name", "aliases", "kind"],
    "metonyms.tsv": ["phrase", "code", "name"],
    "officeholders.tsv": ["name", "country", "office", "from", "to", "code", "aliases"],
}
SECTORS = {"GOV", "MIL", "COP", "OPP", "REB", "CVL", "MED", "BUS", "JUD", "LEG", "EDU", "HRI", "REF", "ELI", "SPY"}
OFFICES = {
    "president", "vice_president", "prime_minister", "head_of_government", "monarch", "crown_prince",
    "foreign_minister", "defence_minister", "leader", "opposition_leader", "commission_president",
    "council_president", "high_representative",
}  # fmt: skip
SECTORS |= {"LAB", "HLH"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ACTOR_CODE = re.compile(r"^(?:[A-Z]{3})+$")


def table(name: str) -> str:
    return resources.files("newsgraph.data").joinpath("actors", name).read_text("utf-8")


@pytest.mark.parametrize("name", TABLES)
def test_every_table_has_its_columns_and_full_rows(name):
    text = table(name)
    lines = text.rstrip("\n").split("\n")
    assert lines[0].split("\t") == HEADERS[name]
    for number, line in enumerate(lines[1:], start=2):
        assert line.count("\t") == len(HEADERS[name]) - 1, f"{name}:{number}"
        assert line == line.strip() or line.endswith("\t"), f"{name}:{number}: stray white space"


def test_countries_cover_the_un_members_with_unique_codes():
    rows = read_rows(table("countries.tsv"))
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) >= 193
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert all(r["name"] and r["adjectives"] and r["capital"] for r in rows)
    kb = builtin_kb()
    assert kb.countries["BLR"].demonyms[0] == "Belarusians" and "Minsk" in kb.countries["BLR"].capitals
    assert "Russian Federation" in kb.countries["RUS"].aliases


def test_roles_use_cameo_sectors_and_known_offices():
    for row in read_rows(table("roles.tsv")):
        assert row["phrase"] == row["phrase"].lower().strip()
        assert row["sector"] in SECTORS, row
        assert row["office"] in OFFICES | {""}, row
        assert row["kind"] in ("person", "group", "national"), row


def test_organisations_and_metonyms_have_actor_codes():
    countries = {r["code"] for r in read_rows(table("countries.tsv"))}
    for row in read_rows(table("organisations.tsv")):
        assert row["kind"] in ("IGO", "NGO", "NSA") and ACTOR_CODE.match(row["code"]), row
        if row["kind"] == "NSA":  # a non-state actor: a country (or IMG, international militant group) first
            assert row["code"][:3] in countries | {"IMG"}, row
        else:
            assert row["code"].startswith(row["kind"]), row
    for row in read_rows(table("metonyms.tsv")):
        assert ACTOR_CODE.match(row["code"]) and row["code"][:3] in countries, row


def test_office_terms_are_dated_and_refer_to_known_countries():
    countries = {r["code"] for r in read_rows(table("countries.tsv"))}
    for row in read_rows(table("officeholders.tsv")):
        assert row["country"] in countries, row
        if row["office"]:
            assert row["office"] in OFFICES and DATE.match(row["from"]), row
            assert row["to"] == "" or (DATE.match(row["to"]) and row["from"] < row["to"]), row
        else:
            assert ACTOR_CODE.match(row["code"]), row
        assert row["code"] == "" or ACTOR_CODE.match(row["code"]), row


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Vladimir Putin", "2020-09-14", "RUSGOV"),
        ("Vladimir Putin", "2010-01-01", "RUSGOV"),  # prime minister then
        ("Vladimir Putin", "1995-01-01", "RUS"),  # before any office
        ("Alexander Lukashenko", "1995-01-01", "BLRGOV"),
        ("Boris Yeltsin", "2020-09-14", "RUSELI"),  # former office holder
        ("Donald Trump", "2022-06-01", "USAELI"),
        ("Donald Trump", "2025-06-01", "USAGOV"),
        ("Ursula von der Leyen", "2021-01-01", "IGOEUREEC"),
        ("Ursula von der Leyen", "2015-01-01", "DEUGOV"),
        ("Svetlana Tikhanovskaya", "2020-09-14", "BLROPP"),
        ("Tony Blair", None, "GBRGOV"),  # undated: the latest term
        ("Vladimir Putin", None, "RUSGOV"),
    ],
)
def test_codes_depend_on_the_reference_date(name, date, code):
    assert builtin_kb().people[name].code_on(date) == code


def test_holders_of_an_office_on_a_date():
    kb = builtin_kb()
    assert [p.name for p in kb.holders("RUS", "president", "2010-06-01")] == ["Dmitry Medvedev"]
    assert [p.name for p in kb.holders("BLR", "president", "2020-09-14")] == ["Alexander Lukashenko"]
    assert [p.name for p in kb.holders("RUS", "president", None)] == ["Vladimir Putin"]


def test_user_tables_in_our_format_extend_the_builtin_ones(tmp_path):
    from newsgraph.extract.actors.kb import load_kb

    header = "\t".join(HEADERS["officeholders.tsv"])
    row = "\t".join(["Maria Kolesnikova", "BLR", "", "", "", "BLROPP", "Kolesnikova"])
    (tmp_path / "officeholders.tsv").write_text(f"{header}\n{row}\n", "utf-8")
    kb = load_kb(("builtin", str(tmp_path)))
    assert kb.people["Maria Kolesnikova"].code_on("2020-09-08") == "BLROPP"
    assert kb.people["Alexander Lukashenko"].code_on("2020-09-08") == "BLRGOV"
    assert "Maria Kolesnikova" not in builtin_kb().people
