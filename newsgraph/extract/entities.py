"""Named entities and sentence boundaries as contract records."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def entities_from_doc(doc: Doc) -> list[dict[str, Any]]:
    """Every named entity spaCy found, with character offsets into ``doc.text``."""
    return [
        {
            "id": f"e{i}",
            "text": ent.text,
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
    for sent in doc.sents:
        text = sent.text.rstrip()
        if text:
            bounds.append([sent.start_char, sent.start_char + len(text)])
    return bounds
