"""Named entities against CoNLL-2003 English: entity micro-F1, exact span and type, overall and per type.

    python -m eval.ner_conll [--split dev|train] [--limit N] [--json PATH] [--join natural|spaces]

Each CoNLL document (the tokens between two ``-DOCSTART-`` lines) becomes one plain text: its
sentences on their own lines, tokens joined the way news is written (no space before a comma or
full stop, none inside quotation marks or brackets) unless ``--join spaces``. Every token's character
offsets are kept, so gold entities become character spans and are compared with the engine's
entities after mapping spaCy's OntoNotes labels to CoNLL's four (see ``CONLL_LABEL`` and README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from eval.common import LabelledSpan, add_common_options, finish, format_table, score_by_label, shared_file

NAME = "ner"
SPLITS = {"dev": "eng.testa", "train": "eng.train"}

# spaCy (OntoNotes 5) label → CoNLL-2003 label; labels not listed (dates, times, numbers, money,
# percentages, quantities, ordinals) have no CoNLL counterpart and are dropped.
CONLL_LABEL = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'", "'re", "'ve", "'ll", "'d"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}

Token = tuple[str, str]  # (word, IOB tag)


@dataclass
class ConllDocument:
    """One document: its sentences, each a list of (word, tag)."""

    sentences: list[list[Token]] = field(default_factory=list)


def read_conll(lines: Iterable[str]) -> list[ConllDocument]:
    """Documents from CoNLL lines: first column the word, last column the NER tag, blank lines between sentences."""
    docs: list[ConllDocument] = []
    sentence: list[Token] = []

    def close_sentence() -> None:
        if sentence:
            if not docs:
                docs.append(ConllDocument())
            docs[-1].sentences.append(list(sentence))
            sentence.clear()

    for line in lines:
        cols = line.split()
        if not cols:
            close_sentence()
        elif cols[0] == "-DOCSTART-":
            close_sentence()
            docs.append(ConllDocument())
        else:
            sentence.append((cols[0], cols[-1]))
    close_sentence()
    return [d for d in docs if d.sentences]


def iob_entities(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities as (first token, last token + 1, type), from IOB1 (CoNLL's) or IOB2 tags."""
    entities: list[tuple[int, int, str]] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if start is not None and not continues:
            entities.append((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    return entities


def join_tokens(sentence: Sequence[str], natural: bool = True) -> tuple[str, list[tuple[int, int]]]:
    """A sentence's text and each token's (start, end) in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos, glue_next, open_quote = 0, True, False
    for word in sentence:
        glue = glue_next or (natural and word in NO_SPACE_BEFORE)
        glue_next = natural and word in NO_SPACE_AFTER
        if natural and word == '"':
            glue, glue_next = (True, False) if open_quote else (glue, True)
            open_quote = not open_quote
        if not glue:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(word)))
        parts.append(word)
        pos += len(word)
    return "".join(parts), offsets


def document_text(doc: ConllDocument, natural: bool = True) -> tuple[str, list[tuple[int, int, str]]]:
    """The document as one text (a line per sentence) and its gold entities as character spans."""
    text_parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    base = 0
    for sentence in doc.sentences:
        text, offsets = join_tokens([w for w, _ in sentence], natural)
        for first, last, label in iob_entities([t for _, t in sentence]):
            gold.append((base + offsets[first][0], base + offsets[last - 1][1], label))
        text_parts.append(text)
        base += len(text) + 1
    return "\n".join(text_parts), gold


def predicted_spans(entities: Iterable[dict], doc: int) -> list[LabelledSpan]:
    """The engine's entities that have a CoNLL type, as labelled spans."""
    return [
        LabelledSpan(e["start"], e["end"], CONLL_LABEL[e["label"]], doc)
        for e in entities
        if e.get("label") in CONLL_LABEL
    ]


def evaluate(docs: Sequence[ConllDocument], natural: bool = True, batch_size: int = 32) -> dict:
    """Gold and predicted spans over the documents, scored exact and overlapping, typed and untyped."""
    from eval.common import analyze_plain

    texts, gold = [], []
    for n, doc in enumerate(docs):
        text, spans = document_text(doc, natural)
        texts.append(text)
        gold.extend(LabelledSpan(s, e, label, n) for s, e, label in spans)
    pred: list[LabelledSpan] = []
    for n, article in enumerate(analyze_plain(texts, batch_size, label="conll")):
        pred.extend(predicted_spans(article.entities, n))
    untyped = [[s._replace(label="ANY") for s in spans] for spans in (gold, pred)]
    return {
        "exact": score_by_label(gold, pred, "exact"),
        "overlap": score_by_label(gold, pred, "overlap"),
        "exact_untyped": score_by_label(*untyped, "exact"),
        "counts": {"documents": len(docs), "tokens": sum(len(s) for d in docs for s in d.sentences)},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.ner_conll", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev", help="CoNLL-2003 split (default: dev).")
    parser.add_argument(
        "--join",
        choices=("natural", "spaces"),
        default="natural",
        help="How tokens become text: as news is written (default) or all separated by spaces.",
    )
    parser.add_argument("--batch-size", type=int, default=32)
    add_common_options(parser)
    args = parser.parse_args(argv)
    path = shared_file("eval", "ner", "conll2003", SPLITS[args.split])
    docs = read_conll(path.read_text("utf-8").splitlines())[: args.limit or None]
    scores = evaluate(docs, natural=args.join == "natural", batch_size=args.batch_size)
    counts = scores.pop("counts")
    setup = f"CoNLL-2003 {args.split} ({counts['documents']} documents, {counts['tokens']} tokens, join={args.join})"
    tables = [format_table(f"{setup}: {mode}", by_label) for mode, by_label in scores.items()]
    results = {
        "corpus": f"conll2003/{SPLITS[args.split]}",
        "split": args.split,
        "limit": args.limit,
        "join": args.join,
        "counts": counts,
        "label_map": CONLL_LABEL,
        "metrics": {mode: {k: v.as_dict() for k, v in by_label.items()} for mode, by_label in scores.items()},
    }
    return finish(NAME, results, tables, args)


if __name__ == "__main__":
    sys.exit(main())
