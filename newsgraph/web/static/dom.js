// Building the page from data with DOM calls only: every string from the server becomes a text node,
// never markup, so article text (untrusted) cannot add elements, attributes or scripts.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An element with attributes and children; strings become text nodes, null children are skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.setAttribute("class", value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) throw new Error(`event handlers are attached with addEventListener: ${name}`);
    else node.setAttribute(name, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A link inside the page (a hash route built from encoded parts). */
export function route(...parts) {
  return "#/" + parts.map((p) => encodeURIComponent(String(p))).join("/");
}

export function routeLink(text, ...parts) {
  return el("a", { href: route(...parts) }, text);
}

/** A link to an outside address, only when it is http(s); anything else (javascript:, data:) stays text. */
export function safeLink(url, text) {
  try {
    const parsed = new URL(url, window.location.href);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank" }, text || url);
    }
  } catch (_) {
    // not a URL: shown as text below
  }
  return el("span", { class: "muted" }, text || url);
}

/** A table from column titles and rows of cells (strings or nodes). */
export function table(headers, rows, attrs = {}) {
  return el(
    "table",
    attrs,
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell) => el("td", {}, cell ?? ""))))),
  );
}

/** JSON from our API, with the server's error message on failure. */
export async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}
