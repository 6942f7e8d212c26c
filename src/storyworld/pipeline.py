"""Pipeline: inputs → documents → one spaCy parse per batch → stages in a checked order → Analysis.

spaCy is loaded once per Pipeline; documents are parsed with ``nlp.pipe``. A failure in one
document becomes an InputError/StageError for that document, and the batch goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .body import extract_document
from .errors import Errors, InputError, StageError, StoryworldError
from .extract.stages import DEFAULT_STAGES
from .parse import DEFAULT_MODEL, ParsedDocument, load_nlp
from .registry import StageSpec, get_stage
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


@dataclass
class Pipeline:
    model: str = DEFAULT_MODEL
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 16
    _specs: tuple[StageSpec, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._specs = tuple(get_stage(name) for name in self.stages)
        check_order(self._specs)

    @property
    def nlp(self):
        return load_nlp(self.model)

    def analyze_document(self, document: Document) -> Analysis:
        return next(iter(self.analyze_documents([document])))

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        documents = list(documents)
        docs = self.nlp.pipe((d.text for d in documents), batch_size=self.batch_size)
        for document, doc in zip(documents, docs):
            yield self.run_stages(ParsedDocument(document=document, doc=doc))

    def run_stages(self, parsed: ParsedDocument) -> Analysis:
        parts: dict[str, tuple] = {}
        for spec in self._specs:
            try:
                parts[spec.assigns] = spec.func(parsed, parts)
            except StoryworldError:
                raise
            except Exception as exc:  # a bug or odd input in one stage: name it, keep the batch going
                raise StageError(
                    Errors.E301.format(stage=spec.name, name=parsed.document.origin or parsed.document.id[:12],
                                       detail=f"{type(exc).__name__}: {exc}"),
                    stage=spec.name,
                ) from exc
        return Analysis(
            document=parsed.document,
            events=parts.get("events", ()),
            claims=parts.get("claims", ()),
            places=parts.get("places", ()),
            times=parts.get("times", ()),
            actors=parts.get("actors", ()),
            stages=tuple(spec.name for spec in self._specs),
        )

    def run(self, inputs: Iterable[RawInput | InputError]) -> Iterator[Outcome]:
        """Read, extract bodies, parse in batches and analyse; one Outcome per input, in order."""
        batch: list[tuple[str, Document]] = []
        for item in inputs:
            if isinstance(item, InputError):
                yield Outcome(name=item.source or "?", error=item)
                continue
            try:
                document = extract_document(item)
            except StoryworldError as exc:
                yield Outcome(name=item.name, error=exc)
                continue
            if document.language not in (None, "en"):
                yield Outcome(
                    name=item.name, document=document,
                    skipped_reason=Errors.E008.format(name=item.name, language=document.language),
                )
                continue
            batch.append((item.name, document))
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def _flush(self, batch: list[tuple[str, Document]]) -> Iterator[Outcome]:
        docs = self.nlp.pipe((d.text for _, d in batch), batch_size=self.batch_size)
        for (name, document), doc in zip(batch, docs):
            try:
                analysis = self.run_stages(ParsedDocument(document=document, doc=doc))
            except StoryworldError as exc:
                yield Outcome(name=name, document=document, error=exc)
            else:
                yield Outcome(name=name, document=document, analysis=analysis)


def analyze_path(path: str, *, published: str | None = None, url: str | None = None, outlet: str | None = None,
                 title: str | None = None, pipeline: Pipeline | None = None, max_bytes: int | None = None) -> Analysis:
    """Analyse the first article of PATH ('-' for stdin); raise InputError when it cannot be read."""
    from .ingest import iter_inputs
    from .ingest.files import MAX_INPUT_BYTES

    hints = {k: v for k, v in {"published": published, "url": url, "outlet": outlet, "title": title}.items() if v}
    if published:
        hints["published_source"] = "user"
    item = next(iter(iter_inputs([path], hints_for=lambda _p: hints, max_bytes=max_bytes or MAX_INPUT_BYTES)), None)
    if item is None:
        raise InputError(Errors.E002.format(name=path), source=path)
    if isinstance(item, InputError):
        raise item
    document = extract_document(item)
    if document.language not in (None, "en"):
        raise InputError(Errors.E008.format(name=path, language=document.language), source=path)
    return (pipeline or Pipeline()).analyze_document(document)
