"""Versions: a page stored again with other text, a correction, a retraction; nothing overwritten.

When a document arrives, ``record_new_document`` writes the changes it makes:

- **a page update** (the same URL, other text: ``previous`` is the page's latest stored version):
  the new row is the page's next version (``version_of`` its first, the paragraphs added and
  removed in ``diff_json``); each of its events that matches one of the earlier version's (same
  type and sentence, else same type and place or parties) is that event's next version, and takes
  its place in its incidents; the earlier version's events are marked superseded, never deleted;
- **a correction or retraction** (``corpus.corrections`` finds the note, "Correction: …", "This
  story has been retracted"): linked to the document of the same outlet it corrects (the earlier
  version of its page, else the outlet's earlier article it names); a correction's events revise
  the matching events of the corrected document; a retraction marks that document's events
  retracted, with the note as the reason, and the retraction notice's own events with them (they
  restate what is retracted);
- otherwise each event is created.

Every change is a row of the changes log (``store.changes``) naming the document that caused it.
The incidents the events leave or join are rebuilt by ``corpus.update`` in the same transaction,
which logs their versions; ``record_new_document`` returns them with what emptied them.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..store import Store
from ..store import versions as rows
from ..store.changes import Cause, cause_of, latest_version, now, record_change
from .corrections import CorrectionNote, find_note, find_corrected

# How alike two events must be to be versions of one: a score from their sentences' word overlap,
# type, trigger and place/parties (``_likeness``); pairs are taken best first, each event once.
MIN_LIKENESS = 0.45
EVENT_FIELDS = ("type", "modality", "date", "place", "actors", "casualties", "evidence", "sources")


@dataclass
class Outcome:
    """What a new document did: the incidents its superseded or retracted events left (→ the state an
    incident takes when it is left with no report), and the note that made it a correction."""

    left: dict[int, str] = field(default_factory=dict)
    note: CorrectionNote | None = None
    corrects: str | None = None


# -- reading records as they stand -------------------------------------------------------------

def event_state(store: Store, event_id: int) -> dict[str, Any]:
    """An event row as its version history shows it (with its casualty figures)."""
    e = rows.event(store, event_id)
    figures = [dict(number=r["number"], kind=r["kind"], qualifier=r["qualifier"], text=r["text"])
               for r in rows.event_figures(store, e["document_id"], e["seq"])]
    return {
        "event_id": e["id"], "document_id": e["document_id"], "version": e["version"], "state": e["state"],
        "state_reason": e["state_reason"], "type": e["type"], "modality": e["modality"], "trigger": e["trigger"],
        "date": e["date"], "date_precision": e["date_precision"],
        "place": None if not (e["location_name"] or e["location_text"]) else {
            "text": e["location_text"], "name": e["location_name"], "geonameid": e["geonameid"],
            "lat": e["lat"], "lon": e["lon"], "country": e["location_country"]},
        "actors": {"actor": _party(e, "actor"), "target": _party(e, "target")},
        "casualties": figures,
        "evidence": e["evidence"], "sources": json.loads(e["sources_json"]),
    }


def _party(e, prefix: str) -> dict[str, Any] | None:
    name = e[f"{prefix}_name"] or e[f"{prefix}_text"]
    return None if not name else {"name": name, "country": e[f"{prefix}_country"], "role": e[f"{prefix}_role"]}


def changed_event_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields of EVENT_FIELDS on which two versions of an event differ."""
    def key(state, name):
        if name == "date":
            return state["date"], state["date_precision"]
        if name == "place":
            p = state["place"]
            return None if p is None else (p["geonameid"], p["name"] or p["text"])
        if name == "actors":
            return tuple(None if p is None else (p["name"].lower(), p["country"]) for p in state["actors"].values())
        if name == "casualties":
            return sorted((f["kind"], f["number"]) for f in state["casualties"])
        return state[name]
    return [name for name in EVENT_FIELDS if key(old, name) != key(new, name)]


def document_state(store: Store, document_id: str) -> dict[str, Any]:
    """A document row as its version history shows it (text left out: it is the row's)."""
    d = rows.document(store, document_id)
    out = {k: d[k] for k in d.keys() if k not in ("diff_json", "text")}
    out["diff"] = json.loads(d["diff_json"]) if d["diff_json"] else None
    out["events"] = rows.event_count(store, document_id)
    return out


def page_of(store: Store, document_id: str) -> str:
    """The id a page's versions share (its first version's)."""
    row = rows.document(store, document_id)
    return (row and row["version_of"]) or document_id


def latest_version_at(store: Store, url: str | None) -> str | None:
    """The latest stored version of the page at ``url`` (None when no page is stored there)."""
    from ..body.document import normal_url

    if not url:
        return None
    wanted = normal_url(url)
    found = rows.latest_at(store, {url, wanted} - {None})
    return next((r["id"] for r in found if normal_url(r["url"]) == wanted), None)


# -- writing -----------------------------------------------------------------------------------

def record_new_document(store: Store, document_id: str, *, previous: str | None = None) -> Outcome:
    """Write the versions and changes a newly stored document makes (inside the caller's
    transaction); ``previous``: the latest version of its page when it was stored at the same URL."""
    outcome = Outcome()
    cause = cause_of(store, document_id)
    doc = rows.document(store, document_id)
    note = find_note(doc["text"], rows.removed_texts(store, document_id))
    outcome.note = note
    if previous is not None:
        _new_page_version(store, document_id, previous, note, cause)
        target = previous
    else:
        record_change(store, change="created", record="document", record_id=document_id, version=1,
                      fields=[], cause=cause, row_id=document_id, state=document_state(store, document_id))
        target = None
        if note is not None and note.kind != "update" and not note.about_itself:
            target = find_corrected(store, document_id, note)
        if target is not None:
            _link_correction(store, document_id, target, note)
    outcome.corrects = target
    if note is not None and note.kind == "retraction":
        if target is not None:
            outcome.left.update(_retract(store, target, by=document_id, reason=note.sentence, cause=cause))
        else:  # it retracts itself ("This story has been retracted", no earlier version stored)
            rows.set_retracted(store, document_id, reason=note.sentence, at=now())
        _events_created(store, document_id, cause, state="retracted",
                        reason=f"in a retracted or retracting text: {note.sentence}")
        return outcome
    if target is not None:
        pairs, unmatched_old = _match_events(store, old_document=target, new_document=document_id)
        revised = {}
        for old_id, new_id in pairs:
            outcome.left.update(_revise_event(store, old_id, new_id, cause))
            revised[new_id] = old_id
        if previous is not None:  # the page no longer says it
            for old_id in unmatched_old:
                outcome.left.update(_supersede_event(store, old_id, cause, reason="no longer in the page"))
        _events_created(store, document_id, cause, skip=set(revised))
    else:
        _events_created(store, document_id, cause)
    return outcome


def _new_page_version(store: Store, document_id: str, previous: str, note: CorrectionNote | None,
                      cause: Cause) -> None:
    prev = rows.document(store, previous)
    new_text = rows.document(store, document_id)["text"]
    page = prev["version_of"] or previous
    version = prev["version"] + 1
    rows.set_page_version(store, document_id, page=page, version=version, previous=previous,
                          correction=note.kind if note else "update", note=note.sentence if note else None,
                          diff_json=json.dumps(paragraph_diff(prev["text"], new_text), ensure_ascii=False), at=now())
    fields = ["text"] + (["correction"] if note and note.kind == "correction" else [])
    record_change(store, change="revised", record="document", record_id=page,
                  version=max(version, latest_version(store, "document", page) + 1), fields=fields,
                  cause=cause, row_id=document_id, state=document_state(store, document_id))


def _link_correction(store: Store, document_id: str, target: str, note: CorrectionNote) -> None:
    rows.set_correction(store, document_id, corrects=target, correction=note.kind, note=note.sentence, at=now())


def paragraph_diff(old: str, new: str) -> dict[str, list[str]]:
    """The paragraphs of ``new`` that ``old`` lacks (added) and those of ``old`` that ``new`` lacks."""
    a = [p.strip() for p in re.split(r"\n\s*\n|\n", old) if p.strip()]
    b = [p.strip() for p in re.split(r"\n\s*\n|\n", new) if p.strip()]
    added, removed = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed += a[i1:i2]
        if op in ("replace", "insert"):
            added += b[j1:j2]
    return {"added": added, "removed": removed}


def _events_created(store: Store, document_id: str, cause: Cause, *, skip: set[int] = frozenset(),
                    state: str = "current", reason: str | None = None) -> None:
    for event_id in rows.event_ids(store, document_id):
        if event_id in skip:
            continue
        if state != "current":
            rows.set_state(store, event_id, state=state, reason=reason, at=now())
        snapshot = event_state(store, event_id)
        record_change(store, change="created" if state == "current" else state, record="event", record_id=event_id,
                      version=1, fields=[] if state == "current" else ["state"],
                      cause=Cause(cause.document_id, cause.url, cause.outlet, tuple(snapshot["sources"])),
                      row_id=event_id, state=snapshot)


def _revise_event(store: Store, old_id: int, new_id: int, cause: Cause) -> dict[int, str]:
    """``new_id`` is the next version of ``old_id``: it takes the earlier one's place in its incidents."""
    old = rows.event(store, old_id)
    first = old["first_id"] or old_id
    rows.set_revision(store, old_id, new_id, first=first, version=old["version"] + 1,
                      reason=f"revised by {cause.document_id[:12]}", at=now())
    moved = rows.move_reports(store, old_id, old["document_id"], new_id, rows.event(store, new_id)["document_id"])
    before, after = event_state(store, old_id), event_state(store, new_id)
    record_change(store, change="revised", record="event", record_id=first, version=old["version"] + 1,
                  fields=changed_event_fields(before, after),
                  cause=Cause(cause.document_id, cause.url, cause.outlet, tuple(after["sources"])),
                  row_id=new_id, state=after)
    return {incident_id: "superseded" for incident_id in moved}


def _supersede_event(store: Store, event_id: int, cause: Cause, *, reason: str,
                     state: str = "superseded") -> dict[int, str]:
    """Mark an event superseded (or retracted): it leaves its incidents, its row stays."""
    e = rows.event(store, event_id)
    if e["state"] != "current":
        return {}
    rows.set_state(store, event_id, state=state, reason=reason, at=now(), version=e["version"] + 1)
    left = rows.leave_incidents(store, event_id, e["document_id"])
    record_change(store, change=state, record="event", record_id=e["first_id"] or event_id, version=e["version"] + 1,
                  fields=["state"], cause=cause, row_id=event_id, state=event_state(store, event_id))
    return {incident_id: state for incident_id in left}


def _retract(store: Store, target: str, *, by: str, reason: str, cause: Cause) -> dict[int, str]:
    """The target document (and the earlier versions of its page) retracted: its events too."""
    left: dict[int, str] = {}
    page = page_of(store, target)
    for document_id in rows.page_versions(store, page):
        if document_id == by:
            continue
        rows.set_retracted(store, document_id, reason=reason, at=now())
        for event_id in rows.event_ids(store, document_id, current=True):
            left.update(_supersede_event(store, event_id, cause, reason=reason, state="retracted"))
    record_change(store, change="retracted", record="document", record_id=page,
                  version=latest_version(store, "document", page) + 1,
                  fields=["retracted"], cause=cause, row_id=target, state=document_state(store, target))
    return left


def _match_events(store: Store, *, old_document: str, new_document: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Pairs (old event, new event) that are versions of one event, best first; and the old
    document's current events left without a successor."""
    old = [event_state(store, i) for i in rows.event_ids(store, old_document, current=True)]
    new = [event_state(store, i) for i in rows.event_ids(store, new_document)]
    scored = sorted(((_likeness(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)), reverse=True)
    used_old, used_new, pairs = set(), set(), []
    for score, i, j in scored:
        if score < MIN_LIKENESS or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i]["event_id"], new[j]["event_id"]))
    return pairs, [e["event_id"] for i, e in enumerate(old) if i not in used_old]


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")


def _likeness(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How alike two events are: word overlap of their sentences, with type, trigger, place and
    parties in common. Same-type events need only a little overlap; across types much more."""
    wa = {w.lower() for w in _WORD.findall(a["evidence"])}
    wb = {w.lower() for w in _WORD.findall(b["evidence"])}
    overlap = len(wa & wb) / max(1, len(wa | wb))
    same_type = a["type"] == b["type"]
    score = overlap + (0.3 if same_type else 0.0)
    if a["trigger"] and b["trigger"] and a["trigger"].lower()[:5] == b["trigger"].lower()[:5]:
        score += 0.15
    pa, pb = a["place"], b["place"]
    if pa and pb and ((pa["geonameid"] and pa["geonameid"] == pb["geonameid"]) or
                      (pa["name"] or pa["text"]) == (pb["name"] or pb["text"])):
        score += 0.2
    parties_a = {p["country"] or p["name"].lower() for p in a["actors"].values() if p}
    parties_b = {p["country"] or p["name"].lower() for p in b["actors"].values() if p}
    if parties_a & parties_b:
        score += 0.1
    if not same_type and overlap < 0.6:
        return 0.0
    return score
