"""Actor coding and coreference on the seed article and on short texts written for these tests."""

from __future__ import annotations

import pytest

from newsgraph import analyze
from tests.conftest import assert_spans_match


def coded(article, phrase: str, occurrence: int = 0) -> tuple[str | None, str | None]:
    """(code, how) of the actor mention covering the n-th occurrence of ``phrase``."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    for actor in article.to_dict()["actors"]:
        for (s, e), how in zip(actor["mentions"], actor["how"], strict=True):
            if s <= start < e:
                return actor["code"], how
    return None, None


def actor_named(record: dict, name: str) -> dict:
    return next(a for a in record["actors"] if name.lower() in a["name"].lower())


def test_seed_people_are_coded_and_linked(seed_article):
    record = seed_article.to_dict()
    putin, lukashenko = actor_named(record, "Putin"), actor_named(record, "Lukashenko")
    assert putin["code"] == "RUSGOV" and len(putin["mentions"]) >= 10
    assert lukashenko["code"] == "BLRGOV" and len(lukashenko["mentions"]) >= 10
    assert coded(seed_article, "The President of Russia") == ("RUSGOV", "title")
    assert coded(seed_article, "counterpart") == ("BLRGOV", "counterpart")
    assert coded(seed_article, "The President stressed") == ("BLRGOV", "title")
    assert coded(seed_article, "the President of Belarus") == ("BLRGOV", "title")
    assert coded(seed_article, "his support")[0] == "RUSGOV"  # "Lukashenko then thanked Putin for his support"


def test_seed_groups_countries_and_organisations(seed_article):
    record = seed_article.to_dict()
    assert coded(seed_article, "Belarusians") == ("BLR", "demonym")
    assert coded(seed_article, "the media")[0] == "MED"
    assert coded(seed_article, "citizens of Belarus")[0] == "BLRCVL"
    assert coded(seed_article, "CSTO")[0].startswith("IGO")
    assert coded(seed_article, "Sochi") == (None, None)
    assert coded(seed_article, "Minsk") == (None, None)
    assert coded(seed_article, "Russia for a work visit") == ("RUS", "country")  # a place too: flagged
    assert not any("sochi" in a["name"].lower() for a in record["actors"])
    assert_spans_match(record)


def test_seed_entities_carry_actor_codes(seed_article):
    entities = seed_article.to_dict()["entities"]
    putin = [e for e in entities if e["text"] == "Vladimir Putin"]
    assert putin and all(e["actor"] == "RUSGOV" for e in putin)
    assert all(e["actor"] is None for e in entities if e["text"] == "Sochi")


CASES = [
    # text, reference date, phrase, code, how
    ("The Kremlin said on Tuesday that talks would continue.", "2021-03-02", "The Kremlin", "RUSGOV", "metonym"),
    ("Washington said it would impose new sanctions.", "2021-03-02", "Washington", "USAGOV", "metonym"),
    ("Riot police detained dozens of protesters in Minsk.", "2020-08-10", "protesters", "BLRCVL", "role"),
    ("Belarusian police detained journalists.", "2020-08-10", "Belarusian police", "BLRCOP", "role"),
    ("Russia's foreign minister flew to Ankara.", "2020-08-10", "Russia's foreign minister", "RUSGOV", "title"),
    ("Medvedev met Obama in Prague.", "2010-04-08", "Medvedev", "RUSGOV", "surname"),
    ("Medvedev criticised Obama.", "2022-06-01", "Obama", "USAELI", "surname"),
    ("Lukashenko met Yeltsin in Moscow.", "1997-04-02", "Yeltsin", "RUSGOV", "surname"),
    ("The EU and NATO condemned the vote.", "2020-08-10", "NATO", "IGOWSTNAT", "name"),
    ("The Red Cross delivered aid.", "2020-08-10", "The Red Cross", "NGOHLHIRC", "name"),
    (
        "US Secretary of State Antony Blinken met his Russian counterpart in Geneva.",
        "2022-01-21",
        "Russian counterpart",
        "RUSGOV",
        "counterpart",
    ),
    (
        "Belarusian opposition leader Svetlana Tikhanovskaya spoke in Vilnius. Tikhanovskaya said she would return.",
        "2020-09-01",
        "she",
        "BLROPP",
        "pronoun",
    ),
    ("Mr Blinken met Ms Kolesnikova. She said he was late.", "2022-01-21", "he was", "USAGOV", "pronoun"),
    ("Mr Blinken met Ms Kolesnikova. She said he was late.", "2022-01-21", "She said", None, None),
    (
        "Opposition leader Maria Kolesnikova was detained. Kolesnikova refused to leave Belarus.",
        "2020-09-08",
        "Kolesnikova refused",
        "OPP",
        "surname",
    ),
]


@pytest.mark.parametrize(("text", "date", "phrase", "code", "how"), CASES)
def test_short_texts(text, date, phrase, code, how):
    article = analyze(text, date=date)
    assert coded(article, phrase) == (code, how)


def test_mention_index_is_the_interface_for_later_components(engine):
    from newsgraph.extract import sections

    doc = engine.nlp.make_doc("Russian President Vladimir Putin said he would visit Minsk.")
    doc.user_data[sections.REFERENCE_DATE_KEY] = "2020-09-14"
    doc = engine.nlp(doc)
    mention = sections.mention_at(doc, 18, 32)
    assert mention["actor"] == "RUSGOV" and mention["name"] == "Vladimir Putin" and mention["how"] == "name"
    assert mention["actor_id"] == "a1" and mention["text"] == "Vladimir Putin"
    he = sections.mention_at(doc, 38, 40)
    assert he["actor_id"] == "a1" and he["how"] == "pronoun"
    assert sections.mention_at(doc, 52, 57) is None


def test_every_mention_in_the_index_matches_the_text(engine, seed_text):
    from newsgraph.extract import sections

    doc = engine.nlp(seed_text)
    index = sections.actor_mentions(doc)
    assert len(index) >= 40
    for mention in index:
        assert doc.text[mention["start"] : mention["end"]] == mention["text"]
        assert {"actor", "actor_id", "name", "how", "kind", "country", "sector", "place"} <= set(mention)


def test_a_country_inside_a_title_is_not_the_person(seed_article):
    entities = seed_article.to_dict()["entities"]
    start = seed_article.text.index("President of Russia") + len("President of ")
    inside = [e for e in entities if e["start"] == start]
    assert inside and inside[0]["actor"] is None
