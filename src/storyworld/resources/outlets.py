"""News outlets and agencies (data/outlets.tsv): recognise "Ynet" as an outlet, "the AP" as the
Associated Press, and read descriptors such as "the London-based Arabic daily"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import rule
from .tables import read_table


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str | None
    language: str | None
    descriptors: tuple[str, ...]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").strip().lower())


@lru_cache(maxsize=1)
def outlets() -> dict[str, Outlet]:
    """Every name and alias (normalised) → its Outlet."""
    out: dict[str, Outlet] = {}
    for row in read_table("outlets.tsv"):
        outlet = Outlet(row["name"], row["country"] or None, row["language"] or None,
                        tuple(d for d in row["descriptors"].split("|") if d))
        for name in [row["name"], *row["aliases"].split("|")]:
            if name.strip():
                out[_norm(name)] = outlet
                out[_norm(re.sub(r"^the ", "", name, flags=re.I))] = outlet
    return out


def find_outlet(text: str) -> Outlet | None:
    norm = _norm(text)
    return outlets().get(norm) or outlets().get(re.sub(r"^the ", "", norm))


DESCRIPTOR_HEADS = ("daily", "newspaper", "paper", "outlet", "news outlet", "agency", "news agency", "website",
                    "news site", "channel", "television", "broadcaster", "network", "wire", "publication")


def is_outlet_description(text: str) -> bool:
    """ "the news outlet", "the London-based Arabic daily", "the agency": a reference to an outlet
    (a capitalised head is a name: "the Sudan Doctors Network" is not a description)."""
    norm = _norm(text)
    last = text.strip().split()[-1] if text.strip() else ""
    return norm.startswith(("the ", "this ")) and not last[:1].isupper() \
        and any(norm.endswith(" " + head) for head in DESCRIPTOR_HEADS)


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern:
    names = sorted((n for n in outlets() if len(n) >= 3), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I)


def find_outlet_in(text: str) -> Outlet | None:
    """An outlet named inside a longer phrase: "the group's Al-Manar television", "a reporter for
    USA Today". The name must be written as a name (capitalised) and not run on into a longer one
    ("The National Human Rights Defense Network" is not The National)."""
    text = re.sub(r"\s+", " ", text.replace("’", "'"))
    for match in _name_pattern().finditer(text):
        written = match.group(1)
        rest = text[match.end():].split()
        if not written[:1].isupper() and not written[:1].isdigit():
            continue
        if rest and rest[0][:1].isupper():
            continue
        if _inside_longer_name(text[:match.start()].split()):
            continue
        return find_outlet(written)
    return None


@rule("claims", "outlet-not-inside-a-longer-name", source="gold-real dev", off=False, examples=[
    ("Virgin Atlantic pilots said they would strike on Monday.", {"not": {"kind": "outlet"}}),
    ("Iran's Press TV said the port was closed.", {"source": "Press TV", "kind": "outlet"}),
    ("Lebanese Al-Manar television said the port was closed.", {"source": "Al-Manar", "kind": "outlet"}),
])
def _inside_longer_name(before: list[str]) -> bool:
    """"Virgin Atlantic pilots" is no Atlantic: a capitalised word before an outlet's name makes it
    part of a longer name (an article, a possessive or a demonym does not: "Qatari Al Jazeera")."""
    if not before:
        return False
    word = before[-1]
    return word[:1].isupper() and word.lower() not in ("the", "a", "an") and not word.endswith(("'s", "'")) \
        and re.search(r"(an|ese|ish|i)$", word) is None  # "Lebanese Al-Manar", "Qatari Al Jazeera": a demonym
