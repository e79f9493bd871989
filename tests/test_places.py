"""Geoparsing: detection, disambiguation, metonymy and nationality words on sentences we wrote, the seed
article's places, and the gazetteer data files."""

from __future__ import annotations

import pytest
from conftest import assert_spans_match

from newsgraph.extract.places.core import places_from_doc


@pytest.fixture(scope="session")
def nlp(engine):
    return engine.nlp


@pytest.fixture(scope="session")
def places(nlp):
    """The places of a sentence, keyed by their text (the last one wins for repeated names)."""

    def run(text: str) -> dict[str, dict]:
        records = places_from_doc(nlp(text))
        for record in records:
            assert text[record["start"] : record["end"]] == record["text"]
        return {record["text"]: record for record in records}

    return run


def test_capital_in_a_locative_phrase_is_an_event_place(places):
    found = places("The talks were held in Minsk, the capital of Belarus.")
    assert found["Minsk"]["geonameid"] == 625144
    assert found["Minsk"]["country"] == "BLR" and found["Minsk"]["feature"] == "city"
    assert not found["Minsk"]["metonym"]
    assert found["Belarus"]["feature"] == "country" and found["Belarus"]["geonameid"] == 630336


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Minsk said on Tuesday that the sanctions were illegal.", "Minsk"),
        ("Washington warned Moscow against any escalation.", "Washington"),
        ("The European Union and the U.S. imposed sanctions on Iran.", "U.S."),
    ],
)
def test_place_as_subject_of_a_speech_or_action_verb_is_a_metonym(places, text, name):
    assert places(text)[name]["metonym"] is True


def test_washington_reads_as_the_capital(places):
    found = places("Washington warned Moscow against any escalation.")
    assert found["Washington"]["geonameid"] == 4140963
    assert found["Moscow"]["country"] == "RUS" and not found["Moscow"]["metonym"]


def test_following_region_picks_the_small_namesake(places):
    found = places("He was born in Paris, Texas, and later moved to Dallas.")
    assert found["Paris"]["country"] == "USA"
    assert found["Texas"]["feature"] == "admin1"


def test_paris_alone_is_the_french_capital(places):
    assert places("Protesters gathered in Paris on Saturday.")["Paris"]["geonameid"] == 2988507


def test_state_abbreviation_after_a_comma(places):
    found = places("Springfield, Mo., reported floods.")
    assert found["Springfield"]["geonameid"] == 4409896
    assert found["Mo."]["name"] == "Missouri"


def test_article_focus_decides_between_country_and_state(places):
    caucasus = places("Tbilisi and Batumi are the largest cities of Georgia, which borders Russia and Armenia.")
    assert caucasus["Georgia"]["country"] == "GEO" and caucasus["Georgia"]["feature"] == "country"
    south = places("Atlanta is the largest city of Georgia; the governor also spoke in Savannah.")
    assert south["Georgia"]["country"] == "USA" and south["Georgia"]["feature"] == "admin1"


def test_region_named_in_the_article_picks_its_city(places):
    found = places("The storm reached Ontario overnight. In London, trees fell on power lines.")
    assert found["London"]["country"] == "CAN"


def test_nationality_adjectives_point_to_countries_and_plural_nouns_are_left_out(places):
    found = places("Belarusian officials met Russian diplomats in Sochi.")
    assert found["Belarusian"]["country"] == "BLR" and found["Belarusian"]["demonym"]
    assert found["Russian"]["country"] == "RUS"
    assert found["Sochi"]["geonameid"] == 491422 and not found["Sochi"]["demonym"]
    assert "Belarusians" not in places("Thousands of Belarusians took to the streets.")


def test_regions_by_their_news_names(places):
    found = places("Fighting continued in Chechnya and Dagestan.")
    assert found["Chechnya"]["country"] == "RUS" and found["Chechnya"]["feature"] == "admin1"
    assert found["Dagestan"]["country"] == "RUS"


def test_continents_and_their_adjectives(places):
    found = places("European leaders flew to Africa.")
    assert found["Africa"]["geonameid"] == 6255146 and found["Africa"]["feature"] == "other"
    assert found["European"]["name"] == "Europe"


def test_unknown_one_word_name_needs_a_locative_preposition(nlp):
    records = places_from_doc(nlp("Villagers in Zzyzxqua said the road was closed."))
    unresolved = [r for r in records if r["geonameid"] is None and r["lat"] is None]
    assert all(r["feature"] == "other" and r["country"] is None for r in unresolved)


def test_record_shape(places):
    record = places("The talks were held in Sochi.")["Sochi"]
    assert set(record) >= {"id", "text", "start", "end", "name", "country", "lat", "lon", "geonameid", "feature"}
    assert record["id"] == "p1"
    assert abs(record["lat"] - 43.6) < 0.1 and abs(record["lon"] - 39.7) < 0.1


def test_seed_places(seed_article):
    found = {}
    for place in seed_article.places:
        found.setdefault(place["text"], place)
    assert found["Sochi"]["geonameid"] == 491422 and found["Sochi"]["country"] == "RUS"
    assert found["Minsk"]["geonameid"] == 625144 and found["Minsk"]["country"] == "BLR"
    assert found["Chechnya"]["country"] == "RUS"
    assert found["Belarus"]["country"] == "BLR" and found["Belarus"]["feature"] == "country"
    assert found["Russia"]["country"] == "RUS"
    assert "Sochi" not in {p["text"] for p in seed_article.places if p["metonym"]}
    assert_spans_match(seed_article.to_dict())
