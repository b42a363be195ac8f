# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DB     ?= eventwire.duckdb

.PHONY: demo test install lock bench clean

demo: $(VENV)/.installed  ## install, ingest the bundled samples into eventwire.duckdb, summarise
	$(BIN)/eventwire run samples/ --db $(DB)
	$(BIN)/eventwire events --db $(DB) --limit 15

test: $(VENV)/.installed  ## install and run the test suite
	$(BIN)/pytest

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

lock:  ## re-pin requirements.lock from the current virtualenv
	$(BIN)/pip freeze --exclude-editable | grep -v '^eventwire' > requirements.lock

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
