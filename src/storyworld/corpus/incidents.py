"""Incidents: reports of one happening, from different documents, clustered incrementally.

A report is one event of one document. A new report joins the best-matching existing incident or
starts a new one; nothing already clustered is re-clustered, so adding a document costs a few
index lookups (candidates come from the store by type and date window), not a pass over the store.
The one exception is a bridge (``bridged``): a report that strongly joins two candidate incidents
that agree with each other merges the younger into the older, since the order in which reports
arrive should not split one happening (an arrest and a shooting that a third report tells as one).

Two reports can be one incident only when every field both of them know is compatible:
- the same PLOVER type, or two types that one happening is reported as (``related_types`` in
  ``words/incidents.toml``: a riot told as a protest and as police firing on crowds); across
  related types a match also needs a day and a known place that agree and the same parties or
  retold words, and its score is scaled down (a protest in a town on the day it was shelled is
  another happening);
- dates within a window that depends on their precision (day: ±1 day, for "overnight" and time
  zones; week/month/year: the same period); a report without a date is compared by its
  publication date (it must fall within 3 days after the other's date);
- locations within a distance that depends on the coarser precision (site 25 km, city 35 km,
  admin2 60 km, admin1 200 km, country: the same country);
- actor countries that do not contradict each other (a missing country is no contradiction);
  targets contradict when one of their two signs (country, words of the name) disagrees and the
  other does not agree, and names only disagree when both are names (another ship is another
  incident; "the ship" is no other ship than "the tanker Sea Lark").
Reports from one document may join one incident too (a headline and the paragraphs that retell
it). Among compatible incidents the one with the highest score wins (date and place agreement,
actor/target agreement, word overlap of the evidence); ties go to the older incident, so the
result is deterministic.

A news sentence often leaves its happening's date and place to the context: "the Houthis said on
Saturday that they had attacked …" dates the saying, not the attack; "The M23 denied firing on the
camp" in the fourth paragraph takes the lead's day and place. ``with_context`` fills what a report
leaves open, marked as inferred: the date from the day its sentence names (a reporting verb's: the
act reported is at most a day older), else from the document's lead; the place from the lead
(update.py drops a place named only in the dateline: where the story was filed). Inferred values
still veto (a statement made on Monday does not report Saturday's attack when the article gives
no other day) but agree for less. A sentence naming several days ("condemned on Thursday an
attack … on Tuesday") keeps the others as ``alt_dates``: a date conflict is no veto when one of
them agrees. A sentence the writer dated only by month or year ("twice before this year") in an
article whose lead names the day, or one that says "previously", is background, not a retelling:
it joins no report dated to the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from ..geo import haversine_km
from ..resources.tables import numbers, word_set

DAY_WINDOW = 1
UNDATED_WINDOW = 3
# a suburb is often placed at its metropolis ("suburban Detroit" for Troy, 32 km from Detroit's
# point: gold-incidents dev), so a city reaches 35 km
DISTANCE_KM = {"site": 25.0, "city": 35.0, "admin2": 60.0, "admin1": 200.0}
PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "water": 3.5, "country": 4}
_WEIGHTS = numbers("incidents.weights")
MIN_SCORE = _WEIGHTS["min_score"]
WEIGHTS = {k: _WEIGHTS[k] for k in ("date", "place", "parties", "evidence")}  # of match_parts' agreements
RELATED_JOIN = numbers("incidents.related_join")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_STOP = frozenset(
    "the and for that with from this have has had were was are his her its their they them said says "
    "told according reported also after before into over under near about which who whom been being "
    "would could will than then when where while some other more most such only".split()
)
# days and months are no names: a target read as "Saturday" names nothing (the time tagger's
# weekdays and month abbreviations, and the months in full)
_CALENDAR = frozenset(numbers("times.weekdays")) | frozenset(numbers("times.months")) | frozenset(
    "january february march april june july august september october november december sept".split())


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
    actor_name: str | None = None
    place_name: str | None = None  # as the text wrote it: no party's name ("Woodburn officers" vs "in Woodburn")
    date_inferred: bool = False  # the date is the sentence's or the document lead's, not the event's own
    alt_dates: tuple[str, ...] = ()  # other days the evidence sentence names
    location_inferred: bool = False  # the place is the document lead's
    location_soft: bool = False  # the place is only the dateline's: it agrees when near, never vetoes
    background: bool = False  # a coarse own date ("this year") in a document whose lead names the day


INFERRED_WEIGHT = 0.7  # an inferred date or place agrees for this share of an own one
ALT_DATE_SCORE = 0.4


@dataclass(frozen=True)
class DocumentContext:
    """What a document's lead says about when and where (its first dated and first placed report)."""

    date: str | None = None
    date_precision: str | None = None
    lat: float | None = None
    lon: float | None = None
    location_precision: str | None = None
    location_country: str | None = None


def with_context(report: "IncidentReport", *, sentence_dates: tuple[str, ...] = (),
                 lead: DocumentContext | None = None) -> "IncidentReport":
    """The report with what it leaves open filled from its sentence and its document (inferred).

    ``sentence_dates``: the day-precision dates (ISO) that the evidence sentence names, in order,
    dateline excluded. ``lead``: the document's lead context.
    """
    changes: dict = {}
    if not report.date and (_BACKGROUND.search(report.evidence) or (
            report.modality == "negated" and _STANDING_DENIAL.search(report.evidence) and not sentence_dates)):
        # "It has previously denied targeting civilians", "Moscow denies targeting civilians": a
        # standing position, before the story or outside it, at no day of it ("The M23 denied
        # firing on the camp" is a denial of this happening, made at a time)
        return replace(report, background=True)
    own = report.date
    days = tuple(d for d in dict.fromkeys(sentence_dates) if iso_day(d))
    if own:
        alts = tuple(d for d in days if d != own)
        if alts:
            changes["alt_dates"] = alts
        if (report.date_precision in ("year", "month") and lead is not None and lead.date
                and lead.date_precision == "day"):
            changes["background"] = True
    elif days:
        # "X said on Saturday that it had attacked": the latest day named is the saying's
        changes.update(date=max(days), date_precision="day", date_inferred=True,
                       alt_dates=tuple(d for d in days if d != max(days)))
    elif lead is not None and lead.date:
        changes.update(date=lead.date, date_precision=lead.date_precision, date_inferred=True)
    if report.lat is None and lead is not None and lead.lat is not None and (
            not report.location_country or report.location_country == lead.location_country):
        changes.update(lat=lead.lat, lon=lead.lon, location_precision=lead.location_precision,
                       location_country=lead.location_country, location_inferred=True)
    return replace(report, **changes) if changes else report


@dataclass
class Incident:
    id: int
    reports: list[IncidentReport] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.reports[0].type


_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][\w'-]+")


def is_named(text: str | None) -> bool:
    """A phrase with a proper name in it ("the tanker Sea Lark", "the Liberian-flagged tanker"),
    not a bare description ("the ship", "civilians") nor a day ("Saturday")."""
    return bool(text and any(m.group().lower() not in _CALENDAR for m in _NAME.finditer(text.strip())))


_CAPITAL = re.compile(r"\b[A-Z][\w'-]*")


def names_a_country(text: str | None) -> bool:
    """Whether a target phrase itself says whose it is ("the Liberian-flagged tanker", "a Hezbollah
    commander", "Kenscoff"): only then is the target country read from it a sign of its own. The
    events stage gives a bare "the ship" or "a car" the country of the place where it happened,
    which tells nothing about which ship or car."""
    if not text:
        return False
    for n, m in enumerate(_CAPITAL.finditer(text.strip())):
        word = m.group().lower()
        if word in _CALENDAR or (n == 0 and m.start() == 0 and word in _STOP | {"a", "an", "our", "its"}):
            continue
        return True
    return False


_BACKGROUND = re.compile(r"\b(previously|in the past|formerly|has long|have long|had long)\b", re.I)
_STANDING_DENIAL = re.compile(r"\b(denies|deny|rejects|reject)\b", re.I)


@lru_cache(maxsize=65_536)  # every candidate report's evidence, once per event placed
def words(text: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text or "") if w.lower() not in _STOP | _CALENDAR)


@lru_cache(maxsize=65_536)
def iso_day(value: str | None) -> date | None:
    """A day-precision ISO date ("2009-01-14") as a date; None for any other value."""
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date_compatible(a: IncidentReport, b: IncidentReport) -> float | None:
    """Agreement in [0, 1] of two reports' dates, or None when they cannot be the same happening."""
    score = _date_agreement(a, b)
    if score is None and (a.alt_dates or b.alt_dates) and a.date and b.date:
        days_a = [d for d in (a.date, *a.alt_dates) if iso_day(d)]
        days_b = [d for d in (b.date, *b.alt_dates) if iso_day(d)]
        if any(abs((iso_day(x) - iso_day(y)).days) <= DAY_WINDOW for x in days_a for y in days_b):
            return ALT_DATE_SCORE
    if score is not None and (a.date_inferred or b.date_inferred):
        score *= INFERRED_WEIGHT
    return score


def _date_agreement(a: IncidentReport, b: IncidentReport) -> float | None:
    if (a.background and b.date_precision == "day") or (b.background and a.date_precision == "day") \
            or (a.background and b.background and not (a.date and b.date)):
        return None  # a background sentence ("shelled twice before this year") retells no dated happening
    if a.date and b.date:
        da, db = iso_day(a.date), iso_day(b.date)
        if da and db:
            gap = abs((da - db).days)
            return None if gap > DAY_WINDOW else (1.0 if gap == 0 else 0.6)
        # a coarser precision: the shorter value must be a prefix of the longer (same week/month/year)
        short, long_ = sorted((a.date, b.date), key=len)
        if "W" in short and "W" not in long_:
            d = iso_day(long_)
            return 0.5 if d and d.strftime("%G-W%V") == short else None
        return 0.5 if long_.startswith(short) else None
    dated, undated = (a, b) if a.date else (b, a)
    if not dated.date:  # neither has a date: compare publication dates
        pa, pb = iso_day(a.published), iso_day(b.published)
        if pa and pb:
            return None if abs((pa - pb).days) > UNDATED_WINDOW else 0.3
        return 0.2
    d, p = iso_day(dated.date) or iso_day((dated.date + "-01")[:10]), iso_day(undated.published)
    if d and p:
        return None if not (0 <= (p - d).days <= UNDATED_WINDOW) else 0.3
    return 0.2


def _precision(report: IncidentReport) -> str:
    """A report's place precision; a point with no precision and no country is a sea or a gulf
    ("in the Gulf of Aden"), whose middle may lie 600 km from a port on its shore."""
    if report.location_precision:
        return report.location_precision
    return "water" if report.lat is not None and not report.location_country else "country"


def location_compatible(a: IncidentReport, b: IncidentReport) -> float | None:
    score = _location_agreement(a, b)
    if score is None and (a.location_soft or b.location_soft):
        return 0.3  # a dateline's town is where the story was filed: no place against the other
    return score


def _location_agreement(a: IncidentReport, b: IncidentReport) -> float | None:
    if a.lat is None or b.lat is None:
        if a.location_country and b.location_country and a.location_country != b.location_country:
            return None
        return 0.3
    coarse = max(_precision(a), _precision(b), key=lambda p: PRECISION_RANK.get(p, 4))
    if coarse == "water":  # no veto by distance; the same sea or gulf named on both sides agrees
        same = _precision(a) == _precision(b) == "water" and haversine_km(a.lat, a.lon, b.lat, b.lon) < 1.0
        return (0.8 * (INFERRED_WEIGHT if a.location_inferred or b.location_inferred else 1.0)) if same else 0.4
    if coarse == "country":
        return 0.4 if (a.location_country == b.location_country or not a.location_country
                       or not b.location_country) else None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    limit = DISTANCE_KM[coarse]
    if km > limit:
        return None
    score = 1.0 - 0.5 * km / limit
    return score * INFERRED_WEIGHT if a.location_inferred or b.location_inferred else score


def _agreement(x, y) -> bool | None:
    """True/False when both are known, else None."""
    return None if not x or not y else x == y


def parties_compatible(a: IncidentReport, b: IncidentReport) -> float | None:
    """Actor and target agreement, or None on a contradiction.

    An actor country contradicts. A target is known by two noisy signs, its country (a ship's flag,
    a victim's nationality, a place's country) and its name's words: it contradicts when one sign
    disagrees and the other does not agree ("the Liberian-flagged tanker" vs "the tanker" share a
    word, whatever countries were read into them; "the tanker Sea Lark" vs "the bulk carrier
    Orion Star" do not, and nothing else ties them; "a car" vs "a Hezbollah commander" in Lebanon
    agree on the country).
    """
    score = 0.5
    actor = _agreement(a.actor_country, b.actor_country)
    if actor is False:
        return None
    ta, tb = words(a.target_name), words(b.target_name)
    name = None if not ta or not tb else bool(ta & tb)
    if name is False and not (is_named(a.target_name) and is_named(b.target_name)):
        name = None  # "the ship" and "the Liberian-flagged tanker": a description does not contradict
    country = _agreement(a.target_country, b.target_country)
    if (country is False and name is not True) or (name is False and country is not True):
        return None
    score += 0.25 * bool(actor) + 0.25 * bool(country or name)
    return score


@lru_cache(maxsize=None)
def _related_types() -> dict[frozenset, float]:
    return {frozenset(pair.split()): factor for pair, factor in numbers("incidents.related_types").items()}


def type_relatedness(a: str, b: str) -> float | None:
    """1.0 for one type, the factor of a related pair, None for types no happening is reported as."""
    return 1.0 if a == b else _related_types().get(frozenset((a, b)))


@lru_cache(maxsize=None)
def related_types(type_: str) -> tuple[str, ...]:
    """The type itself and the types related to it, sorted (the candidate incidents' types)."""
    return tuple(sorted({type_} | {t for pair in _related_types() if type_ in pair for t in pair}))


def match_parts(report: IncidentReport, other: IncidentReport) -> dict[str, float] | None:
    """How two reports agree, field by field in [0, 1] (date, place, parties, evidence: twice the
    Jaccard overlap of the evidence words, at most 1) with their weighted ``score``; None when they
    cannot be one happening (an unrelated type, or a date, place or party that contradicts). Across
    related types (``type``: the pair's factor) the score is scaled by the factor and the match
    needs the agreements ``RELATED_JOIN`` asks for."""
    relation = type_relatedness(report.type, other.type)
    if relation is None:
        return None
    d = date_compatible(report, other)
    loc = location_compatible(report, other) if d is not None else None
    par = parties_compatible(report, other) if loc is not None else None
    if par is None:
        return None
    wa, wb = words(report.evidence), words(other.evidence)
    overlap = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    parts = {"date": d, "place": loc, "parties": par, "evidence": min(1.0, 2 * overlap)}
    score = sum(WEIGHTS[name] * value for name, value in parts.items())
    if relation < 1.0:
        # the same parties by name ("protesters stormed parliament" / "lawmakers were evacuated from
        # parliament"): countries alone agree for any two acts of one country's police and gangs
        named = _same_participant(report, other)
        if (d < RELATED_JOIN["date"] or loc < RELATED_JOIN["place"]
                or not (named or parts["evidence"] >= RELATED_JOIN["evidence"])):
            return None
        score *= relation
    parts["type"] = relation
    parts["score"] = score
    return parts


def _party_words(report: IncidentReport) -> frozenset[str]:
    return (words(report.actor_name) | words(report.target_name)) - words(report.place_name)


def _same_participant(a: IncidentReport, b: IncidentReport) -> bool:
    """Whether two reports name a participant alike: a word of both reports' actors or targets
    ("protesters stormed parliament" / "lawmakers were evacuated from parliament"), or a specific
    word of one report's target that the other's sentence names ("Protesters stormed parliament"
    / "Lawmakers fled the parliament building"). Place names and generic roles ("police",
    "officers", "the building") and countries or states ("Oregon", "Kenyan") name nobody in
    particular."""
    places = words(a.place_name) | words(b.place_name)
    generic = word_set("incidents.generic_parties")
    if {w for w in (_party_words(a) & _party_words(b)) - places - generic if not _names_a_country(w)}:
        return True
    return any({w for w in (words(x.target_name) - places - generic) & words(y.evidence) if not _names_a_country(w)}
               for x, y in ((a, b), (b, a)))


@lru_cache(maxsize=65_536)
def _names_a_country(word: str) -> bool:
    """A country, a demonym or a state ("kenyan", "oregon"): where a party is from, not who."""
    from ..resources.actors import country_of

    return country_of(word.title()) is not None


def match_score(report: IncidentReport, incident: Incident) -> float | None:
    """How well a report fits an incident (the best of its reports), or None if it cannot."""
    best = None
    for other in incident.reports:
        parts = match_parts(report, other)
        if parts is not None:
            best = parts["score"] if best is None else max(best, parts["score"])
    return best


def candidate_scores(report: IncidentReport, candidates: list[Incident]) -> dict[int, float]:
    """incident id → the report's match score with it, for the candidates it can join at all."""
    return {inc.id: s for inc in candidates if (s := match_score(report, inc)) is not None}


def assign(report: IncidentReport, candidates: list[Incident],
           scores: dict[int, float] | None = None) -> Incident | None:
    """The incident the report joins, or None to start a new one. Ties go to the lowest id."""
    scores = candidate_scores(report, candidates) if scores is None else scores
    scored = [(scores[inc.id], -inc.id, inc) for inc in candidates if inc.id in scores]
    scored = [x for x in scored if x[0] >= MIN_SCORE]
    if not scored:
        return None
    return max(scored, key=lambda x: (x[0], x[1]))[2]


BRIDGE_SCORE = _WEIGHTS["bridge_score"]
BRIDGE_PAIRS = 3  # the reports of each incident compared when two are checked for agreement


def bridged(report: IncidentReport, chosen: Incident, candidates: list[Incident],
            scores: dict[int, float] | None = None) -> list[Incident]:
    """The other candidate incidents that the report joins as well as the one it joined: one
    happening that arrived split (an arrest and a shooting that a third report tells as one). The
    report must match each of them with at least ``bridge_score``, and the two incidents must agree
    with each other on their own: one of the first reports of each matches one of the other's (it
    joined the other incident only because it matched that one better; merely not contradicting
    each other merged a protest with its dispersal, measured on the demo and gold-incidents dev)."""
    scores = candidate_scores(report, candidates) if scores is None else scores
    out = []
    for incident in candidates:
        if incident.id == chosen.id or not incident.reports:
            continue
        score = scores.get(incident.id)
        if score is None or score < BRIDGE_SCORE:
            continue
        if any((parts := match_parts(a, b)) is not None and parts["score"] >= MIN_SCORE
               for a in chosen.reports[:BRIDGE_PAIRS] for b in incident.reports[:BRIDGE_PAIRS]):
            out.append(incident)
    return out


def sortable_day(value: str | None) -> str | None:
    """A date of any precision as a day that sorts among days: an ISO week ("2009-W02", which as
    written sorts after every day of its year and hid its incident from every window) as its
    Thursday, its middle, so that a report of any of its days finds it; days, months and years as
    they are."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", value or "")
    if match:
        try:
            return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 4).isoformat()
        except ValueError:
            return value
    return value


def candidate_window(report: IncidentReport) -> tuple[str, str] | None:
    """The date range (inclusive, ISO) in which candidate incidents' reports must lie."""
    anchor = iso_day(sortable_day(report.date)) \
        or iso_day((report.date or "")[:7] + "-01" if report.date and len(report.date) == 7 else None)
    if anchor is None:
        anchor = iso_day(report.published)
        if anchor is None:
            return None
        return ((anchor - timedelta(days=UNDATED_WINDOW + 31)).isoformat(), (anchor + timedelta(days=1)).isoformat())
    span = 31 if report.date_precision in ("month", "week") else DAY_WINDOW
    return ((anchor - timedelta(days=span + UNDATED_WINDOW)).isoformat(),
            (anchor + timedelta(days=span + UNDATED_WINDOW)).isoformat())


def cluster(reports: list[IncidentReport]) -> list[Incident]:
    """Cluster reports in memory, in the given order (the store does the same incrementally)."""
    incidents: list[Incident] = []
    made = 0  # ids in the order incidents were made (a merged one's id is not given again)
    for report in reports:
        related = related_types(report.type)
        candidates = [i for i in incidents if any(r.type in related for r in i.reports)]
        target = assign(report, candidates)
        if target is None:
            made += 1
            target = Incident(id=made)
            incidents.append(target)
        else:
            for other in bridged(report, target, candidates):
                survivor, gone = sorted((target, other), key=lambda i: i.id)
                survivor.reports = sorted(survivor.reports + gone.reports, key=lambda r: r.event_id)
                incidents.remove(gone)
                target = survivor
        target.reports.append(report)
    return incidents
