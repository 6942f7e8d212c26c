"""Trigger words: which tokens may name an event, and their entry in the lexicon (data/event-lexicon.tsv).

Every verb or noun whose lemma is in the curated lexicon (with per-entry context requirements) is a
candidate trigger. The small model's tagger and lemmatiser slip on news verbs ("shot dead" as a noun,
"raped" as "rap", "on Thursday liberated" as an adjective); the rules here repair what the lexicon needs.
A phrasal verb ("beat up", "call off") or a compound noun ("hunger strike") is looked up before the
word alone.
"""

from __future__ import annotations

from ...parse.model import doc_text
from ...resources.actors import resolve
from ...resources.ontology import lexicon, lookup, lookup_all, party_classes
from ...resources.tables import word_map, word_set
from ...rules import rule

SUBJECTS = ("nsubj", "csubj")
OBJECTS = ("dobj", "obj")
VERB_SLOTS = ("ccomp", "xcomp", "ROOT", "conj")  # where an adjective with a subject is the tagger's slip for a verb
NOUN_MODIFIERS = ("compound", "amod")
ROUND_5 = "acled-dev round 5"
PLOVER_DEV = "PLOVER-GSR dev"


@rule("events", "adjective-as-verb", source="seed article", off=False, examples=[
    ("The envoy insisted that Iranian militias withdraw from Deir ez-Zor.", {"trigger": "withdraw"}),
])
def adjective_as_verb(token) -> bool:
    """An adjective in a verb's slot with a subject of its own is a verb ("militias withdraw", tagged ADJ)."""
    return token.pos_ == "ADJ" and token.dep_ in VERB_SLOTS and any(c.dep_ in SUBJECTS for c in token.children)


@rule("events", "shot-dead", source=ROUND_5, off=False, examples=[
    ("Two gunmen on a motorbike shot dead a local councillor in Kaduna on Monday.", {"type": "ASSAULT"}),
])
def killed_dead(token) -> bool:
    """"shot dead", "gunned down": a killing, whatever the tagger made of the verb."""
    return token.lower_ in word_set("events.killed_words") and token.i + 1 < len(token.doc) \
        and token.nbor().lower_ in word_set("events.killed_particles")


@rule("events", "past-after-day", source=ROUND_5, off=False, examples=[
    ("Somali army forces on Friday liberated Elbur, a town in Galgaduud region.",
     {"type": "ASSAULT", "trigger": "liberated"}),
])
def past_after_day(token) -> bool:
    """"Army forces on Thursday liberated Kalo": a past tense right after its day, which the tagger reads as
    an adjective of the object, is the verb."""
    return token.tag_ in ("JJ", "VBN") and token.dep_ == "amod" and token.lower_.endswith("ed") \
        and token.i > 0 and token.nbor(-1).lower_ in word_set("events.day_words")


@rule("events", "noun-in-object-slot", source="PLOVER codebook (issue 24 item 9)", off=False, examples=[
    ("China began large-scale military drills around the island on Monday.", {"type": "MOBILIZE"}),
])
def noun_in_object_slot(token) -> bool:
    """A plural the tagger reads as a verb ("military drills" as VBZ) in a noun's slot, with a modifier
    before it, is the noun."""
    return token.tag_ == "VBZ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") \
        and any(c.dep_ in ("amod", "compound", "det", "nummod") and c.i < token.i for c in token.children)


def to_infinitive(token) -> bool:
    """Whether a verb has its infinitive "to" ("to withdraw")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


MAX_CONJUNCTS = 6  # "-ing" words joined by "and" that an aspectual verb may carry


@rule("events", "aspectual-gerund", source="gold-real dev2", off=None, examples=[
    ("Protesters threw stones while cops began pepper-spraying and arresting them.",
     {"type": "COERCE", "trigger": "arresting", "actor": "cops"}),
])
def aspectual_verb(token):
    """The verb that begins or continues an act told by its "-ing" word, which the tagger took for a noun
    ("cops began pepper-spraying and arresting"): the act is a verb whose subject is that verb's; else
    None. Not a noun with a determiner ("began the shooting", "the meeting")."""
    if not (token.pos_ == "NOUN" or token.tag_ == "VBG") or not token.lower_.endswith("ing") or any(
            c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children):
        return None
    head = token
    for _ in range(MAX_CONJUNCTS):  # (a new Token on each .head: bounded, compared by position)
        if head.dep_ != "conj" or head.head.i == head.i or not head.head.lower_.endswith("ing"):
            break
        head = head.head
    if head.dep_ in ("dobj", "xcomp") and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() in word_set("events.aspectual_verbs"):
        return head.head
    return None


def gerund_lemma(token) -> str | None:
    """The verb of an "-ing" word read as a verb: the lexicon's verb among its stems ("arresting" →
    "arrest", "seizing" → "seize", "shelling" → "shell", "stopping" → "stop")."""
    word = token.lower_
    stem = word[:-3]
    for verb in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None):
        if verb and lexicon().get((verb, "VERB")):
            return verb
    return None


def verbal_pos(token) -> str:
    """VERB for verbs, and for words the tagger mislabels in a verb's slot; else the token's own POS."""
    if noun_in_object_slot(token):
        return "NOUN"
    if aspectual_verb(token) is not None and gerund_lemma(token) is not None:
        return "VERB"
    if token.pos_ == "VERB" or token.tag_.startswith("VB"):
        return "VERB"
    if adjective_as_verb(token):
        return "VERB"
    if killed_dead(token) or past_after_day(token):
        return "VERB"  # "Armed men on a motorcycle shot dead community leader …", the tagger's noun
    return token.pos_


@rule("events", "trigger-lemma", source="CASE 2021 and acled-dev rounds 1-2", off=None, examples=[
    ("Soldiers retook the town of Bentiu from the rebels on Monday.", {"type": "ASSAULT", "trigger": "retook"}),
])
def repaired_lemma(token) -> str | None:
    """The lemma of a word form the small model lemmatises wrong on triggers ("raped" → "rap",
    "reoccupied" → "reoccupie"), else None."""
    return word_map("events.word_lemmas").get(token.lower_)


@rule("events", "participle-adjective", source=PLOVER_DEV, off=None, examples=[
    ("Syria has been prepared to withdraw its troops for months.", {"type": "AGREE", "trigger": "prepared"}),
])
def participle_adjective(token, sentence: str):
    """"is prepared to impose": a passive participle with an infinitive is the adjective of intent."""
    if token.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in token.children) \
            and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in token.children):
        return lookup(token.lower_, "ADJ", sentence)
    return None


@rule("events", "misparsed-particle", source="acled-dev round 4; \"into\": gold-real dev2", off=False, examples=[
    ("Government troops took back the town of Kismayo on Sunday.", {"type": "ASSAULT", "trigger": "took"}),
    ("Investigators are looking into the fire at the depot.", {"type": "ACCUSE", "trigger": "looking"}),
])
def misparsed_particle(child, verb) -> bool:
    """A verb's particle the small model tags otherwise: "back" in "took back the town" an adverb, "out" in
    "pushed them out of" and "into" in "looking into the fire" a preposition (only a phrasal entry of
    the lexicon takes it: "stormed into the room" stays "storm")."""
    return (child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ in word_set("events.particle_adverbs")) \
        or (child.dep_ == "prep" and child.lower_ in ("out", "into"))


@rule("events", "phrasal-verb", source=PLOVER_DEV, off=None, examples=[
    ("The dock workers called off their strike on Tuesday.", {"type": "CONCEDE"}),
])
def phrasal_trigger(token, lemma: str, sentence: str):
    """A phrasal verb's entry before the verb alone ("beat up", "hand over", "called off the strike"); its
    object decides the entry's context."""
    obj = next((c for c in token.children if c.dep_ in OBJECTS), None)
    context = " ".join(t.text for t in obj.subtree) if obj is not None else sentence
    for prt in (c for c in token.children if c.dep_ == "prt" or misparsed_particle(c, token)):
        found = lookup(f"{lemma} {prt.lower_}", "VERB", context)
        if found is not None:
            return found
    return None


@rule("events", "compound-noun", source=PLOVER_DEV, off=None, examples=[
    ("The detainees began a hunger strike in Evin prison.", {"type": "PROTEST"}),
])
def compound_trigger(token, lemma: str, sentence: str):
    """A compound noun's entry before the noun alone ("hunger strike", "war games")."""
    for mod in (c for c in token.children if c.dep_ in NOUN_MODIFIERS and c.i < token.i):
        found = lookup(f"{mod.lemma_.lower()} {lemma}", "NOUN", sentence)
        if found is not None:
            return found
    return None


@rule("events", "adjective-needs-infinitive", source=PLOVER_DEV, off=False, examples=[
    ("Syria said it was ready for any outcome.", {"not": {"type": "AGREE"}}),
])
def adjective_without_infinitive(token) -> bool:
    """An adjective names an intent only with its infinitive ("ready to host", "willing to withdraw"); a
    modifier or a predicate ("the ready troops") is none."""
    return not any(c.dep_ == "xcomp" for c in token.children) or token.dep_ in ("amod", "attr")


def lookup_trigger(token, pos: str, sentence: str):
    """The lexicon entry for a trigger: a phrasal verb or a compound noun before the word alone; an
    adjective only with its infinitive; else None."""
    lemma = repaired_lemma(token) or token.lemma_.lower()
    if pos == "VERB" and token.pos_ == "NOUN":  # an "-ing" word read as a verb (``aspectual_verb``)
        lemma = gerund_lemma(token) or lemma
    if pos == "VERB" and past_after_day(token):  # the tagger's adjective keeps its -ed: "liberated"
        lemma = next((stem for stem in (token.lower_[:-1], token.lower_[:-2])
                      if lexicon().get((stem, "VERB"))), lemma)
    if pos == "VERB":
        found = participle_adjective(token, sentence)
        if found is not None:
            return found
        found = phrasal_trigger(token, lemma, sentence)
        if found is not None:
            return found
    elif pos == "NOUN":
        found = compound_trigger(token, lemma, sentence)
        if found is not None:
            return found
    elif pos == "ADJ":
        if adjective_without_infinitive(token):
            return None
    else:
        return None
    if pos == "VERB" and lemma in word_set("events.object_context_lemmas"):
        sentence = object_context(token) or sentence
    for found in lookup_all(lemma, pos, sentence):
        if pos == "VERB" and (transitive_walkout(token, found) or saying_only(token, found)):
            continue
        return found
    if pos == "VERB" and lemma in word_set("events.harm_lemmas"):
        before = sentence_before(token)
        if before is not None:
            return lookup(lemma, pos, f"{before} {sentence}")
    return None


@rule("events", "harm-after-violence", source="gold-real dev2", off=None, examples=[
    ("The officer stopped the gunman while trading gunfire in a hallway. He was wounded in the leg.",
     {"type": "ASSAULT", "trigger": "wounded"}),
    ("The bus left the road near the town. Six passengers were injured.", {"not": {"type": "ASSAULT"}}),
])
def sentence_before(token) -> str | None:
    """The sentence before the trigger's, in its paragraph: the violence a harm verb's sentence does not
    name ("… trading gunfire in a hallway. Garner was wounded in the leg."); else None."""
    sent = token.sent
    if sent.start == 0:
        return None
    before = token.doc[sent.start - 1].sent
    text = doc_text(token.doc)
    if "\n\n" in text[before.start_char:sent.start_char + 1]:
        return None
    return text[before.start_char:before.end_char]


@rule("events", "directive-needs-what-to-do", source="gold-real dev", off=False, examples=[
    ("The minister told the airlines not to buy aircraft from Europe.", {"type": "REQUEST", "trigger": "told"}),
    ("The minister told reporters about the ban on Tuesday.", {"not": {"type": "REQUEST"}}),
    ("The committee recommended the report to all members.", {"not": {"type": "REQUEST"}}),
])
def saying_only(token, trigger) -> bool:
    """"tell", "instruct", "recommend" are a request (CAMEO 10) only with what is to be done: an
    infinitive ("told the airlines not to buy"), a clause of what must be done ("told them that they must
    leave"; for "recommend" any clause or gerund: "recommended that airlines not buy", "recommend not
    buying"); telling or recommending a thing or a fact is no request ("told reporters that …")."""
    lemma = token.lemma_.lower()
    if trigger.type != "REQUEST" or lemma not in word_set("events.directive_only_lemmas"):
        return False
    for c in token.children:
        if c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return False
        if c.dep_ == "ccomp" and (lemma == "recommend" or any(
                a.dep_ == "aux" and a.lower_ in word_set("events.directive_modals") for a in c.children)):
            return False
        if lemma == "recommend" and c.dep_ in OBJECTS and c.tag_ == "VBG":
            return False
    return True


@rule("events", "object-context", source="gold-real dev", off=None, examples=[
    ("The rebels agreed to surrender deals that kept food from reaching the besieged villages.",
     {"not": {"type": "AGREE", "trigger": "reaching"}}),
    ("Curfews were lifted in the north, though sanctions on the ministry remain.",
     {"type": "CONCEDE", "trigger": "lifted"}),
    ("The envoy said Israel should withdraw its troops from the town.", {"type": "RETREAT", "trigger": "withdraw"}),
])
def object_context(token) -> str | None:
    """For a verb whose sense its arguments decide ("reached a deal" / "reached the villages", "lifted the
    ban" / "lifted the siege"), the lexicon's context words are sought in its subject's and object's
    phrases (or the passive subject's), not the whole sentence; None when the verb has none."""
    deps = OBJECTS + ("nsubjpass",) if token.lemma_.lower() in word_set("events.object_only_context_lemmas") \
        else OBJECTS + SUBJECTS + ("nsubjpass",)
    args = [c for c in token.children if c.dep_ in deps]
    if not args or any(a.pos_ == "PRON" and a.dep_ in OBJECTS + ("nsubjpass",) for a in args):
        return None  # "released him": the sentence says whom
    return " ".join(t.text for a in args for t in a.subtree)


@rule("events", "walkout-is-intransitive", source="gold-real dev", off=False, examples=[
    ("Cabin crew at the airline said they would strike on Friday over pay.", {"type": "PROTEST", "trigger": "strike"}),
    ("A missile struck the factory where the workers were on shift.", {"not": {"type": "PROTEST"}}),
    ("Rescue workers said warplanes struck overnight near the border.", {"not": {"type": "PROTEST"}}),
])
def transitive_walkout(token, trigger) -> bool:
    """A labour strike has no object and no armed striker ("the crew will strike over pay"); a verb
    "strike" with an object, a passive subject, or a weapon or a force as its subject is a blow, whatever
    workers the sentence names ("a missile struck the factory", "warplanes struck overnight")."""
    if trigger.type != "PROTEST" or token.lemma_.lower() != "strike":
        return False
    if any(c.dep_ in OBJECTS + ("nsubjpass", "agent") for c in token.children):
        return True
    subjects = [c for c in token.children if c.dep_ in SUBJECTS]
    return any(s.lemma_.lower() in word_set("events.striking_things") or _armed_or_state(s) for s in subjects)


def _armed_or_state(subject) -> bool:
    """Whether a subject names a force or a state ("the army", "Israel"), which strike blows, not work."""
    text = " ".join(t.text for t in subject.subtree)
    entry = resolve(text) if len(text) <= 120 else None
    return subject.ent_type_ == "GPE" or "armed" in party_classes(text, None) or entry is not None and (
        entry.role in ("MIL", "REB", "GOV"))


@rule("events", "light-verb", source="demo corpus and PLOVER-GSR dev", off=False, examples=[
    ("Nurses in Lagos staged a silent human chain on Monday.", {"type": "PROTEST", "actor": "Nurses in Lagos"}),
])
def light_verb(verb) -> bool:
    """A verb that only carries a noun trigger ("launched an attack", "will hold talks"): the noun is the
    event, the verb's subject its actor."""
    lemma = verb.lemma_.lower()
    return lemma in word_set("events.light_verbs") or word_map("events.lemma_fixes").get(lemma) in word_set(
        "events.light_verbs")
