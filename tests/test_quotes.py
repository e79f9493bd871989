"""Quotations: mark pairing, direct / indirect / mixed patterns, speakers, data files, seed, PolNeAR smoke."""

from __future__ import annotations

import time
from importlib import resources

import pytest

from newsgraph.extract.quotes.core import extract_quotes, reporting_cues
from newsgraph.extract.quotes.marks import pair_quote_marks
from newsgraph.extract.quotes.speakers import office_titles
from newsgraph.extract.sections import set_actor_mentions


def quoted(text: str) -> list[str]:
    return [text[p.open + 1 : p.close] for p in pair_quote_marks(text)]


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import get_pipeline

    return get_pipeline()


def quotes_of(nlp, text: str) -> list[dict]:
    records = extract_quotes(nlp(text))
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
        assert text[record["cue"]["start"] : record["cue"]["end"]] == record["cue"]["text"]
        speaker = record["speaker"]
        assert speaker is None or text[speaker["start"] : speaker["end"]] == speaker["text"]
    return records


def find(records: list[dict], words: str) -> dict:
    hits = [r for r in records if words in r["text"]]
    assert hits, (words, records)
    return hits[0]


# --- mark pairing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win," and left.', ["we will win,"]),
        ("\u201cWe will win,\u201d he said.", ["We will win,"]),
        ("He said \u2018we will win\u2019 today.", ["we will win"]),
        ("Il a dit \u00abnous gagnerons\u00bb hier.", ["nous gagnerons"]),
        ("She said 'it's over' and the voters' mood soured.", ["it's over"]),
        ('the situation."Everything is fine," he said.', ["Everything is fine,"]),
        ('life." "On Saturday we open," he said.', ["On Saturday we open,"]),
        ("\u201cOuter \u2018inner\u2019 words,\u201d she said.", ["Outer \u2018inner\u2019 words,"]),
        ("A stray \u201d closing mark, then \u201ca quote\u201d.", ["a quote"]),
    ],
)
def test_pairs_marks(text, expected):
    assert quoted(text) == expected


def test_unbalanced_opening_mark_is_dropped_at_the_paragraph_end():
    text = '"This never closes. More words here.\n\nA new paragraph says "hello" to all.'
    assert quoted(text) == ["hello"]


def test_quotation_over_several_paragraphs_is_one():
    text = '"First paragraph of the speech.\n\n"Second paragraph.\n\n"Third and last," he said.\n\nAfter.'
    pairs = pair_quote_marks(text)
    assert len(pairs) == 1
    assert pairs[0].paragraphs == 3
    assert text[pairs[0].close + 1 :].startswith(" he said")


def test_ten_thousand_marks_in_bounded_time():
    text = ('"a" ' * 5000) + ("\u201c" * 5000) + ("x " * 1000)
    started = time.perf_counter()
    pairs = pair_quote_marks(text)
    assert time.perf_counter() - started < 1.0
    assert len(pairs) == 5000


# --- patterns ---------------------------------------------------------------------------------------


def test_direct_with_cue_after(nlp):
    records = quotes_of(nlp, "\u201cWe will not give up,\u201d Angela Merkel said on Monday.")
    quote = find(records, "We will not give up")
    assert quote["kind"] == "direct"
    assert quote["text"] == "We will not give up"
    assert quote["speaker"]["text"] == "Angela Merkel"
    assert quote["cue"]["text"] == "said"


def test_direct_with_inverted_cue_and_adding(nlp):
    text = "Boris Johnson visited Kyiv. \u201cWe stand with you,\u201d said Johnson, adding that aid would follow."
    records = quotes_of(nlp, text)
    direct = find(records, "We stand with you")
    assert direct["kind"] == "direct" and direct["speaker"]["name"] == "Boris Johnson"
    added = find(records, "aid would follow")
    assert added["kind"] == "indirect" and added["cue"]["text"] == "adding"
    assert added["speaker"]["name"] == "Boris Johnson"


def test_direct_with_cue_before_colon(nlp):
    records = quotes_of(nlp, 'The minister told reporters: "The border stays open for trade."')
    quote = find(records, "The border stays open")
    assert quote["kind"] == "direct" and quote["speaker"]["text"] == "The minister"
    assert quote["cue"]["text"] == "told"


def test_mixed_partial_quote_inside_indirect(nlp):
    text = "Emmanuel Macron met farmers. The President stressed that on weekdays \u201cthe markets stay open.\u201d"
    quote = find(quotes_of(nlp, text), "the markets stay open")
    assert quote["kind"] == "mixed"
    assert quote["speaker"]["text"] == "The President"
    assert quote["cue"]["text"] == "stressed"


def test_indirect_that_clause_and_infinitive(nlp):
    text = "Olaf Scholz promised that Germany would deliver the tanks. Scholz also vowed to visit Warsaw soon."
    records = quotes_of(nlp, text)
    that = find(records, "Germany would deliver the tanks")
    assert that["kind"] == "indirect" and that["cue"]["text"] == "promised"
    assert that["speaker"]["name"] == "Olaf Scholz"
    to = find(records, "to visit Warsaw soon")
    assert to["cue"]["text"] == "vowed" and to["speaker"]["name"] == "Olaf Scholz"


def test_according_to_and_as_said(nlp):
    text = "According to Jens Stoltenberg, the alliance is united. The talks, as Stoltenberg said, went well."
    records = quotes_of(nlp, text)
    according = find(records, "the alliance is united")
    assert according["cue"]["text"] == "According to" and according["speaker"]["text"] == "Jens Stoltenberg"
    as_said = find(records, "went well")
    assert as_said["speaker"]["name"] == "Jens Stoltenberg"


def test_pronoun_speaker_is_the_previous_subject(nlp):
    text = "Justin Trudeau opened the summit in Ottawa. He said that Canada would double its aid."
    quote = find(quotes_of(nlp, text), "Canada would double its aid")
    assert quote["speaker"]["text"] == "He"
    assert quote["speaker"]["name"] == "Justin Trudeau"


def test_title_speaker_is_the_person_with_that_title(nlp):
    text = (
        "Prime Minister of Japan Fumio Kishida met President of France Emmanuel Macron in Paris. "
        "\u201cWe agree on everything,\u201d the President of France said."
    )
    quote = find(quotes_of(nlp, text), "We agree on everything")
    assert quote["speaker"]["text"] == "the President of France"
    assert quote["speaker"]["name"] == "Emmanuel Macron"


def test_quote_continued_after_its_attribution(nlp):
    text = "\u201cThe vote is close,\u201d said Sanders. \u201cWe will keep fighting until June.\u201d"
    records = quotes_of(nlp, text)
    second = find(records, "We will keep fighting")
    assert second["kind"] == "direct" and second["speaker"]["text"] == "Sanders"


def test_scare_quotes_are_not_quotations(nlp):
    records = quotes_of(nlp, "The so-called \u201cpeace plan\u201d was discussed behind closed doors.")
    assert records == []


def test_actor_mentions_give_the_actor_code(nlp):
    text = "\u201cWe are ready,\u201d Putin said."
    doc = nlp(text)
    set_actor_mentions(doc, [{"start": 16, "end": 21, "actor": "RUSGOV", "actor_id": "a1", "name": "Vladimir Putin"}])
    quote = extract_quotes(doc)[0]
    assert quote["speaker"]["actor"] == "RUSGOV" and quote["speaker"]["name"] == "Vladimir Putin"


# --- data files ----------------------------------------------------------------------------------


def data_rows(name: str) -> list[list[str]]:
    raw = resources.files("newsgraph.data").joinpath(f"quotes/{name}").read_text("utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def test_reporting_cues_file_is_valid():
    rows = data_rows("reporting_cues.tsv")
    keys = [(r[0], r[1]) for r in rows]
    assert len(keys) == len(set(keys))
    for row in rows:
        assert len(row) == 3, row
        assert row[0] == row[0].lower().strip() and row[0]
        assert row[1] in {"verb", "noun", "phrase"}
        assert set(row[2].split(",")) <= {"quote", "that", "to"}
    assert reporting_cues()["verb:say"].frames == {"quote", "that"}


def test_titles_file_is_valid():
    rows = data_rows("titles.tsv")
    titles = [r[0] for r in rows]
    assert len(titles) == len(set(titles))
    assert all(t == t.lower().strip() and len(r) == 1 for t, r in zip(titles, rows, strict=True))
    assert "president" in office_titles()


# --- seed and PolNeAR ----------------------------------------------------------------------------

SEED_QUOTES = [
    ("We see, of course", "Putin", "direct"),
    ("Everything, of course, is not the way", "Lukashenko", "direct"),
    ("the country lives an ordinary life", "Lukashenko", None),
    ("On Saturday and Sunday we unblock", "Lukashenko", "direct"),
    ("would fulfill all its obligations", "Putin", "indirect"),
    ("citizens of Belarus should find a way out", "Putin", None),
    ("chose the right behaviour", "Lukashenko", None),
]


@pytest.mark.parametrize(("words", "who", "kind"), SEED_QUOTES)
def test_seed_quotations(seed_article, words, who, kind):
    record = seed_article.to_dict()
    hits = [q for q in record["quotes"] if words.lower() in q["text"].lower()]
    assert any(who in (q["speaker"]["name"] or "") and kind in (None, q["kind"]) for q in hits), hits


def test_polnear_scorer_smoke():
    from conftest import shared_path

    shared_path("eval", "quotes", "polnear", "data", "train")
    from eval.quotes_polnear import evaluate, load_split, read_brat

    docs = load_split("train", limit=3)
    assert len(docs) == 3 and all(d.gold for d in docs)
    assert read_brat(
        "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 9 12;14 16\tx\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1"
    )[0].content == [(9, 12), (14, 16)]
    result = evaluate("train", limit=3)
    assert result["documents"] == 3
    assert 0 < result["all/content/overlap"]["f1"] <= 100


def test_reported_clause_before_its_verb_and_asides(nlp):
    text = "The economy is growing again, Christine Lagarde said. Prices, Lagarde says, will fall next year."
    records = quotes_of(nlp, text)
    before = find(records, "The economy is growing again")
    assert before["kind"] == "indirect" and before["speaker"]["text"] == "Christine Lagarde"
    assert before["cue"]["text"] == "said"
    aside = find(records, "will fall next year")
    assert aside["speaker"]["name"] == "Christine Lagarde" and aside["cue"]["text"] == "says"


def test_cue_takes_auxiliaries_and_particles(nlp):
    text = "Kamala Harris is telling voters that the plan works. Harris points out that costs fell."
    records = quotes_of(nlp, text)
    assert find(records, "the plan works")["cue"]["text"] == "is telling"
    assert find(records, "costs fell")["cue"]["text"] == "points out"


def test_textacy_comparison_smoke():
    from conftest import shared_path

    shared_path("eval", "quotes", "polnear", "data", "train")
    pytest.importorskip("textacy")
    from eval.quotes_textacy import compare

    results = compare("train", limit=2)
    assert set(results) == {"newsgraph", "textacy"}
    assert all(r["documents"] == 2 for r in results.values())
