"""The analysis commands on a real database (SQLite and PostgreSQL): dyad, plot dyad, actor, quotes; and serve's
refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import main


@pytest.fixture(scope="module")
def db(sample_db) -> str:
    return sample_db


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dyad_as_table_and_csv(db):
    table = run("dyad", "RUS", "BLR", "--db", db, "--by", "month")
    assert table.splitlines()[0].split() == [
        "verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "events", "mean_goldstein",
    ]  # fmt: skip
    assert "2024-03" in table and "2024-04" not in table
    rows = list(csv.DictReader(io.StringIO(run("dyad", "pol", "blr", "--db", db, "--format", "csv"))))
    assert rows == [
        {"period": "2024-04", "verbal_coop": "0", "material_coop": "0", "verbal_conflict": "2",
         "material_conflict": "1", "events": "3", "mean_goldstein": "-3.0"}
    ]  # fmt: skip


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_plot_dyad_writes_the_chart(db, tmp_path, suffix):
    out = tmp_path / f"dyad.{suffix}"
    CliRunner().invoke(main, ["plot", "dyad", "RUS", "BLR", "--db", db, "--by", "month", "--out", str(out)])
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in data[:2000]


def test_plot_refuses_other_formats(db, tmp_path):
    result = CliRunner().invoke(main, ["plot", "dyad", "RUS", "BLR", "--db", db, "--out", str(tmp_path / "d.gif")])
    assert result.exit_code == 2 and ".png or .svg" in result.output


def test_actor_shows_timeline_and_partners(db):
    out = run("actor", "BLR", "--db", db)
    assert "# BLR: timeline by month" in out and "# BLR: partners" in out
    assert "POL" in out and "5.933" in out


def test_quotes_filters_and_formats(db):
    lines = run("quotes", "--db", db, "--speaker", "Lukashenko", "--format", "jsonl").splitlines()
    assert [json.loads(line)["published"] for line in lines] == ["2024-03-05", "2024-05-14", "2024-06-02"]
    words = run("quotes", "--db", db, "--words", "pressure", "--format", "csv")
    assert "We will not accept this pressure" in words
    table = run("quotes", "--db", db, "--source", "Northern Post", "--since", "2024-05-01", "--format", "table")
    assert "Trade between our countries keeps growing" in table and "Tusk" not in table


def test_a_speakers_quotations_over_time(db):
    rows = [json.loads(line) for line in run("quotes", "--db", db, "--speaker", "Lukashenko", "--by", "month",
                                             "--format", "jsonl").splitlines()]  # fmt: skip
    assert [(r["period"], r["quotations"], r["articles"]) for r in rows] == [
        ("2024-03", 1, 1), ("2024-05", 1, 1), ("2024-06", 1, 1),
    ]  # fmt: skip
    assert all(r["direct"] == 1 and r["outlets"] == 1 for r in rows)
    yearly = run("quotes", "--db", db, "--speaker", "BLRGOV", "--by", "year", "--format", "csv")
    assert yearly.splitlines()[0] == "period,quotations,direct,articles,outlets"
    assert yearly.splitlines()[1].startswith("2024,")


def test_commands_need_an_existing_database(tmp_path):
    for command in (["dyad", "A", "B"], ["actor", "A"], ["quotes"], ["serve"]):
        result = CliRunner().invoke(main, [*command, "--db", str(tmp_path / "missing.db")])
        assert result.exit_code == 1 and "no such database" in result.output, command
