"""Gzip-compressed inputs other than WARC (news.jsonl.gz, page.html.gz) are inflated as they are read."""

from __future__ import annotations

import gzip
import json
import time

from newsgraph.ingest import read_bytes, read_inputs
from newsgraph.model import InputError, RawArticle

ARTICLES = [
    {"id": f"a{n}", "title": f"Story {n}", "text": f"Ministers met in Oslo on day {n} to discuss fishing quotas."}
    for n in range(1, 6)
]


def jsonl_bytes() -> bytes:
    return "".join(json.dumps(a) + "\n" for a in ARTICLES).encode()


def test_jsonl_gz_reads_like_jsonl(tmp_path):
    plain, packed = tmp_path / "news.jsonl", tmp_path / "news.jsonl.gz"
    plain.write_bytes(jsonl_bytes())
    packed.write_bytes(gzip.compress(jsonl_bytes()))
    flat, inflated = list(read_inputs([str(plain)])), list(read_inputs([str(packed)]))
    assert [r.text for r in inflated] == [r.text for r in flat] and len(inflated) == 5
    assert [r.input for r in inflated] == [f"{packed}#{n}" for n in range(1, 6)]


def test_a_multi_member_gzip_is_read_whole(tmp_path):
    path = tmp_path / "joined.jsonl.gz"
    data = jsonl_bytes()
    path.write_bytes(gzip.compress(data[:100]) + gzip.compress(data[100:]))
    assert [r.id for r in read_inputs([str(path)])] == [a["id"] for a in ARTICLES]


def test_html_gz_and_text_gz(tmp_path):
    page = "<html><head><title>Harbour talks</title></head><body><article><p>" + ARTICLES[0]["text"] * 3
    (tmp_path / "page.html.gz").write_bytes(gzip.compress((page + "</p></article></body></html>").encode()))
    (tmp_path / "note.txt.gz").write_bytes(gzip.compress(ARTICLES[1]["text"].encode()))
    html, text = list(read_inputs([str(tmp_path / "page.html.gz")])), list(read_inputs([str(tmp_path / "note.txt.gz")]))
    assert isinstance(html[0], RawArticle) and html[0].title == "Harbour talks"
    assert isinstance(text[0], RawArticle) and text[0].text.startswith("Ministers met in Oslo on day 2")


def test_in_memory_gzip_bytes_are_inflated_too():
    records = list(read_bytes("row-7", gzip.compress(jsonl_bytes()), plain=False))
    assert len(records) == 5 and all(isinstance(r, RawArticle) for r in records)


def test_truncated_gzip_keeps_what_was_read_then_one_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    many = "".join(json.dumps({**ARTICLES[0], "id": f"x{n}"}) + "\n" for n in range(3000)).encode()
    packed = gzip.compress(many)
    path.write_bytes(packed[: len(packed) // 2])
    records = list(read_inputs([str(path), str(path)]))
    errors = [r for r in records if isinstance(r, InputError)]
    assert len(errors) == 2 and all("damaged gzip data" in e.error for e in errors)
    good = [r for r in records if isinstance(r, RawArticle)]
    assert len(good) > 100 and all(r.text == ARTICLES[0]["text"] for r in good)


def test_a_gzip_bomb_ends_in_a_bounded_time(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:  # 200 MB of zeros: about 200 KB on disk
        block = b"\0" * (1 << 20)
        for _ in range(200):
            out.write(block)
    started = time.monotonic()
    records = list(read_inputs([str(path)]))
    assert time.monotonic() - started < 30
    assert records and all(isinstance(r, InputError) for r in records)


def test_gzip_inside_gzip_is_not_unpacked_twice(tmp_path):
    path = tmp_path / "twice.jsonl.gz"
    path.write_bytes(gzip.compress(gzip.compress(jsonl_bytes())))
    records = list(read_inputs([str(path)]))
    assert len(records) == 1 and isinstance(records[0], InputError)
