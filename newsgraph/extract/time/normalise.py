"""Turn a matched temporal expression into a TIMEX3 type and value, anchored on the reference date.

Each normaliser takes the rule's match (named groups as in patterns.jsonl), the reference date (or
None) and the tense of the clause the expression sits in ("past", "present", "future" or None), and
returns ``{"type": ..., "value": ...}`` plus optional TIMEX3 attributes (``mod``, ``quant``, ``freq``),
or None when the match cannot be read. Tense decides the direction of underspecified references:
"on Monday" is the Monday before the reference date in a past-tense clause, the one after it in a
future-tense clause.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsgraph.extract.time.grammar import word_value

Result = dict[str, str]
Normaliser = Callable[[re.Match[str], dt.date | None, str | None], Result | None]
TENSE_REACH_DAYS = 200  # tense picks the year of a day and month only this close to the reference date
VAGUE_BY_TENSE = {"past": "PAST_REF", "future": "FUTURE_REF"}
DURATION_UNITS = {"Y": ("P", 1, "Y"), "M": ("P", 1, "M"), "W": ("P", 1, "W"), "D": ("P", 1, "D"),
                  "DE": ("P", 10, "Y"), "CE": ("P", 100, "Y"), "ML": ("P", 1000, "Y"), "Q": ("P", 3, "M"),
                  "2W": ("P", 2, "W"), "WE": ("P", 2, "D"), "NI": ("P", 1, "D"),
                  "TH": ("PT", 1, "H"), "TM": ("PT", 1, "M"), "TS": ("PT", 1, "S")}  # fmt: skip


def group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern lacks it or it did not take part."""
    return m.groupdict().get(name)


def parse_number(text: str) -> float | None:
    """A cardinal written in digits or words ("20", "four", "twenty four", "two and a half")."""
    text = text.lower().replace(",", "").strip()
    half = 0.5 if text.endswith(("and a half", " 1/2")) else 0.0
    text = text.removesuffix("and a half").removesuffix(" 1/2").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if (whole := word_value("number", text)) is not None:
        return float(whole) + half
    parts = [word_value("number", w) for w in re.split(r"[\s-]+", text)]
    if not parts or None in parts:
        return None
    values = [float(p) for p in parts if p is not None]
    total = values[0] * values[1] if len(values) == 2 and values[1] in (100.0, 12.0) else sum(values)
    return total + half


def number_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def unit_code(text: str | None) -> str | None:
    if not text:
        return None
    word = text.lower().rstrip("s") if text.lower() not in ("centuries",) else "century"
    return word_value("unit", text) or word_value("unit", word)


def with_mod(m: re.Match[str], result: Result | None) -> Result | None:
    """Add the TIMEX3 mod ("more than" → MORE_THAN, "early" → START …) when the rule caught one."""
    mod = group(m, "mod")
    if result is not None and mod and (code := word_value("mod", mod.strip(" -"))):
        result["mod"] = code
    return result


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shifted(ref: dt.date, n: int, unit: str) -> str | None:
    """The reference date moved by n units, written at that unit's granularity."""
    if unit == "Y":
        return f"{ref.year + n:04d}"
    if unit == "M":
        years, month = divmod(ref.month - 1 + n, 12)
        return f"{ref.year + years:04d}-{month + 1:02d}"
    if unit in ("W", "2W", "WE"):
        day = ref + dt.timedelta(weeks=n * (2 if unit == "2W" else 1))
        return iso_week(day) + ("-WE" if unit == "WE" else "")
    if unit in ("D", "TH", "TM", "TS", "NI"):
        day = (ref + dt.timedelta(days=n)).isoformat()
        return day + ("TNI" if unit == "NI" else "")
    if unit == "Q":
        years, quarter = divmod((ref.month - 1) // 3 + n, 4)
        return f"{ref.year + years:04d}-Q{quarter + 1}"
    scale = {"DE": 10, "CE": 100, "ML": 1000}.get(unit)
    return str(ref.year // scale + n) if scale else None


SMALLER_UNIT = {"Y": (12, "M", ""), "W": (7, "D", ""), "D": (24, "H", "T"), "H": (60, "M", ""), "M": (60, "S", "")}


def duration(n: float | str, unit: str) -> str:
    """A TIMEX3 duration; a fraction goes to the next smaller unit (2.5 years → P2Y6M)."""
    prefix, factor, letter = DURATION_UNITS.get(unit, ("P", 1, unit))
    if n == "X":
        return f"{prefix}X{letter}"
    amount = float(n) * factor
    whole, rest = int(amount), amount - int(amount)
    smaller = SMALLER_UNIT.get(letter) if not (prefix == "P" and letter == "M") else (30, "D", "")
    if rest and smaller and (rest * smaller[0]).is_integer():
        head = f"{prefix}{whole}{letter}" if whole else prefix
        return f"{head}{smaller[2] if prefix == 'P' else ''}{int(rest * smaller[0])}{smaller[1]}"
    return f"{prefix}{number_text(amount)}{letter}"


def resolve_weekday(ref: dt.date, weekday: int, tense: str | None, direction: int | None = None) -> dt.date:
    """The date of that weekday near the reference date: before it in the past, after it in the future."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == -1:
        return ref - dt.timedelta(days=back or 7)
    if direction == 1:
        return ref + dt.timedelta(days=ahead or 7)
    if direction == 0:
        return ref + dt.timedelta(days=weekday - ref.weekday())
    if tense == "past":
        return ref - dt.timedelta(days=back)
    if tense == "future":
        return ref + dt.timedelta(days=ahead or 7)
    return ref - dt.timedelta(days=back) if back <= ahead else ref + dt.timedelta(days=ahead)


def anchored_year(ref: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) written without one: the nearest, leaning on tense."""
    if day is None:
        if tense == "past" and month > ref.month:
            return ref.year - 1
        if tense == "future" and month < ref.month:
            return ref.year + 1
        if tense in ("past", "future"):
            return ref.year
        return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: abs(12 * (y - ref.year) + month - ref.month))
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return nearest_occurrence(ref, candidates, tense).year if candidates else ref.year


def nearest_occurrence(ref: dt.date, candidates: list[dt.date], tense: str | None) -> dt.date:
    """Of a day's dates in neighbouring years, the one the tense points at, if it is near; else the nearest."""
    if tense == "past":
        candidates = [d for d in candidates if 0 <= (ref - d).days <= TENSE_REACH_DAYS] or candidates
    elif tense == "future":
        candidates = [d for d in candidates if 0 <= (d - ref).days <= TENSE_REACH_DAYS] or candidates
    return min(candidates, key=lambda d: abs((d - ref).days))


def direction_of(m: re.Match[str]) -> int | None:
    text = group(m, "dir")
    value = word_value("direction", text) if text else None
    return int(value) if value is not None else None


def tense_vague(tense: str | None) -> str:
    return VAGUE_BY_TENSE.get(tense or "", "PRESENT_REF")


def year_named(m: re.Match[str], ref: dt.date | None) -> str | None:
    """The year of "June last year", "next year's first quarter" (a relyear group), if the rule has one."""
    relative = (group(m, "relyear") or "").lower()
    if not relative or ref is None:
        return None
    return str(ref.year + {"last": -1, "this": 0, "next": 1}[relative])


def spoken_year(m: re.Match[str]) -> str | None:
    """A year said in words, as transcripts write it: "nineteen ninety-six" → 1996."""
    century, rest = group(m, "spoken_century"), group(m, "spoken_rest")
    high, low = parse_number(century or ""), parse_number(rest or "")
    return f"{int(high * 100 + low):04d}" if high is not None and low is not None else None


def calendar(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Dates written with some of year, month, day and weekday ("Monday, September 14", "October 2000")."""
    year = group(m, "year") or spoken_year(m) or year_named(m, ref)
    month = int(group(m, "monthnum") or word_value("month", group(m, "month") or "") or 0) or None
    day_text = group(m, "day")
    day = int(re.sub(r"\D", "", day_text)) if day_text else None
    if month is None:
        return {"type": "DATE", "value": year} if year else None
    if year is None:
        if ref is None:
            return {"type": "DATE", "value": f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")}
        direction = direction_of(m)
        steer = {-1: "past", 1: "future"}.get(direction, tense) if direction is not None else tense
        year = str(ref.year if direction == 0 else anchored_year(ref, month, day, steer))
    try:
        value = dt.date(int(year), month, day).isoformat() if day else f"{int(year):04d}-{month:02d}"
    except ValueError:
        return None
    return {"type": "DATE", "value": value}


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    n = h + weekday_shift - 7 * ((a + 11 * h + 22 * weekday_shift) // 451) + 114
    return dt.date(year, n // 31, n % 31 + 1)


def holiday_date(spec: str, year: int) -> dt.date:
    """A holiday's date in a year, from its table value: "12-25", "11-thursday@22" (the first Thursday
    on or after 22 November), "easter", "easter-2"."""
    if spec.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(spec[6:] or 0))
    month, _, day = spec.partition("-")
    if "@" not in day:
        return dt.date(year, int(month), int(day))
    name, _, first = day.partition("@")
    start = dt.date(year, int(month), int(first))
    return start + dt.timedelta(days=(int(word_value("weekday", name) or 0) - start.weekday()) % 7)


def holiday(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Holidays: "Thanksgiving Day", "Christmas 1999", "last Easter"."""
    spec = word_value("holiday", group(m, "holiday") or "")
    if not spec:
        return None
    year = group(m, "year") or year_named(m, ref)
    if year:
        return {"type": "DATE", "value": holiday_date(spec, int(year)).isoformat()}
    if ref is None:
        return {"type": "DATE", "value": tense_vague(tense)}
    dates = [holiday_date(spec, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    return {"type": "DATE", "value": nearest_occurrence(ref, dates, tense).isoformat()}


def decade(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Decades: "the 1990s" → 199, "the '90s" → 199."""
    digits = word_value("decade_word", group(m, "decade_word") or "") or re.sub(r"\D", "", group(m, "decade") or "")
    if len(digits) == 2:
        century = (ref.year // 100) if ref and int(digits) <= ref.year % 100 else (ref.year // 100 - 1 if ref else 19)
        digits = f"{century}{digits}"
    return {"type": "DATE", "value": digits[:3]}


def century(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Centuries: "the 20th century" → 19."""
    ordinal = group(m, "ordinal") or ""
    number = int(re.sub(r"\D", "", ordinal) or word_value("ordinal", ordinal) or 0)
    return {"type": "DATE", "value": f"{number - 1:02d}"} if number else None


def part_of_day_type(pod: str | None) -> str:
    """TimeBank writes "Sunday night" as a DATE but "Friday morning" as a TIME; we follow it."""
    return "TIME" if pod and pod != "NI" else "DATE"


def weekday(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Weekdays: "Monday", "last Friday", "Monday morning": tense-aware, on the week of the reference date."""
    day_number = int(word_value("weekday", group(m, "weekday") or "") or 0)
    pod = word_value("part_of_day", group(m, "pod") or "")
    if ref is None:
        return {"type": "DATE", "value": f"XXXX-WXX-{day_number + 1}" + (f"T{pod}" if pod else "")}
    day = resolve_weekday(ref, day_number, tense, direction_of(m))
    return {"type": part_of_day_type(pod), "value": day.isoformat() + (f"T{pod}" if pod else "")}


def day_offset(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Days named from today: "today", "yesterday afternoon", "tonight", "this morning", "last night"."""
    offset = word_value("day_offset", group(m, "offset") or "") or "0"
    pod = word_value("part_of_day", group(m, "pod") or "")
    if offset.endswith("NI"):
        offset, pod = offset[:-2], "NI"
    if group(m, "dir"):
        offset = "-1" if direction_of(m) == -1 else "0"
    if ref is None:
        return {"type": "DATE", "value": "PRESENT_REF" if offset == "0" else tense_vague(tense)}
    day = (ref + dt.timedelta(days=int(offset))).isoformat()
    return {"type": part_of_day_type(pod), "value": day + (f"T{pod}" if pod else "")}


def relative(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Periods named from now: "last year", "next month", "this week", "the quarter"; "the past year" is a duration."""
    unit_text, direction = (group(m, "unit") or "").lower(), direction_of(m)
    unit = unit_code(unit_text) or ("Q" if unit_text == "period" else "Y" if group(m, "yearago") else None)
    if unit is None:
        return None
    if (group(m, "unit") or "").lower().endswith("s"):
        return {"type": "DATE", "value": {-1: "PAST_REF", 1: "FUTURE_REF"}.get(direction or 0, "PRESENT_REF")}
    if group(m, "the") and direction in (-1, 1) and not group(m, "of"):
        return {"type": "DURATION", "value": duration(1, unit)}
    if direction is None:
        # a quarter named without a number is, in news, mostly the last one reported on
        direction = -1 if group(m, "latest") or (unit == "Q" and tense != "future") else 0
    if group(m, "yearago"):
        return relative_year_ago(ref, unit, direction if unit == "Q" else 0)
    if ref is None:
        return {"type": "DATE", "value": tense_vague(tense) if direction else "PRESENT_REF"}
    value = shifted(ref, direction, unit)
    return {"type": "DATE", "value": value} if value else None


def relative_year_ago(ref: dt.date | None, unit: str, direction: int) -> Result | None:
    """Periods a year back: "the year-ago quarter" is the same quarter (the last one) a year before."""
    if ref is None:
        return None
    year_before = ref - dt.timedelta(days=365)
    value = shifted(year_before, direction, unit) if unit != "Y" else f"{year_before.year:04d}"
    return {"type": "DATE", "value": value} if value else None


def span_of_units(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Durations: "four hours", "20 years", "the past three years", "several weeks", "five-year"."""
    unit = unit_code(group(m, "unit"))
    count = (group(m, "number") or "") + (" and a half" if group(m, "half_after") else "") or None
    plural = (group(m, "unit") or "").lower().endswith("s")
    amount: float | str | None = parse_number(count) if count else ("X" if group(m, "vague_number") or plural else 1)
    if unit is None or amount is None:
        return None
    vague_count = (group(m, "vague_number") or "").lower()
    if vague_count == "recent" or (amount == "X" and direction_of(m) == -1):
        return {"type": "DATE", "value": "PAST_REF"}
    return with_mod(m, {"type": "DURATION", "value": duration(amount, unit)})


def units_ago(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Counted back or forward: "20 years ago" → 2000 (reference 2020); "two weeks from now"; "years ago" → PAST_REF."""
    unit = unit_code(group(m, "unit"))
    count = group(m, "number")
    amount = parse_number(count) if count else None
    later = bool(group(m, "later"))
    if unit is None or amount is None or ref is None or amount != int(amount):
        return with_mod(m, {"type": "DATE", "value": "FUTURE_REF" if later else "PAST_REF"})
    value = shifted(ref, int(amount) * (1 if later else -1), unit)
    return with_mod(m, {"type": "DATE", "value": value}) if value else None


def weekend(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Weekends: "the weekend": the last one in the past tense, the coming one otherwise; "last weekend" …"""
    direction = direction_of(m)
    if ref is None:
        return {"type": "DATE", "value": tense_vague(tense)}
    if direction is None:
        direction = -1 if tense == "past" and ref.weekday() < 5 else 0
    return {"type": "DATE", "value": iso_week(ref + dt.timedelta(weeks=direction)) + "-WE"}


def season(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Seasons: "the summer of 2020" → 2020-SU; "last winter"; "this spring"."""
    code = word_value("season", group(m, "season") or "")
    year = group(m, "year")
    if year is None and ref is None:
        return {"type": "DATE", "value": tense_vague(tense)}
    if year is None and ref is not None:
        year = str(season_year(ref, SEASON_ORDER.index(code or "SP"), direction_of(m) or 0))
    return with_mod(m, {"type": "DATE", "value": f"{year}-{code}"})


SEASON_ORDER = ("WI", "SP", "SU", "FA")


def season_year(ref: dt.date, season_index: int, direction: int) -> int:
    """The year of the last (-1), current (0) or next (+1) such season; winter counts from December."""
    current = (ref.month % 12) // 3
    year = ref.year + (1 if ref.month == 12 else 0)
    if direction == -1:
        return year if season_index < current else year - 1
    if direction == 1:
        return year if season_index > current else year + 1
    return year


def quarter(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Quarters: "the third quarter (of 2020)" → 2020-Q3; without a year, the last such quarter in the past tense."""
    ordinal = group(m, "ordinal") or ""
    number = int(re.sub(r"\D", "", ordinal) or word_value("ordinal", ordinal) or 0)
    year = group(m, "year") or group(m, "qyear") or year_named(m, ref)
    if not 1 <= number <= 4:
        return None
    if group(m, "yearago") and ref is not None:
        year = str(ref.year - 1)
    if year is None:
        if ref is None:
            return {"type": "DATE", "value": f"XXXX-Q{number}"}
        current = (ref.month - 1) // 3 + 1
        year = str(ref.year - 1 if tense == "past" and number > current else ref.year)
    return with_mod(m, {"type": "DATE", "value": f"{year}-Q{number}"})


def recurrence(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Sets: "every week" → P1W, "each Monday" → XXXX-WXX-1, "daily" → P1D, "twice a year"."""
    if adverb := group(m, "set_adverb"):
        return {"type": "SET", "value": word_value("set_adverb", adverb) or "", "quant": "EVERY"}
    if day := group(m, "weekday"):
        return {"type": "SET", "value": f"XXXX-WXX-{int(word_value('weekday', day) or 0) + 1}", "quant": "EVERY"}
    unit = unit_code(group(m, "unit"))
    count = parse_number(group(m, "number") or "1")
    if unit is None or count is None:
        return None
    if times := (group(m, "times") or "").lower():
        per = {"once": 1.0, "twice": 2.0}.get(times) or parse_number(times.removesuffix("times"))
        return {"type": "SET", "value": duration(1, unit), "freq": f"{number_text(per or 1)}X"}
    return {"type": "SET", "value": duration(count, unit), "quant": "EVERY"}


def clock(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Clock times: "10 a.m." → 2020-09-14T10:00 on the reference date (or on the weekday or day named with it)."""
    word = (group(m, "clockword") or "").lower()
    hour = {"noon": 12, "midday": 12, "midnight": 24}.get(word)
    minute = int(group(m, "minute") or 0)
    if hour is None:
        hour = int(group(m, "hour") or 0)
        meridiem = (group(m, "ampm") or "").lower().replace(".", "")
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    if hour > 24 or minute > 59:
        return None
    day = weekday(m, ref, tense) if group(m, "weekday") else day_offset(m, ref, tense)
    date = (day or {}).get("value", "XXXX-XX-XX").split("T")[0]
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        date = "XXXX-XX-XX"
    return {"type": "TIME", "value": f"{date}T{hour:02d}:{minute:02d}"}


def vague(m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """Vague references: "now" → PRESENT_REF, "recently" → PAST_REF, "the future" → FUTURE_REF."""
    value = word_value("vague", group(m, "vague") or "")
    return {"type": "DATE", "value": value} if value else None


NORMALISERS: dict[str, Normaliser] = {
    "calendar": calendar,
    "holiday": holiday,
    "decade": decade,
    "century": century,
    "weekday": weekday,
    "day_offset": day_offset,
    "relative": relative,
    "duration": span_of_units,
    "ago": units_ago,
    "weekend": weekend,
    "season": season,
    "quarter": quarter,
    "set": recurrence,
    "clock": clock,
    "vague": vague,
}


def normalise(normaliser: str, m: re.Match[str], ref: dt.date | None, tense: str | None) -> Result | None:
    """The TIMEX3 type and value of a match read by the named normaliser."""
    result = NORMALISERS[normaliser](m, ref, tense)
    return with_mod(m, result) if result and "mod" not in result else result
