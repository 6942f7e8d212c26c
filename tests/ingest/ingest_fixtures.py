"""Input fixtures written for these tests: short invented news articles with boilerplate around
them, and the containers (feed, WARC, JSONL) that carry them. Nothing here is copied from a real
outlet."""

from __future__ import annotations

import io
import json
from html import escape
from pathlib import Path

ARTICLES = {
    "harbour": (
        "Dock workers end strike at Mombasa harbour",
        [
            "Dock workers at the port of Mombasa ended a three-day strike on Tuesday after the Kenya Ports "
            "Authority agreed to review overtime pay, union officials said.",
            "\u201cWe have an agreement in writing and our members will return to the quays tonight,\u201d "
            "said Joseph Otieno, secretary of the dock workers' union, outside the harbour gates.",
            "Shipping agents said more than forty vessels had been waiting at anchor since Sunday. The "
            "authority said it expected the backlog to clear by the end of the week.",
        ],
    ),
    "council": (
        "City council approves new bus lanes for Leeds",
        [
            "Leeds city council voted on Wednesday to build eleven kilometres of new bus lanes along the "
            "main roads into the centre, ending a year of public consultation.",
            "Councillor Priya Shah, who chairs the transport committee, said the lanes would cut journey "
            "times for about thirty thousand passengers a day.",
            "Shopkeepers on Kirkstall Road protested against the plan last month, saying the loss of "
            "parking spaces would drive customers away. Work is due to start in March.",
        ],
    ),
    "flood": (
        "Floods cut road links in northern Bangladesh",
        [
            "Heavy monsoon rain flooded large parts of Sylhet division on Friday, cutting road links to "
            "dozens of villages, the disaster management ministry said.",
            "A ministry spokesman said rescue teams had moved about twelve thousand people to shelters and "
            "that two people had drowned in Sunamganj district.",
            "Forecasters warned that rivers would keep rising over the weekend as more rain fell upstream "
            "in the Indian state of Meghalaya.",
        ],
    ),
    "talks": (
        "Neighbours resume border talks in Geneva",
        [
            "Delegations from Armenia and Azerbaijan resumed talks on the demarcation of their border in "
            "Geneva on Monday, the Swiss foreign ministry said in a statement.",
            "A diplomat familiar with the talks said the two sides had agreed to exchange maps of a "
            "disputed section near the village of Tavush before the next round.",
            "Neither delegation spoke to reporters after the first session, which lasted about four hours.",
        ],
    ),
    "harvest": (
        "Farmers in Punjab report record wheat harvest",
        [
            "Farmers across Punjab province brought in a record wheat harvest this spring, the provincial "
            "agriculture department said on Thursday, crediting late rains and cheaper fertiliser.",
            "Government buyers paid a support price of four thousand rupees per forty kilograms, and "
            "storage depots in Multan and Bahawalpur reported that they were close to full.",
            "Traders said they expected flour prices in Lahore markets to fall over the coming months.",
        ],
    ),
    "museum": (
        "Museum returns bronze statues to Nigeria",
        [
            "A museum in Hamburg handed back twenty bronze statues to Nigeria on Saturday at a ceremony "
            "attended by officials from the National Commission for Museums and Monuments.",
            "The commission's director said the works would go on show in Benin City next year, after "
            "more than a century in European collections.",
            "German officials said further returns were being negotiated with other museums.",
        ],
    ),
    "rail": (
        "Rail workers in Lyon stage one-day walkout",
        [
            "Train drivers in Lyon walked out for twenty-four hours on Thursday over a dispute about "
            "rosters, cancelling most regional services, the rail operator said.",
            "A union representative said drivers had been asked to work too many night shifts in a row "
            "since the timetable changed in December.",
            "The operator said talks with the union would resume on Monday.",
        ],
    ),
}

BOILERPLATE_TOP = ('<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
                   '<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>')
BOILERPLATE_BOTTOM = ("<aside><p>Sign up for our morning briefing: the day's top stories in your inbox.</p>"
                      '<p><a href="/donate">Support independent journalism. Donate today.</a></p></aside>'
                      "<footer><p>\u00a9 2024 The Daily Courier. All rights reserved.</p>"
                      '<p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookies</a></p></footer>')

FRENCH_PAGE = (
    "<html lang=fr><head><title>Grève des cheminots</title></head><body><article>"
    "<p>Les conducteurs de train de la région lyonnaise ont cessé le travail jeudi pour protester contre "
    "les nouveaux horaires, a annoncé la direction régionale de la compagnie ferroviaire.</p>"
    "<p>Selon un représentant syndical, les conducteurs enchaînent trop de nuits de travail depuis le "
    "changement d'horaires du mois de décembre, et la direction refuse de revoir les plannings.</p>"
    "<p>Les négociations entre la direction et les syndicats doivent reprendre lundi matin à Lyon, a "
    "précisé la compagnie dans un communiqué publié jeudi soir.</p>"
    "</article></body></html>"
)


def article_text(key: str) -> str:
    title, paragraphs = ARTICLES[key]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n\nShare this article:\nFacebook\nTwitter\nEmail\n"


def article_fragment(key: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in ARTICLES[key][1])


def article_page(key: str, *, date: str | None = None) -> str:
    title = ARTICLES[key][0]
    meta = f'<meta property="article:published_time" content="{date}T09:30:00+00:00">' if date else ""
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(title)} | The Daily Courier"
            f"</title>{meta}</head><body>{BOILERPLATE_TOP}<main><article><h1>{escape(title)}</h1>"
            f"{article_fragment(key)}</article></main>{BOILERPLATE_BOTTOM}</body></html>")


def rss_feed(items: list[tuple[str, str, str]], *, title: str = "The Daily Courier") -> str:
    """items: (article key, link, RFC 822 date); the first item carries full content, the others a summary."""
    parts = []
    for number, (key, link, date) in enumerate(items):
        body = f"<content:encoded><![CDATA[{article_fragment(key)}]]></content:encoded>" if number == 0 else ""
        summary = escape(article_fragment(key))
        parts.append(f"<item><title>{escape(ARTICLES[key][0])}</title><link>{link}</link>"
                     f"<pubDate>{date}</pubDate><description>{summary}</description>{body}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>https://courier.example/</link><description>News</description>"
            + "".join(parts) + "</channel></rss>\n")


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzipped: bool = True) -> None:
    """records: (record type, content type, payload); a request record comes before each response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        for number, (rec_type, content_type, payload) in enumerate(records):
            uri = f"https://courier.example/story/{number}"
            if rec_type == "response":
                headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                      ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                   http_headers=headers)
            else:
                headers = StatusAndHeaders(f"GET /story/{number} HTTP/1.1", [("Host", "courier.example")],
                                           is_http_request=True)
                record = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(b""), http_headers=headers)
            writer.write_record(record)


def write_jsonl(path: Path, rows: list[object | str]) -> None:
    """Rows are JSON values, or raw strings written as they are (for broken lines)."""
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows), "utf-8")

