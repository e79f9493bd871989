"""Coverage-guided fuzzing of the input readers with atheris (pip install atheris).

    python fuzz/fuzz_readers.py -max_total_time=60 CORPUS_DIR   # from the repository root
    python fuzz/fuzz_readers.py crash-<hash>                    # replay a crash file

Byte 0 of each input picks a label (the name-based part of detection), byte 1 the --plain flag, and the
rest is the input; tests/test_ingest_fuzz.py writes a seed corpus in that form from real files. The target fails on any exception the readers let out, and on article text that keeps
control characters, lone surrogates or cannot be encoded as UTF-8.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports(include=["newsgraph.ingest"]):
    from newsgraph.ingest import read_bytes
    from newsgraph.model import InputError, RawArticle

LABELS = ("a.txt", "a.html", "a.rss", "a.jsonl", "a.warc", "a.warc.gz", "-", "noext")
FORBIDDEN = {
    False: re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"),
    True: re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]"),
}


def check_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    # Byte 0 picks the label, byte 1 the --plain flag, so a seed is two bytes and then a real file.
    label = LABELS[data[0] % len(LABELS)]
    plain = bool(data[1] & 1)
    for record in read_bytes(label, data[2:], plain):
        if isinstance(record, InputError):
            assert record.error and "\n" not in record.error, record
            continue
        assert isinstance(record, RawArticle), record
        assert not FORBIDDEN[plain].search(record.text), repr(record.text[:200])
        record.text.encode("utf-8")


def main() -> None:
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
