"""Shared fixtures, defined here and only here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVAL_DATA = SHARED / "eval"
SEED_ARTICLE = SHARED / "examples" / "seed-article.txt"
DEMO = REPO / "demo"


MODEL_FIXTURES = {"nlp", "make_parsed", "seed_path", "versioned_store"}
MODEL_FOLDERS = ("extract", "rules", "parse")  # every test there parses with the model or reads the gazetteer


def pytest_collection_modifyitems(config, items):
    """The model- and gazetteer-heavy tests carry the ``slow`` marker: those under the extraction
    folders and those that ask for a parsed document; modules elsewhere that run the pipeline mark
    themselves (``pytestmark``). ``-m "not slow"`` then runs without loading spaCy."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(REPO / "tests").parts
        if parts[0] in MODEL_FOLDERS or MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def events_with_sources(parsed, claims):
    """The document's events, each with the attribution chain the claims give it."""
    from storyworld.extract.actors import extract_actors
    from storyworld.extract.attribution import attribute_events
    from storyworld.extract.events import extract_events
    from storyworld.extract.places import extract_places

    events = extract_events(parsed, actors=extract_actors(parsed), places=extract_places(parsed))
    return attribute_events(parsed, events, claims=claims)


def need_shared(path: Path) -> Path:
    """Skip (with the reason) when the shared evaluation data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared evaluation data lives beside the repository (../shared)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from storyworld.parse import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def make_parsed(nlp):
    """make_parsed(text, published=None, outlet=None) -> ParsedDocument, parsed with the real model."""
    from storyworld.body.document import document_id
    from storyworld.parse import ParsedDocument
    from storyworld.types import Document

    def make(text: str, *, published: str | None = None, outlet: str | None = None, title: str | None = None):
        document = Document(id=document_id(text), text=text, published=published, outlet=outlet,
                            title=title, language="en")
        return ParsedDocument(document=document, doc=nlp(text))

    return make


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED_ARTICLE)


@pytest.fixture()
def fresh_store(tmp_path):
    from storyworld.store import Store

    store = Store.open(tmp_path / "test.db")
    yield store
    store.close()


@pytest.fixture()
def synthetic_store(tmp_path):
    """synthetic_store(n_events) -> path of a store written by benchmarks/synthetic.py (no NLP)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("storyworld_synthetic", REPO / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda n_events, **options: module.build(tmp_path / f"synthetic-{n_events}.db", n_events, **options)


@pytest.fixture(scope="session")
def make_analysis():
    """make_analysis(text) -> Analysis with one ASSAULT event, one claim and a two-link chain."""
    from storyworld.body.document import document_id
    from storyworld.types import ActorRef, Analysis, Claim, Document, Event, Location, Removed, Source, Span

    def make(text: str = "Israel struck a site near Masyaf on Aug. 25.", *, doc_id: str | None = None) -> Analysis:
        document = Document(id=doc_id or document_id(text), text=text, title="A title", outlet="JNS",
                            published="2023-09-01", language="en", removed=(Removed("Donate now", "appeal"),))
        event = Event(
            type="ASSAULT", trigger="struck", evidence=Span(text, 0, len(text)), modality="actual", mode="aerial",
            cameo="195", acled="Air/drone strike", actor=ActorRef("Israel", "Israel", "ISR", "MIL"),
            target=None, location=Location("Masyaf", "Masyaf", 170017, 35.0653, 36.3421, "SYR", "city"),
            date="2023-08-25", date_precision="day",
            sources=(Source("Ynet", "outlet"), Source("a source", "anonymous")),
        )
        claim = Claim(text=text, start=0, end=len(text), cue="according to", sources=(Source("Ynet", "outlet"),))
        return Analysis(document=document, events=(event,), claims=(claim,), stages=("events.v1",))

    return make


@pytest.fixture()
def live_server(tmp_path):
    """live_server(store_path) -> base URL of the API + web page served by uvicorn on 127.0.0.1."""
    import socket
    import threading
    import time

    import uvicorn

    from storyworld.api import create_app

    servers = []

    def start(db_path, **options) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(str(db_path), **options), host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture()
def api_client():
    """api_client(store_path, **create_app_options) -> TestClient on http://127.0.0.1:8000 (a Host
    the API serves); a server error comes back as the response the client would see."""
    from fastapi.testclient import TestClient

    from storyworld.api import create_app

    def make(db_path, **options) -> TestClient:
        return TestClient(create_app(str(db_path), **options), base_url="http://127.0.0.1:8000",
                          raise_server_exceptions=False)

    return make


VERSIONED_URL = "https://lakeside.example/2025/05/02/market-attack"
VERSIONED_TEXTS = (
    "Gunmen attacked a market in Bunia on Thursday, killing four people, a local official said. "
    "Witnesses said the attackers fled towards the forest after the raid.",
    "Gunmen attacked a market in Bunia on Thursday, killing eleven people, a local official said. "
    "Witnesses said the attackers fled towards the forest after the raid.",
)


@pytest.fixture(scope="session")
def versioned_store(tmp_path_factory):
    """The path of a store holding one page in two versions at VERSIONED_URL (four killed, then
    eleven): its events and incident have a history of two versions. Runs the pipeline (slow)."""
    from storyworld.service import ingest_text
    from storyworld.store import Store

    path = tmp_path_factory.mktemp("versioned") / "t.db"
    with Store.open(path) as store:
        for text in VERSIONED_TEXTS:
            ingest_text(text, store=store, published="2025-05-02", outlet="Lakeside Herald", url=VERSIONED_URL)
    return path
