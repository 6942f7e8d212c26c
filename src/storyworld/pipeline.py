"""Pipeline: inputs → documents → one spaCy parse per batch → stages in a checked order → Analysis.

Documents are parsed in batches by ``parse.parse_documents``. Each stage sees only the parts its
spec ``requires``, so an undeclared dependency fails at once instead of working by accident. A
failure in one document becomes an InputError/StageError for that document, and the batch goes on:
whatever the body step, the parse or a stage raises is that document's coded error (E020/E301,
traceback in the log), a parse that fails for a whole batch is redone one document at a time so
that only the document that broke it fails, and if the inputs themselves raise, the documents
read before are still analysed and handed on. A text longer than the parser takes is refused
(E025), and one document's body step, parse and stages share a time budget (``Budget``, E026).
Importing this module registers the built-in stages (``extract.stages``).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Callable, Iterable, Iterator

from .body import extract_document
from .errors import ConfigError, Errors, InputError, StageError, StoryworldError, printable, unexpected
from .extract import stages as _builtin_stages  # noqa: F401  (registers the built-in stages)
from .extract.outlet_homes import OutletHomes
from .parse import MAX_CHARS, ParsedDocument, parse_documents
from .registry import StageSpec, get_stage
from .settings import default, stage_names
from .types import Analysis, Document, RawInput

_ALWAYS_AVAILABLE = ("doc.", "document.")
# A text longer than this is parsed alone, its parse charged to its time budget; shorter ones are
# parsed together in their batch, as they always were, in a few seconds at most. News articles are
# shorter by far; a parse of 640,000 characters took 42 s.
PARSE_ALONE = 100_000


def check_order(specs: Iterable[StageSpec]) -> None:
    """Refuse an order in which a stage reads a part before any stage assigns it."""
    assigned: set[str] = set()
    for spec in specs:
        for need in spec.requires:
            if need.startswith(_ALWAYS_AVAILABLE):
                continue
            if need not in assigned:
                raise StageError(Errors.E302.format(stage=spec.name, needs=need), stage=spec.name)
        assigned.add(spec.assigns)


class _OutOfTime(BaseException):
    """Raised by the budget's timer signal inside whatever runs; a BaseException, so that no
    ``except Exception`` on the way swallows it. Caught where the timed step ends."""


class Budget:
    """The seconds one document may spend in its body step, its parse and its stages, together. A
    text parsed in its batch (up to ``PARSE_ALONE`` characters) is not charged for the batch's
    parse, which it shares; a longer one is parsed alone and charged.

    Enforced two ways, because neither is enough alone:

    - cooperatively, in any thread: after the body step and after each stage the time spent is
      compared with the budget. The API analyses in worker threads, which signals cannot reach;
    - in the main thread of a POSIX process, also by an interval timer (SIGALRM) whose handler
      raises inside whatever Python code runs, so that a stage running far past the budget
      (claims.v1 grows with the square of a long text's length) stops near it, not when it returns.

    The interrupt lands between bytecodes: a C call (a regex, spaCy) finishes first. Stages are
    functions of the parsed document that hand their result back only when they return, and the
    outlet-home memory is updated after the last stage, so a stage abandoned midway leaves nothing
    half-done. A host program with its own SIGALRM handler or timer keeps them: the cooperative
    checks alone run then. ``seconds`` 0 turns the budget off.
    """

    def __init__(self, seconds: float, *, name: str):
        self.seconds, self.name = seconds, name
        self.spent = 0.0
        self.step = ""
        self._started: float | None = None

    def too_slow(self) -> InputError:
        return InputError(Errors.E026.format(name=printable(self.name), limit=self.seconds, step=self.step),
                          source=self.name)

    def check(self, step: str) -> None:
        """Cooperative: E026 once the time spent, the running step's included, passes the budget."""
        self.step = step
        running = time.monotonic() - self._started if self._started is not None else 0.0
        if self.seconds and self.spent + running > self.seconds:
            raise self.too_slow()

    @contextmanager
    def running(self, step: str) -> Iterator["Budget"]:
        """Time one step (the body, or all the stages); E026 when it runs out."""
        self.step = step
        if not self.seconds:
            yield self
            return
        if self.spent >= self.seconds:
            raise self.too_slow()
        self._started = time.monotonic()
        alarm = _Alarm.arm(self.seconds - self.spent)
        try:
            yield self
        except _OutOfTime:
            raise self.too_slow() from None
        finally:
            if alarm is not None:
                alarm.disarm()
            self.spent += time.monotonic() - self._started
            self._started = None


class _Alarm:
    """One armed SIGALRM timer, or None where it cannot be used (see ``Budget``)."""

    def __init__(self, previous):
        self.previous = previous
        self.active = True

    @classmethod
    def arm(cls, seconds: float) -> "_Alarm | None":
        if (not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
                or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None)
                or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
            return None
        alarm = cls(signal.getsignal(signal.SIGALRM))

        def on_alarm(signum, frame):
            if alarm.active:
                # again in 0.1 s until disarmed: an exception raised inside a garbage collector's
                # callback or a __del__ is printed and dropped (seen under the fuzzer)
                signal.setitimer(signal.ITIMER_REAL, 0.1)
                if isinstance(sys.exc_info()[1], _OutOfTime):
                    # the first one is still on its way out (in an except, a finally or an
                    # __exit__): a second raised there would escape the budget's own __exit__
                    # uncaught (found by the fuzzer on a loaded machine)
                    return
                raise _OutOfTime()

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
        return alarm

    def disarm(self) -> None:
        self.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)


@dataclass
class Outcome:
    """What happened to one input: an analysis, or the error that stopped it."""

    name: str
    analysis: Analysis | None = None
    document: Document | None = None
    error: StoryworldError | None = None
    skipped_reason: str | None = None  # e.g. non-English: stored, not analysed
    duplicate_of: str | None = None  # a near-duplicate: stored and linked, not analysed
    stored_as: str | None = None  # this report is already stored under this id: not analysed again
    budget: Budget | None = field(default=None, repr=False)  # what its body step spent of its time


@dataclass
class Pipeline:
    """Stages in a checked order over one spaCy model; the defaults are the settings table's."""

    model: str = default("model")
    stages: tuple[str, ...] = stage_names(default("stages"))
    batch_size: int = default("batch_size")
    max_seconds: float = default("max_seconds_per_document")  # per document, body and stages (0: no limit)
    # what the documents read so far teach about each outlet's home division (a local paper's
    # "Paris" is in its own state); an outlet's first documents are read without it
    outlet_homes: OutletHomes = field(default_factory=OutletHomes, repr=False)
    # seconds spent so far in each step ("body", "parse", then each stage by name), for `-v`
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _specs: tuple[StageSpec, ...] = field(init=False, repr=False)
    _warm: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._specs = tuple(get_stage(name) for name in self.stages)
        check_order(self._specs)

    def analyze_document(self, document: Document) -> Analysis:
        return next(iter(self.analyze_documents([document])))

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for parsed in parse_documents(list(documents), model=self.model, batch_size=self.batch_size):
            yield self.run_stages(parsed)

    def run_stages(self, parsed: ParsedDocument, *, budget: Budget | None = None) -> Analysis:
        if parsed.outlet_home is None:
            parsed = replace(parsed, outlet_home=self.outlet_homes.home(parsed.document))
        parts: dict[str, tuple] = {}
        for spec in self._specs:
            if budget is not None:
                budget.step = spec.name
            started = time.perf_counter()
            try:
                # only what the spec declares: reading anything else is a KeyError, named below
                declared = MappingProxyType({need: parts[need] for need in spec.requires if need in parts})
                parts[spec.assigns] = spec.func(parsed, declared)
            except StoryworldError:
                raise
            except Exception as exc:  # a bug or odd input in one stage: name it, keep the batch going
                raise StageError(
                    Errors.E301.format(stage=spec.name, name=printable(parsed.document.origin or parsed.document.id[:12]),
                                       detail=f"{type(exc).__name__}: {printable(str(exc))[:300]}"),
                    stage=spec.name,
                ) from exc
            finally:
                self._timed(spec.name, started)
            if budget is not None:
                budget.check(spec.name)
        if "places" in parts:
            self.outlet_homes.observe(parsed.document, parts["places"])
        return Analysis(
            document=parsed.document,
            events=parts.get("events", ()),
            claims=parts.get("claims", ()),
            places=parts.get("places", ()),
            times=parts.get("times", ()),
            actors=parts.get("actors", ()),
            casualties=parts.get("casualties", ()),
            stages=tuple(spec.name for spec in self._specs),
        )

    def run(self, inputs: Iterable[RawInput | InputError], *,
            duplicate_of: Callable[[Document], str | None] | None = None,
            stored_as: Callable[[Document], str | None] | None = None) -> Iterator[Outcome]:
        """Read, extract bodies, parse in batches and analyse; one Outcome per input, in order.

        ``stored_as(document)`` may name the stored document this report already is (re-ingesting
        a folder): it is not analysed again (its Outcome carries ``stored_as``).
        ``duplicate_of(document)`` may name an earlier document that this one copies; such a
        document is not analysed (its Outcome carries ``duplicate_of``). Outcomes come out in
        input order, so a copy's Outcome never precedes its original's. Should ``inputs`` raise,
        the documents read before are analysed and handed on first, then one error Outcome ends
        the run.
        """
        batch: list[Outcome] = []  # pending, in input order; those with a document and no verdict get analysed
        items = iter(inputs)
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception as exc:  # a reader that raised instead of yielding its InputError
                yield from self._flush(batch)
                yield Outcome(name="<inputs>", error=unexpected(exc, name="<inputs>", step="reading the inputs"))
                return
            batch.append(self._read(item, duplicate_of, stored_as))
            if sum(self._needs_analysis(o) for o in batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def _read(self, item: RawInput | InputError, duplicate_of: Callable[[Document], str | None] | None,
              stored_as: Callable[[Document], str | None] | None = None) -> Outcome:
        """One input's body step, length check and verdict (stored, copy, other language, to analyse)."""
        if isinstance(item, InputError):
            return Outcome(name=item.source or "?", error=item)
        budget = Budget(self.max_seconds, name=item.name)
        started = time.perf_counter()
        try:
            with budget.running("body"):
                document = extract_document(item)
        except StoryworldError as exc:
            return Outcome(name=item.name, error=exc)
        except Exception as exc:  # a decoder's or a library's failure on this input only
            return Outcome(name=item.name, error=unexpected(exc, name=item.name, step="body extraction"))
        finally:
            self._timed("body", started)
        if len(document.text) > MAX_CHARS:
            return Outcome(name=item.name, error=InputError(Errors.E025.format(
                name=printable(item.name), length=len(document.text), limit=MAX_CHARS), source=item.name))
        try:
            stored = stored_as(document) if stored_as else None
            if stored is not None:
                return Outcome(name=item.name, document=document, stored_as=stored)
            original = duplicate_of(document) if duplicate_of else None
        except StoryworldError as exc:
            return Outcome(name=item.name, error=exc)
        except Exception as exc:
            return Outcome(name=item.name, error=unexpected(exc, name=item.name, step="near-duplicate check"))
        if original is not None:
            return Outcome(name=item.name, document=document, duplicate_of=original)
        if document.language not in (None, "en"):
            return Outcome(name=item.name, document=document,
                           skipped_reason=Errors.E008.format(name=item.name, language=document.language))
        return Outcome(name=item.name, document=document, budget=budget)

    def warm_up(self) -> None:
        """Load what the stages read on first use (the gazetteer is built then: a minute on a fresh
        install), once, before the first document's budget starts: a slow start is no document's
        fault, and must not skip it as too slow (E026)."""
        if self._warm:
            return
        started = time.perf_counter()
        for spec in self._specs:
            if spec.warm is not None:
                spec.warm()
        self._warm = True
        self._timed("warm-up", started)

    def _timed(self, step: str, started: float) -> None:
        self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started

    @staticmethod
    def _needs_analysis(outcome: Outcome) -> bool:
        return (outcome.document is not None and outcome.error is None and outcome.duplicate_of is None
                and outcome.stored_as is None and outcome.skipped_reason is None)

    def _flush(self, batch: list[Outcome]) -> Iterator[Outcome]:
        todo = [o for o in batch if self._needs_analysis(o)]
        if todo:
            self.warm_up()
        together = [o for o in todo if len(o.document.text) <= PARSE_ALONE]
        parsed_together = dict(zip(map(id, together), self._parse([o.document for o in together])))
        for outcome in batch:
            if not self._needs_analysis(outcome):
                yield outcome
                continue
            budget = outcome.budget or Budget(self.max_seconds, name=outcome.name)
            parsed = parsed_together.get(id(outcome)) or self._parse_alone(outcome.document, budget)
            if isinstance(parsed, StoryworldError):
                outcome.error = parsed
                yield outcome
                continue
            try:
                with budget.running("the stages"):
                    outcome.analysis = self.run_stages(parsed, budget=budget)
            except StoryworldError as exc:
                outcome.error = exc
            yield outcome

    def _parse_alone(self, document: Document, budget: Budget) -> ParsedDocument | StoryworldError:
        """A long text's parse, on its own and charged to its budget (E026 when it runs out)."""
        started = time.perf_counter()
        try:
            with budget.running("the parse"):
                (parsed,) = parse_documents([document], model=self.model, batch_size=self.batch_size)
            return parsed
        except ConfigError:
            raise
        except StoryworldError as exc:
            return exc
        except Exception as exc:
            return unexpected(exc, name=document.origin or document.id[:12], step="parse")
        finally:
            self._timed("parse", started)

    def _parse(self, documents: list[Document]) -> list[ParsedDocument | StoryworldError]:
        """The documents parsed as one batch; if the batch fails, each alone, so that only the
        documents that fail on their own get an error (E020)."""
        if not documents:
            return []
        started = time.perf_counter()
        try:
            return list(parse_documents(documents, model=self.model, batch_size=self.batch_size))
        except ConfigError:
            raise
        except Exception:
            pass
        finally:
            self._timed("parse", started)
        results: list[ParsedDocument | StoryworldError] = []
        for document in documents:
            try:
                results.extend(parse_documents([document], model=self.model, batch_size=self.batch_size))
            except ConfigError:
                raise
            except Exception as exc:
                results.append(unexpected(exc, name=document.origin or document.id[:12], step="parse"))
        return results
