// storyworld web page: map, timeline, filters, event card, article view, incident view.
// Every string that comes from an article is put in the page with textContent or as a text
// node, never as HTML, so that a hostile title or sentence cannot run code.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const COLORS = {AGREE: "#2a9d8f", CONSULT: "#5fa8d3", SUPPORT: "#8ecae6", CONCEDE: "#90be6d", COOPERATE: "#43aa8b",
  AID: "#4d908e", RETREAT: "#b5838d", REQUEST: "#f4a261", ACCUSE: "#e9c46a", REJECT: "#bc6c25",
  THREATEN: "#e76f51", PROTEST: "#9b5de5", SANCTION: "#6d597a", MOBILIZE: "#577590", COERCE: "#d62828",
  ASSAULT: "#9d0208"};

const state = {events: [], brush: null, map: null, cluster: null};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok || body.ok === false) throw new Error(body.error || response.statusText);
  return body;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById("filter-form"))) if (v) params.set(k, v);
  if (state.brush) { params.set("since", state.brush[0]); params.set("until", state.brush[1]); }
  return params;
}

// -- map ----------------------------------------------------------------------------------
async function initMap() {
  const map = L.map("map", {worldCopyJump: true, preferCanvas: true, minZoom: 2, maxZoom: 12}).setView([25, 30], 3);
  try {
    const topo = await (await fetch("/static/vendor/countries-50m.json")).json();
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {style: {color: "#8aa", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
  } catch (err) { console.warn("basemap", err); }
  state.map = map;
  state.cluster = L.markerClusterGroup({maxClusterRadius: 40});
  map.addLayer(state.cluster);
}

function drawMap(events) {
  state.cluster.clearLayers();
  const markers = [];
  for (const e of events) {
    if (e.lat == null || e.lon == null) continue;
    const marker = L.circleMarker([e.lat, e.lon], {radius: 7, color: "#222", weight: 1,
      fillColor: COLORS[e.type] || "#555", fillOpacity: 0.9});
    marker.options.eventId = e.id;
    marker.on("click", () => showEvent(e.id));
    markers.push(marker);
  }
  state.cluster.addLayers(markers);
}

// -- timeline -----------------------------------------------------------------------------
function dayOf(e) { return (e.date && e.date.length === 10 ? e.date : e.published) || null; }

function drawTimeline(events) {
  const svg = document.getElementById("timeline");
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const days = events.map(dayOf).filter(Boolean).sort();
  if (!days.length) return;
  const start = new Date(days[0]), end = new Date(days[days.length - 1]);
  const span = Math.max(1, Math.round((end - start) / 864e5) + 1);
  const width = svg.clientWidth || 800, height = svg.clientHeight || 140, pad = 20;
  const perDay = {};
  for (const e of events) {
    const d = dayOf(e); if (!d) continue;
    (perDay[d] = perDay[d] || {})[e.type] = ((perDay[d] || {})[e.type] || 0) + 1;
  }
  const max = Math.max(...Object.values(perDay).map(t => Object.values(t).reduce((a, b) => a + b, 0)));
  const bw = (width - 2 * pad) / span;
  const ns = "http://www.w3.org/2000/svg";
  const x = d => pad + Math.round((new Date(d) - start) / 864e5) * bw;
  for (const [d, byType] of Object.entries(perDay)) {
    let y = height - pad;
    for (const t of TYPES) {
      if (!byType[t]) continue;
      const h = (height - 2 * pad) * byType[t] / max;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", x(d)); rect.setAttribute("y", y - h);
      rect.setAttribute("width", Math.max(1, bw - 1)); rect.setAttribute("height", h);
      rect.setAttribute("fill", COLORS[t]); rect.setAttribute("data-day", d);
      const title = document.createElementNS(ns, "title"); title.textContent = `${d} ${t}: ${byType[t]}`;
      rect.append(title); svg.append(rect); y -= h;
    }
  }
  for (const d of [days[0], days[days.length - 1]]) {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", x(d)); label.setAttribute("y", height - 5); label.setAttribute("font-size", "10");
    label.textContent = d; svg.append(label);
  }
  // Brush: drag across the timeline to filter the map to those days.
  const toDay = px => {
    const i = Math.min(span - 1, Math.max(0, Math.floor((px - pad) / bw)));
    return new Date(start.getTime() + i * 864e5).toISOString().slice(0, 10);
  };
  let from = null;
  const band = document.createElementNS(ns, "rect");
  band.setAttribute("fill", "rgba(30,60,200,.15)"); band.setAttribute("y", 0); band.setAttribute("height", height);
  band.setAttribute("id", "brush"); svg.append(band);
  svg.onmousedown = ev => { from = ev.offsetX; band.setAttribute("x", from); band.setAttribute("width", 0); };
  svg.onmousemove = ev => { if (from == null) return;
    band.setAttribute("x", Math.min(from, ev.offsetX)); band.setAttribute("width", Math.abs(ev.offsetX - from)); };
  svg.onmouseup = ev => {
    if (from == null) return;
    const a = toDay(Math.min(from, ev.offsetX)), b = toDay(Math.max(from, ev.offsetX));
    from = null;
    state.brush = [a, b];
    document.getElementById("summary").textContent = `brushed ${a} – ${b}`;
    applyBrush();
  };
}

function applyBrush() {
  const [a, b] = state.brush || ["0000", "9999"];
  const shown = state.events.filter(e => { const d = dayOf(e); return d && d >= a && d <= b; });
  drawMap(shown);
  document.getElementById("summary").textContent = `${shown.length} event(s) from ${a} to ${b}`;
}

// -- event card, article, incident --------------------------------------------------------
function chainGraph(publisher, sources) {
  // The attribution chain as a small graph: publisher → outermost source → … → original speaker.
  const ns = "http://www.w3.org/2000/svg";
  const nodes = [{name: publisher || "(publisher)", kind: "publisher"}, ...sources];
  const w = 150, h = 34, gap = 10;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("data-testid", "chain");
  svg.setAttribute("class", "chain");
  svg.setAttribute("width", w + 20);
  svg.setAttribute("height", nodes.length * (h + gap) + 4);
  nodes.forEach((n, i) => {
    const y = 2 + i * (h + gap);
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", 10); rect.setAttribute("y", y); rect.setAttribute("width", w); rect.setAttribute("height", h);
    rect.setAttribute("rx", 5); rect.setAttribute("class", `node k-${n.kind}`);
    const name = document.createElementNS(ns, "text");
    name.setAttribute("x", 16); name.setAttribute("y", y + 14); name.setAttribute("font-size", "11");
    name.textContent = n.name.length > 26 ? n.name.slice(0, 25) + "…" : n.name;
    const kind = document.createElementNS(ns, "text");
    kind.setAttribute("x", 16); kind.setAttribute("y", y + 27); kind.setAttribute("font-size", "9");
    kind.setAttribute("fill", "#666"); kind.textContent = i ? n.kind : "publisher";
    const title = document.createElementNS(ns, "title"); title.textContent = `${n.name} (${i ? n.kind : "publisher"})`;
    svg.append(rect, name, kind, title);
    if (i) {
      const line = document.createElementNS(ns, "path");
      line.setAttribute("d", `M ${10 + w / 2} ${y - gap} L ${10 + w / 2} ${y - 2} M ${10 + w / 2 - 4} ${y - 6} L ${10 + w / 2} ${y - 2} L ${10 + w / 2 + 4} ${y - 6}`);
      line.setAttribute("stroke", "#555"); line.setAttribute("fill", "none");
      svg.append(line);
    }
  });
  const box = el("div", {class: "chain-box"}, svg);
  if (!sources.length) box.append(el("div", {class: "muted", text: "the outlet's own voice"}));
  return box;
}

function highlighted(text, spans, testid) {
  // spans: [{start, end, kind}] — text nodes between marks, never HTML.
  const out = el("div", {class: "article-text", "data-testid": testid});
  const sorted = spans.filter(s => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    out.append(document.createTextNode(text.slice(pos, s.start)));
    out.append(el("mark", {class: `k-${s.kind}`, title: s.label || s.kind, text: text.slice(s.start, s.end)}));
    pos = s.end;
  }
  out.append(document.createTextNode(text.slice(pos)));
  return out;
}

async function showEvent(id) {
  const {event: e, incident_id} = await getJSON(`/api/events/${id}`);
  const card = document.getElementById("card");
  card.replaceChildren();
  card.hidden = false;
  document.getElementById("hint").hidden = true;
  const who = (r, c) => r ? `${r}${c ? ` (${c})` : ""}` : "—";
  const place = e.location_name || e.location_text;
  card.append(el("div", {class: "card"},
    el("h2", {text: `${e.type}${e.mode ? " · " + e.mode : ""} — ${e.modality}`}),
    el("dl", {},
      el("dt", {text: "actor"}), el("dd", {text: who(e.actor_name || e.actor_text, e.actor_country)}),
      el("dt", {text: "target"}), el("dd", {text: who(e.target_name || e.target_text, e.target_country)}),
      el("dt", {text: "place"}), el("dd", {text: place ? `${place} (${e.location_precision || "?"})` : "—"}),
      el("dt", {text: "date"}), el("dd", {text: e.date ? `${e.date} (${e.date_precision})` : "—"}),
      el("dt", {text: "CAMEO / ACLED"}), el("dd", {text: `${e.cameo || "—"} / ${e.acled || "—"}`}),
      el("dt", {text: "article"}), el("dd", {text: `${e.title || "(untitled)"} — ${e.outlet || ""} ${e.published || ""}`})),
    el("div", {class: "muted", text: "who says so:"}), chainGraph(e.outlet, e.sources),
    incident_id ? el("a", {class: "link", "data-testid": "incident-link", text: `incident #${incident_id}`,
      onclick: () => showIncident(incident_id)}) : null));
  const {analysis} = await getJSON(`/api/documents/${encodeURIComponent(e.document_id)}`);
  showArticle(analysis, e);
}

function showArticle(analysis, event) {
  const box = document.getElementById("article");
  box.replaceChildren();
  box.hidden = false;
  if (!analysis) return;
  const text = analysis.document.text;
  const spans = [];
  if (event) spans.push({start: event.evidence_start, end: event.evidence_end, kind: "event", label: "evidence"});
  else for (const ev of analysis.events) spans.push({start: ev.evidence.start, end: ev.evidence.end, kind: "event"});
  if (!event) {
    for (const a of analysis.actors) spans.push({start: a.start, end: a.end, kind: "actor", label: a.country || ""});
    for (const p of analysis.places) spans.push({start: p.start, end: p.end, kind: "place", label: p.name || ""});
    for (const t of analysis.times) spans.push({start: t.start, end: t.end, kind: "time", label: t.value || ""});
    for (const c of analysis.claims) spans.push({start: c.start, end: c.end, kind: "claim",
      label: `${c.cue}: ${c.sources.map(s => s.name).join(" > ")}`});
  }
  box.append(el("h2", {text: analysis.document.title || "(untitled)"}),
    el("div", {class: "kinds"}, ...["event", "actor", "place", "time", "claim"].map(k => el("mark", {class: `k-${k}`, text: k}))),
    highlighted(text, spans, "article-text"),
    event ? el("a", {class: "link", text: "show every extracted span", onclick: () => showArticle(analysis, null)}) : null);
}

async function showIncident(id) {
  const {incident} = await getJSON(`/api/incidents/${id}`);
  const box = document.getElementById("incident");
  box.replaceChildren();
  box.hidden = false;
  const rows = incident.reports.map(r => el("tr", {},
    el("td", {text: r.document.published || ""}), el("td", {text: r.document.outlet || ""}),
    el("td", {text: r.sources.map(s => s.name).join(" > ") || "(own voice)"}),
    el("td", {text: r.duplicate_of ? "copy" : ""}), el("td", {text: r.event.evidence.text})));
  box.append(el("h2", {text: `Incident #${incident.id}: ${incident.type} ${incident.date || ""}`}),
    el("p", {"data-testid": "origins", text: `${incident.reports.length} report(s), ${incident.independent_origins} independent origin(s): ` +
      incident.origins.map(o => o.name).join("; ")}),
    el("table", {class: "reports"}, ...rows),
    ...incident.conflicts.map(c => el("p", {class: "muted", text: `disagreement on ${c.field}: ` +
      c.values.map(v => `${v.value} (${v.sources.map(s => s.name).join(", ")})`).join(" vs ")})));
}

// -- loading ------------------------------------------------------------------------------
async function load() {
  const params = filterParams();
  params.set("limit", "5000");
  const t0 = performance.now();
  const body = await getJSON(`/api/events?${params}`);
  state.events = body.events;
  drawMap(state.events);
  drawTimeline(state.events);
  document.getElementById("summary").textContent =
    `${body.events.length} of ${body.total} event(s) — ${Math.round(performance.now() - t0)} ms`;
  document.body.dataset.loaded = "true";
}

function initFilters() {
  const select = document.getElementById("f-type");
  const legend = document.getElementById("legend");
  for (const t of TYPES) {
    select.append(el("option", {text: t, value: t}));
    legend.append(el("span", {}, el("i", {style: `background:${COLORS[t]}`}), t));
  }
  document.getElementById("filter-form").addEventListener("submit", ev => {
    ev.preventDefault(); state.brush = null; load();
  });
  // not id="reset": a control named "reset" would shadow form.reset()
  document.getElementById("clear").addEventListener("click", () => {
    document.getElementById("filter-form").reset(); state.brush = null; load();
  });
}

window.addEventListener("DOMContentLoaded", async () => {
  initFilters();
  await initMap();
  await load();
  window.storyworld = {showEvent, showIncident, state};
});
