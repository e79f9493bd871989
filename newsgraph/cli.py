"""The ``newsgraph`` command: each subcommand parses its options and calls the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

import click

from newsgraph.model import Article, InputError
from newsgraph.render import render_table

FORMATS = ("jsonl", "json", "table")


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "jsonl"


def _report_errors(records: Iterable[Article | InputError], failures: list[InputError]) -> Iterator:
    """Pass records on, telling standard error about each bad input as it goes by."""
    for record in records:
        if isinstance(record, InputError):
            failures.append(record)
            click.echo(f"newsgraph: {record.message()}", err=True)
        yield record


def write_records(records: Iterable[Article | InputError], fmt: str) -> None:
    """Print records as JSON Lines, one JSON array, or a table for people."""
    out = click.get_text_stream("stdout")
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    elif fmt == "json":
        json.dump([r.to_dict() for r in records], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for record in records:
            out.write(render_table(record) + "\n")


@click.group()
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: read news and turn it into evidence-linked events, quotations, actors, times and places."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--plain", is_flag=True, help="Take each text exactly as given (no metadata or boilerplate removal).")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format.")
@click.option("--db", metavar="PATH", help="Also store the articles in this database.")
def analyze(inputs: tuple[str, ...], plain: bool, date: str | None, fmt: str | None, db: str | None) -> None:
    """Analyse INPUTS (files, folders, or - for standard input) and print newsgraph.article/1 records."""
    from newsgraph import analyze_inputs

    failures: list[InputError] = []
    records = _report_errors(analyze_inputs(inputs, plain=plain, date=date), failures)
    if db:
        records = _store_as_you_go(db, records)
    write_records(records, fmt or _default_format())
    sys.exit(1 if failures else 0)


def _store_as_you_go(db: str, records: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
    from newsgraph.store import open_store

    with open_store(db) as store:
        for record in records:
            if isinstance(record, Article):
                store.save_article(record)
            yield record
