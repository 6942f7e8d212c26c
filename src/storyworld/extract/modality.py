"""Modality of an event trigger from its syntactic context.

requested: governed by a verb of demanding (demand, urge, call on, ask, need to); threatened:
governed by a verb of threatening or warning (also with "could" or "if": "warned that Pakistan could
strike … if the talks failed"); planned: future auxiliaries, verbs of planning, and "would" in
reported speech ("said they would continue talks"); negated: "not", "never", "no", or governed by
deny/reject; hypothetical: modal "could/might/may/would" or an "if" clause. A noun trigger takes
the modality of the verb that carries it ("will hold talks", "denied carrying out any airstrike").

The word lists are ``data/words/modality.toml``; each decision is a rule (``storyworld rules modality``).
"""

from __future__ import annotations

from ..resources.cues import reporting_verbs
from ..resources.tables import word_map, word_set
from ..rules import rule

FINITE = ("VBD", "VBZ", "VBP")
CARRIED = ("dobj", "obj", "nsubj", "nsubjpass", "pobj")
COMPLEMENTS = ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl")  # the links through which a verb governs
GOVERNED_PATH = COMPLEMENTS + ("advcl", "conj")
SOURCE = "demo corpus and seed article"


@rule("modality", "negation", source=SOURCE, off=False, examples=[
    ("Israel did not strike the site near Masyaf on Friday.", {"type": "ASSAULT", "modality": "negated"}),
    ("Israel never struck the site near Masyaf.", {"type": "ASSAULT", "modality": "negated"}),
    ("Israel struck the site near Masyaf on Friday.", {"type": "ASSAULT", "modality": "actual"}),
])
def negated(token) -> bool:
    """"not", "never" or "no" on the trigger negates it."""
    return any(child.dep_ == "neg" or child.lower_ in word_set("modality.negators")
               and child.dep_ in ("neg", "advmod", "det") for child in token.children)


@rule("modality", "if-clause", source=SOURCE, off=False, examples=[
    ("If Russia attacks Poland, the alliance will defend it.", {"type": "ASSAULT", "modality": "hypothetical"}),
    ("The RSF threatened to expand its offensive if the army does not withdraw from Omdurman.",
     {"type": "RETREAT", "modality": "hypothetical"}),
    ("Syria says it will not accept any more refugees if war starts in Iraq.", {"type": "REJECT"}),
])
def conditional(token) -> bool:
    """An event in an "if" clause, or with one, is hypothetical."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in token.children) \
        or if_clause_verb(token)


def if_clause_verb(token) -> bool:
    """Whether the verb heads an "if" clause ("if the army does not withdraw")."""
    return any(m.lower_ == "if" and m.dep_ == "mark" for m in token.children)


@rule("modality", "denier-own-act", source=SOURCE, off=False, examples=[
    ("The rebels denied firing on the camp and blamed government troops.", {"type": "ACCUSE", "modality": "actual"}),
])
def own_coordinated_act(token, head) -> bool:
    """A finite verb coordinated with a governed one, without a subject of its own, is the governor's
    subject's own act: "denied firing … and blamed the army" (blamed happened)."""
    return token.dep_ == "conj" and token.tag_ in FINITE and head.tag_ not in FINITE \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


@rule("modality", "governing-request", source=SOURCE, off=False, examples=[
    ("Russia demanded that Iranian militias withdraw from positions near Hama.",
     {"type": "RETREAT", "modality": "requested"}),
    ("The council urged both sides to hold talks in Geneva.", {"type": "CONSULT", "modality": "requested"}),
])
def requested_by(head, trigger) -> bool:
    """A verb of demanding above the trigger makes it requested."""
    return head.lemma_.lower() in word_set("modality.request_verbs") and head is not trigger


@rule("modality", "governing-threat", source=SOURCE, off=False, examples=[
    ("Iran threatened to attack any ship that entered the strait.", {"type": "ASSAULT", "modality": "threatened"}),
])
def threatened_by(head) -> bool:
    """A verb of threatening or warning above the trigger makes it threatened."""
    return head.lemma_.lower() in word_set("modality.threat_verbs")


@rule("modality", "governing-denial", source=SOURCE, off=False, examples=[
    ("The rebels denied shelling the camp near Goma.", {"type": "ASSAULT", "modality": "negated"}),
])
def denied_by(head) -> bool:
    """A verb of denying above the trigger negates it."""
    return head.lemma_.lower() in word_set("modality.deny_verbs")


@rule("modality", "governing-avoidance", source=SOURCE, off=False, examples=[
    ("The deal stopped the army from attacking the port.", {"type": "ASSAULT", "modality": "hypothetical"}),
])
def avoided_by(head) -> bool:
    """What is avoided, prevented or feared has not happened: hypothetical."""
    return head.lemma_.lower() in word_set("modality.avoid_verbs")


@rule("modality", "means-shares-the-act", source="gold-real dev2", off=False, examples=[
    ("An officer stopped the gunman by shooting him in the leg.", {"type": "ASSAULT", "modality": "actual"}),
    ("The deal stopped the army from attacking the port.", {"type": "ASSAULT", "modality": "hypothetical"}),
])
def means_of(token) -> bool:
    """A "by" phrase says how an act was done ("stopped the gunman by shooting him"): it happened as the
    act did, and the verb's sense (stopping, preventing, planning) does not govern it."""
    return token.dep_ == "prep" and token.lower_ in ("by", "through", "via")


@rule("modality", "governing-plan", source=SOURCE, off=False, examples=[
    ("The two ministers plan to meet in Cairo next week.", {"type": "CONSULT", "modality": "planned"}),
])
def planned_by(head, trigger) -> bool:
    """A base-form verb under a verb of planning is planned: "plan to meet"."""
    return head.lemma_.lower() in word_set("modality.plan_verbs") and trigger.tag_ in ("VB",)


def _governed(trigger) -> str | None:
    """requested/threatened/negated/hypothetical/planned from a governing verb, walking up through
    complement clauses (at most four steps)."""
    token, steps = trigger, 0
    while token.dep_ in GOVERNED_PATH and steps < 4:
        head = token.head
        if head is token:
            break
        if own_coordinated_act(token, head):
            return None
        if token.dep_ in COMPLEMENTS and not means_of(token):
            if requested_by(head, trigger):
                return "requested"
            if threatened_by(head):
                return "threatened"
            if denied_by(head):
                return "negated"
            if avoided_by(head):
                return "hypothetical"
            if planned_by(head, trigger):
                return "planned"
        token, steps = head, steps + 1
    return None


@rule("modality", "whether-clause", source="gold-real dev", off=False, examples=[
    ("No decision had been made about whether to appeal the ruling.", {"type": "REQUEST", "modality": "hypothetical"}),
    ("The cabinet will decide whether the army withdraws from the town.", {"type": "RETREAT", "modality": "hypothetical"}),
])
def open_question(trigger) -> bool:
    """An act in a "whether" or "if" question ("whether to appeal", "decide whether the army withdraws") is
    undecided: hypothetical."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether",) for c in trigger.children) or any(
        c.dep_ == "advmod" and c.lower_ == "whether" for c in trigger.children)


@rule("modality", "reported-would", source=SOURCE, off=False, examples=[
    ("The ministers said the two countries would share intelligence on the militias.",
     {"type": "COOPERATE", "modality": "planned"}),
])
def reported(trigger) -> bool:
    """The trigger's clause is what someone said: "said they would continue" (a reported future)."""
    token = trigger
    for _ in range(3):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in reporting_verbs():
            return True
        if token.dep_ != "conj" or token.head is token:
            return False
        token = token.head
    return False


@rule("modality", "obligation", source="gold-real dev", off=False, examples=[
    ("The minister said the rebels must lay down their arms.", {"type": "RETREAT", "modality": "requested"}),
    ("The envoy said Israel should withdraw its troops from the town.", {"type": "RETREAT", "modality": "requested"}),
    ("Troops must withdraw from the buffer zone under the accord.", {"type": "RETREAT", "modality": "hypothetical"}),
])
def obligation(trigger, aux: set[str]) -> bool:
    """An act someone must or should do has not happened: reported, it is what the speaker demands
    ("said the rebels must lay down their arms": requested), else an obligation (hypothetical)."""
    return bool(aux & word_set("modality.obligation_aux"))


@rule("modality", "carried-noun", source=SOURCE, off=None, examples=[
    ("Israel rejected any talks with Hamas.", {"type": "CONSULT", "modality": "negated"}),
    ("The president postponed a visit to Europe, citing the ban.", {"type": "CONSULT", "modality": "negated"}),
    ("Both sides will hold talks in Doha.", {"type": "CONSULT", "modality": "planned"}),
])
def carried_modality(trigger) -> str | None:
    """A noun trigger takes the modality of the verb that carries it ("will hold talks"); a negated noun
    is negated ("no attack took place"); the object of a verb of denying, threatening or demanding is
    negated, threatened or requested ("rejected any talks")."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ not in CARRIED:
        return None
    carrier = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" else trigger.head
    if carrier is trigger or carrier.pos_ not in ("VERB", "AUX"):
        return None
    lemma = carrier.lemma_.lower()
    if negated(trigger) and trigger.dep_ != "pobj":
        return "negated"
    if consequence_subject(trigger, carrier):
        return "hypothetical"
    if lemma in word_set("modality.deny_verbs") | word_set("modality.cancel_verbs") and trigger.dep_ in ("dobj", "obj"):
        return "negated"  # "rejected any talks", "postponed a visit to Europe"
    if lemma in word_set("modality.threat_verbs") and trigger.dep_ in ("dobj", "obj"):
        return "threatened"
    if lemma in word_set("modality.request_verbs") and lemma != "need" and trigger.dep_ in ("dobj", "obj", "pobj"):
        return "requested"
    return modality_of(carrier)


@rule("modality", "would-bring-about", source="own house-style probe (\"warned that an armed attack on Philippine "
      "vessels would invoke its mutual defence treaty\")", off=False, examples=[
    ("The United States warned that an armed attack on Philippine vessels would invoke its defence treaty.",
     {"type": "ASSAULT", "modality": "hypothetical"}),
    ("Analysts said a strike on the port could trigger a wider war.", {"type": "ASSAULT", "modality": "hypothetical"}),
])
def consequence_subject(trigger, carrier) -> bool:
    """A happening that "would", "could" or "might" bring something about ("an armed attack would invoke
    the treaty") is a condition supposed, not an act done, threatened or planned: hypothetical."""
    aux = {c.lower_ for c in carrier.children if c.dep_ == "aux"}
    return trigger.dep_ in ("nsubj", "nsubjpass") and bool(aux & {"would", "could", "might", "may"}) \
        and "have" not in aux  # "could have killed dozens", "would have been a disaster": left as they were


@rule("modality", "threat-is-made", source=SOURCE, off=None, examples=[
    ("Turkey threatened sanctions if Sweden refused to act.", {"type": "THREATEN", "modality": "actual"}),
])
def threat_made(trigger, aux: set[str]) -> str | None:
    """A verb of threatening is itself an act that happened (planned only with a future auxiliary),
    whatever condition it names: "threatened sanctions if it refused"."""
    if trigger.lemma_.lower() not in word_set("modality.threat_verbs"):
        return None
    return "planned" if aux & word_set("modality.future_aux") else "actual"


@rule("modality", "negated-governor", source="gold-real dev", off=False, examples=[
    ("Soldiers would not be allowed to arrest people at the border.", {"type": "COERCE", "modality": "negated"}),
    ("The army did not manage to retake the town.", {"type": "ASSAULT", "modality": "negated"}),
    ("The militia did not hesitate to attack the convoy.", {"type": "ASSAULT", "modality": "actual"}),
    ("We were not able to come to an agreement with the family.", {"type": "AGREE", "modality": "negated"}),
    ("The two sides were unable to reach an agreement on Monday.", {"type": "AGREE", "modality": "negated"}),
])
def under_negated_verb(trigger) -> bool:
    """An infinitive under a negated verb did not happen ("would not be allowed to arrest", "did not
    manage to retake"), unless the verb's negation asserts it ("did not hesitate to attack")."""
    head = trigger.head
    if trigger.dep_ == "xcomp" and head is not trigger and head.lower_ in ("unable", "incapable"):
        return True  # "were unable to reach an agreement"
    negation = negated(head) or head.dep_ == "acomp" and negated(head.head)  # "were not able to come to …"
    return trigger.dep_ == "xcomp" and head is not trigger and negation \
        and head.lemma_.lower() not in word_set("modality.asserting_when_negated")


@rule("modality", "is-to-do", source="gold-real dev2", off=False, examples=[
    ("Peres is to make an official visit to Prague on Monday.", {"type": "CONSULT", "modality": "planned"}),
    ("The two ministers are to meet in Cairo next week.", {"type": "CONSULT", "modality": "planned"}),
    ("Mediators are due to resume talks between the warring parties next week.",
     {"type": "CONSULT", "modality": "planned"}),
])
def scheduled(trigger) -> bool:
    """"is to make a visit", "are to meet", "are due to resume talks": "be" in the present (or "due") with
    an infinitive tells what is arranged to happen ("the tweet was only to mock …" tells a purpose)."""
    head = trigger.head
    if trigger.dep_ != "xcomp" or head.i == trigger.i or not any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in trigger.children):
        return False
    if head.lower_ == "due" and head.dep_ == "acomp":  # "are due to resume talks next week"
        return True
    return head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP")


@rule("modality", "modifier-of-intent", source="gold-real dev", off=None, examples=[
    ("Flights are cancelled ahead of a planned 48-hour strike by cabin crew over pay.",
     {"type": "PROTEST", "modality": "planned"}),
    ("The council discussed a possible attack on the port by the militia.",
     {"type": "ASSAULT", "modality": "hypothetical"}),
])
def modifier_modality(trigger) -> str | None:
    """An event noun whose adjective says it is planned or only possible ("a planned strike", "a possible
    attack") has that modality, whatever the verb around it."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in trigger.children:
        if child.dep_ in ("amod", "compound") and child.i < trigger.i:
            found = word_map("modality.modifier_modality").get(child.lower_)
            if found is not None:
                return found
    return None


def modality_of(trigger) -> str:
    """One of actual, requested, threatened, planned, negated, hypothetical."""
    modified = modifier_modality(trigger)
    if modified is not None:
        return modified
    carried = carried_modality(trigger)
    if carried is not None:
        return carried
    if negated(trigger) or under_negated_verb(trigger):
        # "if the army does not withdraw": a condition; "will not accept refugees if war starts" is a refusal
        return "hypothetical" if if_clause_verb(trigger) else "negated"
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    governed = _governed(trigger)
    if governed in ("requested", "threatened", "negated"):
        return governed
    made = threat_made(trigger, aux)
    if made is not None:
        return made
    if obligation(trigger, aux):
        return "requested" if reported(trigger) else "hypothetical"
    if aux & word_set("modality.hypothetical_aux"):
        if "would" in aux and not conditional(trigger) and reported(trigger):
            return "planned"  # reported future: "said the two countries would share intelligence"
        return "hypothetical"
    if conditional(trigger) or open_question(trigger):
        return "hypothetical"
    if governed:
        return governed
    if aux & word_set("modality.future_aux") or scheduled(trigger):
        return "planned"
    return "actual"
