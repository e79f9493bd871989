"""Build newsgraph/data/events/cameo_codes.tsv from the public CAMEO reference tables in ../shared.

Usage (from the repository root): python scripts/build_cameo_table.py [SHARED_DIR]

Inputs (facts: codes, names, numbers): the CAMEO 1.1b3 code list and labels
(reference/CAMEO_codefile.txt; GDELT's names file shuffles the 10x labels), GDELT's Goldstein values
(reference/gdelt-cameo-lookups) and the 2021 CAMEO-to-PLOVER table
(eval/events/plover-gsr/CAMEO2PLOVER-2021.txt).
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


def read_codefile(path: Path) -> dict[str, str]:
    """CAMEO 1.1b3 labels (the last LABEL line of each code, which fixes typos; ICEWS's LABELi variants are skipped)."""
    labels: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"^LABEL:\s*(\d{3,4})=\s*(.+)$", line)
        if match:
            labels[match.group(1)] = match.group(2).strip()
    return labels


def read_goldstein(lookups: Path) -> dict[str, str]:
    """GDELT's Goldstein values; one code (106) survives only inside a merged line of the names file,
    written there as "106:[-5.0]"."""
    values = {code: value.strip() for code, value in read_tsv_pairs(lookups / "CAMEO.goldsteinscale.txt").items()}
    names = (lookups / "CAMEO.eventcodes.txt").read_text("utf-8")
    for code, value in re.findall(r"(\d{3,4}):\[(-?\d+(?:\.\d+)?)\]", names):
        values.setdefault(code, value)
    return values


def build(shared: Path) -> list[dict[str, str]]:
    labels = read_codefile(shared / "reference" / "CAMEO_codefile.txt")
    goldstein = read_goldstein(shared / "reference" / "gdelt-cameo-lookups")
    plover = read_plover(shared / "eval" / "events" / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    rows = []
    for code in sorted(labels, key=lambda c: (c[:2], c)):
        if code not in goldstein:
            print(f"skipped {code}: no Goldstein value", file=sys.stderr)
            continue
        event, mode, context = plover.get(code, ("", "", ""))
        rows.append(
            {
                "code": code,
                "root": code[:2],
                "label": labels[code],
                "quad_class": str(quad_class(code[:2])),
                "goldstein": goldstein[code],
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
