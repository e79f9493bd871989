// The evidence view: an article's text with its entities, quotations and events marked from their
// character offsets. Overlapping marks are handled by cutting the text at every mark boundary; each
// piece is one <span> carrying the classes of every mark covering it, and its text is a text node.

import { el } from "./dom.js";

const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

/** The marks of an article: {start, end, kind, note, key}. */
export function articleMarks(article) {
  const marks = [];
  const add = (start, end, kind, note, key) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) marks.push({ start, end, kind, note, key });
  };
  for (const e of article.entities || []) {
    add(e.start, e.end, "ent", `${e.label}${e.actor ? " · actor " + e.actor : ""}`, e.id);
  }
  for (const q of article.quotes || []) {
    const who = q.speaker ? q.speaker.name || q.speaker.text : "unknown speaker";
    add(q.start, q.end, "quote", `quotation (${q.kind}) by ${who}${q.speaker && q.speaker.actor ? " · " + q.speaker.actor : ""}`, q.id);
    if (q.speaker) add(q.speaker.start, q.speaker.end, "speaker", `speaker of ${q.id}`, q.id);
  }
  for (const v of article.events || []) {
    const note = eventNote(v, article);
    if (v.trigger) add(v.trigger.start, v.trigger.end, "event", note, v.id);
    if (v.source) add(v.source.start, v.source.end, "event-actor", `source of ${v.id}: ${v.source.actor || "?"}`, v.id);
    if (v.target) add(v.target.start, v.target.end, "event-actor", `target of ${v.id}: ${v.target.actor || "?"}`, v.id);
  }
  for (const p of article.places || []) add(p.start, p.end, "place", `place: ${p.name} (${p.country || "?"})`, p.id);
  return marks;
}

/** A one-line description of an event: code, quad class, actors, date, place. */
export function eventNote(v, article) {
  const place = (article.places || []).find((p) => p.id === v.place);
  const actors = `${(v.source && v.source.actor) || "?"} → ${(v.target && v.target.actor) || "?"}`;
  const quad = QUADS[v.quad_class] || "unclassified";
  return `event ${v.code}${v.label ? " " + v.label : ""} (${quad}, Goldstein ${v.goldstein ?? "?"}): ${actors}` +
    `${v.date ? " on " + v.date : ""}${place ? " in " + place.name : ""}`;
}

/** The article text as a paragraph of pieces, each piece a span with the classes of its marks. */
export function markedText(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(m.start, text.length)));
    cuts.add(Math.max(0, Math.min(m.end, text.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const body = el("div", { class: "article-text", "data-testid": "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const covering = marks.filter((m) => m.start <= start && m.end >= end);
    if (!covering.length) {
      body.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(covering.map((m) => "hl-" + m.kind))];
    const span = el("span", { class: kinds.join(" "), title: covering.map((m) => m.note).join("\n") }, piece);
    span.dataset.marks = covering.map((m) => m.key).join(" ");
    body.append(span);
  }
  return body;
}

/** Emphasise the pieces of one record (an event, quotation or place) and bring them into view. */
export function focusRecord(container, key) {
  for (const node of container.querySelectorAll(".hl-focus")) node.classList.remove("hl-focus");
  const pieces = [...container.querySelectorAll("[data-marks]")].filter((n) => n.dataset.marks.split(" ").includes(key));
  for (const node of pieces) node.classList.add("hl-focus");
  if (pieces.length) pieces[0].scrollIntoView({ block: "center", behavior: "smooth" });
}
