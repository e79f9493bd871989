"""PLOVER event-type accuracy on the PLOVER gold-standard records (CAMEO-manual sentences re-coded).

python -m eval.events_plover_gsr

Our CAMEO code gives a PLOVER event through the 2021 CAMEO-to-PLOVER table in
newsgraph/data/events/cameo_codes.tsv; the gold records use PLOVER 0.5 names, so REQUEST is read as
DEMAND, ACCUSE as INVESTIGATE (CAMEO root 09) or DISAPPROVE (root 11), and ASSAULT under root 19 as FIGHT.
A sentence is correct when any of its events (or, for "top", its most confident substantive event) has
the gold type.
"""

from __future__ import annotations

import json
from typing import Any

from eval.events_common import EVENTS, best_event, code_sentences, print_scores

CORPUS = EVENTS / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
RENAMED = {"REQUEST": "DEMAND"}


def gsr_event(event: dict[str, Any]) -> str | None:
    plover = (event.get("plover") or {}).get("event")
    if plover == "ACCUSE":
        return "INVESTIGATE" if event["root"] == "09" else "DISAPPROVE"
    if plover == "ASSAULT" and event["root"] == "19":
        return "FIGHT"
    return RENAMED.get(plover, plover)


def score() -> dict[str, float]:
    rows = [r for r in json.loads(CORPUS.read_text("utf-8")) if r.get("text") and r.get("event") != "DOCUMENT"]
    any_hits = top_hits = 0
    for row, events in zip(rows, code_sentences(r["text"] for r in rows), strict=True):
        any_hits += row["event"] in {gsr_event(e) for e in events}
        top = best_event(events)
        top_hits += bool(top and gsr_event(top) == row["event"])
    n = len(rows)
    return {"sentences": n, "event_accuracy_any": round(any_hits / n, 4), "event_accuracy_top": round(top_hits / n, 4)}


def main() -> None:
    print_scores(CORPUS, score)


if __name__ == "__main__":
    main()
