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

const state = {events: [], shown: [], total: 0, days: [], undated: 0, brush: null, map: null, cluster: null, highlight: null,
  selected: null, incident: null, sort: "reports", tab: "events", listLimit: 200, inView: false};
const FILTERS = ["type", "modality", "country", "actor", "source", "since", "until", "q"];
const LOAD_LIMIT = 5000;  // the API's page size: the newest 5,000 matches are drawn, the header says of how many

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

function formParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById("filter-form"))) if (v) params.set(k, v);
  return params;
}

function filterParams() {
  // the form's filters, narrowed to the brushed days (what the page shows)
  const params = formParams();
  if (state.brush) { params.set("since", state.brush[0]); params.set("until", state.brush[1]); }
  return params;
}

// -- URL state: filters, brush, selected event and incident, open tab and sort, in the query ------
function urlParams() {
  const params = formParams();
  if (state.brush) params.set("brush", state.brush.join(".."));
  if (state.selected != null) params.set("event", state.selected);
  if (state.incident != null) params.set("incident", state.incident);
  if (state.tab !== "events") params.set("tab", state.tab);
  if (state.sort !== "reports") params.set("sort", state.sort);
  return params;
}

function writeURL({push = true} = {}) {
  const query = urlParams().toString();
  const url = `${location.pathname}${query ? "?" + query : ""}`;
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

function readURL() {
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("filter-form");
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const brush = (params.get("brush") || "").split("..");
  state.brush = brush.length === 2 && day.test(brush[0]) && day.test(brush[1]) ? brush : null;
  const id = v => (/^\d{1,15}$/.test(v || "") ? Number(v) : null);
  state.selected = id(params.get("event"));
  state.incident = id(params.get("incident"));
  state.tab = params.get("tab") === "incidents" ? "incidents" : "events";
  state.sort = ["reports", "origins", "recent"].includes(params.get("sort")) ? params.get("sort") : "reports";
  document.getElementById("incident-sort").value = state.sort;
}

async function restore() {
  // the view a URL names: filters and brush, then the selected event and incident
  await load();
  const hint = document.getElementById("hint");
  try {
    if (state.selected != null) await showEvent(state.selected, {push: false});
    else clearSelection();
  } catch (err) {  // a link to an event that is not (or no longer) in the store
    clearSelection();
    hint.hidden = false;
    hint.textContent = err.message;
  }
  try {
    if (state.incident != null) await showIncident(state.incident, {push: false});
    else document.getElementById("incident").hidden = true;
  } catch (err) {
    state.incident = null;
    document.getElementById("incident").hidden = true;
    hint.hidden = false;
    hint.textContent = err.message;
  }
}

// -- map ----------------------------------------------------------------------------------
function initMap() {
  // the basemap is fetched and drawn in its own pane, under the events, while the events load
  const map = L.map("map", {worldCopyJump: true, preferCanvas: true, minZoom: 2, maxZoom: 12}).setView([25, 30], 3);
  map.createPane("basemap").style.zIndex = 250;
  state.basemap = fetch("/static/vendor/countries-50m.json").then(r => r.json()).then(topo => {
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {pane: "basemap", renderer: L.canvas({pane: "basemap"}), interactive: false,
      style: {color: "#8aa", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
  }).catch(err => console.warn("basemap", err));
  state.map = map;
  state.cluster = L.markerClusterGroup({maxClusterRadius: 40});
  map.addLayer(state.cluster);
  map.on("moveend", () => { if (state.inView) drawList(); });
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

function highlightOnMap(e) {
  // the selected event: a ring above the clusters, and the map moved to it
  if (state.highlight) { state.highlight.remove(); state.highlight = null; }
  if (!e || e.lat == null || e.lon == null) return;
  state.highlight = L.marker([e.lat, e.lon], {interactive: false, keyboard: false, zIndexOffset: 1000,
    icon: L.divIcon({className: "selected-marker", iconSize: [26, 26]})}).addTo(state.map);
  state.map.setView([e.lat, e.lon], Math.max(state.map.getZoom(), 8), {animate: false});
}

function clearSelection() {
  state.selected = null;
  document.getElementById("hint").hidden = state.incident != null;
  highlightOnMap(null);
  document.getElementById("card").hidden = true;
  document.getElementById("article").hidden = true;
  markRow();
}

// -- event list ---------------------------------------------------------------------------
function who(name, country) { return name ? `${name}${country ? ` (${country})` : ""}` : "—"; }

function chainText(e) {
  return [e.outlet || "(publisher)", ...(e.sources || []).map(s => s.name)].join(" › ");
}

function listed() {
  if (!state.inView) return state.shown;
  const bounds = state.map.getBounds();
  return state.shown.filter(e => e.lat != null && e.lon != null && bounds.contains([e.lat, e.lon]));
}

function drawList() {
  const rows = listed();
  const body = document.getElementById("event-rows");
  const selectedAt = rows.findIndex(e => e.id === state.selected);
  if (selectedAt >= state.listLimit) state.listLimit = selectedAt + 1;
  const frag = document.createDocumentFragment();
  for (const e of rows.slice(0, state.listLimit)) {
    const tr = el("tr", {"data-id": e.id, tabindex: "0"},
      el("td", {text: e.date || (e.published ? `(${e.published})` : "—")}),
      el("td", {}, el("i", {class: `dot t-${e.type}`}), document.createTextNode(e.type)),
      el("td", {text: `${who(e.actor_name || e.actor_text, e.actor_country)} → ${who(e.target_name || e.target_text, e.target_country)}`}),
      el("td", {text: e.location_name || e.location_text || "—"}),
      el("td", {text: chainText(e)}));
    frag.append(tr);
  }
  body.replaceChildren(frag);
  const more = document.getElementById("list-more");
  more.hidden = rows.length <= state.listLimit;
  more.textContent = `show ${Math.min(500, rows.length - state.listLimit)} more of ${rows.length - state.listLimit}`;
  document.getElementById("list-count").textContent = `${rows.length} event(s)${state.inView ? " in view" : ""}`;
  markRow();
}

function markRow() {
  const body = document.getElementById("event-rows");
  for (const tr of body.querySelectorAll("tr.selected")) { tr.classList.remove("selected"); tr.removeAttribute("aria-selected"); }
  if (state.selected == null) return;
  const tr = body.querySelector(`tr[data-id="${state.selected}"]`);
  if (tr) { tr.classList.add("selected"); tr.setAttribute("aria-selected", "true"); tr.scrollIntoView({block: "nearest"}); }
}

// -- incidents list -----------------------------------------------------------------------
async function loadIncidents() {
  const params = filterParams();
  params.set("sort", state.sort);
  params.set("limit", "500");
  const body = await getJSON(`/api/incidents?${params}`);
  const rows = body.incidents.map(i => el("tr", {"data-id": i.id, tabindex: "0",
    class: i.id === state.incident ? "selected" : ""},
    el("td", {text: `#${i.id}`}), el("td", {text: i.date || "—"}), el("td", {text: i.type || ""}),
    el("td", {text: (i.location && (i.location.name || i.location.text)) || "—"}),
    el("td", {class: "num", text: String(i.reports.length)}), el("td", {class: "num", text: String(i.independent_origins)}),
    el("td", {text: i.origins.map(o => o.name).join("; ")})));
  document.getElementById("incident-rows").replaceChildren(...rows);
  document.getElementById("incident-count").textContent = `${body.incidents.length} incident(s)`;
}

function showTab(tab) {
  state.tab = tab;
  for (const name of ["events", "incidents"]) {
    document.getElementById(`tab-${name}`).setAttribute("aria-selected", String(name === tab));
    document.getElementById(`panel-${name}`).hidden = name !== tab;
  }
}

// -- downloads ----------------------------------------------------------------------------
function updateDownloads() {
  const params = filterParams();
  params.set("limit", String(LOAD_LIMIT));
  for (const format of ["csv", "geojson"]) {
    params.set("format", format);
    document.getElementById(`dl-${format}`).href = `/api/events?${params}`;
  }
  const incidents = filterParams();
  incidents.set("sort", state.sort);
  incidents.set("limit", "1000");
  incidents.set("format", "csv");
  document.getElementById("dl-incidents-csv").href = `/api/incidents?${incidents}`;
  incidents.set("format", "geojson");
  document.getElementById("dl-incidents-geojson").href = `/api/incidents?${incidents}`;
}

// -- timeline -----------------------------------------------------------------------------

const DAY = 864e5;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function ticks(start, end, width) {
  // dates for the axis: whole days, weeks, months or years, at most one per ~80 px
  const span = (end - start) / DAY + 1, room = Math.max(2, Math.floor(width / 80));
  const iso = t => new Date(t).toISOString().slice(0, 10);
  const out = [];
  const dayStep = [1, 2, 7, 14].find(n => span / n <= room);
  if (dayStep) {
    for (let t = start.getTime(); t <= end.getTime(); t += dayStep * DAY) {
      const d = new Date(t);
      out.push([iso(t), `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`]);
    }
    return out;
  }
  const months = span / 30.4;
  const monthStep = [1, 2, 3, 6].find(n => months / n <= room);
  if (monthStep) {
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    for (; d <= end; d.setUTCMonth(d.getUTCMonth() + monthStep)) {
      const m = d.getUTCMonth();
      out.push([iso(d.getTime()), m === 0 || !out.length ? `${MONTHS[m]} ${d.getUTCFullYear()}` : MONTHS[m]]);
    }
    return out;
  }
  const years = span / 365.25;
  const yearStep = [1, 2, 5, 10, 20, 50].find(n => years / n <= room) || 100;
  for (let y = Math.ceil((start.getUTCFullYear() + 1) / yearStep) * yearStep; y <= end.getUTCFullYear(); y += yearStep) {
    out.push([`${y}-01-01`, String(y)]);
  }
  return out;
}

function noteUndated(undated, total) {
  const note = document.getElementById("undated-note");
  note.hidden = !undated;
  if (!undated) return;
  note.textContent = undated === total
    ? `None of these ${total} event(s) has a date to the day, in its text or as the article's publication ` +
      "date, so the timeline is empty; they are on the map and in the list."
    : `${undated} of ${total} event(s) have no date to the day (in the text or as a publication date) ` +
      "and are not on the timeline.";
}

function drawTimeline() {
  // every matching event (the API counts them per day), not only the ones drawn on the map
  const svg = document.getElementById("timeline");
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  let dated = 0;
  for (const [, , n] of state.days) dated += n;
  noteUndated(state.undated, dated + state.undated);
  if (!state.days.length) return;
  const first = state.days[0][0], last = state.days[state.days.length - 1][0];
  const start = new Date(first), end = new Date(last);
  const span = Math.max(1, Math.round((end - start) / DAY) + 1);
  const width = svg.clientWidth || 800, height = svg.clientHeight || 140, pad = 20, axis = 22;
  const bw = (width - 2 * pad) / span;
  // one bar per day, or per bin of days when days are narrower than 3 px (years of news)
  const bin = Math.max(1, Math.ceil(3 / bw));
  const perBin = new Map();
  for (const [d, type, n] of state.days) {
    const i = Math.floor(Math.round((new Date(d) - start) / DAY) / bin);
    const byType = perBin.get(i) || perBin.set(i, {}).get(i);
    byType[type] = (byType[type] || 0) + n;
  }
  const max = Math.max(...[...perBin.values()].map(t => Object.values(t).reduce((a, b) => a + b, 0)));
  const ns = "http://www.w3.org/2000/svg";
  const x = d => pad + Math.round((new Date(d) - start) / DAY) * bw;
  const iso = t => new Date(t).toISOString().slice(0, 10);
  const base = height - axis;
  const frag = document.createDocumentFragment();
  for (const [i, byType] of perBin) {
    const d = iso(start.getTime() + i * bin * DAY);
    const label = bin > 1 ? `${d} – ${iso(Math.min(end.getTime(), start.getTime() + ((i + 1) * bin - 1) * DAY))}` : d;
    let y = base;
    for (const t of TYPES) {
      if (!byType[t]) continue;
      const h = (base - 8) * byType[t] / max;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", pad + i * bin * bw); rect.setAttribute("y", y - h);
      rect.setAttribute("width", Math.max(1, bin * bw - 1)); rect.setAttribute("height", h);
      rect.setAttribute("fill", COLORS[t]); rect.setAttribute("data-day", d);
      const title = document.createElementNS(ns, "title"); title.textContent = `${label} ${t}: ${byType[t]}`;
      rect.append(title); frag.append(rect); y -= h;
    }
  }
  svg.append(frag);
  // the axis: a base line, and a tick with a label at each whole day, week, month or year
  const line = document.createElementNS(ns, "line");
  line.setAttribute("x1", pad); line.setAttribute("x2", width - pad); line.setAttribute("y1", base);
  line.setAttribute("y2", base); line.setAttribute("class", "axis");
  svg.append(line);
  for (const [d, text] of ticks(start, end, width - 2 * pad)) {
    const tx = x(d) + (bw > 6 ? bw / 2 : 0);
    const g = document.createElementNS(ns, "g");
    g.setAttribute("class", "tick"); g.setAttribute("data-date", d);
    const mark = document.createElementNS(ns, "line");
    mark.setAttribute("x1", tx); mark.setAttribute("x2", tx); mark.setAttribute("y1", base); mark.setAttribute("y2", base + 4);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", tx); label.setAttribute("y", base + 15); label.setAttribute("font-size", "10");
    // labels near an end are anchored inward, so none is clipped
    label.setAttribute("text-anchor", tx < 40 ? "start" : tx > width - 40 ? "end" : "middle");
    label.textContent = text;
    g.append(mark, label);
    svg.append(g);
  }
  // Brush: drag across the timeline to filter the map and the list to those days.
  const toDay = px => {
    const i = Math.min(span - 1, Math.max(0, Math.floor((px - pad) / bw)));
    return new Date(start.getTime() + i * DAY).toISOString().slice(0, 10);
  };
  let from = null;
  const band = document.createElementNS(ns, "rect");
  band.setAttribute("fill", "rgba(30,60,200,.15)"); band.setAttribute("y", 0); band.setAttribute("height", height);
  band.setAttribute("id", "brush"); svg.append(band);
  if (state.brush) {
    const a = x(state.brush[0]), b = x(state.brush[1]) + bw;
    band.setAttribute("x", Math.min(a, b)); band.setAttribute("width", Math.abs(b - a));
  }
  svg.onmousedown = ev => { from = ev.offsetX; band.setAttribute("x", from); band.setAttribute("width", 0); };
  svg.onmousemove = ev => { if (from == null) return;
    band.setAttribute("x", Math.min(from, ev.offsetX)); band.setAttribute("width", Math.abs(ev.offsetX - from)); };
  svg.onmouseup = ev => {
    if (from == null) return;
    const a = toDay(Math.min(from, ev.offsetX)), b = toDay(Math.max(from, ev.offsetX));
    from = null;
    state.brush = [a, b];
    writeURL();
    load({timeline: false});
  };
}

function applyView() {
  // the loaded events (the filters and the brushed days): map, list, header and download links
  state.shown = state.events;
  drawMap(state.shown);
  drawList();
  updateDownloads();
  const n = state.events.length;
  document.getElementById("summary").textContent = `${n} of ${state.total} event(s)` +
    (state.brush ? ` from ${state.brush[0]} to ${state.brush[1]}` : "") +
    (n < state.total ? ` (the newest ${n} are drawn)` : "") +
    (state.loadMs != null ? ` — ${state.loadMs} ms` : "");
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

async function showEvent(id, {push = true} = {}) {
  // select an event: its row marked, its marker ringed and the map moved to it, its card and article
  state.selected = id;
  markRow();
  if (push) writeURL();
  const {event: e, incident_id} = await getJSON(`/api/events/${id}`);
  if (state.selected !== id) return;  // another selection came first
  highlightOnMap(e);
  const card = document.getElementById("card");
  card.replaceChildren();
  card.hidden = false;
  document.getElementById("hint").hidden = true;
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

async function showIncident(id, {push = true} = {}) {
  state.incident = id;
  for (const tr of document.querySelectorAll("#incident-rows tr")) tr.classList.toggle("selected", tr.dataset.id === String(id));
  if (push) writeURL();
  const {incident} = await getJSON(`/api/incidents/${id}`);
  const box = document.getElementById("incident");
  box.replaceChildren();
  box.hidden = false;
  document.getElementById("hint").hidden = true;
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
  await showChanges(box, id);
}

async function showChanges(box, id) {
  // an incident revised since its first report: each version, what changed, when and by which report
  let history;
  try { ({history} = await getJSON(`/api/incidents/${id}/history`)); } catch (err) { return; }
  if (state.incident !== id || history.length < 2) return;
  const items = history.map(v => el("li", {},
    el("span", {text: `v${v.version} ${v.change} ${v.at.slice(0, 19).replace("T", " ")} UTC: ` +
      (v.fields.length ? v.fields.join(", ") : "first report") + " — "}),
    el("span", {text: [v.cause.outlet, v.cause.sources.map(s => s.name).join(" > ")].filter(Boolean).join(", ") + " "}),
    /^https?:\/\//.test(v.cause.url || "") ?
      el("a", {href: v.cause.url, rel: "noopener noreferrer", target: "_blank", text: v.cause.url}) : null));
  box.append(el("h3", {text: "changed since first report"}),
    el("ol", {class: "changes", "data-testid": "incident-changes"}, ...items));
}

// -- loading ------------------------------------------------------------------------------
async function load({timeline = true} = {}) {
  // events (filters and brush), the timeline's counts (filters only: the brush is drawn over them)
  // and incidents, fetched at once
  const params = filterParams();
  params.set("limit", String(LOAD_LIMIT));
  const t0 = performance.now();
  const incidents = loadIncidents();
  const days = timeline ? getJSON(`/api/timeline?${formParams()}`) : null;
  const body = await getJSON(`/api/events?${params}`);
  state.events = body.events;
  state.total = body.total;
  state.loadMs = Math.round(performance.now() - t0);
  state.listLimit = 200;
  if (days) {
    const counts = await days;
    state.days = counts.days;
    state.undated = counts.undated;
    drawTimeline();
  }
  applyView();
  showTab(state.tab);
  await incidents;
}

function initFilters() {
  const select = document.getElementById("f-type");
  const legend = document.getElementById("legend");
  for (const t of TYPES) {
    select.append(el("option", {text: t, value: t}));
    legend.append(el("span", {}, el("i", {class: `dot t-${t}`}), t));
  }
  const form = document.getElementById("filter-form");
  form.addEventListener("submit", ev => {
    ev.preventDefault(); state.brush = null; writeURL(); load();
  });
  // not id="reset": a control named "reset" would shadow form.reset()
  document.getElementById("clear").addEventListener("click", () => {
    form.reset(); state.brush = null; writeURL(); load();
  });
  const pick = (tbody, show) => ev => {
    const tr = ev.target.closest("tr[data-id]");
    if (tr && tbody.contains(tr) && (ev.type === "click" || ev.key === "Enter")) show(Number(tr.dataset.id));
  };
  const events = document.getElementById("event-rows"), incidents = document.getElementById("incident-rows");
  for (const type of ["click", "keydown"]) {
    events.addEventListener(type, pick(events, id => showEvent(id)));
    incidents.addEventListener(type, pick(incidents, id => showIncident(id)));
  }
  document.getElementById("list-more").addEventListener("click", () => { state.listLimit += 500; drawList(); });
  document.getElementById("list-in-view").addEventListener("change", ev => { state.inView = ev.target.checked; drawList(); });
  for (const tab of ["events", "incidents"]) {
    document.getElementById(`tab-${tab}`).addEventListener("click", () => { showTab(tab); writeURL(); });
  }
  document.getElementById("incident-sort").addEventListener("change", ev => {
    state.sort = ev.target.value; writeURL(); updateDownloads(); loadIncidents();
  });
}

window.addEventListener("DOMContentLoaded", async () => {
  initFilters();
  initMap();
  readURL();
  window.storyworld = {showEvent, showIncident, state};
  window.addEventListener("popstate", () => { readURL(); restore(); });
  try {
    await Promise.all([restore(), state.basemap]);
  } catch (err) {
    document.getElementById("summary").textContent = `error: ${err.message}`;
  }
  document.body.dataset.loaded = "true";  // the first view is complete: basemap, events, lists, selection
});
