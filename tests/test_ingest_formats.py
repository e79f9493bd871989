"""HTML pages, RSS/Atom feeds, WARC archives, JSON Lines, kind detection and folders."""

from __future__ import annotations

import io
import json
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import read_bytes, read_inputs
from newsgraph.ingest.detect import detect_kind
from newsgraph.ingest.jsonl import iter_byte_lines, read_jsonl_stream
from newsgraph.ingest.warc import BoundedGunzip, DamagedArchive
from newsgraph.model import InputError, RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PROSE = (
    "The city council of Tartu voted on Wednesday to build a new footbridge across the Emajogi river, "
    "the mayor said after the session. Work is expected to start in the autumn."
)


def page(body: str, title: str = "Tartu approves footbridge", extra_head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{extra_head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer><p>Contact us | Terms of use</p></footer></body></html>"
    )


def read_all(*names: str | Path, plain: bool = False) -> list[RawArticle | InputError]:
    return list(read_inputs([str(n) for n in names], plain=plain))


# --- HTML ------------------------------------------------------------------------------------------


def test_html_page_with_boilerplate():
    (article,) = read_all(FIXTURES / "harbour-page.html")
    assert isinstance(article, RawArticle)
    assert article.title == "Port of Riga signs grain deal with Kyiv"
    assert article.source == "Baltic Ledger"
    assert article.author == "Ilze Ozola"
    assert article.published == "2023-05-16"
    assert article.url == "https://ledger.example.org/2023/05/riga-grain-deal"
    assert article.text.startswith("On Tuesday, May 16, the Freeport of Riga")
    assert article.text.endswith("commit to a fixed annual volume.")
    for boilerplate in ("Subscribe", "cookies", "Related stories", "Contact us", "All rights reserved", "analytics"):
        assert boilerplate not in article.text
    assert "\n\nLatvian Transport Minister" in article.text


def test_html_glued_sentences_repaired_unless_plain(tmp_path):
    path = tmp_path / "glued.html"
    path.write_text(page(f"<p>{PROSE}The bridge will cost four million euros, the council said.</p>"), "utf-8")
    (article,) = read_all(path)
    assert "in the autumn. The bridge" in article.text
    (plain,) = read_all(path, plain=True)
    assert "in the autumn.The bridge" in plain.text


def test_html_without_article_is_an_error(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a><a href='/b'>Business</a></nav><footer>(c)</footer></body></html>"
    )
    (error,) = read_all(path)
    assert isinstance(error, InputError)
    assert error.input == str(path) and "no article text found" in error.error


def test_html_in_windows_1252_with_meta_charset(tmp_path):
    path = tmp_path / "cp1252.htm"
    body = "<p>The café in Tartu raised its prices to £4 on Wednesday, the owner said in a statement to reporters.</p>"
    path.write_bytes(page(body).replace("charset='utf-8'", "charset='windows-1252'").encode("cp1252"))
    (article,) = read_all(path)
    assert "café" in article.text and "£4" in article.text


def test_text_file_holding_html_is_read_as_html(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text("\n\n  " + page(f"<p>{PROSE}</p>"), "utf-8")
    (article,) = read_all(path)
    assert article.title == "Tartu approves footbridge"
    assert "<" not in article.text and article.text.startswith("The city council of Tartu")


# --- feeds -----------------------------------------------------------------------------------------


def test_rss_one_article_per_entry():
    first, second, third = read_all(FIXTURES / "north-sea.rss")
    assert first.input.endswith("north-sea.rss#1") and second.input.endswith("north-sea.rss#2")
    assert first.title == "Oslo and Copenhagen agree on joint wind tender"
    assert first.source == "North Sea Courier"
    assert (first.published, first.author, first.id) == ("2024-02-11", "Sigrid Hansen", "nsc-2024-0211")
    assert first.url == "https://courier.example.net/2024/02/wind-tender"
    assert "next year. The Danish side" in first.text  # content:encoded, not the short description
    assert "\n\n" in first.text and "<p>" not in first.text
    assert second.text.startswith("Container traffic through Rotterdam") and "<p>" not in second.text
    assert isinstance(third, InputError) and third.input.endswith("north-sea.rss#3")


def test_atom_content_or_summary():
    first, second = read_all(FIXTURES / "north-sea.atom")
    assert first.text.startswith("Norway and Denmark will hold a joint tender for offshore wind farms")
    assert (first.published, first.author, first.id) == ("2024-02-11", "Sigrid Hansen", "urn:example:nsc-2024-0211")
    assert second.input.endswith("north-sea.atom#2") and second.published == "2024-02-10"
    assert second.text.startswith("Container traffic")


def test_feed_label_numbers_entries(tmp_path):
    items = "".join(f"<item><title>T{i}</title><description>{PROSE}</description></item>" for i in range(1, 6))
    (tmp_path / "feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')
    records = read_all(tmp_path / "feed.xml")
    assert [r.input for r in records] == [f"{tmp_path / 'feed.xml'}#{i}" for i in range(1, 6)]
    assert records[2].title == "T3"


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</titl><description>x</description></item>',
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><description>Text.</description>',
    ],
)
def test_broken_feed_is_one_error(tmp_path, xml):
    (error,) = read_bytes("broken.rss", xml, plain=False)
    assert isinstance(error, InputError) and "broken feed XML" in error.error


def test_feed_with_nul_in_declared_encoding_is_an_error():
    # Found by the fuzzer: feedparser raised ValueError while decoding with the declared encoding.
    data = b'<?xml version="1.0" encoding="utf\x00-8"?><rss version="2.0"><channel><item><title>A</title></item>'
    (error,) = read_bytes("nul.rss", data, plain=False)
    assert isinstance(error, InputError)


def test_feed_without_entries_is_an_error():
    (error,) = read_bytes("empty.rss", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', False)
    assert "no entries" in error.error


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]><rss version="2.0"><channel>'
        "<item><title>A</title><description>&lol9;</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entity_expansion_bomb_refused_quickly(encoding):
    data = billion_laughs().decode().encode(encoding)
    started = time.perf_counter()
    (error,) = read_bytes("laughs.xml", data, plain=False)
    assert time.perf_counter() - started < 1.0
    assert isinstance(error, InputError) and "entit" in error.error


# --- WARC ------------------------------------------------------------------------------------------


def write_warc(path: Path, gzip: bool, pages: list[tuple[str, str, bytes, str]]) -> list[int]:
    """Write a warcinfo record, then one response (and its request) per page; return record end offsets."""
    ends = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsgraph tests"}))
        ends.append(stream.tell())
        for url, content_type, body, status in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            ends.append(stream.tell())
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
            ends.append(stream.tell())
    return ends


PAGES = [
    ("https://a.example/1", "text/html; charset=utf-8", page(f"<p>{PROSE}</p>").encode(), "200 OK"),
    ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100), "200 OK"),
    ("https://a.example/gone", "text/html", page(f"<p>{PROSE}</p>").encode(), "404 Not Found"),
    ("https://a.example/2", "text/html", page(f"<p>Second story. {PROSE}</p>", title="Second").encode(), "200 OK"),
    ("https://a.example/3", "text/html", page(f"<p>Third story. {PROSE}</p>", title="Third").encode(), "200 OK"),
]


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_warc_only_html_responses_become_articles(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip, PAGES)
    records = read_all(path)
    assert all(isinstance(r, RawArticle) for r in records)
    assert [r.url for r in records] == ["https://a.example/1", "https://a.example/2", "https://a.example/3"]
    # Records counted in archive order: warcinfo 1, request 2, response 3, ...
    assert [r.input.rsplit("#", 1)[1] for r in records] == ["3", "9", "11"]
    assert records[1].title == "Second" and records[1].text.startswith("Second story.")
    assert records[0].extra["captured"]


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_gives_good_records_then_one_error(tmp_path, gzip):
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    ends = write_warc(path, gzip, PAGES)
    data = path.read_bytes()
    path.write_bytes(data[: (ends[-2] + ends[-1]) // 2])  # cut through the last response (record 11)
    records = read_all(path)
    assert [type(r) for r in records] == [RawArticle, RawArticle, InputError]
    assert records[-1].input == f"{path}#11"
    assert "damaged WARC record 11" in records[-1].error and "truncated" in records[-1].error


def test_warc_in_memory_and_without_extension(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True, PAGES[:1])
    (article,) = read_bytes("upload", path.read_bytes(), plain=False)
    assert article.input == "upload#3" and article.url == "https://a.example/1"


def gzip_bomb_warc(declared: int, inflated_mib: int) -> bytes:
    """One WARC.gz member: a record declaring ``declared`` bytes, then ``inflated_mib`` MiB of zeros."""
    header = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"WARC-Target-URI: https://bomb.example/\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n"
    ).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = packer.compress(header) + packer.flush(zlib.Z_FULL_FLUSH)
    zeros = bytes(1 << 20)
    packer.compress(zeros)
    packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)  # same bytes for every further MiB
    return head + block * inflated_mib


@pytest.mark.parametrize("declared", [2_000_000_000, 100], ids=["declared-huge", "declared-small"])
def test_gzip_bomb_in_warc_bounded(declared):
    data = gzip_bomb_warc(declared, inflated_mib=2048)  # 2 GiB inflated from about 2 MB
    tracemalloc.start()
    started = time.perf_counter()
    records = list(read_bytes("bomb.warc.gz", data, plain=False))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 10
    assert peak < 400_000_000
    (error,) = records
    # A huge declared length is refused at record 1; zeros after a small record break the next header.
    assert isinstance(error, InputError) and error.input == ("bomb.warc.gz#1" if declared > 100 else "bomb.warc.gz#2")


def test_gzip_member_limit():
    data = zlib.compress(bytes(5_000_000), wbits=31)
    stream = BoundedGunzip(io.BytesIO(data), limit=1_000_000)
    with pytest.raises(DamagedArchive, match="bomb"):
        while stream.read(65536):
            pass


def test_wrong_content_length_is_an_error_and_stderr_stays_clean(tmp_path, capfd):
    path = tmp_path / "short.warc"
    write_warc(path, False, PAGES[:1])
    data = path.read_bytes()
    start = data.index(b"WARC-Type: response")
    length = data.index(b"Content-Length: ", start)
    end = data.index(b"\r\n", length)
    declared = int(data[length + 16 : end])
    path.write_bytes(data[:length] + f"Content-Length: {declared - 50}".encode() + data[end:])
    records = read_all(path)
    assert isinstance(records[-1], InputError) and "damaged WARC record" in records[-1].error
    assert capfd.readouterr().err == ""


def test_not_a_warc_despite_the_name(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    (error,) = read_all(path)
    assert isinstance(error, InputError) and "WARC" in error.error


# --- JSON Lines ------------------------------------------------------------------------------------


def test_jsonl_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": PROSE,
                "title": "Footbridge",
                "url": "https://t.example/1",
                "source": "Tartu Daily",
                "published": "2024-03-06",
            }
        ),
        "",
        "{not json",
        json.dumps({"text": PROSE, "publisher": "Postimees", "date": "6 March 2024", "id": 7}),
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Tartu\u2028council " + PROSE}),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", "utf-8")
    records = read_all(path)
    assert [r.input.rsplit("#", 1)[1] for r in records] == ["1", "3", "4", "5", "6", "7"]
    first, bad, second, no_text, a_list, separator = records
    assert (first.id, first.title, first.url, first.source, first.published) == (
        "a1",
        "Footbridge",
        "https://t.example/1",
        "Tartu Daily",
        "2024-03-06",
    )
    assert first.text == PROSE
    assert isinstance(bad, InputError) and bad.input == f"{path}#3" and "invalid JSON" in bad.error
    assert (second.id, second.source, second.published) == ("7", "Postimees", "2024-03-06")
    assert isinstance(no_text, InputError) and "'text'" in no_text.error
    assert isinstance(a_list, InputError) and "not an object" in a_list.error
    assert isinstance(separator, RawArticle) and separator.text.startswith("Tartu\ncouncil")


def test_jsonl_plain_keeps_text_as_is(tmp_path):
    text = "HEADLINE\n\nBody.The end.\n"
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n")
    (article,) = read_all(path, plain=True)
    assert article.text == text and article.title is None


def test_jsonl_without_extension_and_not_utf8_line(tmp_path):
    path = tmp_path / "dump"
    path.write_bytes(json.dumps({"text": PROSE}).encode() + b'\n{"text": "caf\xe9"}\n')
    first, second = read_all(path)
    assert isinstance(first, RawArticle)
    assert isinstance(second, InputError) and second.input == f"{path}#2" and "UTF-8" in second.error


def test_jsonl_utf16(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes((json.dumps({"text": PROSE}) + "\n").encode("utf-16"))
    (article,) = read_all(path)
    assert article.text == PROSE


class LazyLines:
    """A stream that makes JSON lines as it is read, and remembers how much was read."""

    def __init__(self, count: int) -> None:
        self.lines = (json.dumps({"id": str(i), "text": PROSE}).encode() + b"\n" for i in range(count))
        self.buffer = b""
        self.served = 0

    def read(self, size: int = -1) -> bytes:
        while len(self.buffer) < size and (line := next(self.lines, None)) is not None:
            self.buffer += line
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        self.served += len(data)
        return data


def test_jsonl_is_streamed():
    stream = LazyLines(200_000)  # about 50 MB if it were read whole
    records = read_jsonl_stream("big.jsonl", stream, plain=True)
    first = next(records)
    assert first.id == "0"
    assert stream.served <= 2 << 20


def test_large_jsonl_file_read_in_full(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": PROSE * 20}) + "\n"
    count = 25_000_000 // len(line) + 1
    path.write_text(line * count)
    assert path.stat().st_size > 20_000_000
    records = read_all(path, plain=True)
    assert len(records) == count and all(isinstance(r, RawArticle) for r in records)


def test_overlong_lines_skipped_without_being_held():
    data = b"a\n" + b"x" * 5000 + b"\nb\n" + b"y" * 5000
    assert list(iter_byte_lines(io.BytesIO(data), max_line=1000)) == [b"a", None, b"b", None]


def test_deeply_nested_json_line_is_an_error():
    (error,) = read_bytes("deep.jsonl", b"[" * 100_000 + b"\n", plain=False)
    assert isinstance(error, InputError) and error.input == "deep.jsonl#1"


# --- detection and folders -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, head, kind",
    [
        ("a.txt", b"Title\n\nBody text.", "text"),
        ("a.txt", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.txt", b'<?xml version="1.0"?>\n<!-- hi -->\n<html><body>x', "html"),
        ("a", b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
        ("a.xml", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("a.html", b"Just words, no markup.", "html"),
        ("a", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a.txt", b'\xef\xbb\xbf{"text": "x"}\n', "jsonl"),
        ("a", b"{Update} Tartu council votes on the bridge.", "text"),
        ("a", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a.bin", zlib.compress(b"WARC/1.0\r\n" * 10, wbits=31), "warc"),
        ("a.txt", "<html><body>x</body></html>".encode("utf-16"), "html"),
        ("notes.txt", b"Some notes.\n<html><body>saved page</body></html>", "html"),
    ],
)
def test_detect_kind(name, head, kind):
    assert detect_kind(name, head) == kind


def test_folders_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ("b/2.txt", "a/z.txt", "a/y.txt", "top.txt", ".hidden/x.txt", "a/.x.txt"):
        (tmp_path / rel).write_text(f"Story {rel}\n\n{PROSE}")
    (tmp_path / "empty").mkdir()
    records = read_all(tmp_path, tmp_path / "empty", tmp_path / "missing.txt")
    names = [Path(r.input).relative_to(tmp_path).as_posix() for r in records]
    assert names == ["a/y.txt", "a/z.txt", "b/2.txt", "top.txt", "empty", "missing.txt"]
    assert "no files" in records[4].error and "no such file" in records[5].error
