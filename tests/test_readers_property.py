"""Property-based tests: any text or bytes in, RawArticle or InputError records out, never an exception."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import read_bytes, read_stream
from newsgraph.ingest.decode import NotText, clean_plain, decode_bytes
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.html import read_html
from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.jsonl import read_jsonl_stream
from newsgraph.ingest.text import read_text, repair_glued_sentences
from newsgraph.ingest.warc import read_warc
from newsgraph.model import InputError, RawArticle

FORBIDDEN_SCRAPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
FORBIDDEN_PLAIN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# NEWSGRAPH_PROPERTY_EXAMPLES=2000 for a longer hunt; the default keeps the suite fast.
EXAMPLES = int(os.environ.get("NEWSGRAPH_PROPERTY_EXAMPLES", "40"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_PROPERTY = settings(
    max_examples=max(EXAMPLES // 3, 10), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)
header_lines = st.sampled_from(
    [
        "Ferry line to open",
        "BALTIC WIRE",
        "Published",
        "Published: 14 September 2020",
        "Posted on Mon, 14 Sep 2020 by Anna Nowak",
        "By Anna Nowak, 16 May 2023",
        "by",
        "Published by",
        "Full Article",
        "Read more »",
        "© 2024 Baltic Wire",
        "Tags: ferries",
        "14.09.2020",
        "",
        "The operator expects two sailings a day.The mayor welcomed the plan.",
        'He said "we will go."The minister left.“Fine.”Then nothing.',
        "On Tuesday, the harbour authority in Gdansk said that a new ferry line would open in April.",
        '"' * 60,
    ]
)
scraped_pages = st.lists(st.one_of(header_lines, any_text), max_size=12).map(lambda lines: "\n".join(lines)) | st.lists(
    header_lines, max_size=12
).map(lambda lines: "\n\n".join(lines))


def check_records(records: list, plain: bool) -> None:
    """Every record is an article or an error; article text is clean and serialisable."""
    for record in records:
        assert isinstance(record, RawArticle | InputError)
        if isinstance(record, InputError):
            assert record.input and record.error and "\n" not in record.error
            continue
        pattern = FORBIDDEN_PLAIN if plain else FORBIDDEN_SCRAPED
        assert not pattern.search(record.text)
        json.dumps(vars(record), ensure_ascii=False).encode("utf-8")
        for field in (record.title, record.source, record.author, record.id, record.url):
            assert field is None or (field and not FORBIDDEN_SCRAPED.search(field) and "\n" not in field)
        if record.published is not None:
            dt.date.fromisoformat(record.published)


@PROPERTY
@given(text=any_text | scraped_pages, plain=st.booleans())
def test_read_text_any_text(text, plain):
    records = list(read_text("t.txt", text, plain))
    assert len(records) == 1
    check_records(records, plain)


@PROPERTY
@given(text=any_text | scraped_pages)
def test_plain_text_is_the_input(text):
    (article,) = read_text("t.txt", text, plain=True)
    assert len(article.text) == len(text)
    if not FORBIDDEN_PLAIN.search(text):
        assert article.text == text
    assert all(a == b for a, b in zip(article.text, text, strict=True) if not FORBIDDEN_PLAIN.match(b))


@PROPERTY
@given(text=any_text | scraped_pages)
def test_clean_plain_keeps_length(text):
    assert len(clean_plain(text)) == len(text)


@PROPERTY
@given(text=any_text | scraped_pages)
def test_glue_repair_only_adds_spaces(text):
    repaired = repair_glued_sentences(text)
    assert repaired.replace(" ", "") == text.replace(" ", "")
    assert repair_glued_sentences(repaired) == repaired


prefixes = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"<!DOCTYPE html><html><body><p>",
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content>',
        b'{"text": "',
        b"WARC/1.0\r\n",
        b"\x1f\x8b\x08\x00",
        b"%PDF-1.4\n",
        b"Title\n\nOUTLET\n\nPublished\n\n",
    ]
)
any_bytes = st.builds(lambda p, b: p + b, prefixes, st.binary(max_size=600)) | st.builds(
    lambda t, enc: t.encode(enc, errors="replace"),
    any_text | scraped_pages,
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
labels = st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.rss", "a.warc", "a.warc.gz", "-", "noext"])


@SLOW_PROPERTY
@given(data=any_bytes, label=labels, plain=st.booleans())
def test_read_bytes_any_bytes(data, label, plain):
    check_records(list(read_bytes(label, data, plain)), plain)


@SLOW_PROPERTY
@given(data=any_bytes, label=labels, plain=st.booleans())
def test_read_stream_any_bytes(data, label, plain):
    check_records(list(read_stream(label, io.BytesIO(data), plain)), plain)


@PROPERTY
@given(data=any_bytes)
def test_decode_gives_text_or_not_text(data):
    try:
        text = decode_bytes(data)
    except NotText:
        return
    assert isinstance(text, str) and text.strip()


@SLOW_PROPERTY
@given(html=any_text | st.builds(lambda t: f"<html><body><article><p>{t}</p></article></body></html>", any_text))
def test_read_html_any_text(html):
    check_records(list(read_html("a.html", html, plain=False)), plain=False)


@SLOW_PROPERTY
@given(data=any_bytes)
def test_read_feed_any_bytes(data):
    check_records(list(read_feed("a.rss", data, plain=False)), plain=False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {"text": any_text | json_values},
    optional={k: json_values for k in ("id", "title", "url", "source", "publisher", "published", "date", "author")},
)


@PROPERTY
@given(lines=st.lists(records.map(json.dumps) | any_text, max_size=8), plain=st.booleans())
def test_jsonl_any_lines(lines, plain):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    out = list(read_jsonl_stream("a.jsonl", io.BytesIO(data), plain))
    check_records(out, plain)
    numbers = [int(r.input.rsplit("#", 1)[1]) for r in out if "#" in r.input]
    assert numbers == sorted(set(numbers))


@PROPERTY
@given(value=any_text | st.integers() | st.floats() | st.none())
def test_normalise_date_any_value(value):
    date = normalise_date(value)
    assert date is None or dt.date.fromisoformat(date).isoformat() == date


def small_warc(gzip: bool) -> tuple[bytes, list[str]]:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gzip)
    urls = []
    for n in range(3):
        url = f"https://w.example/{n}"
        body = (
            f"<html><head><title>Story {n}</title></head><body><article><p>Story {n}: the port of Tallinn "
            "reopened its passenger terminal on Monday after a month of repairs, the operator said.</p>"
            "</article></body></html>"
        ).encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
        urls.append(url)
    return stream.getvalue(), urls


WARCS = {gzip: small_warc(gzip) for gzip in (False, True)}


@SLOW_PROPERTY
@given(
    gzip=st.booleans(), cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=3)
)
def test_damaged_warc_gives_prefix_then_at_most_one_error(gzip, cut, flips):
    data, urls = WARCS[gzip]
    damaged = bytearray(data[: int(len(data) * cut)])
    for where, value in flips:
        if damaged:
            damaged[int(where * (len(damaged) - 1))] = value
    out = list(read_warc("a.warc", io.BytesIO(bytes(damaged)), plain=False))
    check_records(out, plain=False)
    # Damage ends the archive with one error; a record whose payload is not text is an error of its own.
    damage = [r for r in out if isinstance(r, InputError) and "damaged WARC" in r.error]
    assert len(damage) <= 1 and (not damage or out[-1] is damage[0])
    if not flips:
        got = [r.url for r in out if isinstance(r, RawArticle)]
        assert got == urls[: len(got)]
