"""Named entities and sentence boundaries as contract records."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def entities_from_doc(doc: Doc) -> list[dict[str, Any]]:
    """Every named entity spaCy found, with character offsets into ``doc.text``."""
    text = doc.text  # a span's text is this slice of it; slicing spares joining its tokens again
    return [
        {
            "id": f"e{i}",
            "text": text[ent.start_char : ent.end_char],
            "start": ent.start_char,
            "end": ent.end_char,
            "label": ent.label_,
            "actor": None,
        }
        for i, ent in enumerate(doc.ents, start=1)
    ]


def sentences_from_doc(doc: Doc) -> list[list[int]]:
    """Sentence boundaries as [start, end] character offsets, trailing white space excluded."""
    bounds = []
    whole = doc.text
    for sent in doc.sents:
        text = whole[sent.start_char : sent.end_char].rstrip()
        if text:
            bounds.append([sent.start_char, sent.start_char + len(text)])
    return bounds
