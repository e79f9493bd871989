"""The offline gazetteer: continents, countries, first-level regions, cities and towns, indexed by
normalised name.

Read from the TSV files in ``newsgraph/data/places`` (see their README) once per process.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# Prior plausibility of a reading before context is considered, on the scale of log10(population).
CONTINENT_PRIOR = 8.5
COUNTRY_PRIOR = 8.0
REGION_PRIOR = 6.5
UNMATCHED_REGION_PRIOR = 5.5  # a "region" GeoNames has no admin1 code for: often a county or borough
US_STATE_PRIOR = 7.0
SHORT_REGION_PENALTY = 1.0
ALTERNATE_NAME_PENALTY = 2.0
ALIAS_BONUS = 4.0
CITY_OVER_REGION_BONUS = 1.5
NAMESAKE_CITY_MIN_POPULATION = 1_000_000

ABBREVIATED_WORDS = {"st": "saint", "st.": "saint", "ste.": "sainte", "mt.": "mount", "ft.": "fort"}
NAME_PREFIXES = re.compile(r"^(the|republic of|kingdom of|state of|commonwealth of|federation of)\s+")
NAME_SUFFIXES = re.compile(r"\s+(state|province|region|oblast|governorate|prefecture)$")

REGION_SUFFIXES = re.compile(
    r"\s+(governorate|province|oblast|region|prefecture|state|krai|kray|autonomous okrug|"
    r"autonomous region|autonomous oblast|district|county|department|republic)$",
    re.IGNORECASE,
)
REGION_PREFIXES = re.compile(r"^(republic of|autonomous republic of|province of|state of)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a continent, a country, a first-level region or a populated place."""

    name: str
    country: str
    lat: float
    lon: float
    geonameid: int | None
    feature: str  # country | admin1 | city | other (a continent)
    population: int = 0
    admin1: str = ""  # GeoNames admin1 code: of the region a city lies in, or of the region itself
    code: str = ""  # a region's own (ISO 3166-2 style) code

    @property
    def key(self) -> str:
        if self.feature == "country":
            return f"country:{self.country}"
        if self.feature == "admin1":
            return f"region:{self.country}:{self.code}"
        if self.feature == "other":
            return f"continent:{self.name}"
        return f"city:{self.geonameid}"


@dataclass(frozen=True, slots=True)
class Reading:
    """A place a name may refer to, with how plausible that reading is on its own."""

    place: Place
    prior: float


@dataclass
class Gazetteer:
    names: dict[str, list[Reading]] = field(default_factory=dict)
    by_key: dict[str, Place] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)
    continent_adjectives: dict[str, Place] = field(default_factory=dict)

    def lookup(self, text: str) -> list[Reading]:
        """The readings of a name; failing that, of the name without "Republic of" or "Province"."""
        key = normalise(text)
        readings = self.names.get(key)
        if readings:
            return readings
        bare = NAME_SUFFIXES.sub("", NAME_PREFIXES.sub("", key))
        return self.names.get(bare, []) if bare != key else []

    def demonym(self, text: str) -> Place | None:
        """The country a nationality word points to ("Belarusians" -> Belarus), or the continent of a
        continental adjective ("European" -> Europe)."""
        word = normalise(text)
        iso3 = self.demonyms.get(word) or (self.demonyms.get(word[:-1]) if word.endswith("s") else None)
        return self.countries.get(iso3) if iso3 else self.continent_adjectives.get(word)

    def add(self, name: str, place: Place, prior: float) -> None:
        key = normalise(name)
        if not key:
            return
        readings = self.names.get(key)
        if readings is None:
            self.names[key] = [Reading(place, prior)]
            return
        for i, reading in enumerate(readings):
            if reading.place is place:
                if prior > reading.prior:
                    readings[i] = Reading(place, prior)
                return
        readings.append(Reading(place, prior))

    def prefer_cities_over_namesake_regions(self) -> None:
        """A name shared by a region and a city of a million or more in the same country reads, in news,
        as the city ("Minsk"); a smaller namesake city does not get the nudge ("Quebec")."""
        for key, readings in self.names.items():
            regions = {r.place.country for r in readings if r.place.feature == "admin1"}
            if not regions:
                continue
            self.names[key] = [
                Reading(r.place, r.prior + CITY_OVER_REGION_BONUS)
                if r.place.feature == "city"
                and r.place.country in regions
                and r.place.population >= NAMESAKE_CITY_MIN_POPULATION
                and normalise(r.place.name) == key
                else r
                for r in readings
            ]


def normalise(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name, with "St." read as "Saint"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = text.casefold().split()
    if words and words[0] in ABBREVIATED_WORDS:
        words[0] = ABBREVIATED_WORDS[words[0]]
    return " ".join(words)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def data_rows(name: str) -> Iterator[list[str]]:
    """The tab-separated records of a data file, comment lines skipped."""
    text = resources.files("newsgraph.data").joinpath("places", name).read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def add_countries(gaz: Gazetteer) -> None:
    for gid, _iso2, iso3, name, lat, lon, population in data_rows("countries.tsv"):
        place = Place(name, iso3, float(lat), float(lon), int(gid), "country", int(population))
        gaz.countries[iso3] = place
        gaz.by_key[place.key] = place
        gaz.add(name, place, COUNTRY_PRIOR)


def add_continents(gaz: Gazetteer) -> None:
    for gid, _code, name, lat, lon in data_rows("continents.tsv"):
        place = Place(name, "", float(lat), float(lon), int(gid), "other")
        gaz.by_key[place.key] = place
        gaz.add(name, place, CONTINENT_PRIOR)


def add_regions(gaz: Gazetteer) -> None:
    generic = {normalise(row[0]) for row in data_rows("generic_region_names.tsv")}
    for iso3, code, name, lat, lon, gid, admin1 in data_rows("regions.tsv"):
        place = Place(name, iso3, float(lat), float(lon), int(gid) if gid else None, "admin1", 0, admin1, code)
        gaz.by_key[place.key] = place
        if normalise(name) in generic:
            continue
        prior = US_STATE_PRIOR if iso3 == "USA" and gid else REGION_PRIOR if admin1 else UNMATCHED_REGION_PRIOR
        gaz.add(name, place, prior)
        short = REGION_PREFIXES.sub("", REGION_SUFFIXES.sub("", name))
        if short != name and len(short) > 3 and normalise(short) not in generic:
            gaz.add(short, place, prior - SHORT_REGION_PENALTY)


def add_cities(gaz: Gazetteer, file: str) -> None:
    for gid, name, lat, lon, iso3, admin1, population, alternates in data_rows(file):
        pop = int(population)
        place = Place(name, sys.intern(iso3), float(lat), float(lon), int(gid), "city", pop, sys.intern(admin1))
        gaz.by_key[place.key] = place
        prior = math.log10(pop + 1)
        gaz.add(name, place, prior)
        for alt in filter(None, alternates.split("|")):
            gaz.add(alt, place, prior - ALTERNATE_NAME_PENALTY)


def add_aliases(gaz: Gazetteer) -> None:
    for alias, target in data_rows("aliases.tsv"):
        place = gaz.by_key[target]
        base = COUNTRY_PRIOR if place.feature == "country" else math.log10(place.population + 1)
        gaz.add(alias, place, max(base, REGION_PRIOR) + ALIAS_BONUS)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about a second)."""
    gaz = Gazetteer()
    add_continents(gaz)
    add_countries(gaz)
    add_regions(gaz)
    add_cities(gaz, "cities.tsv")
    add_cities(gaz, "towns.tsv")
    gaz.prefer_cities_over_namesake_regions()
    add_aliases(gaz)
    gaz.demonyms = {normalise(word): iso3 for word, iso3 in data_rows("demonyms.tsv")}
    gaz.continent_adjectives = {
        normalise(word): gaz.by_key[f"continent:{name}"] for word, name in data_rows("continent_adjectives.tsv")
    }
    return gaz
