"""Build newsgraph/data/events/cameo_codes.tsv from the public CAMEO reference tables in ../shared.

Usage (from the repository root): python scripts/build_cameo_table.py [SHARED_DIR]

Inputs (facts: codes, names, numbers): GDELT's CAMEO event-code names and Goldstein values
(reference/gdelt-cameo-lookups), the CAMEO 1.1b3 code file (reference/CAMEO_codefile.txt, used to
check the code list) and the 2021 CAMEO-to-PLOVER table (eval/events/plover-gsr/CAMEO2PLOVER-2021.txt).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "newsgraph" / "data" / "events" / "cameo_codes.tsv"
COLUMNS = ("code", "root", "label", "quad_class", "goldstein", "plover_event", "plover_mode", "plover_context")


def quad_class(root: str) -> int:
    """GDELT's QuadClass: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict,
    14-20 material conflict."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def read_tsv_pairs(path: Path) -> dict[str, str]:
    rows = path.read_text("utf-8").splitlines()[1:]
    return dict(line.split("\t", 1) for line in rows if "\t" in line)


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([^#]*)", line)
        if not match:
            continue
        fields = [part.strip() for part in match.group(2).split(",")]
        fields += [""] * (3 - len(fields))
        table[match.group(1)] = (fields[0], fields[1].replace(" ", ""), fields[2].replace(" ", ""))
    return table


def build(shared: Path) -> list[dict[str, str]]:
    lookups = shared / "reference" / "gdelt-cameo-lookups"
    names = read_tsv_pairs(lookups / "CAMEO.eventcodes.txt")
    goldstein = read_tsv_pairs(lookups / "CAMEO.goldsteinscale.txt")
    plover = read_plover(shared / "eval" / "events" / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    rows = []
    for code in sorted(names, key=lambda c: (c[:2], c)):
        if len(code) < 3:
            continue
        event, mode, context = plover.get(code, ("", "", ""))
        rows.append(
            {
                "code": code,
                "root": code[:2],
                "label": names[code].strip().replace(", not specified below", ""),
                "quad_class": str(quad_class(code[:2])),
                "goldstein": goldstein[code].strip(),
                "plover_event": event,
                "plover_mode": mode,
                "plover_context": context,
            }
        )
    return rows


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    rows = build(shared)
    lines = ["\t".join(COLUMNS)] + ["\t".join(row[c] for c in COLUMNS) for row in rows]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{OUT}: {len(rows)} codes")


if __name__ == "__main__":
    main()
