"""``newsgraph spark ...``: the Spark runner from the command line."""

from __future__ import annotations

import sys

import click


@click.group()
def spark() -> None:
    """Run newsgraph on Apache Spark (install the extra: pip install 'newsgraph[spark]')."""


@spark.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="Where to write Parquet of contract records.")
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL.")
@click.option("--plain", is_flag=True, help="Take each text exactly as given.")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
def spark_analyze(inputs: tuple[str, ...], out: str, master: str, plain: bool, date: str | None) -> None:
    """Analyse JSON Lines, WARC, Parquet or other INPUTS with mapPartitions and write Parquet to --out."""
    from newsgraph.run.spark import analyze_to_parquet, spark_session

    session = spark_session(master)
    failures = analyze_to_parquet(session, list(inputs), out, plain=plain, date=date)
    click.echo(f"newsgraph: wrote {out} ({failures} inputs failed)", err=True)
    session.stop()
    sys.exit(1 if failures else 0)
