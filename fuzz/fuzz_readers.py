"""Coverage-guided fuzzing of the input readers with atheris (pip install atheris).

    python fuzz/fuzz_readers.py -max_total_time=60          # from the repository root
    python fuzz/fuzz_readers.py crash-<hash>                # replay a crash file

Each input is split into a label (which picks the name-based part of detection), the --plain flag and the
bytes of the input. The target fails on any exception the readers let out, and on article text that keeps
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
    provider = atheris.FuzzedDataProvider(data)
    label = LABELS[provider.ConsumeIntInRange(0, len(LABELS) - 1)]
    plain = provider.ConsumeBool()
    for record in read_bytes(label, provider.ConsumeBytes(len(data)), plain):
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
