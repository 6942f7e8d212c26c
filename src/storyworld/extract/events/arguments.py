"""Who acts and on whom: the actor and the direct target of a trigger, from its dependents.

The subject (or a passive "by" agent, or for a noun trigger its named modifier, possessor or "by"
phrase) is the actor; the direct object (or the passive subject, or an "on/against/at" phrase) is the
target. What a parser gets wrong in news text is repaired here: an argument hung under the dateline,
a verb hung on its own subject, the subject shared with the verb above ("agreed to withdraw"). Targets
beyond the direct object (addressee, recipient, who is asked) are ``targets``.
"""

from __future__ import annotations

from ...resources.tables import word_set
from ...rules import IDENTITY, rule
from ..modality import means_of
from .evidence import dateline_dash, in_dateline
from .triggers import OBJECTS, SUBJECTS, aspectual_verb, light_verb, to_infinitive

NOT_PARTIES = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL")  # entity types no actor or target has
NAMED_PARTY_TYPES = ("GPE", "NORP", "ORG", "PERSON")
TRIMMED = ("relcl", "acl", "appos", "punct")  # what hangs off an argument after it and is not part of its name
SYMMETRIC_TYPES = ("CONSULT", "AGREE", "COOPERATE")  # "Turkey and Iraq agreed": each is the other's target
DEMO = "demo corpus"
PLOVER_DEV = "PLOVER-GSR dev"


@rule("events", "day-or-sum-no-party", source=PLOVER_DEV, off=False, examples=[
    ("Soldiers and rebels fought near the village of Dori on Sunday.", {"not": {"target": "Sunday"}}),
    ("Russia fired cruise missiles at Kyiv overnight, killing three people.", {"type": "ASSAULT", "target": "Kyiv"}),
])
def counted(token) -> bool:
    """A day, a time or a sum is nobody's actor or target ("complained on Tuesday", "$4.5 billion"); a name
    the tagger swept into a time ("Kyiv" in "at Kyiv overnight") is none of these."""
    if token.ent_type_ in ("DATE", "TIME") and token.pos_ == "PROPN" \
            and token.lower_ not in word_set("events.calendar_names"):
        return False
    return token.ent_type_ in NOT_PARTIES


@rule("events", "happening-no-party", source="acled-dev rounds 1-2", off=False, examples=[
    ("Soldiers and rebels fought a fierce gun battle near the village of Dori on Sunday.",
     {"not": {"target~": "gun battle"}}),
])
def happening(token) -> bool:
    """A noun of a happening is never a party ("fought a fierce gun battle", "struck a deal")."""
    return token.lemma_.lower() in word_set("events.happening_nouns")


@rule("events", "open-water-no-party", source="PLOVER codebook (issue 24 item 9)", off=False, examples=[
    ("Pyongyang launched a ballistic missile into the sea off its east coast.", {"not": {"target": "the sea"}}),
    ("North Korea fired a ballistic missile into the Sea of Japan on Wednesday.", {"not": {"target~": "Sea"}}),
])
def open_water(token) -> bool:
    """The sea where a missile lands is nobody's target ("launched a missile into the sea")."""
    return token.lemma_.lower() in word_set("events.open_waters")


def party(token) -> bool:
    """Whether a token can head an actor or a target."""
    return not counted(token) and not happening(token) and not open_water(token)


def phrase(token):
    """The argument's span: its subtree, trimmed of clauses hanging off it, of a dateline before it, and
    never across a paragraph break ("fuel shortages\\n\\nBAMAKO")."""
    left, right = token.left_edge.i, token.right_edge.i
    for child in token.children:
        if child.dep_ in TRIMMED and child.i > token.i:
            right = min(right, child.left_edge.i - 1)
    right = max(right, token.i)
    left = min(left, token.i)
    if token.dep_ == "poss" and right > token.i and token.doc[right].dep_ == "case":
        right -= 1  # "Serbia's" as the owner of an act: "Serbia"
    dash = dateline_dash(token.sent)
    if dash is not None and left <= dash.i < token.i:
        left = dash.i + 1
    span = token.doc[left:right + 1]
    text = span.text
    if "\n\n" in text:
        cut = span.start_char + text.index("\n\n")
        if token.idx < cut:
            right = max(token.i, max((t.i for t in span if t.idx < cut), default=token.i))
        else:
            left = min(token.i, min((t.i for t in span if t.idx > cut), default=token.i))
    return token.doc[left:right + 1]


@rule("events", "argument-past-dateline", source=DEMO, off=IDENTITY, examples=[
    # the subject before a dateline's dash ("POLICE"), with nothing after the dash to stand for it, is none
    ("POLICE HAVE ARRESTED HIM — and nobody knows why, his lawyer said.", {"type": "COERCE", "actor": None}),
])
def past_dateline(token):
    """The argument a parser hung under the dateline: "ANKARA (…) — Turkey and Iraq agreed" → Turkey; None
    when nothing after the dash can stand for it."""
    dash = dateline_dash(token.sent)
    if dash is None or token.i >= dash.i:
        return token
    after = [t for t in token.subtree if t.i > dash.i and in_dateline(t.head) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return after[0] if after else None


@rule("events", "passive-agent", source=DEMO, off=None, examples=[
    ("The refinery was struck by Ukraine on Friday.", {"type": "ASSAULT", "actor_country": "UKR"}),
])
def passive_agent(trigger):
    """The "by" phrase of a passive verb is its actor ("was struck by Israel")."""
    for child in trigger.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


@rule("events", "object-control", source=DEMO, off=None, examples=[
    ("The bloc urged the generals to withdraw their troops from the capital.",
     {"type": "RETREAT", "actor": "the generals"}),
    ("The army used napalm and incendiary bombs to attack the rebels in the suburbs.",
     {"type": "ASSAULT", "trigger": "attack", "actor": "The army"}),
])
def controller(trigger):
    """The object of the verb above an infinitive acts it ("urged the junta to withdraw": the junta),
    when that verb hands the act to its object (``object_control_verbs``); "used napalm to demoralise"
    leaves the act to the subject."""
    if trigger.dep_ == "xcomp" and trigger.head.pos_ == "VERB" \
            and trigger.head.lemma_.lower() in word_set("events.object_control_verbs"):
        found = next((c for c in trigger.head.children if c.dep_ in OBJECTS and c.i < trigger.i), None)
        if found is not None:
            return found
    return called_on(trigger)


@rule("events", "called-on-to-act", source="own house-style probe (\"called on both sides to stop targeting "
      "civilians\": the UN coordinator as actor)", off=None, examples=[
    ("The UN coordinator called on both sides to stop targeting civilians.",
     {"type": "ASSAULT", "actor": "both sides"}),
])
def called_on(trigger):
    """"called on (upon) X to do": X is to do it, not the one who calls."""
    head = trigger.head
    if trigger.dep_ != "xcomp" or head.lemma_.lower() not in ("call", "prevail") or head.i > trigger.i:
        return None
    return next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < trigger.i
                 for g in c.children if g.dep_ == "pobj"), None)


@rule("events", "misparsed-subject-head", source="CASE 2021", off=None, examples=[
    ("Armed bandits killed at least 12 farmers during raids on the villages of Dan and Kura.",
     {"type": "ASSAULT", "actor": "Armed bandits"}),
])
def misparsed_subject(trigger):
    """A verb with an object misparsed under its own subject ("A powerful earthquake killed 40 people",
    the verb a modifier of "earthquake"): the noun is the subject."""
    if trigger.dep_ in ("acl", "amod") and trigger.head.dep_ == "ROOT" and trigger.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ in OBJECTS for c in trigger.children):
        return trigger.head
    return None


@rule("events", "adjective-subject", source=PLOVER_DEV, off=None, examples=[
    ("Iran is ready to resume talks with the agency.", {"type": "AGREE", "actor_country": "IRN"}),
])
def predicate_subject(trigger):
    """An adjective of intent takes the subject of its copula ("Syria is willing to …": Syria)."""
    if trigger.dep_ == "acomp" and trigger.head is not trigger:
        return subject(trigger.head)
    return None


@rule("events", "shared-subject", source=DEMO, off=None, examples=[
    ("Russia agreed to pull its troops back from the border.", {"type": "RETREAT", "actor_country": "RUS"}),
])
def shared_subject(trigger):
    """An infinitive or a coordinated verb shares the subject of the verb above ("Russia agreed to
    withdraw", "struck the depot and killed six")."""
    if trigger.dep_ in ("xcomp", "conj") and trigger.head.pos_ in ("VERB", "AUX"):
        if trigger.head.i == trigger.i:
            return None
        return subject(trigger.head) or raised_subject(trigger)
    verb = aspectual_verb(trigger) or means_verb(trigger)  # "cops began arresting": the cops
    return subject(verb) if verb is not None else None


@rule("events", "raised-subject", source="own house-style probe (\"Marcos Jr. is expected to summon China's "
      "ambassador\": no actor)", off=None, examples=[
    ("President Marcos is expected to summon China's ambassador on Monday.",
     {"type": "ACCUSE", "actor": "President Marcos"}),
    ("The minister is scheduled to visit Kenya next week.", {"type": "CONSULT", "actor": "The minister"}),
])
def raised_subject(trigger):
    """"X is expected (scheduled, set, due) to summon …": the passive subject of the verb above the
    infinitive acts it."""
    if trigger.dep_ != "xcomp":
        return None
    return next((c for c in trigger.head.children if c.dep_ == "nsubjpass" and party(c)), None)


@rule("events", "means-subject", source="gold-real dev2", off=None, examples=[
    ("An officer stopped the gunman by shooting him in the leg.", {"type": "ASSAULT", "actor": "An officer"}),
])
def means_verb(trigger):
    """"X stopped the gunman by shooting him": the act done as the means of another is done by its
    subject; the verb above the "by", else None."""
    prep = trigger.head
    if trigger.dep_ == "conj":  # "by shooting and wounding him"
        prep = prep.head
    return prep.head if means_of(prep) and prep.head.pos_ == "VERB" else None


def subject(trigger):
    """The actor of a verb: its last subject (past a dateline), else what the rules above find; a
    relative pronoun stands for the noun its clause hangs on."""
    subjects = [c for c in (past_dateline(c) for c in trigger.children if c.dep_ in SUBJECTS) if c is not None]
    if subjects:
        return relative_antecedent(subjects[-1])
    for finder in (passive_agent, controller, misparsed_subject, predicate_subject, shared_subject):
        found = finder(trigger)
        if found is not None:
            return relative_antecedent(found)
    return None


RELATIVE_PRONOUNS = ("who", "which", "that")
MAX_CLAUSE_STEPS = 4  # verbs between a relative pronoun and its clause's head ("who tried to march")


@rule("events", "relative-pronoun-antecedent", source="own house-style probe (\"protesters who tried to march to "
      "parliament\": actor 'who')", off=IDENTITY, examples=[
    ("Police fired tear gas at protesters who tried to march to parliament.",
     {"type": "PROTEST", "actor": "protesters"}),
])
def relative_antecedent(token):
    """"who", "which", "that" as a subject stand for the noun their relative clause hangs on
    ("protesters who tried to march": the protesters)."""
    if token.lower_ not in RELATIVE_PRONOUNS:
        return token
    clause = token.head
    for _ in range(MAX_CLAUSE_STEPS):
        if clause.dep_ == "relcl":
            return clause.head if clause.head.pos_ in ("NOUN", "PROPN", "PRON") else token
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return token


@rule("events", "open-fire", source="CASE 2021", off=False, examples=[
    ("Soldiers opened fire on protesters in Lima.", {"type": "ASSAULT", "target": "protesters in Lima"}),
    ("Troops and rebels exchanged fire near Kidal on Sunday.", {"not": {"target": "fire"}}),
])
def idiom_object(obj, trigger) -> bool:
    """The object of an idiom is no target: "opened fire on the crowd" (the crowd is), "exchanged fire"."""
    return obj.lower_ == "fire" and trigger.lemma_.lower() in ("open", "exchange", "return", "trade")


@rule("events", "passive-subject-target", source=DEMO, off=None, examples=[
    ("Six soldiers were killed near Gao on Monday.", {"type": "ASSAULT", "target": "Six soldiers"}),
])
def passive_target(trigger):
    """The subject of a passive verb is its target ("six soldiers were killed")."""
    return next((c for c in trigger.children if c.dep_ == "nsubjpass" and party(c)), None)


@rule("events", "target-preposition", source=DEMO, off=None, examples=[
    ("Helicopter gunships fired on rebel positions near Paletwa on Wednesday.",
     {"type": "ASSAULT", "target": "rebel positions near Paletwa"}),
])
def prepositional_target(trigger):
    """An "on/against/at/into" phrase names the target when there is no object ("fired on a convoy")."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in word_set("events.target_prepositions"):
            for grand in child.children:
                if grand.dep_ == "pobj" and party(grand):
                    return grand
    return None


@rule("events", "weapon-object", source="PLOVER codebook (issue 24 item 9)", off=False, examples=[
    ("Russia fired cruise missiles at Kyiv overnight, killing three people.",
     {"type": "ASSAULT", "target": "Kyiv", "target_country": "UKR"}),
    ("Chinese coast guard ships fired water cannon at a Philippine supply boat near the shoal.",
     {"type": "ASSAULT", "target~": "supply boat"}),
    ("Police fired tear gas to disperse the crowd near the ministry.", {"type": "COERCE", "target~": "the crowd"}),
])
def weapon_object(obj, trigger) -> bool:
    """What is fired, launched or used ("fired cruise missiles at Kyiv", "used water cannon against the
    boat") is the weapon, not the target: the "at/on/against" phrase is, else the object of the purpose
    ("fired tear gas to disperse the crowd")."""
    return trigger.lemma_.lower() in word_set("events.weapon_verbs") and (
        obj.lemma_.lower() in word_set("events.munition_nouns")
        or any(t.lemma_.lower() in word_set("events.munition_nouns") for t in obj.subtree if t.dep_ == "compound"))


def direct_object(trigger):
    """The target of a verb: its object, else its passive subject, else an "on/against/at" phrase."""
    for child in trigger.children:
        if child.dep_ in OBJECTS and party(child) and not idiom_object(child, trigger) \
                and not weapon_object(child, trigger):
            return child
    found = passive_target(trigger)
    if found is not None:
        return found
    found = prepositional_target(trigger)
    if found is None and any(c.dep_ in OBJECTS and weapon_object(c, trigger) for c in trigger.children):
        found = next((g for c in trigger.children if c.dep_ in ("advcl", "xcomp") and to_infinitive(c)
                      for g in c.children if g.dep_ in OBJECTS and party(g)), None)  # "tear gas to disperse the crowd"
    return found


@rule("events", "named-modifier-actor", source=PLOVER_DEV, off=False, examples=[
    ("Israeli strikes hit the port of Hodeidah.", {"type": "ASSAULT", "actor": "Israeli"}),
    ("Police disperse nurses' rally in Lusaka.", {"type": "PROTEST", "actor": "nurses"}),
    ("The detainees began a hunger strike on Monday.", {"not": {"actor": "hunger"}}),
])
def named_modifier(token) -> bool:
    """A modifier of an event noun that can be its actor: a name or a nationality ("Israeli strikes",
    "Hamas attack", "the army's assault"), not a kind or a manner ("hunger strike", "roadside bombing",
    "mass demonstrations", "24-hour strike")."""
    if token.dep_ == "poss":
        return token.pos_ in ("PROPN", "NOUN", "PRON")
    return token.pos_ == "PROPN" or token.ent_type_ in NAMED_PARTY_TYPES


@rule("events", "from-actor", source="gold-real dev", off=False, examples=[
    ("Turnout was high despite boycotts from opposition groups.", {"type": "PROTEST", "actor": "opposition groups"}),
    ("The plan drew sharp criticism from Moscow on Friday.", {"type": "ACCUSE", "actor_country": "RUS"}),
])
def from_actor(trigger) -> bool:
    """The "from" phrase of a noun of speech, protest or aid names who acts ("boycotts from opposition
    groups", "criticism from Moscow", "aid from Japan"); of a withdrawal it is a place."""
    return trigger.lemma_.lower() in word_set("events.from_actor_nouns")


@rule("events", "under-attack", source="gold-real dev", off=False, examples=[
    ("The crew said the tanker was under attack from two boats.", {"type": "ASSAULT", "trigger": "attack"}),
    ("The convoy came under attack near Kidal on Sunday.", {"type": "ASSAULT"}),
    ("Teachers went on strike in Khartoum on Sunday over unpaid salaries.", {"type": "PROTEST"}),
    ("Israeli troops remained on high alert in the north on Monday.", {"type": "MOBILIZE", "actor_country": "ISR"}),
    ("The crash remains under investigation, police said.", {"not": {"type": "ACCUSE"}}),
    ("A US national has been put under investigation in Italy for her role in the riots.",
     {"type": "ACCUSE", "trigger": "investigation"}),
])
def under_attack(token) -> bool:
    """"was under attack", "came under fire", "was put under investigation", "went on strike", "remained on
    alert": a happening first told here, whose verb's subject acts it ("on") or suffers it ("under"); not
    a state ("remains under investigation")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.head.pos_ not in ("VERB", "AUX"):
        return False
    if prep.lower_ == "under":  # "came under attack"; "was put under investigation", "placed under house arrest"
        return token.lemma_.lower() in word_set("events.under_happenings") \
            or prep.head.lemma_.lower() in ("put", "place", "bring", "take")
    return prep.lower_ == "on" and token.lemma_.lower() in word_set("events.on_happenings") \
        and not any(c.dep_ == "det" for c in token.children)


@rule("events", "between-parties", source=DEMO, off=None, examples=[
    ("A meeting between Qatar and Egypt took place in Cairo.", {"type": "CONSULT", "actor_country": "QAT",
                                                              "target_country": "EGY"}),
])
def between(prep):
    """"a meeting between A and B": A is the actor, B the target; (A, B or None), else None."""
    if prep.dep_ != "prep" or prep.lower_ != "between":
        return None
    first = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if first is None:
        return None
    return first, next((c for c in first.children if c.dep_ == "conj"), None)


def noun_arguments(trigger):
    """The actor and target of an event noun: a named modifier or a "by" phrase acts, an "on/against/with"
    phrase is the target; a noun carried by a light verb takes the verb's subject ("Israel launched an
    attack on …") and the target phrase hung on the verb ("staged a rally in Gaza against the leader")."""
    actor = target = None
    for child in trigger.children:
        if child.dep_ in ("compound", "amod", "poss") and child.i < trigger.i and actor is None \
                and named_modifier(child):
            actor = child
        if child.dep_ == "prep" and child.lower_ == "by":
            actor = next((g for g in child.children if g.dep_ == "pobj"), actor)
        if child.dep_ == "prep" and child.lower_ == "from" and actor is None and from_actor(trigger):
            actor = next((g for g in child.children if g.dep_ == "pobj" and party(g)), actor)
        if child.dep_ == "prep" and (child.lower_ in word_set("events.target_prepositions") or child.lower_ == "with") \
                and (target is None or not party(target)):
            target = next((g for g in child.children if g.dep_ == "pobj"), target)  # the first party wins
        pair = between(child)
        if pair is not None:
            actor = pair[0]
            target = pair[1] if pair[1] is not None else target
    if actor is None and trigger.dep_ in OBJECTS and trigger.head.pos_ == "VERB" and from_actor(trigger):
        actor = next((g for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > trigger.i
                      for g in c.children if g.dep_ == "pobj" and party(g)), None)  # "drew criticism from Moscow"
    if under_attack(trigger):
        verb = trigger.head.head  # "teachers went on strike", "the convoy came under attack", "was put under …"
        verb_subject = passive_target(verb) or subject(verb)
        if trigger.head.lower_ == "on" and actor is None:
            actor = verb_subject
        elif trigger.head.lower_ == "under" and target is None:
            target = verb_subject
    role = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
    if target is None and role is not None and role.dep_ == "attr" \
            and role.lemma_.lower() in word_set("events.happening_roles"):
        target = subject(role.head)  # "a camp was the target of an air strike": the camp
    if trigger.dep_ in OBJECTS and trigger.head.pos_ == "VERB" and light_verb(trigger.head):
        if actor is None:
            actor = subject(trigger.head)
        if target is None:
            target = next((g for c in trigger.head.children if c.dep_ == "prep"
                           and c.lower_ in word_set("events.target_prepositions") and c.i > trigger.i
                           for g in c.children if g.dep_ == "pobj"), None)
    return actor, target


def _coordinated(token):
    """The other conjuncts of an argument: "Turkey and Iraq" → [Iraq]."""
    inside = {x.i for x in token.subtree}
    out = []
    for t in token.subtree:
        if t.pos_ not in ("PROPN", "NOUN") or t.head.i not in inside or t is token:
            continue
        if t.dep_ == "conj" or t.dep_ == "pobj" and any(
                c.dep_ == "pobj" and c.i < t.i for c in t.head.children):  # "of Congo and Rwanda" as two objects
            out.append(t)
    return out


@rule("events", "symmetric-partner", source=DEMO, off=None, examples=[
    ("Chile and Peru agreed on a new fishing pact.", {"type": "AGREE", "actor_country": "CHL",
                                                       "target_country": "PER"}),
])
def symmetric_partner(actor, target, event_type: str):
    """In a symmetric act the actor's first partner is the target when none is named ("Turkey and Iraq
    agreed on a pact": Iraq); else None."""
    if actor is not None and event_type in SYMMETRIC_TYPES and (
            target is None or target.ent_type_ not in NAMED_PARTY_TYPES):
        others = _coordinated(actor)
        return others[0] if others else None
    return None
