"""newsgraph's direct quotations beside textacy's ``direct_quotations`` on the same PolNeAR documents.

    python -m eval.quotes_textacy [--split dev|train] [--limit N]

Both run on the same parsed Docs (our pipeline's spaCy model), so the times compare the extractors
alone. Scores are those of ``eval.quotes_polnear`` restricted to direct quotations; "failures" counts
documents on which an extractor raised. textacy is the optional extra ``peers``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable

from spacy.tokens import Doc

from eval.quotes_polnear import POLNEAR, Counts, load_split, score_document
from newsgraph.extract.quotes import extract_quotes


def textacy_quotes(doc: Doc) -> list[dict]:
    """textacy's direct quotations as contract-shaped records (content without its marks)."""
    from textacy.extract import direct_quotations

    records = []
    for triple in direct_quotations(doc):
        content = doc.text[triple.content.start_char : triple.content.end_char].strip("\"'\u201c\u201d\u2018\u2019 ")
        start = doc.text.index(content, triple.content.start_char) if content else triple.content.start_char
        speaker, cue = triple.speaker, triple.cue
        records.append(
            {
                "text": content,
                "start": start,
                "end": start + len(content),
                "kind": "direct",
                "speaker": span_record(doc, speaker),
                "cue": span_record(doc, cue),
            }
        )
    return records


def span_record(doc: Doc, tokens: list) -> dict | None:
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return {"text": doc.text[start:end], "start": start, "end": end}


def ours(doc: Doc) -> list[dict]:
    return [r for r in extract_quotes(doc) if r["kind"] == "direct"]


def compare(split: str, limit: int | None) -> dict[str, dict]:
    """Direct-quotation scores, failures and extractor seconds for newsgraph and textacy."""
    from newsgraph.nlp import get_pipeline

    docs = load_split(split, limit)
    nlp = get_pipeline()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    extractors: dict[str, Callable[[Doc], list[dict]]] = {"newsgraph": ours, "textacy": textacy_quotes}
    results: dict[str, dict] = {}
    for name, extractor in extractors.items():
        totals: dict[str, Counts] = {}
        attribution = [0, 0, 0]
        failures, seconds = 0, 0.0
        reasons: dict[str, int] = {}
        for doc, parse in zip(docs, parsed, strict=True):
            started = time.perf_counter()
            try:
                records = extractor(parse)
            except Exception as exc:  # a peer's crash on one document is a figure, not a stop
                failures, records = failures + 1, []
                reason = re.sub(r"\d+", "N", f"{type(exc).__name__}: {exc}")[:72]
                reasons[reason] = reasons.get(reason, 0) + 1
            seconds += time.perf_counter() - started
            for key, value in score_document(doc.text, records, doc.gold).items():
                if key.startswith("direct/") and isinstance(value, Counts):
                    totals.setdefault(key, Counts()).add(value)
                elif key == "direct/attribution/overlap":
                    attribution = [a + b for a, b in zip(attribution, value, strict=True)]
        results[name] = {key: counts.scores() for key, counts in sorted(totals.items())}
        results[name]["attribution_accuracy_overlap"] = round(100 * attribution[1] / max(attribution[0], 1), 1)
        results[name].update(
            {"failures": failures, "failure_reasons": reasons, "seconds": round(seconds, 2), "documents": len(docs)}
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.quotes_textacy", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"{POLNEAR}: PolNeAR is not available", file=sys.stderr)
        return 2
    for name, scores in compare(args.split, args.limit).items():
        print(name)
        for key, value in scores.items():
            print(f"  {key:<30} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
