"""The ``newsgraph`` command: each subcommand parses its options and calls the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

import click

from newsgraph.model import Article, InputError
from newsgraph.render import render_table

FORMATS = ("jsonl", "json", "table")
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt")
EXPORT_TABLES = ("events", "quotes", "articles")


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


workers_option = click.option(
    "--workers", metavar="N", type=click.IntRange(min=1), default=1, show_default=True,
    help="Analyse in N processes, each with its own spaCy pipeline.",
)  # fmt: skip


@click.group()
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: read news and turn it into evidence-linked events, quotations, actors, times and places."""


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check a date option and give it back as YYYY-MM-DD."""
    if value is None:
        return None
    from newsgraph.ingest.identity import normalise_date

    iso = normalise_date(value)
    if iso is None:
        raise click.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD)")
    return iso


def _open_db(db: str, create: bool = True):
    """Open the database, turning "cannot open" into a one-line error (exit status 1)."""
    from newsgraph.store import StoreUnavailable, open_store

    try:
        return open_store(db, create=create)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


db_option = click.option(
    "--db",
    metavar="PATH|URL",
    required=True,
    envvar="NEWSGRAPH_DB",
    help="Database: a SQLite file path, sqlite:///PATH or postgresql://... (default: $NEWSGRAPH_DB).",
)
since_option = click.option("--since", metavar="DATE", callback=_iso_date, help="Published on or after DATE.")
until_option = click.option("--until", metavar="DATE", callback=_iso_date, help="Published on or before DATE.")
source_option = click.option("--source", metavar="NAME", help="Only this outlet (case-insensitive).")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--plain", is_flag=True, help="Take each text exactly as given (no metadata or boilerplate removal).")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format.")
@click.option("--db", metavar="PATH|URL", help="Also store the articles (and failed inputs) in this database.")
@workers_option
def analyze(
    inputs: tuple[str, ...], plain: bool, date: str | None, fmt: str | None, db: str | None, workers: int
) -> None:
    """Analyse INPUTS (files, folders, or - for standard input) and print newsgraph.article/1 records."""
    from newsgraph import analyze_inputs

    failures: list[InputError] = []
    records = _report_errors(analyze_inputs(inputs, plain=plain, date=date, workers=workers), failures)
    if db:
        from newsgraph.store.ingest import store_as_you_go

        with _open_db(db) as store:
            write_records(store_as_you_go(records, store), fmt or _default_format())
    else:
        write_records(records, fmt or _default_format())
    sys.exit(1 if failures else 0)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--plain", is_flag=True, help="Take each text exactly as given (no metadata or boilerplate removal).")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
@workers_option
def ingest(inputs: tuple[str, ...], db: str, plain: bool, date: str | None, workers: int) -> None:
    """Analyse INPUTS into the database: articles already stored are skipped (a rerun resumes),
    copies of stored articles are linked to the first copy without analysis, and failed inputs
    are listed on standard error and kept for the next run to retry (exit status 1)."""
    from newsgraph.run import LocalRunner
    from newsgraph.store.ingest import ProgressBar
    from newsgraph.store.ingest import ingest as ingest_inputs

    engine = LocalRunner(workers=workers) if workers > 1 else None
    with _open_db(db) as store, ProgressBar() as progress:
        report = ingest_inputs(inputs, store, engine=engine, plain=plain, date=date, listener=progress)
    click.echo(f"newsgraph: {report.summary()}", err=True)
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("query")
@db_option
@since_option
@until_option
@source_option
@click.option(
    "--limit", metavar="N", type=click.IntRange(min=1), default=20, show_default=True, help="At most N results."
)
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default=None, help="Output format.")
def search(
    query: str, db: str, since: str | None, until: str | None, source: str | None, limit: int, fmt: str | None
) -> None:
    """Full-text search of stored titles and texts: every word and "quoted phrase" of QUERY must match."""
    from newsgraph.store import ArticleFilter
    from newsgraph.store.views import hits_table

    with _open_db(db, create=False) as store:
        hits = store.search(query, ArticleFilter(since, until, source, duplicates=False), limit)
    if (fmt or _default_format()) == "jsonl":
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
    else:
        click.echo(hits_table(hits), nl=False)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(EXPORT_TABLES), default="events", show_default=True,
              help="For csv and parquet: which table to write.")  # fmt: skip
@click.option("--out", metavar="PATH|-", default="-", show_default=True, help="Output file, or - for standard output.")
@since_option
@until_option
@source_option
def export(db: str, fmt: str, table: str, out: str, since: str | None, until: str | None, source: str | None) -> None:
    """Write stored records: contract JSON Lines (duplicates marked duplicate_of), an events, quotes or
    articles table as CSV or Parquet, or GDELT 2.0 Events TSV (61 columns, reports of one event merged)."""
    from newsgraph.store import ArticleFilter
    from newsgraph.store.views import export_jsonl

    with _open_db(db, create=False) as store:
        if fmt == "jsonl":
            target = click.get_text_stream("stdout") if out == "-" else out
            count = export_jsonl(store, target, ArticleFilter(since, until, source))
            noun = "articles"
        else:
            from newsgraph.export import export_records

            originals = ArticleFilter(since, until, source, duplicates=False)
            count = export_records((a.to_dict() for a in store.iter_articles(originals)), fmt, out, table)
            noun = "events" if fmt == "gdelt" else f"{table} rows"
    click.echo(f"newsgraph: exported {count} {noun}", err=True)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def stats(db: str, fmt: str) -> None:
    """Counts in the database: articles, section records, duplicates, sources, dates, failed inputs."""
    from newsgraph.store.views import stats_table

    with _open_db(db, create=False) as store:
        figures = store.stats()
    click.echo(json.dumps(figures, ensure_ascii=False, indent=2) if fmt == "json" else stats_table(figures), nl=False)


PERIOD_CHOICE = click.Choice(("day", "week", "month", "quarter", "year"))


@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=PERIOD_CHOICE, default="month", show_default=True, help="Period of the series.")
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "jsonl")), default="table", show_default=True)
def dyad(a: str, b: str, db: str, by: str, directed: bool, fmt: str) -> None:
    """Relations between actors or countries A and B (CAMEO codes, matched by prefix): asserted events per
    period by quad class, with the mean Goldstein value."""
    from newsgraph.analysis.queries import dyad_table, format_table

    with _open_db(db, create=False) as store:
        click.echo(format_table(dyad_table(store, a, b, by, directed), fmt, "period"), nl=False)


@main.group()
def plot() -> None:
    """Charts of stored events, as PNG or SVG."""


@plot.command("dyad")
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=PERIOD_CHOICE, default="month", show_default=True, help="Period of the series.")
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@click.option("--out", metavar="FILE.png|FILE.svg", required=True, help="Where to write the chart.")
def plot_dyad(a: str, b: str, db: str, by: str, directed: bool, out: str) -> None:
    """Cooperation and conflict between A and B over time: stacked bars by quad class, mean Goldstein line."""
    from newsgraph.analysis.plots import plot_period_table
    from newsgraph.analysis.queries import dyad_table

    if not out.lower().endswith((".png", ".svg")):
        raise click.BadParameter(f"{out}: the chart is written as .png or .svg", param_hint="--out")
    with _open_db(db, create=False) as store:
        table = dyad_table(store, a, b, by, directed)
    path = plot_period_table(table, f"{a.upper()} – {b.upper()}: events per {by}", out)
    click.echo(f"newsgraph: wrote {path} ({len(table)} periods)", err=True)


@main.command()
@click.argument("code")
@db_option
@click.option("--by", type=PERIOD_CHOICE, default="month", show_default=True, help="Period of the timeline.")
@click.option("--partners", metavar="N", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "jsonl")), default="table", show_default=True)
def actor(code: str, db: str, by: str, partners: int, fmt: str) -> None:
    """An actor (CAMEO code, matched by prefix): its events per period and its main partners."""
    from newsgraph.analysis.queries import actor_report, format_table

    with _open_db(db, create=False) as store:
        report = actor_report(store, code, by, partners)
    click.echo(f"# {report.code}: timeline by {by}")
    click.echo(format_table(report.timeline, fmt, "period"), nl=False)
    click.echo(f"# {report.code}: partners")
    click.echo(format_table(report.partners, fmt, "partner"), nl=False)


@main.command()
@db_option
@click.option("--speaker", metavar="NAME|CODE", help="Speaker: an actor code prefix or part of the speaker's name.")
@click.option("--words", metavar="W", multiple=True, help="Words the quotation must contain (repeatable).")
@source_option
@since_option
@until_option
@click.option("--by", type=PERIOD_CHOICE, default=None, help="Count the quotations per period instead of listing them.")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl", "csv")), default=None, help="Output format.")
def quotes(
    db: str, speaker: str | None, words: tuple[str, ...], source: str | None, since: str | None,
    until: str | None, by: str | None, fmt: str | None,
) -> None:  # fmt: skip
    """Stored quotations with their speakers, oldest first; with --by, how many per period."""
    from newsgraph.analysis.queries import QUOTE_TABLE_COLUMNS, format_table, quotes_table
    from newsgraph.analysis.series import quote_series
    from newsgraph.store import QuoteFilter

    found = tuple(w for phrase in words for w in phrase.split())
    with _open_db(db, create=False) as store:
        table = quotes_table(store, QuoteFilter(speaker, found, source, since, until))
    fmt = fmt or _default_format()
    if by:
        click.echo(format_table(quote_series(table, by), fmt, "period"), nl=False)
        return
    click.echo(format_table(table if fmt != "table" else table[QUOTE_TABLE_COLUMNS], fmt), nl=False)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--ingest-token",
    metavar="TOKEN",
    envvar="NEWSGRAPH_INGEST_TOKEN",
    help="Enable POST /api/ingest for requests bearing this token (default: $NEWSGRAPH_INGEST_TOKEN).",
)
@click.option("--max-body", metavar="BYTES", type=click.IntRange(min=1), default=2_000_000, show_default=True,
              help="Largest request body accepted.")  # fmt: skip
def serve(db: str, host: str, port: int, ingest_token: str | None, max_body: int) -> None:
    """Serve the HTTP API (/api, OpenAPI at /openapi.json) and the web page (/) over the database."""
    from newsgraph.api.server import run_server
    from newsgraph.store import StoreUnavailable

    try:
        run_server(db, host, port, ingest_token=ingest_token, max_body=max_body)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


def _add_optional_commands() -> None:
    """Command groups that live beside the library parts they drive."""
    from newsgraph.extract.actors.commands import actors
    from newsgraph.run.commands import spark

    main.add_command(actors)
    main.add_command(spark)


_add_optional_commands()


@main.command()
@db_option
@click.option("--since", metavar="DATE", callback=_iso_date, help="Events on or after DATE (the events' own dates).")
@click.option("--until", metavar="DATE", callback=_iso_date, help="Events on or before DATE.")
@click.option("--actor", metavar="CODE", help="Only reports with this actor code (prefix) on either side.")
@click.option("--code", metavar="CAMEO", help="Only reports with this CAMEO code (prefix).")
@click.option("--window", metavar="DAYS", type=click.IntRange(min=0), default=2, show_default=True,
              help="Most days between the first and the last report of one event.")  # fmt: skip
@click.option("--clusters", is_flag=True, help="Only events reported more than once.")
@click.option("--event", "event", metavar="N|ARTICLE#EVENT",
              help="The reports of one event (its number or first report, with the same filters).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl", "csv")), default=None, help="Output format.")
def events(
    db: str, since: str | None, until: str | None, actor: str | None, code: str | None, window: int,
    clusters: bool, event: str | None, fmt: str | None,
) -> None:  # fmt: skip
    """Events after cross-article deduplication: the reports of one real-world event become one event with
    its mentions, outlets and articles counted; --event lists its reports with their evidence sentences."""
    from newsgraph.analysis.dedup import stored_event_clusters
    from newsgraph.analysis.queries import format_table
    from newsgraph.store import EventFilter

    with _open_db(db, create=False) as store:
        found = stored_event_clusters(store, EventFilter(actor=actor, code=code, since=since, until=until), window)
    fmt = fmt or _default_format()
    if event is not None:
        click.echo(format_table(found.mentions(event), fmt), nl=False)
        return
    table = found.events[found.events["mentions"] > 1] if clusters else found.events
    if fmt == "table":
        summary = found.summary()
        click.echo(f"# {summary.reports} reports, {summary.events} events, {summary.multi_article} by 2+ articles")
        table = table.drop(columns=["root", "quad_class", "goldstein"])
    click.echo(format_table(table.rename_axis("event"), fmt, "event"), nl=False)
