# The two commands of the README: `make demo` and `make test`. Both work on a fresh machine that
# has only Python 3.11+, pip and make: they create .venv and install storyworld with the exact
# versions of requirements.lock (pip constraints; pyproject.toml itself gives compatible ranges).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= storyworld.db
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test test-fast eval venv clean vendor lock bench bench-quick

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

LOCK := requirements.lock

# Reinstall when pyproject.toml or the lock changes. The demo installs every extra ("all": web for
# `serve`, parquet for `export --format parquet`, eval for `eval incidents`) so that each command
# its closing hints and the README's Quickstart name works; the core alone is `pip install -e .`.
$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[all]'
	touch $@

# The test extra includes web, parquet and eval (the suite covers them), so it is the demo's too.
$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

## demo: install, ingest the bundled demo corpus into $(DB), print a summary
demo: $(VENV)/.installed
	$(BIN)/storyworld ingest demo/articles --meta demo --db $(DB)
	@$(BIN)/storyworld stats --db $(DB)
	@echo
	@echo "Explore further (every command has examples in its --help):"
	@echo "  $(BIN)/storyworld serve --db $(DB)                               # the map, timeline and evidence on http://127.0.0.1:8000/"
	@echo "  $(BIN)/storyworld events --db $(DB) --type ASSAULT --country Ukraine   # filter events (also --since, --source, --text ...)"
	@echo "  $(BIN)/storyworld incidents --db $(DB) --min-reports 2 --sort origins  # one happening, many reports, how many origins"
	@echo "  $(BIN)/storyworld claims --db $(DB) --only anonymous              # what we know only from anonymous sources"
	@echo "  $(BIN)/storyworld sources --db $(DB)                               # who is cited, and how much rests on each"
	@echo "  $(BIN)/storyworld export --db $(DB) --format csv -o events.csv     # also jsonl, geojson, parquet"
	@echo "  $(BIN)/storyworld check --db $(DB)                                 # is the store sound?"
	@echo "  $(BIN)/storyworld datasette-metadata --db $(DB)                    # then: datasette $(DB) --metadata metadata.json"
	@echo "  $(BIN)/storyworld analyze demo/articles/sw-aid.txt --format text   # one article, with its evidence"
	@echo "  $(BIN)/storyworld ingest YOUR_FOLDER --db $(DB)                    # your own articles (see the README)"
	@echo "  $(BIN)/storyworld eval seed                                        # the seed-article checks"

## test: install with test extras and run the whole suite (evaluations included)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## test-fast: the suite without the model, the gazetteer, the evaluations and the browser (seconds)
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow and not eval and not browser"

## bench: every benchmark of issue 29 (throughput against the bare parse, workers, 1 M-event queries,
## Spark, store growth, page updates); lines under benchmarks/results/ (about an hour; bench-quick: minutes)
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run_all.py

bench-quick: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run_all.py --quick

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm

## lock: write requirements.lock anew: the newest versions the ranges in pyproject.toml allow, as
## resolved in a clean, temporary venv of .[test,train] (storyworld itself left out). Review the diff.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[test,train]'
	{ echo "# Exact versions that make demo, make test and CI install (pip constraints: pip install -c $(LOCK) -e '.[all]')."; \
	  echo "# Regenerate with \`make lock\` (a clean venv of .[test,train], then pip freeze without storyworld itself);"; \
	  echo "# pyproject.toml holds the compatible ranges a plain \`pip install storyworld\` resolves within."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable --exclude storyworld; } > $(LOCK)
	rm -rf .lock-venv

## vendor: copy the pinned front-end libraries from npm into the package (needs Node.js; committed)
vendor:
	bash web/vendor.sh
