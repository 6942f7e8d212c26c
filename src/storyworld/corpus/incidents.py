"""Incidents: reports of one happening, from different documents, clustered incrementally.

A report is one event of one document. A new report joins the best-matching existing incident or
starts a new one; nothing already clustered is re-clustered, so adding a document costs a few
index lookups (candidates come from the store by type and date window), not a pass over the store.

Two reports can be one incident only when every field both of them know is compatible:
- the same PLOVER type;
- dates within a window that depends on their precision (day: ±1 day, for "overnight" and time
  zones; week/month/year: the same period); a report without a date is compared by its
  publication date (it must fall within 3 days after the other's date);
- locations within a distance that depends on the coarser precision (site/city 25 km, admin2
  60 km, admin1 200 km, country: the same country);
- actor and target countries that do not contradict each other (a missing country is no
  contradiction), and named targets that share a word when both are named (another ship is
  another incident).
Reports from one document may join one incident too (a headline and the paragraphs that retell
it). Among compatible incidents the one with the highest score wins (date and place agreement,
actor/target agreement, word overlap of the evidence); ties go to the older incident, so the
result is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..geo import haversine_km

DAY_WINDOW = 1
UNDATED_WINDOW = 3
DISTANCE_KM = {"site": 25.0, "city": 25.0, "admin2": 60.0, "admin1": 200.0}
PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}
MIN_SCORE = 0.35
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_STOP = frozenset(
    "the and for that with from this have has had were was are his her its their they them said says "
    "told according reported also after before into over under near about which who whom been being "
    "would could will than then when where while some other more most such only".split()
)


@dataclass(frozen=True)
class IncidentReport:
    """What clustering needs to know about one event of one document."""

    event_id: int
    document_id: str
    type: str
    modality: str
    date: str | None
    date_precision: str | None
    published: str | None
    lat: float | None = None
    lon: float | None = None
    location_precision: str | None = None
    location_country: str | None = None
    actor_country: str | None = None
    target_country: str | None = None
    target_name: str | None = None
    evidence: str = ""


@dataclass
class Incident:
    id: int
    reports: list[IncidentReport] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.reports[0].type


def words(text: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text or "") if w.lower() not in _STOP)


def _day(value: str | None) -> date | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date_compatible(a: IncidentReport, b: IncidentReport) -> float | None:
    """Agreement in [0, 1] of two reports' dates, or None when they cannot be the same happening."""
    if a.date and b.date:
        da, db = _day(a.date), _day(b.date)
        if da and db:
            gap = abs((da - db).days)
            return None if gap > DAY_WINDOW else (1.0 if gap == 0 else 0.6)
        # a coarser precision: the shorter value must be a prefix of the longer (same week/month/year)
        short, long_ = sorted((a.date, b.date), key=len)
        if "W" in short and "W" not in long_:
            d = _day(long_)
            return 0.5 if d and d.strftime("%G-W%V") == short else None
        return 0.5 if long_.startswith(short) else None
    dated, undated = (a, b) if a.date else (b, a)
    if not dated.date:  # neither has a date: compare publication dates
        pa, pb = _day(a.published), _day(b.published)
        if pa and pb:
            return None if abs((pa - pb).days) > UNDATED_WINDOW else 0.3
        return 0.2
    d, p = _day(dated.date) or _day((dated.date + "-01")[:10]), _day(undated.published)
    if d and p:
        return None if not (0 <= (p - d).days <= UNDATED_WINDOW) else 0.3
    return 0.2


def location_compatible(a: IncidentReport, b: IncidentReport) -> float | None:
    if a.lat is None or b.lat is None:
        if a.location_country and b.location_country and a.location_country != b.location_country:
            return None
        return 0.3
    coarse = max(a.location_precision or "country", b.location_precision or "country",
                 key=lambda p: PRECISION_RANK.get(p, 4))
    if coarse == "country":
        return 0.4 if (a.location_country == b.location_country or not a.location_country
                       or not b.location_country) else None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    limit = DISTANCE_KM[coarse]
    return None if km > limit else 1.0 - 0.5 * km / limit


def parties_compatible(a: IncidentReport, b: IncidentReport) -> float | None:
    score = 0.5
    for x, y in ((a.actor_country, b.actor_country), (a.target_country, b.target_country)):
        if x and y:
            if x != y:
                return None
            score += 0.25
    ta, tb = words(a.target_name), words(b.target_name)
    if ta and tb and not (ta & tb) and not (a.target_country or b.target_country):
        return None
    return score


def match_score(report: IncidentReport, incident: Incident) -> float | None:
    """How well a report fits an incident (the best of its reports), or None if it cannot."""
    best = None
    for other in incident.reports:
        if other.type != report.type:
            continue
        d = date_compatible(report, other)
        loc = location_compatible(report, other) if d is not None else None
        par = parties_compatible(report, other) if loc is not None else None
        if par is None:
            continue
        wa, wb = words(report.evidence), words(other.evidence)
        overlap = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
        score = 0.35 * d + 0.3 * loc + 0.15 * par + 0.2 * min(1.0, 2 * overlap)
        best = score if best is None else max(best, score)
    return best


def assign(report: IncidentReport, candidates: list[Incident]) -> Incident | None:
    """The incident the report joins, or None to start a new one. Ties go to the lowest id."""
    scored = [(s, -inc.id, inc) for inc in candidates if (s := match_score(report, inc)) is not None]
    scored = [x for x in scored if x[0] >= MIN_SCORE]
    if not scored:
        return None
    return max(scored, key=lambda x: (x[0], x[1]))[2]


def candidate_window(report: IncidentReport) -> tuple[str, str] | None:
    """The date range (inclusive, ISO) in which candidate incidents' reports must lie."""
    anchor = _day(report.date) or _day((report.date or "")[:7] + "-01" if report.date and len(report.date) == 7 else None)
    if anchor is None:
        anchor = _day(report.published)
        if anchor is None:
            return None
        return ((anchor - timedelta(days=UNDATED_WINDOW + 31)).isoformat(), (anchor + timedelta(days=1)).isoformat())
    span = 31 if report.date_precision in ("month", "week") else DAY_WINDOW
    return ((anchor - timedelta(days=span + UNDATED_WINDOW)).isoformat(),
            (anchor + timedelta(days=span + UNDATED_WINDOW)).isoformat())


def cluster(reports: list[IncidentReport]) -> list[Incident]:
    """Cluster reports in memory, in the given order (the store does the same incrementally)."""
    incidents: list[Incident] = []
    for report in reports:
        target = assign(report, [i for i in incidents if i.type == report.type])
        if target is None:
            target = Incident(id=len(incidents) + 1)
            incidents.append(target)
        target.reports.append(report)
    return incidents
