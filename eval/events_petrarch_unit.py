"""PETRARCH's own unit-test suite through our pipeline, with the suite's dictionaries loaded.

python -m eval.events_petrarch_unit [--verbs builtin|petrarch|both] [--show-misses]

The suite (``petrarch-unit/PETR.UnitTest.records.jsonl``, from PETRARCH-2's ``PETR.UnitTest.records.xml``)
codes stylized sentences about fictional actors (Arnor, Gondor, …) with its validation dictionaries. We
score the records of its ``<Include>`` list (categories valid DEMO ACTOR VERB AGENT COMPOUND PARSING
PATTERN DATE MODIFY SYNSET ERROR: 281 records, 356 expected triples).

The pipeline runs with the actors component reading ``PETR.Validate.actors.txt`` and
``PETR.Validate.agents.txt`` (through ``newsgraph.extract.actors.petrarch``), so the fictional actors get
the suite's codes, and the events component reading verb patterns from ``--verbs``:

- ``builtin``: our CAMEO patterns (the suite's test codes such as 041 for "welcomed" or 902 are not
  CAMEO's, so few codes can agree);
- ``petrarch``: ``PETR.Validate.verbs.txt`` read by ``newsgraph.extract.events.petrarch``;
- ``both`` (default): ours, with the suite's patterns replacing ours for every verb the suite lists.

A triple is (source code, target code, event code), the party codes being the actor codes our actor
component gives the event's source and target (empty when it gives none; a role code with no country,
"GOV", is written as the suite writes it, "---GOV"). Figures: the share of records
fully correct (our triple set equals the expected one; for records that expect no event, no event of
ours other than a bare 010 statement), the expected triples we miss, the triples we produce that are not
expected (false positives), and looser matches (event code only; source, target and code root). Every
figure is also given by category. Anchor: UniversalPetrarch reports 68% of its version of the suite
correct, and PETRARCH-2 itself codes all of it (the suite was written for it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from typing import Any

from eval.events_common import EVENTS

SUITE = EVENTS / "petrarch-unit"
CORPUS = SUITE / "PETR.UnitTest.records.jsonl"
DICTIONARIES = SUITE / "dictionaries"
INCLUDE = {"valid", "DEMO", "ACTOR", "VERB", "AGENT", "COMPOUND", "PARSING", "PATTERN", "DATE", "MODIFY", "SYNSET"}
INCLUDE |= {"ERROR"}
VERB_SOURCES = {
    "builtin": ["builtin"],
    "petrarch": [str(DICTIONARIES / "PETR.Validate.verbs.txt")],
    "both": ["builtin", str(DICTIONARIES / "PETR.Validate.verbs.txt")],
}

Triple = tuple[str, str, str]


def suite_pipeline(verb_sources: list[str], actor_sources: list[str] | None = None):
    """Our pipeline with the given actor dictionaries and verb-pattern sources."""
    import importlib

    from newsgraph.nlp import COMPONENTS, MAX_TEXT_CHARS, load_model

    actors = actor_sources or [
        str(DICTIONARIES / "PETR.Validate.actors.txt"),
        str(DICTIONARIES / "PETR.Validate.agents.txt"),
    ]
    configs = {"newsgraph_actors": {"dictionaries": actors}, "newsgraph_events": {"verb_patterns": verb_sources}}
    nlp = load_model()
    nlp.max_length = MAX_TEXT_CHARS
    for module, factory in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True, config=configs.get(factory, {}))
    return nlp


def records() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["category"] in INCLUDE]


def agent_sectors() -> set[str]:
    """The role codes of the suite's agent dictionary (GOV, LEG, REL …)."""
    from newsgraph.extract.actors.petrarch import read_agent_roles

    text = (DICTIONARIES / "PETR.Validate.agents.txt").read_bytes().decode("utf-8", errors="replace")
    return {role.sector for role in read_agent_roles(text).values()}


def suite_code(code: str, sectors: set[str]) -> str:
    """Our code in the suite's notation: a role with no country ("GOV") is PETRARCH's "---GOV"."""
    return f"---{code}" if code in sectors else code


def our_triples(events: list[dict[str, Any]], sectors: set[str] | frozenset[str] = frozenset()) -> set[Triple]:
    found = set()
    for event in events:
        if event["code"] == "010" and not (event["source"] and event["target"]):
            continue  # a bare statement; the suite codes no "said" events of its own
        source = suite_code((event["source"] or {}).get("actor") or "", sectors)
        target = suite_code((event["target"] or {}).get("actor") or "", sectors)
        found.add((source, target, event["code"]))
    return found


def gold_triples(row: dict[str, Any]) -> set[Triple]:
    return {(e["source"] or "", e["target"] or "", e["eventcode"]) for e in row["events"]}


class Tally:
    def __init__(self) -> None:
        self.records = self.correct = self.gold = self.missed = self.produced = self.false = 0
        self.code_correct = self.loose_hits = 0

    def add(self, gold: set[Triple], ours: set[Triple]) -> None:
        self.records += 1
        self.correct += gold == ours
        self.gold += len(gold)
        self.missed += len(gold - ours)
        self.produced += len(ours)
        self.false += len(ours - gold)
        self.code_correct += {t[2] for t in gold} == {t[2] for t in ours}
        loose = {(s, t, c[:2]) for s, t, c in ours}
        self.loose_hits += sum((s, t, c[:2]) in loose for s, t, c in gold)

    def figures(self) -> dict[str, Any]:
        share = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
        return {
            "records": self.records,
            "fully_correct": share(self.correct, self.records),
            "code_set_correct": share(self.code_correct, self.records),
            "expected_triples": self.gold,
            "missed": self.missed,
            "missed_share": share(self.missed, self.gold),
            "produced_triples": self.produced,
            "false_positives": self.false,
            "false_positive_share": share(self.false, self.produced),
            "actors_and_root_recall": share(self.loose_hits, self.gold),
        }


def score(verbs: str = "petrarch", show_misses: bool = False) -> dict[str, Any]:
    from newsgraph.extract.sections import REFERENCE_DATE_KEY, get_section

    rows = records()
    sectors = agent_sectors()
    nlp = suite_pipeline(VERB_SOURCES[verbs])
    overall = Tally()
    by_category: dict[str, Tally] = defaultdict(Tally)
    docs = []
    for row in rows:  # each record's date is its reference date, as the suite's date-restricted actors need
        doc = nlp.make_doc(row["text"])
        day = row.get("date") or ""
        doc.user_data[REFERENCE_DATE_KEY] = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else None
        docs.append(doc)
    for row, doc in zip(rows, nlp.pipe(docs, batch_size=32), strict=True):
        gold, ours = gold_triples(row), our_triples(get_section(doc, "events") or [], sectors)
        overall.add(gold, ours)
        by_category[row["category"]].add(gold, ours)
        if show_misses and gold != ours:
            print(row["id"], row["text"][:100], "\n   gold", sorted(gold), "\n   ours", sorted(ours), file=sys.stderr)
    return {
        "verbs": verbs,
        **overall.figures(),
        "by_category": {name: tally.figures() for name, tally in sorted(by_category.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbs", choices=sorted(VERB_SOURCES), default="petrarch")
    parser.add_argument("--show-misses", action="store_true", help="print each record we get wrong to stderr")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    print(json.dumps(score(args.verbs, args.show_misses), indent=2))


if __name__ == "__main__":
    main()
