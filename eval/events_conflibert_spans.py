"""Source and target spans of our events against ConfliBERT's CAMEO span annotation.

python -m eval.events_conflibert_spans

The corpus (``conflibert-test/cameo_ner/test.txt``) tags each of its 451 test sentences word by word:
``S`` the source actor, ``T`` the target, ``R`` a reciprocal party phrase ("Jordan and Britain", both
source and target). The words are aligned to the untokenized sentence of ``cameo_class/test.tsv`` (same
sentences, same order), and the sentence is run through the whole pipeline (actors, times, places,
events). The sentence's main event (``events_common.best_event``) gives one predicted source and one
target span; a gold ``R`` span counts as a source and as a target.

Figures: precision, recall and F1 of predicted against gold spans, exact (same characters, surrounding
punctuation and a leading "the" ignored) and overlapping (at least one shared character); the same for
"any event" (the union of every event's spans, recall only, to show what the choice of event costs).

The corpus gives no actor codes, so there is no actor-code accuracy to measure against gold. What is
reported instead is the actor component's coverage: the share of gold source/target spans that hold an
actor mention with a code, and the share of predicted spans overlapping a gold span whose code agrees at
country level (first three letters) with the mention found inside the gold span.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from eval.events_common import EVENTS, best_event

NER = EVENTS / "conflibert-test" / "cameo_ner" / "test.txt"
TEXTS = EVENTS / "conflibert-test" / "cameo_class" / "test.tsv"
Span = tuple[int, int]


def read_tagged() -> Iterator[list[tuple[str, str]]]:
    """Sentences of the BIO file as (word, tag) lists."""
    sentence: list[tuple[str, str]] = []
    for line in NER.read_text("utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        word, _, tag = line.rpartition(" ")
        sentence.append((word, tag))
    if sentence:
        yield sentence


def align(words: list[str], text: str) -> list[Span | None]:
    """Character span of each word in the untokenized sentence (None when it cannot be found)."""
    spans: list[Span | None] = []
    position = 0
    for word in words:
        found = text.find(word, position)
        if found < 0 or found - position > 40:
            spans.append(None)
            continue
        spans.append((found, found + len(word)))
        position = found + len(word)
    return spans


def gold_spans(tagged: list[tuple[str, str]], text: str) -> dict[str, list[Span]]:
    """Gold spans by role letter (S, T, R), as character spans of ``text``."""
    found: dict[str, list[Span]] = {"S": [], "T": [], "R": []}
    role_open: str | None = None
    for (_, tag), span in zip(tagged, align([w for w, _ in tagged], text), strict=True):
        kind, _, role = tag.partition("-")
        if kind == "O" or span is None:
            role_open = None if kind == "O" else role_open
            continue
        if kind == "B" or role != role_open:
            found.setdefault(role, []).append(span)
            role_open = role
        else:
            found[role][-1] = (found[role][-1][0], span[1])
    return found


def normal(text: str, span: Span) -> Span:
    """A span without surrounding punctuation, spaces and a leading article."""
    start, end = span
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    for article in ("the ", "The "):
        if text.startswith(article, start) and end - start > len(article):
            start += len(article)
    return start, end


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(tp_pred: int, predicted: int, tp_gold: int, gold: int) -> dict[str, float]:
    precision = tp_pred / predicted if predicted else 0.0
    recall = tp_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


class Tally:
    """Counts for one role (source or target) and one matching rule."""

    def __init__(self) -> None:
        self.predicted = self.gold = self.tp_pred = self.tp_gold = 0

    def add(self, predicted: list[Span], gold: list[Span], same) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.tp_pred += sum(any(same(p, g) for g in gold) for p in predicted)
        self.tp_gold += sum(any(same(p, g) for p in predicted) for g in gold)

    def figures(self) -> dict[str, float]:
        return prf(self.tp_pred, self.predicted, self.tp_gold, self.gold)


def party_span(doc_text: str, party: dict[str, Any] | None) -> list[Span]:
    return [normal(doc_text, (party["start"], party["end"]))] if party else []


def code_of_span(doc, span: Span) -> str | None:
    from newsgraph.extract.sections import actor_mentions

    inside = [m for m in actor_mentions(doc) if m.get("actor") and overlaps((m["start"], m["end"]), span)]
    return max(inside, key=lambda m: m["end"] - m["start"])["actor"] if inside else None


def score(limit: int | None = None) -> dict[str, Any]:
    from newsgraph.extract.sections import get_section
    from newsgraph.nlp import get_pipeline

    texts = [line.rsplit("\t", 1)[0] for line in TEXTS.read_text("utf-8").splitlines() if "\t" in line]
    tagged = list(read_tagged())
    if len(texts) != len(tagged):
        raise ValueError(f"{len(texts)} sentences in {TEXTS.name} but {len(tagged)} in {NER.name}")
    if limit:
        texts, tagged = texts[:limit], tagged[:limit]
    exact = lambda a, b: a == b  # noqa: E731
    tallies = {(role, rule): Tally() for role in ("source", "target") for rule in ("exact", "overlap", "any_overlap")}
    coded_gold = all_gold = agree = compared = 0
    for text, words, doc in zip(texts, tagged, get_pipeline().pipe(texts, batch_size=32), strict=True):
        gold = gold_spans(words, text)
        gold = {k: [normal(text, s) for s in v] for k, v in gold.items()}
        wanted = {"source": gold["S"] + gold["R"], "target": gold["T"] + gold["R"]}
        events = get_section(doc, "events") or []
        top = best_event(events)
        for role in ("source", "target"):
            predicted = party_span(doc.text, top[role]) if top else []
            tallies[(role, "exact")].add(predicted, wanted[role], exact)
            tallies[(role, "overlap")].add(predicted, wanted[role], overlaps)
            anywhere = sorted({s for e in events for s in party_span(doc.text, e[role])})
            tallies[(role, "any_overlap")].add(anywhere, wanted[role], overlaps)
            for span in wanted[role]:
                all_gold += 1
                gold_code = code_of_span(doc, span)
                coded_gold += gold_code is not None
                for party in [top[role]] if top and top[role] else []:
                    if gold_code and party.get("actor") and overlaps((party["start"], party["end"]), span):
                        compared += 1
                        agree += party["actor"][:3] == gold_code[:3]
    result: dict[str, Any] = {"sentences": len(texts)}
    for (role, rule), tally in tallies.items():
        figures = tally.figures()
        if rule == "any_overlap":
            figures = {"recall": figures["recall"]}
        result[f"{role}_{rule}"] = figures
    for rule in ("exact", "overlap"):
        merged = Tally()
        for role in ("source", "target"):
            t = tallies[(role, rule)]
            merged.predicted += t.predicted
            merged.gold += t.gold
            merged.tp_pred += t.tp_pred
            merged.tp_gold += t.tp_gold
        result[f"both_{rule}"] = merged.figures()
    for key in ("source_exact", "source_overlap", "target_exact", "target_overlap", "both_exact", "both_overlap"):
        result[f"{key}_f1"] = result[key]["f1"]
    result["gold_spans_with_actor_code"] = round(coded_gold / all_gold, 4) if all_gold else 0.0
    result["event_party_country_agrees_with_gold_span_mention"] = round(agree / compared, 4) if compared else 0.0
    result["gold_actor_codes_in_corpus"] = 0
    return result


def main() -> None:
    if not (NER.exists() and TEXTS.exists()):
        sys.exit(f"{NER} or {TEXTS} is not available")
    print(json.dumps(score(), indent=2))


if __name__ == "__main__":
    main()
