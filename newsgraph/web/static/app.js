// The page: a hash router over views that each fetch one JSON endpoint and draw it with DOM calls.
//   #/                 articles (newest first)        /api/articles
//   #/search/WORDS     search results                 /api/search?q=
//   #/article/ID       the evidence view              /api/articles/ID
//   #/actors           actors                         /api/actors
//   #/actor/CODE       timeline, partners, quotes     /api/actors/CODE
//   #/dyad/A/B         cooperation/conflict chart     /api/dyads/A/B
//   #/map              event places on a world map    /api/places

import { el, getJSON, route, routeLink, safeLink, table } from "./dom.js";
import { articleMarks, focusRecord, markedText } from "./evidence.js";
import { periodChart, worldMap } from "./charts.js";

const view = document.getElementById("view");
const q = encodeURIComponent;

function show(...nodes) {
  view.replaceChildren(...nodes);
}

function articleRow(a) {
  return [a.published || "", a.source || "", routeLink(a.title || "(untitled)", "article", a.id),
    String(a.events ?? ""), String(a.quotes ?? "")];
}

async function articlesView(params) {
  const page = Number(params.get("page") || 1);
  const data = await getJSON(`/api/articles?page=${page}&size=20`);
  const pager = el("p", { class: "pager" },
    page > 1 ? el("a", { href: `#/?page=${page - 1}` }, "← newer") : null, ` page ${data.page} of ${Math.max(data.pages, 1)} `,
    page < data.pages ? el("a", { href: `#/?page=${page + 1}` }, "older →") : null);
  show(el("h1", {}, `Articles (${data.total})`),
    table(["published", "outlet", "title", "events", "quotes"], data.items.map(articleRow), { class: "list" }), pager);
}

async function searchView(words) {
  document.getElementById("search-input").value = words;
  const data = await getJSON(`/api/search?q=${q(words)}&limit=50`);
  const items = data.items.map((hit) => el("li", { class: "hit" },
    routeLink(hit.title || "(untitled)", "article", hit.id), " ",
    el("span", { class: "muted" }, `${hit.published || ""} · ${hit.source || ""}`),
    el("p", { class: "snippet" }, hit.snippet)));
  show(el("h1", {}, `Search: ${words}`),
    items.length ? el("ol", { class: "hits", "data-testid": "search-results" }, items) : el("p", {}, "No article matches."));
}

function actorLink(code) {
  return code ? routeLink(code, "actor", code) : "?";
}

async function articleView(id) {
  const a = await getJSON(`/api/articles/${q(id)}`);
  const marks = articleMarks(a);
  const text = markedText(a.text, marks);
  const events = (a.events || []).map((v) => {
    const place = (a.places || []).find((p) => p.id === v.place);
    const pick = el("a", { href: "#", class: "pick" }, v.code || "?");
    pick.addEventListener("click", (e) => { e.preventDefault(); focusRecord(text, v.id); });
    const dyad = v.source && v.target && v.source.actor && v.target.actor
      ? routeLink("chart", "dyad", v.source.actor.slice(0, 3), v.target.actor.slice(0, 3)) : "";
    return [pick, v.label || "", actorLink(v.source && v.source.actor), (v.trigger && v.trigger.text) || "",
      actorLink(v.target && v.target.actor), v.date || "", place ? place.name : "", String(v.goldstein ?? ""), dyad];
  });
  const quotes = (a.quotes || []).map((quote) => {
    const pick = el("a", { href: "#", class: "pick" }, quote.id);
    pick.addEventListener("click", (e) => { e.preventDefault(); focusRecord(text, quote.id); });
    const speaker = quote.speaker || {};
    return [pick, speaker.name || speaker.text || "?", actorLink(speaker.actor), quote.text];
  });
  const actors = (a.actors || []).map((x) => [actorLink(x.code), x.name || "", x.country || "", String((x.mentions || []).length)]);
  show(
    el("article", { class: "evidence" },
      el("h1", { "data-testid": "article-title" }, a.title || "(untitled)"),
      el("p", { class: "muted" }, `${a.published || "undated"} · ${a.source || "unknown outlet"} · `,
        a.url ? safeLink(a.url, "original") : "no address", " · ", el("a", { href: `/api/articles/${q(a.id)}` }, "JSON")),
      a.duplicate_of ? el("p", { class: "muted" }, "A copy of ", routeLink("the first report", "article", a.duplicate_of),
        "; copies are stored unanalysed.") : null,
      el("ul", { class: "legend marks" }, ["ent", "quote", "event", "event-actor", "place"].map((k) =>
        el("li", {}, el("span", { class: `hl-${k}` }, k.replace("-", " "))))),
      text),
    el("section", {}, el("h2", {}, `Events (${events.length})`),
      table(["code", "label", "source", "trigger", "target", "date", "place", "Goldstein", ""], events, { class: "events" })),
    el("section", {}, el("h2", {}, `Quotations (${quotes.length})`), table(["", "speaker", "actor", "quotation"], quotes)),
    el("section", {}, el("h2", {}, `Actors (${actors.length})`), table(["code", "name", "country", "mentions"], actors)),
  );
}

async function actorsView() {
  const data = await getJSON("/api/actors?size=100");
  show(el("h1", {}, `Actors (${data.total})`), table(["code", "name", "country", "articles", "events"],
    data.items.map((x) => [actorLink(x.code), x.name || "", x.country || "", String(x.articles), String(x.events)]),
    { class: "list" }));
}

async function actorView(code, params) {
  const by = params.get("by") || "month";
  const data = await getJSON(`/api/actors/${q(code)}?by=${q(by)}`);
  const partners = data.partners.map((p) => [actorLink(p.partner), String(p.events), String(p.mean_goldstein),
    routeLink("dyad chart", "dyad", data.code, p.partner)]);
  const quotes = data.quotes.map((x) => [x.published || "", x.speaker_name || x.speaker_text || "", x.text || "",
    routeLink("article", "article", x.article_id)]);
  show(el("h1", {}, `Actor ${data.code}`),
    data.timeline.length ? periodChart(data.timeline, `${data.code}: events per ${by}`) : el("p", {}, "No dated events."),
    el("h2", {}, "Partners"), table(["partner", "events", "mean Goldstein", ""], partners),
    el("h2", {}, "Quotations"), table(["published", "speaker", "quotation", ""], quotes));
}

async function dyadView(a, b, params) {
  const by = params.get("by") || "month";
  const data = await getJSON(`/api/dyads/${q(a)}/${q(b)}?by=${q(by)}`);
  const periods = ["day", "week", "month", "quarter", "year"].map((p) =>
    p === by ? el("strong", {}, p) : el("a", { href: `${route("dyad", a, b)}?by=${p}` }, p));
  const rows = data.periods.map((r) => [r.period, String(r.verbal_coop), String(r.material_coop),
    String(r.verbal_conflict), String(r.material_conflict), String(r.events), String(r.mean_goldstein ?? "")]);
  show(el("h1", {}, `${data.a} and ${data.b}`), el("p", { class: "periods" }, "by ", periods.flatMap((p) => [p, " "])),
    data.periods.length ? periodChart(data.periods, `${data.a} – ${data.b}: events per ${by}`) : el("p", {}, "No events between them."),
    table(["period", "verbal coop", "material coop", "verbal conflict", "material conflict", "events", "mean Goldstein"], rows),
    el("p", {}, el("a", { href: `/api/dyads/${q(a)}/${q(b)}?by=${q(by)}` }, "JSON")));
}

async function mapView() {
  const [world, places] = await Promise.all([getJSON("/static/world.json"), getJSON("/api/places")]);
  const detail = el("p", { class: "muted" }, "Dots are places where stored events happened; select one.");
  const map = worldMap(world, places.items, (place) => {
    detail.replaceChildren(`${place.name} (${place.country || "?"}): ${place.events} events in ${place.articles} articles`);
  });
  show(el("h1", {}, `Event places (${places.items.length})`), el("div", { class: "map-box" }, map), detail,
    table(["place", "country", "events", "articles"], places.items.map((p) => [p.name, p.country || "", String(p.events), String(p.articles)])));
}

const ROUTES = [
  [/^$/, (m, params) => articlesView(params)],
  [/^search\/(.*)$/, (m) => searchView(m[1])],
  [/^article\/([^/]+)$/, (m) => articleView(m[1])],
  [/^actors$/, () => actorsView()],
  [/^actor\/([^/]+)$/, (m, params) => actorView(m[1], params)],
  [/^dyad\/([^/]+)\/([^/]+)$/, (m, params) => dyadView(m[1], m[2], params)],
  [/^map$/, () => mapView()],
];

async function render() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  for (const [pattern, draw] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    const decoded = [match[0], ...match.slice(1).map((part) => decodeURIComponent(part))];
    view.setAttribute("aria-busy", "true");
    view.dataset.state = "loading";
    try {
      await draw(decoded, params);
    } catch (error) {
      show(el("p", { class: "error" }, `Could not load this page: ${error.message}`));
    }
    view.removeAttribute("aria-busy");
    view.dataset.state = "ready";
    return;
  }
  show(el("p", { class: "error" }, "No such page."));
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const words = document.getElementById("search-input").value.trim();
  window.location.hash = words ? route("search", words) : "#/";
});
window.addEventListener("hashchange", render);
render();
