"""Code choice on PETRARCH's unit-test sentences (fictional actors, so codes only, not actors).

python -m eval.events_petrarch_unit

For the records that expect events: the share where any event of ours has an expected code, and an
expected root. For the records that expect none: the share where we produce an event other than a bare
010 statement (false alarms).

Caution: the suite's expected codes come from its own validation dictionary (PETR.Validate.*), which
gives verbs test codes that are not CAMEO's ("welcomed" 041, codes 902, 1717 …), so the figures measure
agreement with that dictionary rather than CAMEO code choice; no floor is pinned for them.
"""

from __future__ import annotations

import json
import sys

from eval.events_common import EVENTS, code_sentences

CORPUS = EVENTS / "petrarch-unit" / "PETR.UnitTest.records.jsonl"


def score() -> dict[str, float]:
    rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["events"] or r["noevents"]]
    code_hits = root_hits = alarms = 0
    for row, events in zip(rows, code_sentences(r["text"] for r in rows), strict=True):
        ours = {e["code"] for e in events}
        if row["noevents"]:
            alarms += bool(ours - {"010"})
            continue
        gold = {e["eventcode"] for e in row["events"]}
        code_hits += bool(ours & gold)
        root_hits += bool({c[:2] for c in ours} & {c[:2] for c in gold})
    with_events = sum(1 for r in rows if not r["noevents"])
    without = len(rows) - with_events
    return {
        "records_with_events": with_events,
        "code_accuracy_any": round(code_hits / with_events, 4),
        "root_accuracy_any": round(root_hits / with_events, 4),
        "records_without_events": without,
        "false_alarm_rate": round(alarms / without, 4),
    }


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    print(json.dumps(score(), indent=2))


if __name__ == "__main__":
    main()
