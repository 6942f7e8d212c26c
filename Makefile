# The two commands of the README: `make demo` and `make test`. Both work on a fresh machine that
# has only Python 3.11+, pip and make: they create .venv and install the pinned dependencies.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= storyworld.db
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test test-fast eval venv clean vendor

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

## demo: install, ingest the bundled demo corpus into $(DB), print a summary
demo: $(VENV)/.installed
	$(BIN)/storyworld ingest demo/articles --meta demo --db $(DB)
	@$(BIN)/storyworld stats --db $(DB)
	@echo
	@echo "Explore further:"
	@echo "  $(BIN)/storyworld events --db $(DB) --type ASSAULT            # filter events (also --country, --since, --source ...)"
	@echo "  $(BIN)/storyworld events --db $(DB) --source 'a source' --format json"
	@echo "  $(BIN)/storyworld export --db $(DB) --format csv -o events.csv"
	@echo "  $(BIN)/storyworld analyze demo/articles/<file> --format text   # one article, with its evidence"
	@echo "  $(BIN)/storyworld eval seed                                    # the seed-article checks"

## test: install with test extras and run the whole suite (evaluations included)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## test-fast: the suite without the model, the gazetteer, the evaluations and the browser (seconds)
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow and not eval and not browser"

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm

## vendor: copy the pinned front-end libraries from npm into the package (needs Node.js; committed)
vendor:
	bash web/vendor.sh
