"""Command-line commands for actors: ``newsgraph actors discover``. Wire with
``cli.add_command(actors)`` in ``newsgraph/cli.py``."""

from __future__ import annotations

import json
import sys

import click

from newsgraph.model import Article


def read_articles(paths: tuple[str, ...]) -> list[Article]:
    """Analysed articles from JSON Lines files of ``newsgraph.article/1`` records (``-``: stdin)."""
    articles = []
    for path in paths:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                record = json.loads(line)
                if record.get("schema", "").startswith("newsgraph.article/"):
                    articles.append(Article.from_dict(record))
                elif "schema" not in record:
                    click.echo(f"{path}: record {number}: not an analysed article, skipped", err=True)
    return articles


@click.group()
def actors() -> None:
    """Actor dictionaries: discover people to add."""


@actors.command("discover")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--analyze", "analyse", is_flag=True, help="INPUTS are raw articles: analyse them first.")
@click.option("--min-count", default=2, show_default=True, help="Propose people seen at least this often.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "tsv"]), default="jsonl", show_default=True)
def discover_command(inputs: tuple[str, ...], analyse: bool, min_count: int, fmt: str) -> None:
    """Propose dictionary entries for titled people the knowledge base does not know (``tsv``: rows in
    the format of newsgraph/data/actors/officeholders.tsv)."""
    from newsgraph.extract.actors.discover import discover, proposals_to_rows

    if analyse:
        from newsgraph import analyze_inputs

        articles = [a for a in analyze_inputs(inputs) if isinstance(a, Article)]
    else:
        articles = read_articles(inputs)
    proposals = discover(articles, min_count=min_count)
    if fmt == "tsv":
        click.echo(proposals_to_rows(proposals), nl=False)
    else:
        for proposal in proposals:
            click.echo(json.dumps(proposal, ensure_ascii=False))
