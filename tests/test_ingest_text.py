"""Plain and scraped text: metadata lines, link texts, glued sentences, --plain, encodings, dates."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE, shared_path

from newsgraph.ingest import read_bytes, read_inputs
from newsgraph.ingest.decode import NotText, clean_plain, decode_bytes
from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.text import link_texts, read_text, repair_glued_sentences, trailer_patterns

BODY = (
    "On Tuesday, the harbour authority in Gdansk said that a new ferry line to Karlskrona would open in "
    "April. The operator expects two sailings a day.The mayor welcomed the plan."
)


def scraped(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def one(text: str, plain: bool = False):
    (article,) = read_text("page.txt", text, plain)
    return article


def test_title_duplicate_title_outlet_published_and_link_text():
    article = one(scraped("Ferry line to open", "Ferry line to open", "BALTIC WIRE", "Published", BODY, "Full Article"))
    assert article.title == "Ferry line to open"
    assert article.source == "BALTIC WIRE"
    assert article.published is None
    assert article.text.startswith("On Tuesday, the harbour")
    assert "Full Article" not in article.text
    assert "a day. The mayor" in article.text


@pytest.mark.parametrize(
    "line, date",
    [
        ("Published: 14 September 2020", "2020-09-14"),
        ("Published on September 14, 2020 at 10:32 am", "2020-09-14"),
        ("Published 2020-09-14T10:32:00+03:00", "2020-09-14"),
        ("Posted: Mon, 14 Sep 2020 07:32:00 GMT", "2020-09-14"),
        ("Updated 14.09.2020 | 10:32", "2020-09-14"),
        ("September 14, 2020", "2020-09-14"),
        ("Published 3 hours ago", None),
        ("Published September 2020", None),
    ],
)
def test_published_line_formats(line, date):
    article = one(scraped("Ferry line to open", "BALTIC WIRE", line, BODY))
    assert article.published == date
    assert article.title == "Ferry line to open" and article.source == "BALTIC WIRE"
    assert article.text.startswith("On Tuesday")


@pytest.mark.parametrize(
    "line, author, date",
    [
        ("By Anna Nowak", "Anna Nowak", None),
        ("by ANNA NOWAK", "ANNA NOWAK", None),
        ("By Anna Nowak, 16 May 2023", "Anna Nowak", "2023-05-16"),
        ("By Anna Nowak and Jan Kowalski | Reuters", "Anna Nowak and Jan Kowalski", None),
        ("Published 16 May 2023 by Anna Nowak", "Anna Nowak", "2023-05-16"),
    ],
)
def test_byline(line, author, date):
    article = one(scraped("Ferry line to open", "BALTIC WIRE", line, BODY))
    assert article.author == author
    assert article.published == date
    assert article.text.startswith("On Tuesday")


def test_header_lines_without_blank_lines_between_them():
    article = one("Ferry line to open\nBALTIC WIRE\nPublished: 2 March 2021\n\n" + BODY)
    assert (article.title, article.source, article.published) == ("Ferry line to open", "BALTIC WIRE", "2021-03-02")
    assert article.text.startswith("On Tuesday")


def test_link_texts_and_footer_lines_removed_but_body_kept():
    text = scraped(
        "Ferry line to open",
        BODY,
        "Read more »",
        "The second paragraph says the line will carry freight as well as passengers to Sweden.",
        "Share this article",
        "Tags: ferries, Poland",
        "© 2024 Baltic Wire. All rights reserved.",
    )
    article = one(text)
    assert "Read more" not in article.text and "Share" not in article.text
    assert "Tags:" not in article.text and "©" not in article.text
    assert article.text.endswith("passengers to Sweden.")


def test_text_without_header_is_all_body():
    article = one(BODY)
    assert article.title is None and article.source is None
    assert article.text == repair_glued_sentences(BODY)


def test_short_text_without_prose_is_kept_as_body():
    article = one("Putin met Lukashenko")
    assert article.text == "Putin met Lukashenko"


@pytest.mark.parametrize(
    "glued, repaired",
    [
        ("cooperation in various fields.The President said", "cooperation in various fields. The President said"),
        ('the situation."Everything is fine," he said.', 'the situation. "Everything is fine," he said.'),
        ('he said "we will go."The minister left.', 'he said "we will go." The minister left.'),
        ("the situation.“Everything is fine,” he said.", "the situation. “Everything is fine,” he said."),
        ("“We will go.”The minister left.", "“We will go.” The minister left."),
        ("internal affairs.For the time being", "internal affairs. For the time being"),
        ("a deal with NATO.The talks ended.", "a deal with NATO. The talks ended."),
        ("in 2020.It was", "in 2020. It was"),
        ("Was it over?Nobody knew.", "Was it over? Nobody knew."),
    ],
)
def test_glued_sentences_repaired(glued, repaired):
    assert repair_glued_sentences(glued) == repaired


@pytest.mark.parametrize(
    "text",
    ["see www.BBC.co.uk for more", "visit https://example.org/News.Html now", "Built with ASP.NET today", "U.S.A."],
)
def test_things_that_only_look_glued_are_left_alone(text):
    assert repair_glued_sentences(text) == text


def test_plain_keeps_text_exactly():
    text = scraped("Ferry line to open", "BALTIC WIRE", "Published", BODY, "Full Article") + "  \r\n\t"
    article = one(text, plain=True)
    assert article.text == text
    assert article.title is None and article.source is None


def test_plain_replaces_control_characters_in_place():
    text = "A\x00B\x07C\r\nD\tE\x1bF\ud800G"
    cleaned = clean_plain(text)
    assert len(cleaned) == len(text)
    assert cleaned == "A B C\r\nD\tE F\ufffdG"


def test_control_characters_stripped_from_scraped_text():
    article = one("Ferry\x07 line to open\x00 today, the\x1b operator said on Monday in a statement.\f\x0bNext line.")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", article.text)
    assert article.text.startswith("Ferry line to open today")


def test_offsets_refer_to_output_text():
    article = one(scraped("Ferry line to open", "BALTIC WIRE", BODY))
    start = article.text.index("The mayor")
    assert article.text[start : start + len("The mayor welcomed")] == "The mayor welcomed"


def test_seed_page(seed_text):
    (article,) = read_inputs([str(shared_path("seed", "000_b9f8470c17a25195.txt"))])
    assert article.title == "Lukashenko and Putin reaffirm 20 years of their friendship"
    assert article.source == "PRAVDA"
    assert article.published is None
    assert article.text.startswith("On Monday, September 14")
    assert article.text.endswith("(CSTO).")
    assert "Full Article" not in article.text
    assert "challenges. The President" in article.text
    assert 'situation. "Everything' in article.text
    assert "affairs. For the time being" in article.text
    (plain,) = read_inputs([str(shared_path("seed", "000_b9f8470c17a25195.txt"))], plain=True)
    assert plain.text == seed_text


def test_example_page():
    (article,) = read_inputs([str(EXAMPLE)])
    assert article.title == "Estonia and Finland agree to deepen energy links"
    assert article.source == "NORTHERN WIRE"
    assert "Stenbock House. Kallas said" in article.text
    assert 'exposed both countries were. "We cannot' in article.text
    assert not article.text.rstrip().endswith("Read more")


# --- encodings -------------------------------------------------------------------------------------

SAMPLE = "The café in Zürich charged £4 for a coffee, and the naïve tourist paid – “gladly”, he said."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_encodings_decoded(encoding):
    data = SAMPLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + data
    assert decode_bytes(data) == SAMPLE


def test_latin1_decoded():
    text = "The café charged £4, said the señor."
    assert decode_bytes(text.encode("latin-1")) == text


@pytest.mark.parametrize("declared", ["iso-8859-1", "ascii", "utf-16"])
def test_mislabelled_utf8_read_as_utf8(declared):
    assert decode_bytes(SAMPLE.encode("utf-8"), declared) == SAMPLE


def test_latin1_label_reads_windows_1252():
    assert decode_bytes(SAMPLE.encode("cp1252"), "iso-8859-1") == SAMPLE


def test_utf16_without_bom_decoded():
    assert decode_bytes(SAMPLE.encode("utf-16-le")) == SAMPLE


def test_declared_charset_wins_when_it_fits():
    text = "Москва: президент сказал, что встреча прошла хорошо."
    assert decode_bytes(text.encode("cp1251"), "windows-1251") == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty input"),
        (b" \n\t \n", "empty input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 4, "binary"),
        (b"Report: " + bytes(range(0x80, 0x100)) * 20 + b" ends.", "undecodable"),
    ],
    ids=["empty", "blank", "pdf", "png", "binary", "undecodable"],
)
def test_not_text(data, reason):
    with pytest.raises(NotText, match=reason):
        decode_bytes(data)


def test_read_bytes_reports_undecodable_as_error():
    (error,) = read_bytes("junk.txt", bytes(range(0x80, 0x100)) * 40, plain=False)
    assert error.input == "junk.txt" and "undecodable" in error.error


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, date",
    [
        ("2020-09-14", "2020-09-14"),
        ("14 September 2020", "2020-09-14"),
        ("Monday, September 14, 2020 10:32 AM MSK", "2020-09-14"),
        ("Mon, 14 Sep 2020 07:32:00 +0000", "2020-09-14"),
        (1600068720, "2020-09-14"),
        (1600068720000, "2020-09-14"),
        ("September 2020", None),
        ("September 14", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        ("x" * 500, None),
        (True, None),
        ("²22222222227", None),  # found by the fuzzer: isdigit() is true for superscript digits
    ],
)
def test_normalise_date(value, date):
    assert normalise_date(value) == date


# --- data files ------------------------------------------------------------------------------------


def test_link_texts_file_loads_without_duplicates():
    from importlib import resources

    raw = resources.files("newsgraph.data").joinpath("ingest/link_texts.txt").read_text("utf-8")
    lines = [line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == len(set(lines)) == len(link_texts())
    assert {"full article", "read more"} <= link_texts()


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Baltic Wire",
        "Copyright 2024 Baltic Wire",
        "All rights reserved.",
        "Tags: ferries, Poland",
        "Share this story",
        "Follow us on social media",
        "Reporting by Anna Nowak; Editing by Jan Kowalski",
        "Related stories",
    ],
)
def test_trailer_patterns_match_their_examples(line):
    assert any(p.search(line) for p in trailer_patterns())


def test_trailer_patterns_leave_prose_alone():
    assert not any(p.search(BODY) for p in trailer_patterns())
