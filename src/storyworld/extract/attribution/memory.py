"""Our own coreference for sources: what a document has named so far, and what refers back to it.

No coreference model runs offline here, so sources are resolved against the chains the document
gave before: "the news outlet" / "the London-based Arabic daily" → the last outlet they describe;
"the report" → the last document or outlet; "the source" → the last anonymous source; "the group" /
"the UN agency" → the last organisation; "he"/"she" → the last single speaker; "Syniehubov" →
"Oleh Syniehubov" named earlier. Each of these is a rule of stage claims.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...parse.model import doc_text
from ...resources.outlets import Outlet, find_outlet, find_outlet_in, is_outlet_description
from ...resources.tables import word_set, words
from ...rules import IDENTITY, rule
from ...types import Source
from .sources import clean, core, describe, has_office, is_official_word

ACRONYM_GLUE = ("of", "and", "for", "the", "&")  # words an acronym leaves out ("Department of Health")
TITLE_WINDOW = 12  # words before a name in which its title may stand ("the Minister of Business, …, Mr X")
NAME_SHAPE = r"[A-Z][\w'’.-]+( [A-Z][\w'’.-]+)?"  # "Kanyuka", "Van Dyk": one or two capitalised words


@lru_cache(maxsize=1)
def _source_anaphor_pattern() -> re.Pattern:
    modifiers = "".join(f"{w} |" for w in words("claims.source_anaphor_modifiers"))
    heads = "|".join(words("claims.source_anaphor_heads"))
    return re.compile(rf"^the ({modifiers})({heads})$")


@lru_cache(maxsize=1)
def _indefinite() -> re.Pattern:
    determiners = "|".join(words("claims.indefinite_singulars"))
    return re.compile(rf"^({determiners})\b", re.I)


@rule("claims", "document-anaphor", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Reuters reported the strike. The report said six people died.", {"cue": "said", "source": "Reuters"}),
    ("A ministry statement said the port was closed. The statement also said that six people died.",
     {"cue": "also said", "source": "A ministry statement"}),
])
def _document_anaphor(low: str, phrase_words: list[str]) -> bool:
    """"the report", "this statement": the last document (or outlet) named."""
    return low.startswith(("the ", "this ")) and phrase_words[-1] in word_set("claims.document_anaphors")


@rule("claims", "named-agency-is-no-anaphor", source="demo corpus", off=False, examples=[
    ("The health ministry said two people died. The Xinhua agency said ten people died.", {"source": "Xinhua"}),
])
def _names_its_outlet(text: str) -> bool:
    """"the Xinhua news agency" names its outlet: it does not point back to the last one."""
    return bool(find_outlet(text) or find_outlet_in(text))


@rule("claims", "outlet-description", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Asharq al-Awsat reported the talks on Friday. The envoys met at a hotel in Cairo, according to the "
     "London-based Arabic daily.", {"cue": "according to", "source": "Asharq al-Awsat"}),
])
def _outlet_description(text: str, low: str) -> bool:
    """"the London-based Arabic daily", "the newspaper": an outlet named before."""
    return is_outlet_description(text) or low in word_set("claims.newspaper_anaphors")


@rule("claims", "description-fits-outlet", source="PolNeAR dev and demo corpus", off=True, examples=[
    ("Asharq al-Awsat said the talks failed. Ynet said the talks failed. The London-based Arabic daily said "
     "the envoys met at a hotel in Cairo.", {"cue": "said", "source": "Asharq al-Awsat",
                                            "content": "the envoys met at a hotel in Cairo"}),
])
def _describes_outlet(text: str, outlet: Outlet) -> bool:
    """ "the London-based Arabic daily" describes Asharq al-Awsat; "the UN agency" is not Reuters."""
    phrase_words = set(re.findall(r"[a-z-]+", text.lower())) - word_set("claims.outlet_generic_words")
    known = set(" ".join(outlet.descriptors).lower().split()) | set(outlet.name.lower().split())
    return phrase_words <= known


@rule("claims", "undescribed-outlet-is-the-last", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Reuters reported the strike. The Israeli daily said drones hit a depot.", {"cue": "said", "source": "Reuters"}),
])
def _last_outlet_meant(phrase_words: list[str]) -> bool:
    """An outlet description that fits no outlet named before still means the last one, unless it is an
    agency or network (a new one, unnamed)."""
    return phrase_words[-1] not in word_set("claims.agency_words")


@rule("claims", "source-anaphor", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("“Close the gate,” a security source said. “Close the north gate too,” the source added.",
     {"cue": "added", "source": "a security source"}),
])
def _source_anaphor(low: str) -> bool:
    """"the source", "the same official": the last anonymous source (else the last speaker)."""
    return bool(_source_anaphor_pattern().match(low))


@rule("claims", "organization-anaphor", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Oxfam said the camp had no water. The group said aid trucks were turned back.",
     {"cue": "said", "source": "Oxfam", "content": "aid trucks were turned back"}),
])
def _organization_anaphor(low: str, phrase_words: list[str], span) -> bool:
    """"the group", "the UN agency": the last organisation named (two words, or three with a name)."""
    return low.startswith("the ") and phrase_words[-1] in word_set("claims.anaphoric_organizations") and (
        len(phrase_words) == 2 or (len(phrase_words) == 3 and any(t.ent_type_ for t in span[1:-1])))


@rule("claims", "organization-named-before", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("Workers at Northgate Mining went on strike. The company said production would resume.",
     {"source": "Northgate Mining"}),
])
def _organization_entity_before(doc, before: int) -> tuple[Source, ...] | None:
    """With no organisation among the sources yet, "the company" is the last organisation the text named."""
    orgs = [e for e in doc.ents if e.label_ == "ORG" and e.end_char <= before]
    return (Source(clean(re.sub(r"^the\s+", "", orgs[-1].text, flags=re.I)), "organization"),) if orgs else None


@rule("claims", "speaker-pronoun", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Officer Dana Whitfield said the road was closed. She said it would reopen on Monday.",
     {"cue": "said", "source": "Dana Whitfield", "content": "it would reopen on Monday"}),
])
def _speaker_pronoun(low: str) -> bool:
    """"he", "she", "I": the last single speaker."""
    return low in word_set("claims.speaker_pronouns")


@rule("claims", "group-pronoun", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The ministry said the port was closed. It said ships would wait offshore.",
     {"cue": "said", "source": "The ministry", "content": "ships would wait offshore"}),
])
def _group_pronoun(low: str) -> bool:
    """"they", "it", "we": the last chain ("they": the last anonymous source first)."""
    return low in word_set("claims.group_pronouns")


@rule("claims", "charged-party-denies", source="own house-style probe (\"the RSF was accused of killing hundreds of "
      "people in El Fasher, allegations it rejected\": 'it' read as the last speaker)", off=None, examples=[
    ("The envoy said talks would resume. Last month, the RSF was accused of killing hundreds of people in El Fasher, "
     "allegations it rejected.", {"cue": "rejected", "source": "RSF"}),
])
def charged_party(span):
    """"X was accused of …, allegations it rejected", "X is blamed for …, a charge they deny": the pronoun
    that denies the charge stands for the party its sentence charges (the subject of the main clause),
    not for the last speaker."""
    pronoun = span.root
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("relcl", "acl") \
            or clause.head.lemma_.lower() not in word_set("claims.charge_nouns"):
        return None
    main = clause.head.head
    while main.dep_ != "ROOT" and main.pos_ not in ("VERB", "AUX"):
        main = main.head
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN")
                    and c.i < pronoun.i), None)
    return span.doc[subject.left_edge.i: subject.i + 1] if subject is not None else None


@rule("claims", "surname-of-entity-named-earlier", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("Regional governor Petro Marchenko visited the school on Monday. Marchenko said two people were hurt.",
     {"source": "Petro Marchenko", "kind": "official"}),
])
def _entity_by_surname(doc, text: str, before: int) -> Source | None:
    """A surname alone is the person the text named in full before, outside any claim ("regional
    governor Oleh Syniehubov" … "Syniehubov said"), an official when a title came before the name."""
    for ent in doc.ents:
        if ent.end_char > before:
            break
        if ent.label_ == "PERSON" and _part_of_name(clean(ent.text), text):
            window = doc[max(ent.start - 4, 0): ent.start].text
            return Source(clean(ent.text), "official" if has_office(window) else "person")
    return None


@rule("claims", "first-name-or-particle-surname", source="gold-real dev", off=False, examples=[
    ("Dana Whitfield, 80, and her husband met in 1960. Dana said the dance hall was full.",
     {"cue": "said", "source": "Dana Whitfield"}),
    ("Protests against President Omar al-Farouq spread on Monday. Farouq said the protesters were paid.",
     {"cue": "said", "source": "Omar al-Farouq"}),
])
def _first_or_particle(full: str, part: str) -> bool:
    """A person named in full may be named again by the first name ("Barry Smith" … "Barry said", in
    features and local news) or by a surname after its particle ("Bashar al-Assad" … "Assad said")."""
    return full.startswith(part + " ") or full.endswith("-" + part)


def _part_of_name(full: str, part: str) -> bool:
    """Whether ``part`` names again the person named ``full`` (a surname, a first name)."""
    return full != part and (full.endswith(" " + part) or _first_or_particle(full, part))


@rule("claims", "acronym-of-organization-named", source="gold-real dev", off=None, examples=[
    ("The Northern Harbour Authority closed the port. The NHA said ships would wait offshore.",
     {"cue": "said", "source": "Northern Harbour Authority", "kind": "organization"}),
])
def _acronym_expanded(doc, text: str) -> Source | None:
    """An acronym ("CFIA", "BA") is the organisation the text names in full with those initials
    ("the Canadian Food Inspection Agency", "British Airways"), named by its full name."""
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    if not re.fullmatch(r"[A-Z]{2,6}", text):
        return None
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        name = clean(re.sub(r"^the\s+", "", ent.text, flags=re.I))
        capitals = [w for w in name.split() if w.lower() not in ACRONYM_GLUE]
        if len(capitals) > 1 and all(w[:1].isupper() for w in capitals) and "".join(w[0] for w in capitals) == text:
            return Source(name, "organization")
    return None


@rule("claims", "the-department-named-before", source="gold-real dev", off=None, examples=[
    ("The Department of Fisheries closed the harbour on Monday. The department said the ban would last a week.",
     {"cue": "said", "source": "Department of Fisheries", "kind": "organization"}),
    ("The department said the ban would last a week.", {"cue": "said", "source": "The department"}),
    ("Clashes between the Malian army and rebels spread. The army said ten rebels were killed.",
     {"cue": "said", "source": "Malian army"}),
])
def _organization_by_head(doc, low: str, before: int) -> Source | None:
    """"the department", "the army": the organisation named before with that word in its name
    ("the Department of Health", "the Syrian army"), the last one."""
    words = low.split()
    if len(words) != 2 or words[0] != "the" or words[1] not in word_set("claims.organization_heads"):
        return None
    named = [(e.start_char, clean(re.sub(r"^the\s+", "", e.text, flags=re.I))) for e in doc.ents
             if e.label_ == "ORG" and e.end_char <= before and words[1].capitalize() in e.text.split()]
    # "the Syrian army", "Nigeria's army": the body named with its country before
    named += [(m.start(), m.group(1)) for m in re.finditer(
        rf"\b((?:[A-Z][\w-]+ )+{re.escape(words[1])})\b", doc_text(doc)[:before])
        if not m.group(1).split()[0] in ("The", "A", "An")]
    return Source(max(named)[1], "organization") if named else None


@rule("claims", "title-and-surname", source="gold-real dev", off=IDENTITY, examples=[
    ("Protests against President Omar al-Farouq spread. President Farouq said the protesters were paid.",
     {"cue": "said", "source": "Omar al-Farouq"}),
])
def _without_title(text: str) -> str:
    """"President Assad", "Mr Okafor": the surname after a title, to match the person named in full."""
    words = text.split()
    if len(words) == 2 and (is_official_word(words[0].lower()) or words[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr")):
        return words[1]
    return text


@rule("claims", "office-named-earlier", source="demo corpus", off=IDENTITY, examples=[
    ("Foreign minister Jonas Berg visited Kyiv on Monday. Later, Jonas Berg told reporters the aid would continue.",
     {"source": "Jonas Berg", "kind": "official"}),
])
def with_office(source: Source, doc, before: int) -> Source:
    """A person named with an office earlier ("the EU's foreign policy chief Kaja Kallas") is an
    official when named again without it."""
    if source.kind != "person":
        return source
    for ent in doc.ents:
        if ent.end_char > before:
            break
        if ent.label_ == "PERSON" and clean(ent.text) == source.name:
            window = doc[max(ent.start - 4, 0): ent.start].text
            if has_office(window):
                return Source(source.name, "official", clean(window.split(",")[-1]) or None)
    return source


@rule("claims", "the-title-named-before", source="gold-real dev2", off=None, examples=[
    ("Small Business Minister Soomilduth Bholah opened the session on Tuesday. The Minister said that "
     "many entrepreneurs were not aware of the schemes.", {"cue": "said", "source": "Soomilduth Bholah"}),
    ("The Minister said that many entrepreneurs were not aware of the schemes.",
     {"cue": "said", "source": "The Minister"}),
])
def _person_by_title(doc, low: str, before: int) -> Source | None:
    """"the minister", "the governor": the person named before with that title just before the name
    ("Small Business Minister Soomilduth Bholah"), the last one, an official; "the owner", "the
    winner": the person named before with that description in apposition ("Ameer Karass, the owner
    of the station"), a person."""
    words = low.split()
    if len(words) != 2 or words[0] != "the" or words[1].endswith("s"):
        return None
    official = is_official_word(words[1])
    found = None
    for ent in doc.ents:
        if ent.end_char > before:
            break
        if ent.label_ == "PERSON" and len(ent) > 1:
            # "Minister Soomilduth Bholah", "the Minister of Business, Enterprise and Cooperatives, Mr
            # Soomilduth Bholah": the title within the twelve words before the name, in its sentence
            window = doc[max(ent.start - TITLE_WINDOW, ent.sent.start): ent.start]
            if official and words[1] in [t.lower_ for t in window]:
                found = Source(clean(ent.text), "official")
            elif _described_after(doc, ent, words[1]):
                found = Source(clean(ent.text), "official" if official else "person")
    return found


@rule("claims", "the-description-named-before", source="gold-real dev2", off=False, examples=[
    ("Ameer Karass, the owner of the station, was thrilled. The owner said he would give part of the bonus "
     "to charity.", {"cue": "said", "source": "Ameer Karass"}),
])
def _described_after(doc, ent, noun: str) -> bool:
    """"Ameer Karass, the owner of …": the name's apposition, right after it, is "the" and the noun."""
    after = doc[ent.end: min(ent.end + 4, ent.sent.end)]
    return len(after) >= 3 and after[0].text == "," and after[1].lower_ == "the" and after[2].lower_ == noun


@rule("claims", "indefinite-source-is-a-speaker", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("A source close to the talks said the deal was ready. He said it would be signed on Monday.",
     {"cue": "said", "source": "A source close to the talks", "content": "it would be signed on Monday"}),
])
def _single_speaker(name: str) -> bool:
    """"a source", "one official": a single anonymous speaker whom "he" or "she" can mean later."""
    return bool(_indefinite().match(name))


@rule("claims", "capitalised-label-is-a-surname", source="gold-real dev", off=IDENTITY, examples=[
    ("Host Lena Varga spoke to the mayor, Omar Farah.\n\nVARGA: Is the port closed?\n\nFARAH: It is closed for a week.",
     {"cue": ":", "source": "Omar Farah"}),
])
def _label_case(text: str) -> str:
    """A transcript writes its speakers' surnames in capitals ("PENCE:", "WALLACE:"): read them as
    names, to match the person named in full before."""
    return text.title() if text.isupper() and len(text) > 3 else text


class Memory:
    """What the document has named so far, for resolving "the daily", "the source", "he", "Kanyuka"."""

    def __init__(self, doc) -> None:
        self.outlets: list[tuple[Source, ...]] = []
        self.last_anonymous: tuple[Source, ...] | None = None
        self.last_speaker: tuple[Source, ...] | None = None
        self.last_document: tuple[Source, ...] | None = None
        self.last_organization: tuple[Source, ...] | None = None
        self.last_chain: tuple[Source, ...] | None = None
        self.named: dict[str, Source] = {}  # every person, official or organisation a chain ended with, by name
        self.doc = doc

    @rule("claims", "surname", source="PolNeAR dev and demo corpus", off=None, examples=[
        ("Officer Dana Whitfield said the road was closed. Whitfield said it would reopen on Monday.",
         {"cue": "said", "source": "Dana Whitfield", "content": "it would reopen on Monday"}),
    ])
    def _person_by_surname(self, text: str, before: int) -> Source | None:
        """A surname alone ("Kanyuka") is the person named in full before: a speaker, else a name in the text."""
        if not re.fullmatch(NAME_SHAPE, text):
            return None
        text = _without_title(_label_case(text))
        for name, source in reversed(self.named.items()):
            if source.kind != "organization" and _part_of_name(name, text):
                return source
        return _entity_by_surname(self.doc, text, before) or self._named_source_by_surname(text)

    @rule("claims", "surname-of-a-source-named-before", source="gold-real dev2", off=None, examples=[
        ("A militia spokesman said the town was shelled. Nureddine Mehmud says Turkey fired on Qamishli. "
         "Mehmud says the fighters held the line.", {"cue": "says", "source": "Nureddine Mehmud",
                                                     "content": "the fighters held the line"}),
    ])
    def _named_source_by_surname(self, text: str):
        """A surname alone is a source the document named in full before, whatever the tagger took that
        name for ("Nureddine Mehmud", tagged an organisation)."""
        for name, source in reversed(self.named.items()):
            if source.kind == "organization" and len(name.split()) in (2, 3) and _part_of_name(name, text):
                return Source(source.name, "person", source.office)  # (people were sought first)
        return None

    def _organization_before(self, before: int) -> tuple[Source, ...] | None:
        if self.last_organization is not None:
            return self.last_organization
        return _organization_entity_before(self.doc, before)

    def resolve(self, span) -> tuple[Source, ...] | None:
        """The chain a source phrase refers back to, or None (it names a source of its own)."""
        text = clean(core(span).text)
        low = text.lower()
        phrase_words = low.split()
        if _document_anaphor(low, phrase_words):
            return self.last_document or (self.outlets[-1] if self.outlets else None)
        if _names_its_outlet(text):
            return None
        if _outlet_description(text, low):
            for chain in reversed(self.outlets):
                outlet = find_outlet(chain[-1].name)
                if outlet is None or _describes_outlet(low, outlet):
                    return chain
            if _last_outlet_meant(phrase_words):
                return self.outlets[-1] if self.outlets else None
        if _source_anaphor(low):
            return self.last_anonymous or self.last_speaker
        if _organization_anaphor(low, phrase_words, span):
            return self._organization_before(span.start_char)  # "the group", "the UN agency"
        if _speaker_pronoun(low):
            return self.last_speaker
        if _group_pronoun(low):
            charged = charged_party(span)
            if charged is not None:
                return (describe(charged),)
            return self.last_chain if low != "they" else (self.last_anonymous or self.last_chain)
        person = self._person_by_surname(text, span.start_char) or _acronym_expanded(self.doc, text) \
            or _person_by_title(self.doc, low, span.start_char) or _organization_by_head(self.doc, low, span.start_char)
        return (person,) if person is not None else None

    def remember(self, chain: tuple[Source, ...]) -> None:
        if not chain:
            return
        last = chain[-1]
        for i, source in enumerate(chain):
            if source.kind == "outlet":
                self.outlets.append(chain[: i + 1])
        if last.kind == "anonymous":
            self.last_anonymous = chain
            if _single_speaker(last.name):
                self.last_speaker = chain
        elif last.kind in ("official", "person"):
            self.last_speaker = chain
        elif last.kind == "document":
            self.last_document = chain
        elif last.kind == "organization":
            self.last_organization = chain
        if last.kind in ("official", "person", "organization"):
            self.named[last.name] = last
        self.last_chain = chain
