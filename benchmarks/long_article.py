"""A long list-style article of our own: a month of a conflict monitor's daily log, one happening
per line, about 64 KB and some 360 events (the size of the page that took 65 s to ingest in
issue 25). Deterministic: the same seed writes the same text.

    .venv/bin/python benchmarks/long_article.py > /tmp/long.txt
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

# (town, region) pairs in one country, so that places resolve and incidents can share a place
TOWNS = [("Gao", "Gao Region"), ("Timbuktu", "Tombouctou Region"), ("Mopti", "Mopti Region"),
         ("Sevare", "Mopti Region"), ("Djenne", "Mopti Region"), ("Kidal", "Kidal Region"),
         ("Menaka", "Menaka Region"), ("Segou", "Segou Region"), ("Niono", "Segou Region"),
         ("Bandiagara", "Mopti Region"), ("Douentza", "Mopti Region"), ("Ansongo", "Gao Region"),
         ("Bourem", "Gao Region"), ("Tessalit", "Kidal Region"), ("Kayes", "Kayes Region"),
         ("Sikasso", "Sikasso Region"), ("Koutiala", "Sikasso Region"), ("Bamako", "Bamako")]
ACTORS = ["Gunmen", "Suspected jihadists", "Armed men on motorbikes", "Soldiers", "The army",
          "Militiamen", "Unidentified attackers", "Fighters of an armed group", "Police officers",
          "Security forces"]
# (sentence template, needs a number); {actor} {town} {n} {day} {victims}
HAPPENINGS = [
    ("{actor} attacked a military post near {town} on {day}, killing {n} soldiers.", True),
    ("{actor} killed {n} civilians in a village outside {town} on {day}.", True),
    ("{actor} abducted {n} traders on the road from {town} on {day}.", True),
    ("{actor} burned the weekly market in {town} on {day}.", False),
    ("{actor} shelled the outskirts of {town} on {day}, wounding {n} people.", True),
    ("Hundreds of residents protested in {town} on {day} against the insecurity.", False),
    ("{actor} arrested {n} suspects in {town} on {day}.", True),
    ("An improvised explosive device struck a convoy near {town} on {day}, killing {n} soldiers.", True),
    ("{actor} looted the health centre of {town} on {day}.", False),
    ("{actor} ambushed a patrol near {town} on {day} and seized two vehicles.", False),
    ("Traders in {town} went on strike on {day} to demand protection.", False),
    ("{actor} fired on a bus near {town} on {day}, killing {n} passengers.", True),
]
# what a log adds after each line: no happening of its own
TAILS = ["Local officials said the toll could rise.", "The figures could not be verified.",
         "A regional official confirmed the account.", "The figures come from the local town hall."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def long_article(*, lines: int = 399, seed: int = 25, start: date = date(2024, 3, 1)) -> str:
    """The text of the log: a headline, a dateline lead, then ``lines`` dated happenings grouped by day."""
    rng = random.Random(seed)
    out = ["Monthly security log: attacks, abductions and protests across central and northern Mali", "",
           f"BAMAKO, {start + timedelta(days=31):%B %-d} (Sahel Monitor) — The monitor recorded the following "
           "incidents over the past month, based on reports from local officials, residents and aid workers.", ""]
    per_day = max(1, lines // 30)
    for k in range(lines):
        day = start + timedelta(days=min(29, k // per_day))
        if k % per_day == 0:
            out.append(f"{day:%B} {day.day}, {day.year}")
        template, _ = rng.choice(HAPPENINGS)
        town, _region = rng.choice(TOWNS)
        sentence = template.format(actor=rng.choice(ACTORS), town=town, n=rng.randrange(2, 40),
                                   day=f"{WEEKDAYS[day.weekday()]}, {day:%B} {day.day}")
        out.append(f"- {sentence} {rng.choice(TAILS)}")
    return "\n".join(out) + "\n"


def main() -> None:
    sys.stdout.write(long_article())


if __name__ == "__main__":
    main()
