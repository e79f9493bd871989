"""Five-class accuracy and macro-F1 on ConfliBERT's CAMEO test sentences.

python -m eval.events_conflibert

Classes as the corpus defines them: 0 statement/appeal (CAMEO 01-02), 1 verbal cooperation (03-05),
2 material cooperation (06-08), 3 verbal conflict (09-13 and 16), 4 material conflict (14, 15, 17-20).
Our class for a sentence is that of its most confident non-statement event (a bare statement when that
is all there is); a sentence with no event is predicted as class 0, the statement class.
"""

from __future__ import annotations

from eval.events_common import EVENTS, best_event, code_sentences, print_scores

CORPUS = EVENTS / "conflibert-test" / "cameo_class" / "test.tsv"


def pentaclass(root: str) -> int:
    number = int(root)
    if number <= 2:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13 or number == 16:
        return 3
    return 4


def macro_f1(gold: list[int], predicted: list[int]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def score() -> dict[str, float]:
    rows = [line.rsplit("\t", 1) for line in CORPUS.read_text("utf-8").splitlines() if "\t" in line]
    gold = [int(label) for _, label in rows]
    predicted = []
    for events in code_sentences(text for text, _ in rows):
        top = best_event(events)
        predicted.append(pentaclass(top["root"]) if top else 0)
    n = len(rows)
    return {
        "sentences": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / n, 4),
        "macro_f1": round(macro_f1(gold, predicted), 4),
    }


def main() -> None:
    print_scores(CORPUS, score)


if __name__ == "__main__":
    main()
