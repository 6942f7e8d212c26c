"""Pipeline: inputs → documents → one spaCy parse per batch → stages in a checked order → Analysis.

Documents are parsed in batches by ``parse.parse_documents``. Each stage sees only the parts its
spec ``requires``, so an undeclared dependency fails at once instead of working by accident. A
failure in one document becomes an InputError/StageError for that document, and the batch goes on.
Importing this module registers the built-in stages (``extract.stages``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Callable, Iterable, Iterator

from .body import extract_document
from .errors import Errors, InputError, StageError, StoryworldError
from .extract import stages as _builtin_stages  # noqa: F401  (registers the built-in stages)
from .extract.outlet_homes import OutletHomes
from .parse import ParsedDocument, parse_documents
from .registry import StageSpec, get_stage
from .settings import default, stage_names
from .types import Analysis, Document, RawInput

_ALWAYS_AVAILABLE = ("doc.", "document.")


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


@dataclass
class Outcome:
    """What happened to one input: an analysis, or the error that stopped it."""

    name: str
    analysis: Analysis | None = None
    document: Document | None = None
    error: StoryworldError | None = None
    skipped_reason: str | None = None  # e.g. non-English: stored, not analysed
    duplicate_of: str | None = None  # a near-duplicate: stored and linked, not analysed


@dataclass
class Pipeline:
    """Stages in a checked order over one spaCy model; the defaults are the settings table's."""

    model: str = default("model")
    stages: tuple[str, ...] = stage_names(default("stages"))
    batch_size: int = default("batch_size")
    # what the documents read so far teach about each outlet's home division (a local paper's
    # "Paris" is in its own state); an outlet's first documents are read without it
    outlet_homes: OutletHomes = field(default_factory=OutletHomes, repr=False)
    _specs: tuple[StageSpec, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._specs = tuple(get_stage(name) for name in self.stages)
        check_order(self._specs)

    def analyze_document(self, document: Document) -> Analysis:
        return next(iter(self.analyze_documents([document])))

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for parsed in parse_documents(list(documents), model=self.model, batch_size=self.batch_size):
            yield self.run_stages(parsed)

    def run_stages(self, parsed: ParsedDocument) -> Analysis:
        if parsed.outlet_home is None:
            parsed = replace(parsed, outlet_home=self.outlet_homes.home(parsed.document))
        parts: dict[str, tuple] = {}
        for spec in self._specs:
            try:
                # only what the spec declares: reading anything else is a KeyError, named below
                declared = MappingProxyType({need: parts[need] for need in spec.requires if need in parts})
                parts[spec.assigns] = spec.func(parsed, declared)
            except StoryworldError:
                raise
            except Exception as exc:  # a bug or odd input in one stage: name it, keep the batch going
                raise StageError(
                    Errors.E301.format(stage=spec.name, name=parsed.document.origin or parsed.document.id[:12],
                                       detail=f"{type(exc).__name__}: {exc}"),
                    stage=spec.name,
                ) from exc
        if "places" in parts:
            self.outlet_homes.observe(parsed.document, parts["places"])
        return Analysis(
            document=parsed.document,
            events=parts.get("events", ()),
            claims=parts.get("claims", ()),
            places=parts.get("places", ()),
            times=parts.get("times", ()),
            actors=parts.get("actors", ()),
            stages=tuple(spec.name for spec in self._specs),
        )

    def run(self, inputs: Iterable[RawInput | InputError], *,
            duplicate_of: Callable[[Document], str | None] | None = None) -> Iterator[Outcome]:
        """Read, extract bodies, parse in batches and analyse; one Outcome per input, in order.

        ``duplicate_of(document)`` may name an earlier document that this one copies; such a
        document is not analysed (its Outcome carries ``duplicate_of``). Outcomes come out in
        input order, so a copy's Outcome never precedes its original's.
        """
        batch: list[Outcome] = []  # pending, in input order; those with a document and no verdict get analysed
        for item in inputs:
            if isinstance(item, InputError):
                batch.append(Outcome(name=item.source or "?", error=item))
                continue
            try:
                document = extract_document(item)
            except StoryworldError as exc:
                batch.append(Outcome(name=item.name, error=exc))
                continue
            original = duplicate_of(document) if duplicate_of else None
            if original is not None:
                batch.append(Outcome(name=item.name, document=document, duplicate_of=original))
            elif document.language not in (None, "en"):
                batch.append(Outcome(name=item.name, document=document,
                                     skipped_reason=Errors.E008.format(name=item.name, language=document.language)))
            else:
                batch.append(Outcome(name=item.name, document=document))
            if sum(self._needs_analysis(o) for o in batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    @staticmethod
    def _needs_analysis(outcome: Outcome) -> bool:
        return (outcome.document is not None and outcome.error is None and outcome.duplicate_of is None
                and outcome.skipped_reason is None)

    def _flush(self, batch: list[Outcome]) -> Iterator[Outcome]:
        todo = [o.document for o in batch if self._needs_analysis(o)]
        parsed_documents = parse_documents(todo, model=self.model, batch_size=self.batch_size)
        for outcome in batch:
            if not self._needs_analysis(outcome):
                yield outcome
                continue
            parsed = next(parsed_documents)
            try:
                outcome.analysis = self.run_stages(parsed)
            except StoryworldError as exc:
                outcome.error = exc
            yield outcome

