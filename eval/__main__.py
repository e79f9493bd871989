"""Run scorers by name: ``python -m eval`` lists them, ``python -m eval NAME [options]`` runs one,
``python -m eval all`` runs every scorer on its full corpus against its floors (the gate)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

NOT_SCORERS = {"common", "__main__", "events_common"}

# The gate: each scorer with the options that run it on its full corpus and fail below its floors.
# The event scorers print JSON; their floors (eval/floors/events.json) are checked by
# tests/test_events_eval.py, which `python -m eval all` runs too.
GATE: list[list[str]] = [
    ["ner_conll"],
    ["time_tempeval3", "--check"],
    ["time_tempeval3", "--corpus", "AQUAINT", "--check"],
    ["geo", "--check"],
    ["actors", "--check-floors"],
    ["quotes_polnear", "--split", "dev", "--check-floors"],
]
EVENTS_GATE = ["pytest", "-q", "-p", "no:cacheprovider", "tests/test_events_eval.py"]


def scorer_names() -> list[str]:
    """Modules of the eval package that define ``main`` (found by name; imported only when run)."""
    folder = Path(__file__).resolve().parent
    return sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name not in NOT_SCORERS)


ROOT = Path(__file__).resolve().parents[1]


def _module(command: list[str]) -> list[str]:
    return command if command[0] == "pytest" else [f"eval.{command[0]}", *command[1:]]


def run_scorer(name: str, argv: Sequence[str]) -> int:
    module = importlib.import_module(f"eval.{name}")
    if not hasattr(module, "main"):
        print(f"eval: eval.{name} has no main()", file=sys.stderr)
        return 2
    return module.main(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    names = scorer_names()
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        print("scorers: " + ", ".join(names))
        return 0
    if args[0] == "all":
        statuses = {}
        for command in [*GATE, EVENTS_GATE]:
            label = " ".join(command)
            print(f"\n## {label}\n", flush=True)
            statuses[label] = subprocess.run([sys.executable, "-m", *_module(command)], cwd=ROOT).returncode
        failed = [name for name, status in statuses.items() if status]
        print("\neval all: " + (f"below floors or failed: {', '.join(failed)}" if failed else "all floors met"))
        return 1 if failed else 0
    if args[0] not in names:
        print(f"eval: no scorer named {args[0]!r}; scorers: {', '.join(names)}", file=sys.stderr)
        return 2
    return run_scorer(args[0], args[1:])


if __name__ == "__main__":
    sys.exit(main())
