"""Proposing dictionary entries for titled people the knowledge base does not know."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph import analyze
from newsgraph.extract.actors.commands import actors
from newsgraph.extract.actors.discover import discover, proposals_to_rows
from newsgraph.extract.actors.kb import parse_tables

TEXTS = [
    ("Belarusian opposition leader Maria Kolesnikova was detained in Minsk on Monday.", "2020-09-07"),
    ("Maria Kolesnikova, a Belarusian opposition leader, tore up her passport at the border.", "2020-09-08"),
    ("Ukrainian journalist Roman Hrytsenko said the talks in Minsk had stalled.", "2020-09-10"),
    ("Russian President Vladimir Putin met Lukashenko in Sochi.", "2020-09-14"),
]


def analysed():
    return [analyze(text, date=date) for text, date in TEXTS]


def test_titles_and_appositions_become_proposals_with_counts_dates_and_examples():
    proposals = {p["name"]: p for p in discover(analysed())}
    kolesnikova = proposals["Maria Kolesnikova"]
    assert kolesnikova["code"] == "BLROPP" and kolesnikova["count"] == 2
    assert (kolesnikova["first"], kolesnikova["last"]) == ("2020-09-07", "2020-09-08")
    assert len(kolesnikova["examples"]) == 2 and "detained" in kolesnikova["examples"][0]
    assert proposals["Roman Hrytsenko"]["code"] == "UKRMED"
    assert "Vladimir Putin" not in proposals  # already in the knowledge base


PARTY_TEXTS = [
    ("Tory leader Michael Howard attacked the budget in London on Monday.", "2005-03-14"),
    ("Lib Dem leader Charles Kennedy said the war had been a mistake.", "2005-03-15"),
    ("Shadow chancellor Oliver Letwin promised lower taxes in Britain.", "2005-03-16"),
    ("Foreign Secretary Jack Straw flew to Brussels for talks on Iran.", "2005-03-17"),
    ("Senate Majority Leader Bill Frist said the vote would be held in Washington.", "2005-03-18"),
]


def test_party_and_shadow_titles_are_proposed_as_opposition_not_government():
    proposals = {p["name"]: p["code"] for p in discover([analyze(text, date=date) for text, date in PARTY_TEXTS])}
    assert proposals["Michael Howard"].endswith("OPP")
    assert proposals["Charles Kennedy"].endswith("OPP")
    assert proposals["Oliver Letwin"].endswith("OPP")
    assert proposals["Jack Straw"].endswith("GOV")
    assert proposals["Bill Frist"].endswith("LEG")


def test_proposals_export_to_our_dictionary_format():
    rows = proposals_to_rows(discover(analysed(), min_count=2))
    header = "name\tcountry\toffice\tfrom\tto\tcode\taliases\n"
    kb = parse_tables({"officeholders.tsv": header + rows})
    assert kb.people["Maria Kolesnikova"].code_on("2021-01-01") == "BLROPP"
    assert "Kolesnikova" in kb.people["Maria Kolesnikova"].aliases
    assert "Roman Hrytsenko" not in kb.people  # seen once only


def test_discover_command_reads_analysed_articles(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in analysed()), "utf-8")
    result = CliRunner().invoke(actors, ["discover", str(path), "--min-count", "2"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["name"] for line in result.output.splitlines()] == ["Maria Kolesnikova"]
    tsv = CliRunner().invoke(actors, ["discover", str(path), "--format", "tsv", "--min-count", "1"])
    assert "Roman Hrytsenko\tUKR\t\t\t\tUKRMED\tHrytsenko" in tsv.output
