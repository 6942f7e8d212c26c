"""Modality of an event trigger from its syntactic context.

requested: governed by a verb of demanding (demand, urge, call on, ask, need to); threatened:
governed by a verb of threatening or warning (also with "could" or "if": "warned that Pakistan could
strike … if the talks failed"); planned: future auxiliaries, verbs of planning, and "would" in
reported speech ("said they would continue talks"); negated: "not", "never", "no", or governed by
deny/reject; hypothetical: modal "could/might/may/would" or an "if" clause. A noun trigger takes
the modality of the verb that carries it ("will hold talks", "denied carrying out any airstrike").
"""

from __future__ import annotations

REQUEST_VERBS = {"demand", "urge", "call", "ask", "order", "press", "request", "need"}
AVOID_VERBS = {"avoid", "prevent", "stop", "fear"}  # what is avoided has not happened
THREAT_VERBS = {"threaten", "warn", "vow"}
PLAN_VERBS = {"plan", "intend", "prepare", "schedule", "agree", "decide", "expect", "promise", "pledge", "offer",
              "swear", "willing", "ready", "prepared"}
DENY_VERBS = {"deny", "reject", "dismiss"}
REPORTING_VERBS = {"say", "tell", "announce", "add", "state", "report", "confirm", "insist", "declare", "write"}
HYPOTHETICAL = {"could", "might", "may", "would", "should"}
FUTURE = {"will", "shall", "'ll"}
FINITE = ("VBD", "VBZ", "VBP")
CARRIED = ("dobj", "obj", "nsubj", "nsubjpass", "pobj")


def _negated(token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in ("never", "no") and child.dep_ in ("neg", "advmod", "det")
               for child in token.children)


def _conditional(token) -> bool:
    return any(c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in token.children) \
        or any(m.lower_ == "if" and m.dep_ == "mark" for m in token.children)


def _governed(trigger) -> str | None:
    """requested/threatened/negated/hypothetical/planned from a governing verb, walking up through
    complement clauses (at most four steps)."""
    token, steps = trigger, 0
    while token.dep_ in ("xcomp", "ccomp", "pcomp", "acl", "pobj", "prep", "advcl", "conj") and steps < 4:
        head = token.head
        if head is token:
            break
        if token.dep_ == "conj" and token.tag_ in FINITE and head.tag_ not in FINITE \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return None  # "denied firing … and blamed the army": blamed is the denier's own act
        lemma = head.lemma_.lower()
        if token.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl"):
            if lemma in REQUEST_VERBS and head is not trigger:
                return "requested"
            if lemma in THREAT_VERBS:
                return "threatened"
            if lemma in DENY_VERBS:
                return "negated"
            if lemma in AVOID_VERBS:
                return "hypothetical"
            if lemma in PLAN_VERBS and trigger.tag_ in ("VB",):
                return "planned"
        token, steps = head, steps + 1
    return None


def _reported(trigger) -> bool:
    """The trigger's clause is what someone said: "said they would continue"."""
    token = trigger
    for _ in range(3):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS:
            return True
        if token.dep_ != "conj" or token.head is token:
            return False
        token = token.head
    return False


def modality_of(trigger) -> str:
    """One of actual, requested, threatened, planned, negated, hypothetical."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in CARRIED:
        carrier = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" else trigger.head
        if carrier is not trigger and carrier.pos_ in ("VERB", "AUX"):
            lemma = carrier.lemma_.lower()
            if _negated(trigger) and trigger.dep_ != "pobj":
                return "negated"  # "no attack took place"
            if lemma in DENY_VERBS and trigger.dep_ in ("dobj", "obj"):
                return "negated"
            if lemma in THREAT_VERBS and trigger.dep_ in ("dobj", "obj"):
                return "threatened"
            if lemma in REQUEST_VERBS and lemma != "need" and trigger.dep_ in ("dobj", "obj", "pobj"):
                return "requested"
            return modality_of(carrier)
    if _negated(trigger):
        return "negated"
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    governed = _governed(trigger)
    if governed in ("requested", "threatened", "negated"):
        return governed
    if trigger.lemma_.lower() in THREAT_VERBS:
        return "planned" if aux & FUTURE else "actual"  # "threatened sanctions if it refused": the threat is made
    if aux & HYPOTHETICAL:
        if "would" in aux and not _conditional(trigger) and _reported(trigger):
            return "planned"  # reported future: "said the two countries would share intelligence"
        return "hypothetical"
    if _conditional(trigger):
        return "hypothetical"
    if governed:
        return governed
    if aux & FUTURE:
        return "planned"
    return "actual"
