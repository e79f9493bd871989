"""Charts of period tables: cooperation and conflict over time, as PNG or SVG."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsgraph.analysis.series import QUAD_NAMES

QUAD_COLOURS = {"verbal_coop": "#7fbf7b", "material_coop": "#1b7837", "verbal_conflict": "#f4a582",
                "material_conflict": "#b2182b"}  # fmt: skip


def plot_period_table(table: pd.DataFrame, title: str, out: str | Path) -> Path:
    """Stacked bars of events by quad class per period, with the mean Goldstein value as a line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"{out}: the plot is written as .png or .svg")
    fig, bars = plt.subplots(figsize=(10, 4.5))
    labels = [str(p) for p in table.index]
    bottom = [0] * len(table)
    for quad in QUAD_NAMES.values():
        values = table[quad].tolist() if quad in table else [0] * len(table)
        bars.bar(labels, values, bottom=bottom, color=QUAD_COLOURS[quad], label=quad.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    bars.set_ylabel("events")
    bars.set_title(title)
    line = bars.twinx()
    line.plot(labels, table["mean_goldstein"].tolist(), color="black", marker="o", label="mean Goldstein")
    line.set_ylabel("mean Goldstein (-10 … +10)")
    line.set_ylim(-10, 10)
    bars.legend(loc="upper left", fontsize="small")
    bars.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
