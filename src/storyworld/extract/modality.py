"""Modality of an event trigger from its syntactic context.

requested: governed by a verb of demanding (demand, urge, call on, ask, need to); threatened:
governed by a verb of threatening, or a conditional retaliation; planned: future auxiliaries and
verbs of planning; negated: "not", "never", "no", or governed by deny/reject; hypothetical: modal
"could/might/may/would" or an "if" clause.
"""

from __future__ import annotations

REQUEST_VERBS = {"demand", "urge", "call", "ask", "order", "press", "request", "need"}
AVOID_VERBS = {"avoid", "prevent", "stop", "fear"}  # what is avoided has not happened
THREAT_VERBS = {"threaten", "warn", "vow"}
PLAN_VERBS = {"plan", "intend", "prepare", "schedule", "agree", "decide", "expect", "promise", "pledge"}
DENY_VERBS = {"deny", "reject", "dismiss"}
HYPOTHETICAL = {"could", "might", "may", "would", "should"}
FUTURE = {"will", "shall", "'ll"}


def _negated(token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in ("never", "no") and child.dep_ in ("neg", "advmod", "det")
               for child in token.children)


def modality_of(trigger) -> str:
    """One of actual, requested, threatened, planned, negated, hypothetical."""
    if _negated(trigger):
        return "negated"
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL:
        return "hypothetical"
    if any(c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in trigger.children) \
            or any(m.lower_ == "if" and m.dep_ == "mark" for m in trigger.children):
        return "hypothetical"
    # walk up through complement clauses to the governing verb
    token, steps = trigger, 0
    while token.dep_ in ("xcomp", "ccomp", "pcomp", "acl", "pobj", "prep", "advcl", "conj") and steps < 4:
        head = token.head
        if head is token:
            break
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
    if aux & FUTURE:
        return "planned"
    return "actual"
