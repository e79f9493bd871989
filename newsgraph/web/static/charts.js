// Charts drawn as SVG by our code: stacked bars of events per period by quad class, with the mean
// Goldstein value as a line on its own axis (-10 … +10); and the world map with event places.

import { el, svg } from "./dom.js";

export const QUAD_CLASSES = [
  ["verbal_coop", "verbal cooperation", "#7fbf7b"],
  ["material_coop", "material cooperation", "#1b7837"],
  ["verbal_conflict", "verbal conflict", "#f4a582"],
  ["material_conflict", "material conflict", "#b2182b"],
];

/** Stacked bars per period (rows of a period table) and the mean Goldstein line. */
export function periodChart(rows, title) {
  const W = 760, H = 320, left = 44, right = 48, top = 28, bottom = 56;
  const plotW = W - left - right, plotH = H - top - bottom;
  const maxEvents = Math.max(1, ...rows.map((r) => r.events || 0));
  const step = plotW / Math.max(rows.length, 1);
  const barW = Math.max(4, Math.min(48, step * 0.7));
  const y = (v) => top + plotH - (v / maxEvents) * plotH;
  const yG = (g) => top + plotH / 2 - (g / 10) * (plotH / 2);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": title });
  chart.append(svg("title", {}, title));
  chart.append(svg("line", { x1: left, x2: left + plotW, y1: top + plotH, y2: top + plotH, class: "axis" }));
  chart.append(svg("line", { x1: left, x2: left + plotW, y1: yG(0), y2: yG(0), class: "zero" }));
  for (const tick of niceTicks(maxEvents)) {
    chart.append(svg("text", { x: left - 6, y: y(tick) + 4, class: "tick", "text-anchor": "end" }, String(tick)));
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    chart.append(svg("text", { x: left + plotW + 6, y: yG(g) + 4, class: "tick goldstein" }, String(g)));
  }
  const line = [];
  rows.forEach((row, i) => {
    const x = left + step * i + (step - barW) / 2;
    let base = 0;
    for (const [key, label, colour] of QUAD_CLASSES) {
      const value = row[key] || 0;
      if (value > 0) {
        const bar = svg("rect", {
          x, width: barW, y: y(base + value), height: y(base) - y(base + value), fill: colour, class: "bar",
          "data-quad": key,
        });
        bar.append(svg("title", {}, `${row.period}: ${value} ${label}`));
        chart.append(bar);
      }
      base += value;
    }
    const label = svg("text", { x: x + barW / 2, y: top + plotH + 16, class: "tick", "text-anchor": "middle" }, String(row.period));
    chart.append(label);
    if (row.mean_goldstein !== null && row.mean_goldstein !== undefined) line.push([x + barW / 2, yG(row.mean_goldstein), row]);
  });
  if (line.length) {
    chart.append(svg("polyline", { points: line.map(([px, py]) => `${px},${py}`).join(" "), class: "goldstein-line" }));
    for (const [px, py, row] of line) {
      const dot = svg("circle", { cx: px, cy: py, r: 3.5, class: "goldstein-dot" });
      dot.append(svg("title", {}, `${row.period}: mean Goldstein ${row.mean_goldstein}`));
      chart.append(dot);
    }
  }
  chart.append(svg("text", { x: left, y: 16, class: "chart-title" }, title));
  chart.append(svg("text", { x: 4, y: top + plotH / 2, class: "tick", transform: `rotate(-90 10 ${top + plotH / 2})` }, "events"));
  return el("figure", { class: "chart-box" }, chart, legend());
}

function legend() {
  const items = QUAD_CLASSES.map(([, label, colour]) =>
    el("li", {}, el("span", { class: "swatch", "data-colour": colour }), label));
  items.push(el("li", {}, el("span", { class: "swatch line" }), "mean Goldstein (right axis)"));
  const list = el("ul", { class: "legend" }, items);
  // Colours are set through the CSSOM: inline style attributes would need 'unsafe-inline' in the page's policy.
  for (const swatch of list.querySelectorAll("[data-colour]")) swatch.style.background = swatch.dataset.colour;
  return list;
}

function niceTicks(max) {
  const step = Math.max(1, Math.ceil(max / 4));
  const ticks = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}

/** The world outline (equirectangular) with a dot per event place, sized by its number of events. */
export function worldMap(world, places, onPick) {
  const W = 960, H = 480;
  const px = (lon) => ((lon + 180) / 360) * W;
  const py = (lat) => ((90 - lat) / 180) * H;
  const map = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img", "aria-label": "Map of event places" });
  map.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (const country of world.countries) {
    const d = country.rings.map((ring) => ringPath(ring, px, py)).join("");
    const path = svg("path", { d, class: "land" });
    if (country.name) path.append(svg("title", {}, country.name));
    map.append(path);
  }
  for (const place of places) {
    const dot = svg("circle", {
      cx: px(place.lon), cy: py(place.lat), r: 3 + Math.sqrt(place.events) * 2, class: "place-dot",
    });
    dot.append(svg("title", {}, `${place.name} (${place.country || "?"}): ${place.events} events in ${place.articles} articles`));
    if (onPick) dot.addEventListener("click", () => onPick(place));
    map.append(dot);
  }
  return map;
}

/** An SVG path for one ring. A ring crossing the antimeridian is unwrapped to one side (its far part
 * falls outside the map and is clipped) instead of drawing a line across the whole map. */
function ringPath(ring, px, py) {
  const crosses = ring.some(([lon], i) => i > 0 && Math.abs(lon - ring[i - 1][0]) > 180);
  const east = ring.reduce((sum, [lon]) => sum + lon, 0) > 0;
  const unwrap = (lon) => (east && lon < 0 ? lon + 360 : !east && lon > 0 ? lon - 360 : lon);
  let points = ring;
  if (crosses) {
    const unwrapped = ring.map(([lon, lat]) => [unwrap(lon), lat]);
    const lons = unwrapped.map(([lon]) => lon);
    // A ring that circles the pole (Antarctica) spans every longitude either way: it is drawn as it is.
    if (Math.max(...lons) - Math.min(...lons) < 270) points = unwrapped;
  }
  return "M" + points.map(([lon, lat]) => `${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join("L") + "Z";
}
