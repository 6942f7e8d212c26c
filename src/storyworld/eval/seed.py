"""`storyworld eval seed`: the checks the whole project is measured against first.

The seed article (../shared/examples/seed-article.txt, published Friday 2023-09-01 by JNS) and
what a careful reader takes from it, written down from the issue tracker's requirements: the
body without the closing donation appeal; the two evacuation demands (REQUEST, actual) and the
demand made at the airport on Aug. 31; no actual withdrawal; the Aug. 25 Israeli strike near
Masyaf; the attribution chains; the three dates; the places within 25 km.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..types import Analysis
from .metrics import EvalReport, haversine_km

PUBLISHED = "2023-09-01"
OUTLET = "JNS"

APPEAL_MARKERS = ("Every story is a world", "false news spreads", "we appreciate your support",
                  "depends on you", "Accurate and thoughtful journalism")
BODY_STARTS = ("Russia has demanded", "Three Russian officers", "“Russian officers informed",
               "The Regiment 49 site", "“The Russian officers also", "Iranian militias manufacture",
               "The demand comes after", "According to Ynet", "Iranian missile and rocket")
PLACES = {  # name in text → (lat, lon) of the GeoNames feature
    "Hama": (35.1318, 36.7578),
    "Tartus": (34.8890, 35.8866),
    "Hamidiya": (34.7161, 35.9265),
    "Masyaf": (35.0653, 36.3421),
}
TIMES = {"Friday": "2023-09-01", "Aug. 31": "2023-08-31", "Aug. 25": "2023-08-25"}
DEMAND_CHAIN = ("Asharq al-Awsat", "a source")


def _events_in(analysis: Analysis, needle: str, type_: str):
    return [e for e in analysis.events if e.type == type_ and needle in e.evidence.text]


def _chain(sources) -> tuple[str, ...]:
    return tuple(s.name for s in sources)


def _near(place, lat, lon, km=25.0) -> bool:
    return place is not None and place.lat is not None and haversine_km(place.lat, place.lon, lat, lon) <= km


def checks(analysis: Analysis) -> list[tuple[str, str, bool]]:
    """(group, description, passed) for every seed check."""
    text = analysis.document.text
    out: list[tuple[str, str, bool]] = []
    add = lambda group, what, ok: out.append((group, what, bool(ok)))  # noqa: E731

    for marker in APPEAL_MARKERS:
        add("body", f"appeal removed: {marker!r}", marker not in text)
    for start in BODY_STARTS:
        add("body", f"article paragraph kept: {start!r}", start in text)

    demands = [
        ("Russia has demanded that Iranian militias withdraw", "demand to withdraw (lead)"),
        ("informed the Iranian side of the need to evacuate", "first evacuation demand"),
        ("also demanded that the Iranians evacuate", "second evacuation demand"),
        ("made the demand at the Hama Military Airport", "demand at the airport"),
    ]
    for needle, what in demands:
        found = [e for e in _events_in(analysis, needle, "REQUEST") if e.modality == "actual"]
        add("events", f"REQUEST (actual): {what}", found)
        add("events", f"REQUEST actor is Russian: {what}", any(e.actor and e.actor.country == "RUS" for e in found))
    add("events", "no actual RETREAT (withdrawal/evacuation is only demanded)",
        not any(e.type == "RETREAT" and e.modality == "actual" for e in analysis.events))
    strikes = _events_in(analysis, "Israel recently struck", "ASSAULT")
    add("events", "ASSAULT: the Aug. 25 strike", strikes)
    add("events", "strike actor is Israel (ISR)", any(e.actor and e.actor.country == "ISR" for e in strikes))
    add("dates", "strike dated 2023-08-25", any(e.date == "2023-08-25" for e in strikes))
    add("places", "strike located within 25 km of Masyaf",
        any(_near(e.location, *PLACES["Masyaf"]) for e in strikes))
    airport = _events_in(analysis, "made the demand at the Hama Military Airport", "REQUEST")
    add("dates", "demand at the airport dated 2023-08-31", any(e.date == "2023-08-31" for e in airport))
    appeal_events = [e for e in analysis.events if any(m in e.evidence.text for m in APPEAL_MARKERS)]
    add("events", "no event from the appeal", not appeal_events)

    for needle in ("need to evacuate", "also demanded that the Iranians evacuate"):
        claims = [c for c in analysis.claims if needle in text[c.start:c.end] or needle in c.text]
        add("claims", f"claim {needle!r} carries [Asharq al-Awsat, a source]",
            any(_chain(c.sources) == DEMAND_CHAIN for c in claims))
    ynet = [c for c in analysis.claims if "principal production facility" in c.text]
    add("claims", "Masyaf production claim carries [Ynet]", any(_chain(c.sources) == ("Ynet",) for c in ynet))
    evac = _events_in(analysis, "need to evacuate", "REQUEST")
    add("claims", "evacuation demand event inherits [Asharq al-Awsat, a source]",
        any(_chain(e.sources) == DEMAND_CHAIN for e in evac))

    for surface, value in TIMES.items():
        add("times", f"{surface!r} → {value}", any(t.text.endswith(surface) and t.value == value for t in analysis.times))
    for name, (lat, lon) in PLACES.items():
        add("places", f"{name} within 25 km", any(name in p.text and _near(p, lat, lon) for p in analysis.places))
    return out


def analyze_seed(path: Path) -> Analysis:
    from ..service import analyze_path

    return analyze_path(str(path), published=PUBLISHED, outlet=OUTLET)


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None,
             analyze_fn: Callable[[Path], Analysis] = analyze_seed) -> EvalReport:
    analysis = analyze_fn(data)
    results = checks(analysis)
    report = EvalReport(stage="seed", dataset="seed-article")
    groups: dict[str, list[bool]] = {}
    for group, what, ok in results:
        groups.setdefault(group, []).append(ok)
        report.lines.append(f"{'PASS' if ok else 'FAIL'}  {group:7} {what}")
    for group, oks in groups.items():
        report.metrics[f"{group}.passed"] = sum(oks) / len(oks)
        report.counts[f"{group}.passed"] = len(oks)
    report.metrics["all.passed"] = sum(ok for *_, ok in results) / len(results)
    report.counts["all.passed"] = len(results)
    return report
