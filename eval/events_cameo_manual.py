"""Code accuracy on the CAMEO 1.1b3 manual's example sentences.

python -m eval.events_cameo_manual

A sentence counts as correct at full code (or root) when any event our coder produces for it has the
gold code (or root); coverage is the share of sentences with any event at all.
"""

from __future__ import annotations

import json

from eval.events_common import EVENTS, best_event, code_sentences, print_scores

CORPUS = EVENTS / "cameo-manual" / "cameo_manual_examples.jsonl"


def score() -> dict[str, float]:
    rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    code_hits = root_hits = top_code = covered = 0
    for row, events in zip(rows, code_sentences(r["text"] for r in rows), strict=True):
        gold = row["cameo_code"]
        codes = {e["code"] for e in events}
        covered += bool(events)
        code_hits += gold in codes
        root_hits += gold[:2] in {c[:2] for c in codes}
        top = best_event(events)
        top_code += bool(top and top["code"] == gold)
    n = len(rows)
    return {
        "sentences": n,
        "code_accuracy_any": round(code_hits / n, 4),
        "root_accuracy_any": round(root_hits / n, 4),
        "code_accuracy_top": round(top_code / n, 4),
        "coverage": round(covered / n, 4),
    }


def main() -> None:
    print_scores(CORPUS, score)


if __name__ == "__main__":
    main()
