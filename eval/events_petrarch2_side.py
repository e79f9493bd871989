"""Our coder beside PETRARCH-2's CAMEO verb dictionary on the CAMEO-manual sentences.

python -m eval.events_petrarch2_side

The comparison coder reads ../shared/dictionaries/petrarch2/CAMEO.2.0.txt at run time: each verb of a
"--- NAME [code] ---" block gets the block's code (its phrase patterns are not used), and a sentence gets
the codes of all its verbs (by spaCy lemma). Both coders are scored like eval.events_cameo_manual: a
sentence is right when any code (or root) it gets is the gold one.
"""

from __future__ import annotations

import json
import re
import sys

from eval.events_common import EVENTS, SHARED, code_sentences

DICTIONARY = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
CORPUS = EVENTS / "cameo-manual" / "cameo_manual_examples.jsonl"
BLOCK = re.compile(r"^---\s+\S.*?\s+\[([^\]]*)\]\s+---")
VERB_LINE = re.compile(r"^([A-Z][A-Z_]*)\s*(\{|#|$)")


def block_code(raw: str) -> str | None:
    parts = [p for p in raw.split(":") if re.fullmatch(r"\d{3,4}", p)]
    return parts[0] if parts else None


def read_dictionary() -> dict[str, str]:
    """Verb (lower case) -> the code of the block it is listed in."""
    verbs: dict[str, str] = {}
    code = None
    for line in DICTIONARY.read_text("utf-8", errors="replace").splitlines():
        block = BLOCK.match(line)
        if block:
            code = block_code(block.group(1))
            continue
        verb = VERB_LINE.match(line)
        if code and verb:
            verbs.setdefault(verb.group(1).lower(), code)
    return verbs


def petrarch_codes(texts: list[str], verbs: dict[str, str]) -> list[set[str]]:
    from newsgraph.nlp import load_model

    nlp = load_model()
    return [
        {verbs[t.lemma_.lower()] for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in verbs}
        for doc in nlp.pipe(texts)
    ]


def accuracy(gold: list[str], predicted: list[set[str]]) -> dict[str, float]:
    n = len(gold)
    return {
        "code_accuracy_any": round(sum(g in p for g, p in zip(gold, predicted, strict=True)) / n, 4),
        "root_accuracy_any": round(
            sum(g[:2] in {c[:2] for c in p} for g, p in zip(gold, predicted, strict=True)) / n, 4
        ),
        "coverage": round(sum(bool(p) for p in predicted) / n, 4),
    }


def score() -> dict[str, object]:
    rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    gold = [r["cameo_code"] for r in rows]
    ours = [{e["code"] for e in events} for events in code_sentences(texts)]
    verbs = read_dictionary()
    return {
        "sentences": len(rows),
        "petrarch2_verbs": len(verbs),
        "newsgraph": accuracy(gold, ours),
        "petrarch2_verb_defaults": accuracy(gold, petrarch_codes(texts, verbs)),
    }


def main() -> None:
    if not (DICTIONARY.exists() and CORPUS.exists()):
        sys.exit(f"{DICTIONARY} or {CORPUS} is not available")
    print(json.dumps(score(), indent=2))


if __name__ == "__main__":
    main()
