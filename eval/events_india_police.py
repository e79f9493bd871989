"""Sentence-level recall and precision on IndiaPoliceEvents (Halterman et al. 2021), via CAMEO codes.

python -m eval.events_india_police [--every N] [--all]

Each sentence of ``india-police-events/data/final/sents.jsonl`` (Times of India, Gujarat 2002, lower
case) answers yes/no questions: did police arrest someone (ARREST), kill someone (KILL), use force
(FORCE), do anything (ANY_ACTION). We run each sentence alone through the whole pipeline and say yes to a
question when an event of ours carries one of its codes:

- ARREST: 173 (arrest, detain or charge with legal action);
- KILL: 1823 (kill by physical assault), 186 (assassinate), 202 (engage in mass killings);
- FORCE: 175 (violent repression), every 18x, 19x and 20x code except 191 (blockade) and 192 (occupy),
  which restrict movement rather than apply violence;
- ANY_ACTION: any event that is not a bare statement or comment (root 01).

Two readings of "police did it": ``any_source`` (the code alone) and ``police_source`` (the source is
police: a COP actor code or a police word in its text, or no stated source for an arrest or in a sentence
that mentions police, since Indian reports mostly put police violence in the passive: "99 persons have been killed in
police firing"). ANY_ACTION
is scored only with the police reading (any event by anyone would say nothing about police).

The full corpus is 21,391 sentences in 1,257 documents; by default every 5th document (in file order)
is scored, about a fifth of the sentences. ``--all`` scores everything (slow: tens of minutes).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eval.events_common import EVENTS

CORPUS = EVENTS / "india-police-events" / "data" / "final" / "sents.jsonl"
QUESTIONS = ("ARREST", "KILL", "FORCE", "ANY_ACTION")
POLICE_WORDS = {
    "police",
    "policeman",
    "policemen",
    "cop",
    "cops",
    "constable",
    "constables",
    "inspector",
    "commissioner",
    "crpf",
    "raf",
    "srp",
    "jawans",
    "cid",
}


def answers(code: str) -> set[str]:
    """The questions an event code says yes to (ANY_ACTION apart)."""
    found = set()
    if code == "173":
        found.add("ARREST")
    if code in ("1823", "186", "202"):
        found.add("KILL")
    if code == "175" or (code[:2] in ("18", "19", "20") and code not in ("191", "192")):
        found.add("FORCE")
    return found


def mentions_police(text: str) -> bool:
    words = {w.strip(".,;:'\"()").lower() for w in text.split()}
    return bool(words & POLICE_WORDS) or "security forces" in text.lower()


def police_source(event: dict[str, Any], sentence: str) -> bool:
    source = event.get("source")
    if source is None:
        return event["code"] == "173" or mentions_police(sentence)
    if "COP" in (source.get("actor") or ""):
        return True
    return mentions_police(source["text"])


def sentence_answers(events: list[dict[str, Any]], sentence: str) -> dict[str, set[str]]:
    """Yes-answers of one sentence under each reading."""
    result = {"any_source": set(), "police_source": set()}
    for event in events:
        codes = answers(event["code"])
        result["any_source"] |= codes
        if police_source(event, sentence):
            result["police_source"] |= codes
            if event["root"] != "01":
                result["police_source"].add("ANY_ACTION")
    return result


def load(every: int) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    order: dict[int, int] = {}
    for row in rows:
        order.setdefault(row["doc_id"], len(order))
    return [r for r in rows if order[r["doc_id"]] % every == 0 and r["sent_text"].strip()]


def score(every: int = 5) -> dict[str, Any]:
    from newsgraph.extract.sections import get_section
    from newsgraph.nlp import get_pipeline

    rows = load(every)
    texts = [" ".join(r["sent_text"].split()) for r in rows]
    counts = {
        reading: {q: {"tp": 0, "fp": 0, "fn": 0} for q in QUESTIONS} for reading in ("any_source", "police_source")
    }
    for row, doc in zip(rows, get_pipeline().pipe(texts, batch_size=64), strict=True):
        gold = set(row["sent_labels"])
        for reading, said in sentence_answers(get_section(doc, "events") or [], doc.text).items():
            for question in QUESTIONS:
                if reading == "any_source" and question == "ANY_ACTION":
                    continue
                tally = counts[reading][question]
                tally["tp"] += question in said and question in gold
                tally["fp"] += question in said and question not in gold
                tally["fn"] += question in gold and question not in said
    result: dict[str, Any] = {
        "documents": len({r["doc_id"] for r in rows}),
        "sentences": len(rows),
        "gold_positive": {q: sum(q in r["sent_labels"] for r in rows) for q in QUESTIONS},
    }
    for reading, by_question in counts.items():
        result[reading] = {}
        for question, t in by_question.items():
            if reading == "any_source" and question == "ANY_ACTION":
                continue
            precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
            recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            result[reading][question] = {
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                **t,
            }
    for question in QUESTIONS:
        result[f"{question.lower()}_police_f1"] = result["police_source"][question]["f1"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=5, help="score every Nth document (default 5)")
    parser.add_argument("--all", action="store_true", help="score every document")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    print(json.dumps(score(1 if args.all else args.every), indent=2))


if __name__ == "__main__":
    main()
