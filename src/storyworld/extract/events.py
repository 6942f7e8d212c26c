"""Events: trigger + arguments over the dependency parse, typed in PLOVER with CAMEO and ACLED.

Entry point: ``extract_events(parsed, *, actors, places) -> list[Event]`` (what the actors and places stages
found: the places give the countries of targets and local actors).

Design: every verb or noun whose lemma is in the curated lexicon (``data/event-lexicon.tsv``, with
per-entry context requirements) is a candidate trigger. Reporting verbs are left to provenance.
Arguments come from the trigger's dependents: the subject (or a passive "by" agent, or for a noun
trigger its compound/possessor/"by" phrase) is the actor; the direct object (or the passive
subject, or an "on/against/at" phrase) is the target. Arguments are resolved to countries and roles
through the actors stage (``actor_for_span``). Modality comes from ``modality.modality_of``. Every
event carries its sentence as evidence, with offsets into ``document.text``.

What is not an event of its own (precision): a headline (the article's first line, which the body
retells); a participle used as an adjective ("the detained protesters") or in a reduced or full
relative clause (background: "drones launched by Russia", "which pledged allegiance"); what a
speaker accuses someone of ("accused M23 of firing": the accusation is the event); a noun that
names an event told elsewhere ("condemned the attack", "rejected the demands", "this is an attack",
"a series of attacks"); a denial whose content is itself an event ("denied firing on the camp" is
the firing, negated, not a REJECT).

ACLED sub-event type (``acled``): decided once the happening has all its arguments, by the first row of
``data/acled-subevents.tsv`` that fits the event's PLOVER type, trigger lemma, the words of its sentence
and the party classes of its actor and target (``data/acled-parties.tsv``: state, nonstate, armed,
civilian, crowd, protesters), in the codebook's order: disrupted weapons use, then the weapon (chemical,
suicide, grenade, air/drone, shelling, remote explosive), sexual violence, abduction, territory (without
a fight; else by who takes it), bases, riots and protests (violent demonstrators riot; peaceful ones met
with lethal force suffer excessive force, with lesser force an intervention), looting, and last armed
clash (an armed target) against attack (a civilian target); else the trigger's own crosswalk. What
is part of a happening already recorded is dropped: property burnt in the course of an attack, "the
protesters" of a protest told before; and what a flood or an earthquake "killed" is nobody's assault.

Countries of arguments come from the text: the phrase itself, the antecedent of a pronoun or of a
definite description ("it", "its forces", "the junta" → the last mention that names a country),
and for targets and local actors (civilians, police, protesters, buildings) the place the sentence
puts them in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..parse.model import doc_text
from ..resources.actors import resolve
from ..resources.ontology import Trigger, acled_subevent, lexicon, lookup, non_political, party_classes
from ..types import ActorRef, Event, Span
from .actors import actor_for_span
from .modality import modality_of

MAX_SENTENCE_TOKENS = 400  # longer "sentences" (flattened tables, lists) are skipped, not parsed for frames
SUBJECTS = ("nsubj", "csubj")
OBJECTS = ("dobj", "obj")
TARGET_PREPOSITIONS = ("on", "against", "at", "into")
# verbs that only carry a noun trigger: "launched an attack", "will hold talks"
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "hold", "wage", "begin", "start", "continue",
               "resume", "make", "sign", "reach", "impose", "adopt", "stage", "step", "intensify", "escalate",
               "issue", "lodge", "file", "declare", "organize", "organise", "call"}
LEMMA_FIXES = {"stag": "stage"}  # the lemmatizer's slips on light verbs ("staged" → "stag")
# the prepositions by which a verb joins a happening first told here: "set off on a march"
JOINED_IN = ("on", "in", "into", "during")
DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
             "overnight", "earlier", "later"}
# past tenses of killing that the tagger takes for nouns or adjectives before "dead"/"down"
KILLED_WORDS = {"shot", "gunned", "hacked", "stabbed", "beaten", "clubbed", "mowed", "cut"}
WORD_LEMMAS = {"raped": "rape", "raping": "rape", "shot": "shoot", "gunned": "gun",  # and on triggers ("raped" → "rap")
               "retook": "retake", "retaken": "retake", "overran": "overrun", "reoccupied": "reoccupy",
               "installed": "install"}  # ("reoccupie", "instal")
# a noun trigger under these verbs names an event told elsewhere: "condemned the attack"
REFERRING_VERBS = {"condemn", "reject", "deny", "criticise", "criticize", "denounce", "welcome", "investigate",
                   "blame", "accuse", "host", "discuss", "describe", "report", "confirm", "claim", "mark",
                   "protest", "dismiss", "call", "term", "say", "praise", "support", "back", "oppose", "survive",
                   "end", "stop", "halt", "prevent", "avoid", "threaten", "warn"}
# verbs whose indefinite object is a happening first told here: "the master reported a blast"
WITNESS_VERBS = {"report", "witness", "hear", "see", "record"}
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
BACKGROUND_MARKS = {"since"}  # "since it seized power in 2021"
# "warned that …" is a threat when what is warned of is coercive; else a statement
THREAT_CONTENT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"}
THREAT_WORDS = {"respond", "retaliate", "retaliation", "response", "consequence", "action", "force", "war", "fight"}
# expressions of intent (CAMEO 03 → AGREE): "offered to hand over", "is ready to host"; with coercive
# content they are threats (CAMEO 13): "vowed to fight", "is prepared to impose martial law"
INTENT_WORDS = {"offer", "promise", "vow", "swear", "willing", "ready", "prepared"}
# a refused cooperation is a REJECT (CAMEO 12): "will not accept any more refugees"
REFUSABLE = {"accept", "agree", "allow", "recognize", "recognise"}
# "X said that Y must …" is a demand (CAMEO 10) made by X of Y
DIRECTIVE_VERBS = {"say", "declare", "reiterate", "insist", "state", "conclude", "tell", "announce", "stress",
                   "repeat", "argue", "write", "add"}
DIRECTIVE_MODALS = {"must", "should"}
FIRST_PERSON = {"i", "we", "us"}
ANNOUNCED_THREATS = {"ASSAULT", "COERCE", "SANCTION"}
# an infinitive under these nouns is the act itself: "an attempt to assassinate the governor"
ATTEMPT_NOUNS = {"attempt", "bid", "plot"}
# a participle under these nouns is what the document says, not background: "a statement demanding …"
DOCUMENT_NOUNS = {"statement", "declaration", "resolution", "letter", "communique", "communiqué", "message",
                  "note", "petition", "appeal"}
ALLEGING_VERBS = {"accuse", "blame", "charge", "suspect", "condemn", "criticise", "criticize"}
DENYING_VERBS = {"deny", "dismiss"}
REPORTING_VERBS = {"say", "tell", "announce", "claim", "confirm", "add", "state", "report", "declare", "insist",
                   "write", "note"}
SYMMETRIC_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
NOT_PARTIES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}  # entity types no actor or target has
PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "we", "our", "them"}
LOCAL_ROLES = {"CVL", "COP"}  # actors whose country is where they are
NON_LOCAL = {"IGO"}
HEADLINE_MAX_WORDS = 25
CONTINUED_PROTEST = re.compile(r"\b(?:the|these|those)\s+(?:protesters|protestors|demonstrators|marchers|crowds?)\b",
                               re.IGNORECASE)
DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .'’-]*[A-Z]\b[^a-z]{0,3}")


def _phrase(token):
    """The argument's span: its subtree, trimmed of clauses hanging off it."""
    left, right = token.left_edge.i, token.right_edge.i
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct") and child.i > token.i:
            right = min(right, child.left_edge.i - 1)
    right = max(right, token.i)
    left = min(left, token.i)
    if token.dep_ == "poss" and right > token.i and token.doc[right].dep_ == "case":
        right -= 1  # "Serbia's" as the owner of an act: "Serbia"
    dash = _dateline_dash(token.sent)
    if dash is not None and left <= dash.i < token.i:
        left = dash.i + 1
    # never across a paragraph break ("fuel shortages\n\nBAMAKO")
    span = token.doc[left:right + 1]
    text = span.text
    if "\n\n" in text:
        cut = span.start_char + text.index("\n\n")
        if token.idx < cut:
            right = max(token.i, max((t.i for t in span if t.idx < cut), default=token.i))
        else:
            left = min(token.i, min((t.i for t in span if t.idx > cut), default=token.i))
    return token.doc[left:right + 1]


def _dateline_dash(sent):
    """The dash that closes a dateline opening the sentence ("KHARKIV, Ukraine (Baltic Ledger) —"), or None."""
    first = sent[0]
    if not (first.text[:1].isupper() and (first.text.isupper() or first.text.startswith("("))):
        return None
    for t in sent[:20]:
        if t.text in ("—", "–", "--"):
            return t
    return None


def _in_dateline(token) -> bool:
    dash = _dateline_dash(token.sent)
    return dash is not None and token.i < dash.i


def _past_dateline(token):
    """The argument a parser hung under the dateline: "ANKARA (…) — Turkey and Iraq agreed" → Turkey."""
    dash = _dateline_dash(token.sent)
    if dash is None or token.i >= dash.i:
        return token
    after = [t for t in token.subtree if t.i > dash.i and _in_dateline(t.head) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return after[0] if after else None


def _subject(trigger):
    subjects = [c for c in (_past_dateline(c) for c in trigger.children if c.dep_ in SUBJECTS) if c is not None]
    if subjects:
        return subjects[-1]
    for child in trigger.children:
        if child.dep_ == "agent":  # passive: "was struck by Israel"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if trigger.dep_ == "xcomp" and trigger.head.pos_ == "VERB":  # "urged the junta to withdraw": the junta
        controller = next((c for c in trigger.head.children if c.dep_ in OBJECTS and c.i < trigger.i), None)
        if controller is not None:
            return controller
    if trigger.dep_ in ("acl", "amod") and trigger.head.dep_ == "ROOT" and trigger.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ in OBJECTS for c in trigger.children):
        return trigger.head  # a verb misparsed under its subject: "A powerful earthquake killed 40 people"
    if trigger.dep_ == "acomp" and trigger.head is not trigger:  # "Syria is willing to …": Syria
        return _subject(trigger.head)
    if trigger.dep_ in ("xcomp", "conj") and trigger.head.pos_ in ("VERB", "AUX"):  # "agreed to withdraw"
        return _subject(trigger.head) if trigger.head is not trigger else None
    return None


# nouns of happenings, never a party: "fought a fierce gun battle", "struck a deal"
HAPPENING_NOUNS = {"battle", "fight", "firefight", "gunfight", "gunbattle", "war", "clash", "skirmish", "duel",
                   "deal", "agreement", "accord", "truce", "ceasefire"}


def _party(token) -> bool:
    """Whether a token can head an actor or a target: "on Tuesday", "$4.5 billion", "a gun battle"
    cannot."""
    return token.ent_type_ not in NOT_PARTIES and token.lemma_.lower() not in HAPPENING_NOUNS


def _object(trigger):
    for child in trigger.children:
        if child.dep_ in OBJECTS and _party(child) and not (child.lower_ == "fire" and trigger.lemma_.lower() == "open"):
            return child  # "opened fire on the crowd": the crowd
    for child in trigger.children:
        if child.dep_ == "nsubjpass" and _party(child):
            return child
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
            for grand in child.children:
                if grand.dep_ == "pobj" and _party(grand):
                    return grand
    return None


# types whose party can stand after "to" ("apologised to Brazil", "an ultimatum to Ecuador",
# "offered to hand them over to Britain") or "with" ("agreed to negotiate with Armenia's president");
# "to" is no target for an accusation ("complained to the UN over Israeli raids": Israel is)
TO_TARGET_TYPES = {"AGREE", "SUPPORT", "CONCEDE", "AID", "REQUEST", "THREATEN", "CONSULT", "COOPERATE", "REJECT"}
WITH_TARGET_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
NAMED_PARTY_TYPES = ("GPE", "NORP", "ORG", "PERSON")


def _names_party(token) -> bool:
    """A phrase that names a party ("Brazil", "the president of Armenia", "US mediation"), not a thing
    ("a ceasefire", "the talks")."""
    return token.pos_ == "PROPN" or any(t.ent_type_ in NAMED_PARTY_TYPES for t in token.subtree)


def _indirect_object(trigger, event_type: str):
    """The party an act is addressed to when it has no direct object: a dative ("gave Israel an
    ultimatum"), "to"/"with" after verbs of those types, also one clause down ("offered to hand
    over to Great Britain")."""
    for verb in (trigger, *(c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB")):
        for child in verb.children:
            if child.dep_ == "dative" and child.pos_ != "ADP" and _party(child) and _names_party(child):
                return child
            if child.dep_ in ("prep", "dative") and (
                    child.lower_ == "to" and event_type in TO_TARGET_TYPES
                    or child.lower_ == "with" and event_type in WITH_TARGET_TYPES):
                grand = next((g for g in child.children if g.dep_ == "pobj"), None)
                if grand is not None and _party(grand) and _names_party(grand):
                    return grand
    return None


# types whose direct object is often the thing given, withheld or threatened, and the party the one it
# goes "to": "granted asylum to 18 Rwandan rebels", "halted economic aid to Serbia", "threatened to
# cut off electricity to Nakhichevan"
RECIPIENT_TYPES = {"AID", "AGREE", "SUPPORT", "SANCTION", "THREATEN", "CONCEDE", "REJECT"}


def _recipient(trigger, obj, event_type: str):
    """The party a thing goes to, when the object is a thing (no name, no actor role in it): after
    "to" on the verb, else inside the thing's own phrase ("lifted a curfew in Montenegro", "cut off
    electricity to Nakhichevan", "restrictions for new EU members")."""
    if event_type not in RECIPIENT_TYPES or obj.pos_ != "NOUN" or _names_party_itself(obj) \
            or resolve(_phrase(obj).text):
        return obj
    return _indirect_object(trigger, "AID" if event_type not in TO_TARGET_TYPES else event_type) \
        or _party_inside(obj) or _party_inside(trigger, ("in",)) or obj


INNER_PREPOSITIONS = ("to", "against", "on", "for", "in", "from", "with")


def _names_party_itself(token) -> bool:
    """Whether the noun or a word before it names a party ("Israeli raids", "Serbia's curfew"), not
    a phrase after it ("a curfew in Montenegro")."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAMED_PARTY_TYPES or any(
        t.ent_type_ in NAMED_PARTY_TYPES or t.pos_ == "PROPN" for left in token.lefts for t in left.subtree)


def _pobj(token, prepositions, accept=lambda grand: True):
    """The first object of one of ``token``'s prepositions ("sanctions *against Nigeria*") that
    ``accept`` takes."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            grand = next((g for g in child.children if g.dep_ == "pobj"), None)
            if grand is not None and accept(grand):
                return grand
    return None


def _party_inside(thing, prepositions=INNER_PREPOSITIONS):
    """The named party a thing is for, against or in: "sanctions against Nigeria", "a curfew in
    Montenegro"; the first such phrase of the thing (or of the verb: "lifted a curfew in Montenegro")."""
    return _pobj(thing, prepositions, lambda grand: _party(grand) and _names_party(grand))


def _sought(trigger):
    """The party inside what is called or pressed for: "called for sanctions against Nigeria"."""
    thing = _pobj(trigger, ("for",), lambda grand: grand.pos_ == "NOUN" and not _names_party_itself(grand))
    return _party_inside(thing) if thing is not None else None


PROTEST_PURPOSES = {"protest", "denounce", "condemn", "oppose", "demand", "decry", "mark"}
PROTEST_PREPS = ("against", "over", "at", "of")


def _protested(trigger):
    """What a protest is against, from its purpose: "marched to protest the arrest …", "a hunger
    strike in protest of the government's refusal", "… to protest against Sweden's decision" (its
    owner, a named party, is the target); None when that names no party."""
    anchors = [trigger] + ([trigger.head] if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubj") else [])
    for anchor in anchors:
        for child in anchor.children:
            thing = None
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in PROTEST_PURPOSES:
                thing = next((c for c in child.children if c.dep_ == "dobj"), None) or _pobj(child, PROTEST_PREPS)
            elif child.dep_ == "prep" and child.lower_ == "in":
                noun = next((c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() == "protest"), None)
                thing = _pobj(noun, PROTEST_PREPS) if noun is not None else None
            if thing is None:
                continue
            owner = _owner(thing)
            if owner is thing and thing.pos_ == "NOUN" and ACT_NOUN.search(thing.lower_):
                owner = _pobj(thing, ("by",)) or thing  # "the arrest … by Kenyan police"
            if owner is not None and _party(owner) and _names_party(owner):
                return owner
    return None


def _claimant(token):
    """Whose demand or call it is: "accepted demands from Shona rebels", "rejected calls by Kofi Annan"."""
    return _pobj(token, ("from", "by"), _names_party)


def _owner(token):
    """The possessor of an act or stance that stands as the target: "denounced Serbia's suppression" →
    Serbia, "against Sweden's decision" → Sweden. A party noun keeps its phrase ("Iraq's army")."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return token
    owner = next((c for c in token.children if c.dep_ == "poss" and c.i < token.i and _names_party(c)), None)
    if owner is None and token.lemma_.lower() in CLAIM_NOUNS:
        owner = _claimant(token)
    if owner is None or not ACT_NOUN.search(token.lower_):
        return token
    return owner


CLAIM_NOUNS = {"demand", "call", "request", "appeal", "proposal", "offer", "invitation", "plea", "ultimatum"}


ACT_NOUN = re.compile(r"(ion|ment|al|ure|ance|ence|ism|cy|ies|ity|ship)s?$|^(decision|plan|policy|wish|move|stance|"
                      r"call|bid|demand|claim|threat|attack|crackdown|rule|war|campaign|program|programme|offensive)s?$")


def _asked(trigger):
    """Who is asked, in "demanded that X do": the subject of the demanded clause, when it names a party."""
    for child in trigger.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and child.i > trigger.i:
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and _names_party(subject) and _party(subject):
                return subject
    return None


def _embedded_object(trigger, event_type: str):
    """The target of what is threatened or demanded: "threatened to attack any ship" → any ship;
    a thing's recipient: "threatened to cut off electricity to Nakhichevan" → Nakhichevan."""
    for child in trigger.children:
        # the parser sometimes makes the infinitive an adverbial clause ("threatened on Friday to cut off …")
        infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if (child.dep_ in ("xcomp", "ccomp") or infinitive) and child.pos_ in ("VERB", "AUX"):
            found = _object(child)
            if found is not None:
                return _recipient(child, found, event_type)
    return None


def _named_modifier(token) -> bool:
    """A modifier of an event noun that can be its actor: a name or a nationality ("Israeli
    strikes", "Hamas attack", "the army's assault"), not a kind or a manner ("hunger strike",
    "roadside bombing", "mass demonstrations", "24-hour strike")."""
    if token.dep_ == "poss":
        return token.pos_ in ("PROPN", "NOUN", "PRON")
    return token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")


def _modified(trigger) -> bool:
    """An event noun with a modifier before it ("the nightly curfew", "fraud investigations") names
    a happening of its own, unlike a bare "the demand" that points back at one told before."""
    return any(c.dep_ in ("compound", "amod", "poss") and c.i < trigger.i for c in trigger.children)


def _noun_arguments(trigger):
    actor = target = None
    for child in trigger.children:
        if child.dep_ in ("compound", "amod", "poss") and child.i < trigger.i and actor is None \
                and _named_modifier(child):
            actor = child
        if child.dep_ == "prep" and child.lower_ == "by":
            actor = next((g for g in child.children if g.dep_ == "pobj"), actor)
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS + ("with",):
            target = next((g for g in child.children if g.dep_ == "pobj"), target)
        if child.dep_ == "prep" and child.lower_ == "between":  # "a meeting between A and B"
            first = next((g for g in child.children if g.dep_ == "pobj"), None)
            if first is not None:
                actor = first
                target = next((c for c in first.children if c.dep_ == "conj"), target)
    if trigger.dep_ in OBJECTS and trigger.head.pos_ == "VERB" and _light(trigger.head):
        if actor is None:
            actor = _subject(trigger.head)  # "Israel launched an attack on …"
        if target is None:  # "staged a rally in Gaza against the leader": the phrase hangs off the verb
            target = next((g for c in trigger.head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPOSITIONS
                           and c.i > trigger.i for g in c.children if g.dep_ == "pobj"), None)
    return actor, target


def _light(verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in LIGHT_VERBS or LEMMA_FIXES.get(lemma) in LIGHT_VERBS


def _verbal_pos(token) -> str:
    """VERB for verbs, and for words the tagger mislabels in a verb's slot ("militias withdraw" as ADJ)."""
    if token.pos_ == "VERB" or token.tag_.startswith("VB"):
        return "VERB"
    if token.pos_ == "ADJ" and token.dep_ in ("ccomp", "xcomp", "ROOT", "conj") and any(
            c.dep_ in SUBJECTS for c in token.children):
        return "VERB"
    if _killed_dead(token) or _past_after_day(token):
        return "VERB"  # "Armed men on a motorcycle shot dead community leader …", the tagger's noun
    return token.pos_


def _alleged(token) -> bool:
    """What someone is accused of: "accused M23 of firing", "blamed the army for the attack",
    "accused the coast guard of firing water cannon …, injuring three crew"."""
    node, steps = token, 0
    while steps < 4 and node.head is not node:
        head = node.head
        if node.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.lower_ in ("of", "for") \
                and head.head.lemma_.lower() in ALLEGING_VERBS:
            return True
        if node.dep_ == "advcl" and node.tag_ == "VBG" and head.lemma_.lower() in ALLEGING_VERBS:
            return True  # the parser hangs the harm done on the accusing verb: "accused X of firing …, injuring …"
        if node.dep_ not in ("pcomp", "pobj", "prep", "compound", "conj", "dobj", "advcl"):
            return False
        node, steps = head, steps + 1
    return False


def _killed_dead(token) -> bool:
    """"shot dead", "gunned down": a killing, whatever the tagger made of the verb."""
    return token.lower_ in KILLED_WORDS and token.i + 1 < len(token.doc) and token.nbor().lower_ in ("dead", "down")


def _past_after_day(token) -> bool:
    """"Army forces on Thursday liberated Masagawaa": a past tense right after its day, which the
    tagger reads as an adjective of the object."""
    return token.tag_ in ("JJ", "VBN") and token.dep_ == "amod" and token.lower_.endswith("ed") \
        and token.i > 0 and token.nbor(-1).lower_ in DAY_WORDS


def _skip_verb(token) -> bool:
    head = token.head
    if _killed_dead(token) and token.tag_ in ("NN", "JJ") or _past_after_day(token):
        return False  # the tagger's noun or adjective: "… on a motorcycle shot dead …", "on Thursday liberated …"
    if token.dep_ == "acl" and token.tag_ == "VBG" and head.lemma_.lower() in DOCUMENT_NOUNS:
        return False  # "issued a declaration demanding that …"
    if token.dep_ == "acl" and head.lemma_.lower() in ATTEMPT_NOUNS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    if token.dep_ in ("amod", "acl", "relcl") and not _in_dateline(head):
        if token.dep_ in ("acl", "amod") and (head.dep_ == "ROOT" or token.tag_ == "VBD"
                                              or token.tag_ == "VBN" and token.dep_ == "acl") \
                and head.pos_ in ("NOUN", "PROPN") and any(c.dep_ in OBJECTS for c in token.children):
            # a misparse of a verb with its object ("The council condemned … an attack"; "agents of the
            # directorate arrested Luis Ortega": a finite past tense never modifies a noun; nor does a
            # participle with a direct object: "Suspected bandits set ablaze 40 houses …, a leader said")
            return False
        return True  # "the detained protesters", "drones launched by Russia", "which pledged allegiance"
    if token.dep_ == "conj" and head.dep_ in ("amod", "acl", "relcl"):
        return True
    if _alleged(token):
        return True
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # a purpose: "pledged aid to support its budget"
    if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in token.children):
        return True
    if token.lemma_.lower() == "warn" and not _coercive_content(token):
        return True
    if token.lemma_.lower() in DENYING_VERBS:
        # "denied firing on the camp", "denied that the men were members": the content, not a REJECT
        if any(c.dep_ in ("xcomp", "ccomp", "pcomp") for c in token.children):
            return True
        if any(c.dep_ in OBJECTS and c.pos_ == "VERB" for c in token.children):
            return True
    return False


def _coercive_content(token) -> bool:
    for t in token.subtree:
        if t is token:
            continue
        if t.lemma_.lower() in THREAT_WORDS:
            return True
        pos = _verbal_pos(t)
        if pos in ("VERB", "NOUN"):
            found = lookup(t.lemma_, pos, t.sent.text)
            if found is not None and found.type in THREAT_CONTENT:
                return True
    return False


def _lookup(token, pos: str, sentence: str):
    """The lexicon entry for a trigger: a phrasal verb ("beat up", "hand over", "call off") or a compound
    noun ("hunger strike", "war games") before the word alone; an adjective only with its infinitive
    ("ready to host", "willing to withdraw")."""
    lemma = WORD_LEMMAS.get(token.lower_, token.lemma_.lower())
    if pos == "VERB" and _past_after_day(token):  # the tagger's adjective keeps its -ed: "liberated"
        lemma = next((stem for stem in (token.lower_[:-1], token.lower_[:-2])
                      if lexicon().get((stem, "VERB"))), lemma)
    if pos == "VERB":
        if token.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in token.children) \
                and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in token.children):
            found = lookup(token.lower_, "ADJ", sentence)  # "is prepared to impose": an adjective
            if found is not None:
                return found
        obj = next((c for c in token.children if c.dep_ in OBJECTS), None)
        context = " ".join(t.text for t in obj.subtree) if obj is not None else sentence
        # (the small model tags "back" in "took back the town" an adverb, and "out" in "pushed them out
        # of" a preposition: both are the verb's particle)
        for prt in (c for c in token.children if c.dep_ == "prt"
                    or (c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in ("back", "away", "off", "down"))
                    or (c.dep_ == "prep" and c.lower_ == "out")):
            found = lookup(f"{lemma} {prt.lower_}", pos, context)  # "called off the strike": its object decides
            if found is not None:
                return found
    elif pos == "NOUN":
        for mod in (c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i):
            found = lookup(f"{mod.lemma_.lower()} {lemma}", pos, sentence)
            if found is not None:
                return found
    elif pos == "ADJ":
        if not any(c.dep_ == "xcomp" for c in token.children) or token.dep_ in ("amod", "attr"):
            return None
    else:
        return None
    return lookup(lemma, pos, sentence)


def _intent_type(token, trigger):
    """An expression of intent is an AGREE, or a THREATEN when what is intended is coercive."""
    if token.lemma_.lower() not in INTENT_WORDS or trigger.type != "AGREE":
        return trigger
    contents = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")
                or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    for content in contents:
        for t in content.subtree:
            if t.lemma_.lower() in THREAT_WORDS and not any(c.dep_ in ("compound", "amod") for c in t.children):
                return replace(trigger, type="THREATEN", cameo="13")  # "to use force", not "a peace-keeping force"
            pos = _verbal_pos(t)
            found = lookup(t.lemma_, pos, t.sent.text) if pos in ("VERB", "NOUN") else None
            if found is not None and found.type in THREAT_CONTENT:
                return replace(trigger, type="THREATEN", cameo="13")
    return trigger


def _announced_threat(token, event: Event) -> Event | None:
    """An announced coercive act of one's own ("will extend the curfew", "would boycott all contact",
    "plans to impose restrictions") is a threat (CAMEO 13): the THREATEN, made now, else None."""
    if event.type not in ANNOUNCED_THREATS or event.modality != "planned":
        return None
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    planned = bool(aux & {"will", "would", "shall", "'ll"}) or token.dep_ == "xcomp" and \
        token.head.lemma_.lower() in ("plan", "intend", "prepare")
    if not planned:
        return None
    return replace(event, type="THREATEN", modality="actual", mode=None, cameo="13", acled=None)


def _directive(token):
    """A demand made by reporting what another must do: "declared that China must drop barriers" →
    (the clause's subject, the clause), else None."""
    if token.lemma_.lower() not in DIRECTIVE_VERBS or _skip_verb(token):
        return None
    for clause in token.children:
        if clause.dep_ != "ccomp":
            continue
        if not any(c.dep_ == "aux" and c.lower_ in DIRECTIVE_MODALS for c in clause.children):
            continue
        if _negated(clause):
            return None
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in FIRST_PERSON or subject.pos_ == "PRON":
            return None
        return subject, clause
    return None


def _negated(token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               for c in token.children)


def _definite(token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in token.children)


def _skip_noun(token) -> bool:
    if token.dep_ in ("attr", "appos"):
        return True  # "this is a deliberate attack"
    if _alleged(token):
        return True
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ in OBJECTS + ("nsubjpass",) and lemma in REFERRING_VERBS and (
            _definite(token) or lemma in ("threaten", "warn", "end", "stop", "halt", "prevent", "avoid")):
        return True  # "condemned the attack", "rejected the demands", "threatened new sanctions"
    if token.dep_ in OBJECTS and head.pos_ == "VERB" and _skip_verb(head) and _light(head):
        return True  # "who have carried out attacks"
    if token.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        if head.lower_ == "of" and governor.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return True  # "a series of attacks", "the latest of the strikes"
        if governor.lemma_.lower() in REFERRING_VERBS and head.lower_ in ("for", "as", "over", "of"):
            return True
    return False


def _introduced(token) -> bool:
    """A noun that brings in a new happening: "broke up a protest outside parliament", "the crew
    reported an explosion" (a witness's report of something new, unlike "reported the attack"); one
    that a verb joins or is hurt in: "set off on a march", "were injured in an exchange of fire"."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in JOINED_IN and token.head.head.pos_ == "VERB" \
            and token.head.head.lemma_.lower() not in REPORTING_VERBS | REFERRING_VERBS:
        return True
    if token.dep_ not in OBJECTS or token.head.pos_ != "VERB":
        return False
    verb = token.head.lemma_.lower()
    if verb in WITNESS_VERBS:
        return True
    return any(c.dep_ == "prep" for c in token.children) and verb not in REPORTING_VERBS | REFERRING_VERBS


def _headline_end(doc) -> int:
    """End of the article's first line when it is a headline (short, no closing punctuation), else 0."""
    text = doc_text(doc)
    cut = text.find("\n\n")
    if cut <= 0:
        return 0
    first = text[:cut].strip()
    if not first or len(first.split()) > HEADLINE_MAX_WORDS or first[-1] in ".!?:;\"”'’)" or not text[cut:].strip():
        return 0
    return cut


def _evidence(sent, token, headline_end: int) -> Span:
    """The sentence, cut at paragraph breaks to the part holding the trigger (a headline or a list
    item glued to it by the sentence splitter is not evidence)."""
    start, end = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    for m in re.finditer(r"\n\s*\n", text[start:end]):
        brk_start, brk_end = start + m.start(), start + m.end()
        if brk_end <= token.idx:
            start = brk_end
        elif brk_start >= token.idx + len(token.text):
            end = brk_start
            break
    start = max(start, headline_end) if headline_end and start < headline_end <= token.idx else start
    # a dateline the sentence splitter cut off ("BAMAKO" | ", Mali (Sahel Dispatch) — Thousands …")
    para = text.rfind("\n", 0, start) + 1
    if para < start and start - para <= 60 and DATELINE_HEAD.match(text[para:start]) \
            and re.search(r"[—–]", text[para:token.idx]):
        start = para
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text[start:end], start, end)


class _Context:
    """What the document says around an argument: earlier mentions with a country, places."""

    def __init__(self, actors, places):
        self.actors = sorted(actors, key=lambda a: a.start)
        self.places = [p for p in places if p.country]

    def antecedent(self, before: int, head_word: str | None = None):
        """The last actor with a country mentioned before ``before`` (with the same head word when given)."""
        for actor in reversed(self.actors):
            if actor.end > before or actor.country is None:
                continue
            if actor.role == "IGO" and head_word is None:
                continue
            if head_word is not None:
                words = re.findall(r"[a-z]+", actor.text.lower())
                if not words or words[-1] != head_word:
                    continue
            return actor
        return None

    def place_country(self, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
        """The country of a place inside [start, end), else of the sentence's places when they agree."""
        inside = [p for p in self.places if start <= p.start and p.end <= end]
        if inside:
            return inside[0].country
        in_sentence = {p.country for p in self.places if sent_start <= p.start and p.end <= sent_end}
        if len(in_sentence) == 1:
            return next(iter(in_sentence))
        return None

    def document_country(self) -> str | None:
        """The country most of the document's places lie in, when one clearly dominates."""
        counts: dict[str, int] = {}
        for p in self.places:
            counts[p.country] = counts.get(p.country, 0) + 1
        if not counts:
            return None
        best = max(counts, key=counts.get)
        total = sum(counts.values())
        return best if counts[best] * 2 > total and counts[best] >= 2 else None


def _reporting_subject(trigger):
    """The subject of the reporting verb whose complement holds the trigger: "X said it had struck"."""
    node, steps = trigger, 0
    while steps < 5 and node.head is not node:
        if node.dep_ in ("ccomp", "xcomp", "conj", "advcl") and node.head.lemma_.lower() in REPORTING_VERBS:
            return next((c for c in node.head.children if c.dep_ in SUBJECTS), None)
        node, steps = node.head, steps + 1
    return None


def _possessor_subject(span, trigger):
    """"The ILO reiterated its demand": a possessive pronoun on an event noun stands for the subject
    of the verb that governs the noun."""
    if trigger.pos_ != "NOUN" or len(span) != 1 or span[0].dep_ != "poss" or span[0].head.i != trigger.i:
        return None
    verb = trigger.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECTS and c.i < trigger.i), None)


def _ref(ctx: _Context, span, *, trigger, sent, is_target: bool) -> ActorRef | None:
    if span is None:
        return None
    found = actor_for_span(ctx.actors, span.start_char, span.end_char, head=span.root.idx)
    text = span.text.strip()
    name = found.name if found else None
    country = found.country if found else None
    role = found.role if found else None
    if country is None:
        entry = resolve(text) if len(text) <= 120 else None
        if entry is not None and entry.country:
            name, country, role = (name or entry.name), entry.country, (role or entry.role)
    if country is None:
        words = re.findall(r"[a-z']+", text.lower())
        pronoun = next((w for w in words if w in PRONOUNS or w.endswith("'s") and w[:-2] in ("group", "movement")),
                       None)
        antecedent = None
        if pronoun is not None and len(words) <= 4:
            # "X said he will …", "X reiterated its demand": the subject of the verb above
            reporter = _reporting_subject(trigger) or _possessor_subject(span, trigger)
            if reporter is not None and reporter.i < span.root.i:
                rspan = _phrase(reporter)
                antecedent = actor_for_span(ctx.actors, rspan.start_char, rspan.end_char, head=reporter.idx)
                if antecedent is not None and antecedent.country is None and antecedent.role not in ("IGO", "NGO"):
                    antecedent = None
            if antecedent is None:
                antecedent = ctx.antecedent(span.start_char)
        elif words and words[0] == "the" and len(words) <= 3:
            antecedent = ctx.antecedent(span.start_char, head_word=words[-1])  # "the junta", "the drones"
        if antecedent is not None:
            country = antecedent.country
            role = role or antecedent.role
            name = name or antecedent.name
    if country is None and role not in NON_LOCAL and (is_target or role in LOCAL_ROLES):
        country = ctx.place_country(span.start_char, span.end_char, sent.start_char, sent.end_char)
        if country is None and (role in LOCAL_ROLES or is_target):
            country = ctx.document_country()
    if found is None and country is None and role is None:
        return ActorRef(text=text)
    return ActorRef(text=text, name=name, country=country, role=role)


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


def extract_events(parsed, *, actors, places) -> list[Event]:
    """The document's events; ``actors`` and ``places`` are what the actors and places stages found."""
    doc = parsed.doc
    events: list[Event] = []
    lemmas: dict[tuple, tuple[str, str | None]] = {}  # event → its trigger lemma and the lexicon's ACLED type
    ctx = _Context(actors, places)
    headline_end = _headline_end(doc)
    for sent in doc.sents:
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue
        sentence = sent.text
        for token in sent:
            if token.idx < headline_end:
                continue
            pos = _verbal_pos(token)
            if pos not in ("VERB", "NOUN", "ADJ"):
                continue
            trigger = _lookup(token, pos, sentence)
            directive = None
            if trigger is None and pos == "VERB":
                directive = _directive(token)
                if directive is None:
                    continue
                trigger = Trigger(token.lemma_.lower(), "VERB", "REQUEST", None, "10", None, ())
            if trigger is None:
                continue
            if directive is not None:
                actor_token, target_token = _subject(token), directive[0]
            elif pos in ("VERB", "ADJ"):
                if _skip_verb(token):
                    continue
                actor_token, target_token = _subject(token), _object(token)
                if target_token is not None:
                    target_token = _recipient(token, target_token, trigger.type)
                if trigger.type == "REQUEST":  # "demanded that the United States match …": the US
                    target_token = _asked(token) or target_token
                if target_token is None and trigger.type in ("THREATEN", "REQUEST"):
                    target_token = _embedded_object(token, trigger.type)
                if target_token is None:
                    target_token = _indirect_object(token, trigger.type)
                if target_token is None and trigger.type in ("REQUEST", "SUPPORT"):
                    target_token = _sought(token)  # "called for sanctions against Nigeria": Nigeria
            else:
                if _skip_noun(token):
                    continue
                actor_token, target_token = _noun_arguments(token)
            # "complained on Tuesday", "a hunger strike on Monday": a day is nobody's target
            actor_token, target_token = (t if t is None or _party(t) else None for t in (actor_token, target_token))
            if target_token is None and trigger.type == "PROTEST":
                target_token = _protested(token)  # "a hunger strike to protest against Sweden's decision"
            if target_token is not None:
                target_token = _owner(target_token)
            if actor_token is not None and trigger.type in SYMMETRIC_TYPES and (
                    target_token is None or target_token.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON")):
                others = _coordinated(actor_token)  # "Turkey and Iraq agreed on a pact": the target is Iraq
                target_token = others[0] if others else target_token
            actor_span = _phrase(actor_token) if actor_token is not None else None
            target_span = _phrase(target_token) if target_token is not None else None
            if target_span is not None and actor_span is not None and target_token.i in range(actor_span.start,
                                                                                                actor_span.end):
                actor_span = token.doc[actor_span.start:target_token.i]  # "Turkey and Iraq": the actor is Turkey
                while len(actor_span) and actor_span[-1].dep_ in ("cc", "punct"):
                    actor_span = actor_span[:-1]
                if not len(actor_span):
                    actor_span = None
            if pos == "NOUN" and actor_span is None and target_span is None and not _introduced(token) \
                    and not _modified(token):
                continue  # a bare noun ("the demand comes after…") refers to an event told elsewhere
            evidence = _evidence(sent, token, headline_end)
            trigger = _intent_type(token, trigger)
            modality = modality_of(token)
            if modality == "negated" and pos == "VERB" and token.lemma_.lower() in REFUSABLE and _negated(token):
                trigger, modality = replace(trigger, type="REJECT", cameo="12", mode=None, acled=None), "actual"
            event = Event(
                type=trigger.type,
                trigger=token.text,
                trigger_start=token.idx,
                evidence=evidence,
                modality=modality,
                mode=trigger.mode,
                cameo=trigger.cameo,
                acled=trigger.acled,
                actor=_ref(ctx, actor_span, trigger=token, sent=sent, is_target=False),
                target=_ref(ctx, target_span, trigger=token, sent=sent, is_target=True),
            )
            lemmas[_key(event)] = trigger.lemma, event.acled
            threat = _announced_threat(token, event)
            if threat is not None:
                events.append(threat)
                lemmas[_key(threat)] = trigger.lemma, None
                event = replace(event, modality="threatened")
            events.append(event)
    typed = [_with_acled(e, *lemmas.get(_key(e), ("", e.acled))) for e in _one_per_happening(events)]
    text = doc_text(doc)
    sentences = [(s.start_char, text[s.start_char:s.end_char]) for s in doc.sents]
    return _without_attack_damage(typed, sentences)


HAZARDS = ("natural disaster", "accident")


def _without_attack_damage(events: list[Event], sentences: list[tuple[int, str]]) -> list[Event]:
    """Drop what is part of a happening already recorded, or nobody's act. Property destroyed in the course
    of an attack is that attack, as ACLED records it ("Gunmen attacked the suburb, killing 12 and burning
    homes", "The attackers set fire to several houses" after the attack): a looting or destruction event
    goes when an actual ASSAULT lies in its sentence or the one before. Arrests told in a story of crime,
    an accident or a disaster keep no ACLED sub-event."""
    sentence_starts = [start for start, _ in sentences]

    def sentence_of(event):
        return bisect_right(sentence_starts, event.trigger_start or event.evidence.start) - 1

    def told_before(event) -> str | None:
        at = sentence_of(event)
        return non_political(sentences[at - 1][1]) if at > 0 else None

    # what a flood, an earthquake or an accident "killed" is no assault (nobody's act), nor is a blast
    # or a death in a sentence that tells an accident or a disaster and no attack ("a gas cylinder
    # exploded in a restaurant, killing four"), unless the codebook names its weapon; nor a death
    # without a killer right after a sentence that tells one ("Typhoon Doksuri made landfall …. Five
    # people were killed")
    events = [e for e in events if not (e.type == "ASSAULT" and (
        e.actor and "hazard" in party_classes(e.actor.text, e.actor.role)
        or e.acled in (None, "Attack") and (non_political(e.evidence.text) in HAZARDS
                                            or e.actor is None and told_before(e) in HAZARDS)))]
    # "Police seized 2.3 tonnes of cocaine …. Four port workers were detained": arrests in a story of
    # ordinary crime, an accident or a disaster are no ACLED arrests, unless the arrested are a party
    events = [replace(e, acled=None) if e.acled == "Arrests" and told_before(e) in ("organised crime",) + HAZARDS
              and not (e.target and "nonstate" in party_classes(e.target.text, e.target.role)) else e
              for e in events]
    # "The protesters gathered … and chanted": the protest told before, going on, not a new one
    first_protest = min((e.trigger_start or 0 for e in events if e.type == "PROTEST" and e.modality == "actual"),
                        default=None)
    events = [e for e in events if not (
        e.type == "PROTEST" and first_protest is not None and (e.trigger_start or 0) > first_protest
        and CONTINUED_PROTEST.search(e.evidence.text[:max(0, (e.trigger_start or 0) - e.evidence.start)]))]
    attacks = {sentence_of(e) for e in events if e.type == "ASSAULT" and e.modality == "actual"}
    return [e for e in events if not (e.acled == "Looting/property destruction" and e.type == "COERCE"
                                      and attacks & {sentence_of(e), sentence_of(e) - 1})]


def _key(event: Event) -> tuple:
    return event.evidence.start, event.trigger_start, event.type


def _with_acled(event: Event, lemma: str, default: str | None) -> Event:
    """The event with its ACLED sub-event type (acled-subevents.tsv): from its type, trigger, sentence and
    the classes of its actor and target, once the happening has all its arguments."""
    actor = party_classes(event.actor.text, event.actor.role) if event.actor else frozenset()
    target = party_classes(event.target.text, event.target.role) if event.target else frozenset()
    acled = acled_subevent(event.type, lemma, event.evidence.text, actor, target, default)
    return event if acled == event.acled else replace(event, acled=acled)


def _one_per_happening(events: list[Event]) -> list[Event]:
    """One event per sentence, type and modality, as a coder records one happening once: "struck …,
    killing six and wounding 14" is one ASSAULT. The first trigger wins; a missing actor or target
    (or one without a country) is taken from the others."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (event.evidence.start, event.type, event.modality)
        first = kept.get(key)
        if first is None:
            kept[key] = event
            continue
        actor = first.actor if first.actor and (first.actor.country or not (event.actor and event.actor.country)) \
            else event.actor or first.actor
        target = first.target if first.target and (first.target.country or not (event.target and event.target.country)) \
            else event.target or first.target
        kept[key] = replace(first, actor=actor, target=target)
    return list(kept.values())
