"""Every gazetteer data file loads, its records are well formed, and its cross-references resolve."""

from __future__ import annotations

import re
import time

import pytest

from newsgraph.extract.places.gazetteer import data_rows, load_gazetteer, normalise

ISO3 = re.compile(r"^[A-Z]{3}$")
FILES = {
    "cities.tsv": 8,
    "towns.tsv": 8,
    "countries.tsv": 7,
    "regions.tsv": 7,
    "continents.tsv": 5,
    "aliases.tsv": 2,
    "demonyms.tsv": 2,
    "continent_adjectives.tsv": 2,
    "metonymy_verbs.tsv": 1,
    "generic_region_names.tsv": 1,
}


def valid_point(lat: str, lon: str) -> bool:
    return -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


@pytest.mark.parametrize(("name", "width"), FILES.items())
def test_every_record_has_its_columns(name, width):
    rows = list(data_rows(name))
    assert rows, name
    assert all(len(row) == width for row in rows), name


def test_countries():
    rows = list(data_rows("countries.tsv"))
    assert len({row[2] for row in rows}) == len(rows) > 240
    for gid, iso2, iso3, name, lat, lon, population in rows:
        assert gid.isdigit() and len(iso2) == 2 and ISO3.match(iso3) and name
        assert valid_point(lat, lon) and population.isdigit()


def test_cities_and_regions_point_to_known_countries():
    countries = {row[2] for row in data_rows("countries.tsv")}
    cities = list(data_rows("cities.tsv")) + list(data_rows("towns.tsv"))
    assert len({row[0] for row in cities}) == len(cities) > 50000
    for gid, name, lat, lon, iso3, _admin1, population, _alternates in cities:
        assert gid.isdigit() and name and iso3 in countries and population.isdigit() and valid_point(lat, lon)
    regions = list(data_rows("regions.tsv"))
    assert len({(row[0], row[1]) for row in regions}) == len(regions)
    for iso3, code, name, lat, lon, gid, _admin1 in regions:
        assert iso3 in countries and code and name and valid_point(lat, lon) and (gid == "" or gid.isdigit())


def test_aliases_point_to_gazetteer_entries():
    gaz = load_gazetteer()
    for alias, target in data_rows("aliases.tsv"):
        assert target in gaz.by_key, (alias, target)


def test_demonyms_point_to_countries_and_are_unique():
    countries = {row[2] for row in data_rows("countries.tsv")}
    words = [normalise(word) for word, _ in data_rows("demonyms.tsv")]
    assert len(words) == len(set(words))
    assert all(iso3 in countries for _, iso3 in data_rows("demonyms.tsv"))
    continents = {row[2] for row in data_rows("continents.tsv")}
    assert all(name in continents for _, name in data_rows("continent_adjectives.tsv"))


def test_generic_region_names_are_unique_and_lower_case():
    names = [row[0] for row in data_rows("generic_region_names.tsv")]
    assert len(names) == len(set(names)) and all(n == n.lower() for n in names)
    assert not load_gazetteer().lookup("West") and not load_gazetteer().lookup("Free")


def test_metonymy_verbs_are_unique_lemmas():
    verbs = [row[0] for row in data_rows("metonymy_verbs.tsv")]
    assert len(verbs) == len(set(verbs)) and all(v.isalpha() and v.islower() for v in verbs)


def test_gazetteer_loads_once_and_quickly():
    started = time.perf_counter()
    gaz = load_gazetteer()
    assert time.perf_counter() - started < 30
    assert load_gazetteer() is gaz
    assert {r.place.geonameid for r in gaz.lookup("Sochi")} == {491422}
    assert gaz.demonym("Belarusian").country == "BLR"
