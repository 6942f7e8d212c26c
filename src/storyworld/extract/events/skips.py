"""What is not an event of its own, though its word is in the lexicon (precision); senses of a word that are
no event (a question asked, advice) are ``senses``.

A participle used as an adjective ("the detained protesters") or in a reduced or full relative clause
is background ("drones launched by Russia", "which pledged allegiance"); what a speaker accuses someone of
is the accusation's content ("accused M23 of firing"); a noun that names an event told elsewhere is no
new one ("condemned the attack", "rejected the demands", "this is an attack", "a series of attacks"); a
denial whose content is itself an event is that event, negated ("denied firing on the camp"). Each
decision is a rule; ``skip_verb`` and ``skip_noun`` ask them in order.
"""

from __future__ import annotations

from ...resources.cues import reporting_verbs
from ...resources.ontology import lexicon, lookup
from ...resources.tables import word_set
from ...rules import rule
from .arguments import under_attack
from .evidence import in_dateline
from .senses import no_event_sense
from .triggers import OBJECTS, killed_dead, light_verb, past_after_day, to_infinitive, verbal_pos

MODIFIER_DEPS = ("amod", "acl", "relcl")
ALLEGED_PATH = ("pcomp", "pobj", "prep", "compound", "conj", "dobj", "advcl")  # the links up to an accusation
COMPLEMENTS = ("xcomp", "ccomp", "pcomp")
THREAT_CONTENT = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN")  # what makes a warning a threat
PRECISION = "demo corpus"
SAID_TYPES = ("ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN")


@rule("events", "document-participle", source="PLOVER-GSR dev; court papers: gold-real dev", off=False, examples=[
    ("The council issued a statement demanding that the militia withdraw from Bunia.", {"type": "REQUEST"}),
    ("Lawyers for the mayor filed papers opposing the release of the files.", {"type": "REJECT", "trigger": "opposing"}),
])
def document_participle(token) -> bool:
    """A participle under a noun of documents is what the document says, not background ("issued a
    declaration demanding that …")."""
    return token.dep_ == "acl" and token.tag_ == "VBG" \
        and token.head.lemma_.lower() in word_set("events.document_nouns")


@rule("events", "attempt-infinitive", source="PLOVER-GSR dev", off=False, examples=[
    ("Police thwarted an attempt to kidnap the mayor of Arusha.", {"type": "ASSAULT", "trigger": "kidnap"}),
])
def attempt_infinitive(token) -> bool:
    """An infinitive under a noun of attempting is the act itself ("an attempt to assassinate the governor")."""
    return token.dep_ == "acl" and token.head.lemma_.lower() in word_set("events.attempt_nouns") \
        and to_infinitive(token)


@rule("events", "misparsed-modifier-verb", source="acled-dev rounds 3 and 5", off=False, examples=[
    ("In Zamboanga on Monday, a man riding on a motorcycle tossed a grenade at a bus stop, injuring five people.",
     {"type": "ASSAULT", "trigger": "tossed"}),
])
def misparsed_modifier_verb(token) -> bool:
    """A verb with its object that the parser hung on a noun as a modifier is still the verb ("The council
    condemned … an attack"): a finite past tense never modifies a noun; nor does a participle with a
    direct object ("Suspected bandits set ablaze 40 houses …, a leader said")."""
    return token.dep_ in ("acl", "amod") and not in_dateline(token.head) \
        and (token.head.dep_ == "ROOT" or token.tag_ == "VBD" or token.tag_ == "VBN" and token.dep_ == "acl") \
        and token.head.pos_ in ("NOUN", "PROPN") and any(c.dep_ in OBJECTS for c in token.children)


@rule("events", "charged-person", source="gold-real dev", off=False, examples=[
    ("Police have yet to name a youth charged with the murder of a shopkeeper in Dundalk.",
     {"type": "COERCE", "trigger": "charged"}),
    ("A man arrested in Lagos last week appeared in court on Monday.", {"type": "COERCE", "trigger": "arrested"}),
])
def charged_person(token) -> bool:
    """A participle of arrest or charge after a person ("a youth charged with the murder", "a man arrested
    last week") tells the story's news, no background."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and token.head.i < token.i \
        and token.lemma_.lower() in word_set("events.charging_participles") \
        and any(c.dep_ in ("prep", "npadvmod", "advmod") for c in token.children)


@rule("events", "participle-as-person", source="gold-real dev", off=False, examples=[
    ("The accused was unable to appear before the district court today.", {"not": {"type": "ACCUSE"}}),
    ("The apprehended included twelve Somalis and eleven Yemenis.", {"not": {"type": "COERCE"}}),
])
def participle_person(token) -> bool:
    """A participle with an article, as a subject or an object ("the accused", "the apprehended", "the
    detained"), names people, no happening."""
    return token.tag_ in ("VBN", "VBD", "JJ") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
        and any(c.dep_ == "det" for c in token.children)


@rule("events", "modifier-is-background", source=PRECISION, off=False, examples=[
    ("Guards released the detained farmers on Friday.", {"not": {"type": "COERCE"}}),
    ("Air defences shot down 12 drones launched by the militia at night.", {"not": {"trigger": "launched"}}),
])
def background_modifier(token) -> bool:
    """A participle used as an adjective or in a relative clause is background: "the detained
    protesters", "drones launched by Russia", "which pledged allegiance"."""
    return token.dep_ in MODIFIER_DEPS and not in_dateline(token.head) and not speaker_relative(token)


@rule("events", "speaker-in-relative", source="gold-real dev", off=False, examples=[
    ("The senator cited rising crime, which she blamed on the mayor's policies.", {"type": "ACCUSE", "trigger": "blamed"}),
    ("The senator cited rising crime, which was blamed on the mayor's policies.", {"not": {"type": "ACCUSE"}}),
    ("Police questioned men who blamed the mayor for the riots.", {"not": {"type": "ACCUSE"}}),
])
def speaker_relative(token) -> bool:
    """A relative clause with a speaker of its own ("problems that he blamed on Obama", "which she
    denounced") tells what that speaker did, as news; one about the noun it hangs on ("men who blamed
    …", "crime which was blamed on …") is background. Only for what is said (accusations, appeals)."""
    if token.dep_ != "relcl" or token.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    said = {t.type for t in lexicon().get((token.lemma_.lower(), "VERB"), ())} & set(SAID_TYPES)
    return bool(said) and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP", "WP$") and c.lower_ != "that"
                              for c in token.children)


@rule("events", "reported-in-relative", source="demo corpus", off=False, examples=[
    ("Rwanda, which UN experts say backs the M23, did not comment.", {"not": {"type": "SUPPORT"}}),
])
def reported_in_relative(token) -> bool:
    """What a relative clause reports ("Rwanda, which experts say backs the M23") is background told of
    a party, not news."""
    return token.dep_ == "ccomp" and token.head.dep_ == "relcl" and token.head.lemma_.lower() in reporting_verbs()


@rule("events", "conjoined-modifier", source=PRECISION, off=False, examples=[
    ("Police questioned men who looted and burned shops in Mombasa.", {"not": {"type": "COERCE"}}),
])
def conjoined_modifier(token) -> bool:
    """A verb coordinated with a background modifier is background too ("who looted and burned shops")."""
    return token.dep_ == "conj" and token.head.dep_ in MODIFIER_DEPS


@rule("events", "alleged-act", source="demo corpus and acled-dev rounds 1-2", off=False, examples=[
    ("The mayor accused the army of shelling the market.", {"not": {"type": "ASSAULT"}}),
    ("Hanoi blamed the navy for the attack on the trawler.", {"not": {"type": "ASSAULT"}}),
])
def alleged(token) -> bool:
    """What someone is accused of: "accused M23 of firing", "blamed the army for the attack",
    "accused the coast guard of firing water cannon …, injuring three crew"."""
    node, steps = token, 0
    while steps < 4 and node.head is not node:
        head = node.head
        if node.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" \
                and head.lower_ in word_set("events.alleging_prepositions") \
                and head.head.lemma_.lower() in word_set("events.alleging_verbs"):
            return True
        if node.dep_ == "advcl" and node.tag_ == "VBG" and head.lemma_.lower() in word_set("events.alleging_verbs"):
            return True  # the parser hangs the harm done on the accusing verb: "accused X of firing …, injuring …"
        if node.dep_ not in ALLEGED_PATH:
            return False
        node, steps = head, steps + 1
    return False


@rule("events", "purpose-infinitive", source=PRECISION, off=False, examples=[
    ("Hundreds of farmers marched through Sikasso on Tuesday to demand payment of their arrears.",
     {"not": {"type": "REQUEST"}}),
])
def purpose_clause(token) -> bool:
    """An infinitive of purpose is no event of its own ("pledged aid to support its budget")."""
    return token.dep_ == "advcl" and to_infinitive(token)


@rule("events", "background-clause", source=PRECISION, off=False, examples=[
    ("Since the army withdrew from Kidal in May, the town has had no police.", {"not": {"type": "RETREAT"}}),
])
def background_clause(token) -> bool:
    """A clause opened by "since" is background, not news ("since it seized power in 2021"), unless it is
    in the present tense: then "since" gives a cause ("since many are staging protests")."""
    return any(c.dep_ == "mark" and c.lower_ in word_set("events.background_marks") for c in token.children) \
        and not present_tense(token)


@rule("events", "since-of-cause", source="gold-real dev", off=False, examples=[
    ("Clashes with police left two dead, since many villagers are staging protests over the dam.",
     {"type": "PROTEST", "trigger": "protests"}),
    ("Since the army withdrew from Kidal in May, the town has had no police.", {"not": {"type": "RETREAT"}}),
])
def present_tense(token) -> bool:
    """Whether a clause is in the present tense ("are staging", "is fighting"): a "since" before it gives
    a cause, not a time."""
    tags = [token.tag_] + [c.tag_ for c in token.children if c.dep_ in ("aux", "auxpass")]
    lowers = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    return any(t in ("VBZ", "VBP") for t in tags) and not lowers & {"has", "have"}


def coercive_content(token) -> bool:
    """What the verb governs names force or a coercive act ("warned of a response", "to impose sanctions")."""
    for t in token.subtree:
        if t is token:
            continue
        if t.lemma_.lower() in word_set("events.threat_words"):
            return True
        pos = verbal_pos(t)
        if pos in ("VERB", "NOUN"):
            found = lookup(t.lemma_, pos, t.sent.text)
            if found is not None and found.type in THREAT_CONTENT:
                return True
    return False


@rule("events", "warning-without-threat", source=PRECISION, off=False, examples=[
    ("The minister warned that food prices would rise in the capital.", {"not": {"trigger": "warned"}}),
    ("Iran warned that it would retaliate against any attack.", {"type": "THREATEN", "trigger": "warned"}),
])
def plain_warning(token) -> bool:
    """"warned that …" is a threat when what is warned of is coercive; else a statement, no event."""
    return token.lemma_.lower() == "warn" and not coercive_content(token)


@rule("events", "denied-content", source=PRECISION, off=False, examples=[
    ("The militia denied shelling the hospital in Bunia.", {"not": {"type": "REJECT"}}),
])
def denied_content(token) -> bool:
    """A denial whose content is itself an event is that event, negated, not a REJECT ("denied firing on
    the camp", "denied that the men were members")."""
    if token.lemma_.lower() not in word_set("events.denying_verbs"):
        return False
    return any(c.dep_ in COMPLEMENTS for c in token.children) \
        or any(c.dep_ in OBJECTS and c.pos_ == "VERB" for c in token.children)


def skip_verb(token) -> bool:
    """Whether a verb trigger is no event of its own."""
    if killed_dead(token) and token.tag_ in ("NN", "JJ") or past_after_day(token):
        return False  # the tagger's noun or adjective: "… on a motorcycle shot dead …", "on Thursday liberated …"
    if document_participle(token) or attempt_infinitive(token) or misparsed_modifier_verb(token) \
            or charged_person(token):
        return False
    if background_modifier(token) or conjoined_modifier(token) or alleged(token) or reported_in_relative(token):
        return True
    if no_event_sense(token) or participle_person(token) or token.dep_ == "compound" and kind_modifier(token):
        return True
    return purpose_clause(token) or background_clause(token) or plain_warning(token) or denied_content(token)


@rule("events", "predicate-noun", source=PRECISION, off=False, examples=[
    ("He said it was a cowardly attack on the market.", {"not": {"type": "ASSAULT"}}),
])
def predicate_noun(token) -> bool:
    """A noun that classifies something told ("this is a deliberate attack", an apposition) is no new event;
    the noun of an existential "there was an attack" is one."""
    return token.dep_ in ("attr", "appos") and not existential(token)


@rule("events", "existential-happening", source="gold-real dev", off=False, examples=[
    ("There was an attack on the market in Gao on Sunday, residents said.", {"type": "ASSAULT", "trigger": "attack"}),
    ("The governor said there had been no request by the ministry to send troops.",
     {"type": "REQUEST", "modality": "negated"}),
])
def existential(token) -> bool:
    """The noun of "there is/was X" tells that X happened ("there was an attack", "there had been no request"):
    no classification of something told."""
    return token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children)


def definite(token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in word_set("events.definite") for c in token.children)


@rule("events", "referred-event", source=PRECISION, off=False, examples=[
    ("The rebels later claimed the attack on the army post.", {"not": {"type": "ASSAULT"}}),
    ("The mayor condemned the bombing as senseless.", {"not": {"type": "ASSAULT"}}),
    ("Lawyers said they would challenge the arrests in court.", {"not": {"type": "COERCE"}}),
])
def referred_object(token) -> bool:
    """A definite noun under a verb of judging or reporting names an event told elsewhere ("condemned the
    attack", "rejected the demands"); under a verb of threatening or ending, any noun ("threatened new
    sanctions")."""
    lemma = token.head.lemma_.lower()
    return token.dep_ in OBJECTS + ("nsubjpass",) and lemma in word_set("events.referring_verbs") and (
        definite(token) or lemma in word_set("events.referring_any_object"))


@rule("events", "rejected-claim", source="gold-real dev", off=False, examples=[
    ("A judge has rejected a media request to make the file public.", {"not": {"type": "REQUEST"}}),
    ("The junta rejected an offer of talks from the bloc.", {"not": {"type": "AGREE"}}),
])
def rejected_claim(token) -> bool:
    """A demand, request or offer that a verb of rejecting or answering takes ("rejected a media request")
    is what the rejection is about, no event of its own: the REJECT is."""
    return token.dep_ in OBJECTS + ("nsubjpass",) and token.lemma_.lower() in word_set("events.claim_nouns") \
        and token.head.lemma_.lower() in word_set("events.answering_verbs")


@rule("events", "background-light-verb", source=PRECISION, off=False, examples=[
    ("The army hunted the men who have carried out attacks in Garissa.", {"not": {"type": "ASSAULT"}}),
])
def background_light_verb(token) -> bool:
    """The noun carried by a background light verb is background too ("who have carried out attacks")."""
    head = token.head
    return token.dep_ in OBJECTS and head.pos_ == "VERB" and skip_verb(head) and light_verb(head)


@rule("events", "part-of-noun", source=PRECISION, off=False, examples=[
    ("The blast was the third in a series of attacks on the pipeline.", {"not": {"trigger": "attacks"}}),
])
def part_of_noun(token) -> bool:
    """A noun after "of" under another noun names a kind or a series, no happening ("a series of attacks",
    "the latest of the strikes"); after a span of time it is the happening ("10 days of war games")."""
    head = token.head
    return token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of" \
        and head.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not time_span(head.head) \
        and not happening_container(head.head) and not happening_role(head.head, token)


@rule("events", "wave-of-happenings", source="gold-real dev", off=False, examples=[
    ("A wave of protests against the new tax swept Nairobi on Tuesday.", {"type": "PROTEST"}),
    ("Kisumu was the centre of street protests against the governor last year.", {"type": "PROTEST"}),
    ("The blast was the third in a series of attacks on the pipeline.", {"not": {"trigger": "attacks"}}),
])
def happening_container(token) -> bool:
    """A wave, a spate or a list of happenings ("a wave of protests", "a list of endorsements") is those
    happenings, told now; not so "a series of attacks" that the news adds to."""
    return token.lemma_.lower() in word_set("events.happening_containers")


@rule("events", "target-of-a-happening", source="gold-real dev3", off=False, examples=[
    ("A refugee camp was the target of an air strike in Unity state on Thursday.",
     {"type": "ASSAULT", "trigger": "strike"}),
    ("Two farmers were victims of attacks by herders near Jos on Monday.", {"type": "ASSAULT", "trigger": "attacks"}),
    ("He was a victim of the attack on the market, police said.", {"not": {"type": "ASSAULT"}}),
])
def happening_role(token, happening) -> bool:
    """"the target of an air strike", "victims of attacks": the happening after "of" is told here, new
    (with "the" it points back at one told before: "a victim of the attack")."""
    return token.lemma_.lower() in word_set("events.happening_roles") and not definite(happening)


@rule("events", "span-of-happening", source="PLOVER-GSR dev", off=False, examples=[
    ("French and Egyptian warships launched ten days of war games in the Mediterranean.", {"type": "COOPERATE"}),
    ("Residents fled after weeks of shelling in the town.", {"type": "ASSAULT"}),
])
def time_span(token) -> bool:
    """A span of time ("ten days of war games", "weeks of shelling") measures the happening after "of"."""
    return token.lemma_.lower() in word_set("events.time_span_nouns")


@rule("events", "referred-in-phrase", source=PRECISION, off=False, examples=[
    ("The rebels signed a roadmap calling for their withdrawal from Goma.", {"not": {"type": "RETREAT"}}),
])
def referred_in_phrase(token) -> bool:
    """A noun in a "for/as/over/of" phrase of a verb of judging names an event told elsewhere ("condemned
    them for the attacks", "described it as an attack")."""
    head = token.head
    return token.dep_ == "pobj" and head.dep_ == "prep" \
        and head.head.lemma_.lower() in word_set("events.referring_verbs") \
        and head.lower_ in word_set("events.referring_prepositions")


@rule("events", "noun-modifier-is-a-kind", source="gold-real dev", off=False, examples=[
    ("Shares of the consulting firm fell sharply on Thursday.", {"not": {"type": "CONSULT"}}),
    ("Two aid workers were abducted near Gao on Sunday.", {"not": {"type": "AID"}}),
    ("Dock workers began strike action at the port on Monday.", {"type": "PROTEST"}),
    ("The value of the expropriation agreement will be settled next year.", {"not": {"type": "COERCE"}}),
])
def kind_modifier(token) -> bool:
    """An event word that modifies another noun names a kind of thing, no happening ("consulting firm",
    "aid workers", "attack helicopters"), unless the noun is itself a happening ("strike action", "protest
    campaign")."""
    head = token.head
    if token.dep_ not in ("compound", "amod") or head is token or head.i < token.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    sentence = head.sent.text
    if lookup(head.lemma_, "NOUN", sentence) is not None:
        # "the expropriation agreement": one event, the head's; the modifier says what it is about
        return token.pos_ == "NOUN" and lookup(token.lemma_, "NOUN", sentence) is not None
    return head.lemma_.lower() not in word_set("events.happening_heads")


def skip_noun(token) -> bool:
    """Whether a noun trigger is no event of its own."""
    return predicate_noun(token) or alleged(token) or referred_object(token) or background_light_verb(token) \
        or part_of_noun(token) or referred_in_phrase(token) or kind_modifier(token) or rejected_claim(token)


def indefinite(token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in word_set("events.indefinite") for c in token.children)


def referring(lemma: str) -> bool:
    return lemma in reporting_verbs() or lemma in word_set("events.referring_verbs")


@rule("events", "joined-happening", source="acled-dev round 5", off=False, examples=[
    ("Hundreds of teachers set off on a march to Nairobi.", {"type": "PROTEST"}),
])
def joined_happening(token) -> bool:
    """A new happening that a verb joins or is hurt in: "set off on a march", "were injured in an
    exchange of fire"."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in word_set("events.joined_in") and prep.head.pos_ == "VERB" \
        and not referring(prep.head.lemma_.lower())


@rule("events", "witnessed-happening", source="demo corpus", off=False, examples=[
    ("The captain of the tanker Blue Heron reported an explosion.", {"type": "ASSAULT"}),
])
def witnessed_happening(token) -> bool:
    """A witness's report of something new ("the crew reported an explosion"), unlike "reported the attack"."""
    return token.dep_ in OBJECTS and token.head.pos_ == "VERB" \
        and token.head.lemma_.lower() in word_set("events.witness_verbs")


@rule("events", "described-happening", source=PRECISION, off=False, examples=[
    ("Police broke up a protest outside the courthouse.", {"type": "PROTEST", "trigger": "protest"}),
])
def described_happening(token) -> bool:
    """An indefinite object told with a phrase of its own brings in a new happening ("broke up a protest
    outside parliament"), unless a verb of reporting or judging governs it."""
    return token.dep_ in OBJECTS and token.head.pos_ == "VERB" and any(c.dep_ == "prep" for c in token.children) \
        and not referring(token.head.lemma_.lower())


@rule("events", "happening-subject", source="gold-real dev", off=False, examples=[
    ("An investigation started into whether any trades were erroneous.", {"type": "ACCUSE", "trigger": "investigation"}),
    ("Fierce clashes broke out in the old city on Friday night.", {"type": "ASSAULT", "trigger": "clashes"}),
])
def happening_subject(token) -> bool:
    """An indefinite or bare plural noun that is the subject of beginning or taking place ("an investigation
    started into …", "clashes broke out") brings in a new happening."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in word_set("events.happening_verbs") \
        and (indefinite(token) or token.tag_ == "NNS" and not definite(token))


@rule("events", "caused-happening", source="own sentences (issue 24)", off=False, examples=[
    ("The arrest of the opposition leader sparked protests in Dakar.", {"type": "PROTEST", "trigger": "protests"}),
    ("The killing of the imam triggered clashes between the two communities.", {"type": "ASSAULT"}),
])
def caused_happening(token) -> bool:
    """A happening that something sparks, triggers or leads to ("sparked protests", "led to clashes") is a
    new one, first told here."""
    head = token.head
    if token.dep_ in OBJECTS:
        return head.lemma_.lower() in word_set("events.causing_verbs")
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in ("lead", "give")


def introduced(token) -> bool:
    """A noun with "a"/"an" that brings in a new happening."""
    return happening_subject(token) or under_attack(token) or existential(token) or caused_happening(token) \
        or indefinite(token) and (
        joined_happening(token) or witnessed_happening(token) or described_happening(token))


@rule("events", "modified-noun", source="PLOVER-GSR dev", off=False, examples=[
    ("Shopkeepers ignored the weekend curfew in Jos.", {"type": "COERCE"}),
])
def modified(trigger) -> bool:
    """An event noun with a modifier before it ("the nightly curfew", "fraud investigations") names a
    happening of its own, unlike a bare "the demand" that points back at one told before."""
    return any(c.dep_ in ("compound", "amod", "poss") and c.i < trigger.i for c in trigger.children)


@rule("events", "bare-noun", source=PRECISION, off=False, examples=[
    ("The demand follows months of unrest in Lagos.", {"not": {"type": "REQUEST"}}),
])
def bare_noun(token) -> bool:
    """A noun without actor or target, neither brought in nor modified, points back at an event told
    elsewhere ("the demand comes after …"). Asked only of nouns without arguments."""
    return not introduced(token) and not modified(token)
