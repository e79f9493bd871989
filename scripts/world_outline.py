"""Convert world-atlas's TopoJSON country outlines (npm package world-atlas, ISC licence, from Natural Earth)
into the small JSON file the web page draws: one list of [lon, lat] rings per country.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/world_outline.py package/countries-110m.json newsgraph/web/static/world.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as absolute [lon, lat] points (TopoJSON quantises them as deltas)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring from its arc indices (a negative index ~i walks arc i backwards)."""
    points: list[list[float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for lon, lat in arc[1:] if points else arc:
            point = [round(lon, 1), round(lat, 1)]
            if not points or points[-1] != point:
                points.append(point)
    return points


def countries(topology: dict) -> list[dict]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        out.append({"name": geometry.get("properties", {}).get("name"), "rings": [r for r in rings if len(r) > 2]})
    return out


def main(source: str, target: str) -> None:
    topology = json.loads(Path(source).read_text("utf-8"))
    data = {
        "source": "world-atlas 2.0.2 countries-110m (ISC licence; Natural Earth 1:110m, public domain)",
        "countries": countries(topology),
    }
    Path(target).write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
