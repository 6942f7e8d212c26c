"""Words in the lexicon whose sense here is no event: a question asked, advice to the public, an order to the
reader, information offered, people who first met, a thing shown, a risk, a backing off, an opinion shared, a
thing withdrawn (gold-real dev, issue 24).

Real news uses the event words of the lexicon in senses that are no political act: "asked whether …" is a
question, "residents were urged to boil water" advice, "offers these tips" information, "met as teenagers"
a life story, "this threatens the recovery" a risk. Each is a rule; ``no_event_sense`` asks them in order.
"""

from __future__ import annotations

from ...resources.actors import resolve
from ...resources.tables import word_set
from ...rules import rule
from .triggers import OBJECTS, to_infinitive


@rule("events", "question-is-no-request", source="gold-real dev", off=False, examples=[
    ("The reporter asked the minister whether the army would withdraw.", {"not": {"type": "REQUEST"}}),
    ("I want to ask you, will the governor resign?", {"not": {"type": "REQUEST"}}),
    ("Qatar asked Israel to reopen the crossing.", {"type": "REQUEST", "trigger": "asked"}),
    ("Kenya asked for international help after the floods.", {"type": "REQUEST", "trigger": "asked"}),
])
def question_asked(token) -> bool:
    """"ask" is a request only with what is asked for: an infinitive ("asked X to reopen"), a "for"
    phrase ("asked for help"), a clause of what must be done ("asked that X leave") or a thing asked
    ("asked permission"); asking a question ("asked whether …", "asked, 'Will you …'") is none."""
    if token.lemma_.lower() != "ask":
        return False
    for c in token.children:
        if c.dep_ == "xcomp" or c.dep_ == "advcl" and to_infinitive(c):
            return False
        if c.dep_ == "prep" and c.lower_ == "for":
            return False
        if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return False
        if c.dep_ in OBJECTS and c.lemma_.lower() in word_set("events.asked_things"):
            return False
    return True


@rule("events", "advice-to-the-public", source="gold-real dev", off=False, examples=[
    ("The health agency said consumers should throw the product away.", {"not": {"type": "REQUEST"}}),
    ("Residents of the valley were urged to boil their water.", {"not": {"type": "REQUEST"}}),
    ("The minister said the rebels must lay down their arms.", {"type": "REQUEST"}),
])
def anybody(token) -> bool:
    """A word for anybody (the public, the reader: "anyone", "consumers", "you"): what is asked of them
    is advice or an appeal, no request of a party."""
    return token.lemma_.lower() in word_set("events.public_words") or token.lower_ in word_set("events.public_words")


@rule("events", "public-appeal", source="gold-real dev", off=False, examples=[
    ("Witnesses are asked to contact the police station in Leeds.", {"not": {"type": "REQUEST"}}),
    ("The envoy asked the militia to contact the mediators.", {"type": "REQUEST"}),
    ("The army ordered residents of the camp to leave within two hours.", {"type": "REQUEST", "trigger": "ordered"}),
])
def public_appeal(token) -> bool:
    """An appeal or advice to anybody ("residents were urged to …"), or to get in touch with an office
    without a party asked ("witnesses are asked to contact police"), is no request; an order is one,
    whoever receives it ("the army ordered residents to leave")."""
    if token.lemma_.lower() not in word_set("events.appeal_verbs"):
        return False
    asked = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj", "dative")]
    if any(anybody(a) for a in asked):
        return True
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in word_set("events.contact_verbs") for c in token.children) \
        and not any(a.dep_ == "dobj" for a in asked)


@rule("events", "imperative-is-advice", source="gold-real dev", off=False, examples=[
    ("Ask a neighbour to check on elderly relatives during the heatwave.", {"not": {"type": "REQUEST"}}),
    ("Call on your representatives to back the bill before the vote.", {"not": {"type": "REQUEST"}}),
])
def imperative(token) -> bool:
    """A bare imperative outside quotation marks ("Ask a sober friend …", tips for the reader) tells no
    happening: it is advice to the reader."""
    if token.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children):
        return False
    if token.dep_ == "conj":
        return imperative(token.head)
    if token.dep_ != "ROOT":
        return False
    before = token.doc[token.sent.start:token.i]
    return all(t.pos_ in ("PUNCT", "ADV", "INTJ", "CCONJ", "SPACE") for t in before) \
        and not any(t.text in ('"', "“", "”", "'") for t in token.doc[max(0, token.sent.start - 1):token.i])


@rule("events", "offered-information", source="gold-real dev", off=False, examples=[
    ("The ministry offers these tips for travellers to the region.", {"not": {"type": "AGREE"}}),
    ("The senator offered some pointed advice to the candidate.", {"not": {"type": "AGREE"}}),
    ("Turkey offered to host talks between the two sides.", {"type": "AGREE", "trigger": "offered"}),
])
def offered_information(token) -> bool:
    """Offering tips, advice or figures is saying something, not an intent to cooperate (AGREE, CAMEO 03)."""
    return token.lemma_.lower() in ("offer", "give", "provide") and any(
        c.dep_ in OBJECTS and c.lemma_.lower() in word_set("events.information_nouns") for c in token.children)


@rule("events", "meeting-of-persons", source="gold-real dev", off=False, examples=[
    ("The couple met as teenagers on a coach trip to the coast.", {"not": {"type": "CONSULT"}}),
    ("The rebels say the town can meet the standards of the mission.", {"not": {"type": "CONSULT"}}),
    ("The two foreign ministers met in Geneva on Monday.", {"type": "CONSULT"}),
])
def not_a_meeting(token) -> bool:
    """"meet" is no consultation when people first met ("met as teenagers", "met at school") or a thing
    meets a bar ("meet the standards", "meet the deadline")."""
    if token.lemma_.lower() != "meet":
        return False
    for c in token.children:
        if c.dep_ in OBJECTS and c.lemma_.lower() in word_set("events.bar_nouns"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("as", "at", "in") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in word_set("events.life_stage_nouns") for g in c.children):
            return True
    return False


@rule("events", "demonstrate-shows", source="gold-real dev", off=False, examples=[
    ("The tweet was all about demonstrating that the campaign was nervous.", {"not": {"type": "PROTEST"}}),
    ("The navy demonstrated its new drones off the coast.", {"not": {"type": "PROTEST"}}),
    ("Thousands demonstrated outside parliament on Sunday.", {"type": "PROTEST"}),
])
def showing(token) -> bool:
    """"demonstrate" with a clause or an object is showing something ("demonstrating that …", "demonstrated
    its drones"), not a protest ("thousands demonstrated outside parliament")."""
    return token.lemma_.lower() == "demonstrate" and any(
        c.dep_ in ("ccomp", "dobj") and not c.ent_type_ == "DATE" for c in token.children)


@rule("events", "risk-is-no-threat", source="gold-real dev", off=False, examples=[
    ("Europe is a major partner, and this threatens the entire recovery.", {"not": {"type": "THREATEN"}}),
    ("The drought threatens millions of herders in the region.", {"not": {"type": "THREATEN"}}),
    ("Iran threatened the shipping companies with seizure of their tankers.", {"type": "THREATEN"}),
])
def risk(token) -> bool:
    """"X threatens Y" with a thing or a situation as its subject ("this threatens the recovery", "the
    drought threatens millions") is a risk, no threat made by a party (CAMEO 13)."""
    if token.lemma_.lower() != "threaten" or any(c.dep_ == "xcomp" for c in token.children):
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None:
        return False
    if subject.lower_ in word_set("events.situation_pronouns") or subject.dep_ == "csubj":
        return True
    text = " ".join(t.text for t in subject.subtree)
    return subject.pos_ == "NOUN" and not subject.ent_type_ and resolve(text) is None \
        and subject.lemma_.lower() not in word_set("events.pronouns")


@rule("events", "phrasal-back", source="gold-real dev", off=False, examples=[
    ("We have got to back away from that kind of talk.", {"not": {"type": "SUPPORT"}}),
    ("Three governors backed the president's move on Friday.", {"type": "SUPPORT"}),
])
def backing_off(token) -> bool:
    """"back" with a particle ("back away", "back off", "back out") is retreating, no support."""
    return token.lemma_.lower() == "back" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "off", "out") for c in token.children)


@rule("events", "agreeing-in-opinion", source="gold-real dev", off=False, examples=[
    ("The judge agreed with Ivana Trump that there was no reason to intrude on her privacy.",
     {"not": {"type": "AGREE"}}),
    ("Most voters do not agree with the governor on taxes.", {"not": {"type": "REJECT"}}),
    ("Chile and Peru agreed to open the border crossing.", {"type": "AGREE"}),
])
def opinion_agreement(token) -> bool:
    """Agreeing with someone or that something is so ("agreed with X that …"), without what is agreed to or
    on, is an opinion, not an intent to cooperate (AGREE, CAMEO 03); nor is disagreeing a rejection."""
    if token.lemma_.lower() != "agree":
        return False
    children = list(token.children)
    if any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("on", "to") for c in children):
        return False
    return any(c.dep_ == "ccomp" for c in children) or any(c.dep_ == "prep" and c.lower_ == "with" for c in children)


@rule("events", "withdrawn-thing", source="gold-real dev", off=False, examples=[
    ("Most buy orders were briefly withdrawn, allowing the fall to continue.", {"not": {"type": "RETREAT"}}),
    ("The company withdrew its bid for the port on Friday.", {"not": {"type": "RETREAT"}}),
    ("Russia withdrew its troops from the border.", {"type": "RETREAT"}),
])
def withdrawn_thing(token) -> bool:
    """A withdrawn thing ("orders were withdrawn", "withdrew its bid") is no retreat from territory (PLOVER
    RETREAT 'withdraw'): the object or passive subject names no party, force or weapon."""
    if token.lemma_.lower() not in ("withdraw", "pull"):
        return False
    things = [c for c in token.children if c.dep_ in OBJECTS + ("nsubjpass",)]
    things += [g for t in things for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]  # "the majority of buy orders"
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in word_set("events.withdrawn_things") for t in things)


@rule("events", "level-reached", source="gold-real dev2", off=False, examples=[
    ("The S&P 500 index struck a ten-month high on Friday.", {"not": {"type": "ASSAULT"}}),
    ("We haven't hit rock bottom yet, the mayor said.", {"not": {"type": "ASSAULT"}}),
    ("A rocket hit a market in the town on Friday.", {"type": "ASSAULT"}),
])
def level_reached(token) -> bool:
    """"struck a ten-month high", "hit rock bottom", "hit the headlines": a level or a mark reached is
    no blow."""
    if token.lemma_.lower() not in ("strike", "hit", "reach", "touch"):
        return False
    return any(c.dep_ in OBJECTS and c.lemma_.lower() in word_set("events.level_nouns") for c in token.children)


@rule("events", "what-could-be-done", source="gold-real dev2", off=False, examples=[
    ("Two milligrams of fentanyl is enough to kill an average adult.", {"not": {"type": "ASSAULT"}}),
    ("The army was able to retake the town on Sunday.", {"type": "ASSAULT", "modality": "actual"}),
])
def capacity(token) -> bool:
    """"enough to kill an adult", "too weak to attack": what a thing could do is no event."""
    if token.dep_ == "xcomp" and token.head.lower_ in word_set("events.capacity_words"):
        return True
    return token.dep_ == "xcomp" and any(c.lower_ in word_set("events.capacity_words") and c.dep_ in ("advmod", "acomp")
                                         for c in token.head.children) and token.head.lemma_ == "be"


GENERIC_MODALS = ("can", "cannot", "ca", "may", "might")


@rule("events", "generic-rule", source="gold-real dev (a law's terms, coded after issue 24's lexicon rows)", off=False,
      examples=[
    ("Families with minor children cannot be held in detention for more than 20 days.", {"not": {"type": "COERCE"}}),
    ("The two men cannot be held in detention for more than 20 days, the judge ruled.", {"type": "COERCE"}),
])
def generic_rule(token) -> bool:
    """"Families with children cannot be held for more than 20 days": what may or may not be done to a
    kind of people (a bare plural, no article or number) states a rule, no event."""
    if not any(c.dep_ == "aux" and c.lower_ in GENERIC_MODALS for c in token.children):
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod") for c in subject.children)


@rule("events", "plea-in-court", source="gold-real dev3", off=False, examples=[
    ("Desmond Clark, 22, pleaded guilty to first-degree murder on Monday.", {"not": {"type": "REQUEST"}}),
    ("The two men pleaded not guilty to all charges.", {"not": {"type": "REQUEST"}}),
    ("The mayor pleaded with the government to send troops to the town.", {"type": "REQUEST", "trigger": "pleaded"}),
])
def plea_in_court(token) -> bool:
    """"pleaded guilty", "pleads not guilty", "pleaded no contest" answer a charge in court: no appeal to
    anyone (unlike "pleaded with the government to …")."""
    if token.lemma_.lower() != "plead":
        return False
    return any(c.lower_ in word_set("events.court_pleas") for c in token.children
               if c.dep_ in ("acomp", "oprd", "advmod", "dobj", "attr", "xcomp", "ccomp", "npadvmod", "neg"))


@rule("events", "anonymity-asked", source="own house-style probe (wire copy: \"asking not to be named for security "
      "reasons\")", off=False, examples=[
    ("A volunteer told the agency by phone, asking not to be named for security reasons.",
     {"not": {"type": "REQUEST"}}),
    ("The official, who asked not to be identified, said talks had stalled.", {"not": {"type": "REQUEST"}}),
    ("The envoy asked the militia not to attack the convoy.", {"type": "REQUEST"}),
])
def anonymity_asked(token) -> bool:
    """A source "asking not to be named" (or identified, quoted) sets the terms of an interview: no
    request of a party."""
    if token.lemma_.lower() not in ("ask", "request", "demand", "insist"):
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in ("name", "identify", "quote", "cite")
               and any(g.dep_ == "neg" for g in c.children) for c in token.children)


def no_event_sense(token) -> bool:
    """Whether a verb trigger is used here in a sense that is no event."""
    return plea_in_court(token) or anonymity_asked(token) or question_asked(token) or public_appeal(token) \
        or imperative(token) or offered_information(token) or not_a_meeting(token) or showing(token) \
        or risk(token) or backing_off(token) or opinion_agreement(token) or withdrawn_thing(token) \
        or level_reached(token) or capacity(token) or generic_rule(token)
