"""Our coder beside PETRARCH-2's CAMEO verb dictionary on the CAMEO-manual and ConfliBERT sentences.

python -m eval.events_petrarch2_side

Three coders, each scored like eval.events_cameo_manual on the CAMEO manual's sentences (a sentence is
right when any code, or root, it gets is the gold one) and like eval.events_conflibert on ConfliBERT's
five classes:

- ``newsgraph``: our pipeline as shipped (our patterns, our actor tables);
- ``petrarch2_in_our_coder``: our parser-based coder with PETRARCH-2's own dictionaries loaded instead
  of ours: ``CAMEO.2.0.txt`` read by ``newsgraph.extract.events.petrarch`` (component option
  ``verb_patterns``) and the Phoenix actor and agent dictionaries (``dictionaries`` of the actors
  component);
- ``petrarch2_verb_defaults``: a floor, each verb of a ``--- NAME [code] ---`` block getting the block's
  code by spaCy lemma, no patterns, no parse (on the manual only).
"""

from __future__ import annotations

import json
import re
import sys

from eval.events_common import EVENTS, SHARED, best_event, code_sentences
from eval.events_conflibert import CORPUS as CONFLIBERT
from eval.events_conflibert import macro_f1, pentaclass

PETRARCH2 = SHARED / "dictionaries" / "petrarch2"
DICTIONARY = PETRARCH2 / "CAMEO.2.0.txt"
CORPUS = EVENTS / "cameo-manual" / "cameo_manual_examples.jsonl"
ACTORS = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]
ACTORS += ["Phoenix.agents.txt"]
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


def pipeline_events(nlp, texts: list[str]) -> list[list[dict]]:
    from newsgraph.extract.sections import get_section

    return [get_section(doc, "events") or [] for doc in nlp.pipe(texts, batch_size=32)]


def classes(events_per_sentence: list[list[dict]]) -> list[int]:
    return [pentaclass(top["root"]) if (top := best_event(events)) else 0 for events in events_per_sentence]


def class_figures(gold: list[int], predicted: list[int]) -> dict[str, float]:
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {"accuracy": round(right / len(gold), 4), "macro_f1": round(macro_f1(gold, predicted), 4)}


def score() -> dict[str, object]:
    from eval.events_petrarch_unit import suite_pipeline
    from newsgraph.nlp import get_pipeline

    rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    gold = [r["cameo_code"] for r in rows]
    pairs = [line.rsplit("\t", 1) for line in CONFLIBERT.read_text("utf-8").splitlines() if "\t" in line]
    class_texts, class_gold = [t for t, _ in pairs], [int(label) for _, label in pairs]
    ours = get_pipeline()
    theirs = suite_pipeline([str(DICTIONARY)], [str(PETRARCH2 / name) for name in ACTORS])
    ours_manual, theirs_manual = pipeline_events(ours, texts), pipeline_events(theirs, texts)
    verbs = read_dictionary()
    return {
        "sentences": len(rows),
        "conflibert_sentences": len(pairs),
        "petrarch2_verbs": len(verbs),
        "newsgraph": {
            **accuracy(gold, [{e["code"] for e in events} for events in ours_manual]),
            "conflibert": class_figures(class_gold, classes(pipeline_events(ours, class_texts))),
        },
        "petrarch2_in_our_coder": {
            **accuracy(gold, [{e["code"] for e in events} for events in theirs_manual]),
            "conflibert": class_figures(class_gold, classes(pipeline_events(theirs, class_texts))),
        },
        "newsgraph_sentence_only": accuracy(gold, [{e["code"] for e in events} for events in code_sentences(texts)]),
        "petrarch2_verb_defaults": accuracy(gold, petrarch_codes(texts, verbs)),
    }


def main() -> None:
    if not (DICTIONARY.exists() and CORPUS.exists() and CONFLIBERT.exists()):
        sys.exit(f"{DICTIONARY}, {CORPUS} or {CONFLIBERT} is not available")
    print(json.dumps(score(), indent=2))


if __name__ == "__main__":
    main()
