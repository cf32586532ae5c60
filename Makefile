# Two entry points, both usable on a fresh machine: `make run` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
APP_OK  := $(VENV)/.app-installed
TEST_OK := $(VENV)/.test-installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint chromium axe export clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(APP_OK): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(TEST_OK): requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-test.txt
	touch $(APP_OK) $@

run: $(APP_OK)
	$(PY) serve.py --server.port 8501 --server.address localhost

# Browser tests drive Debian's chromium; Playwright's own browser download does not work offline.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi

# axe-core (accessibility checks injected into pages by the browser tests) from the npm registry, pinned by
# package-lock.json; Debian's npm is installed when the machine has none.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

axe: $(AXE)

lint: $(TEST_OK)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(TEST_OK) chromium axe lint
	$(PY) -m kb validate
	$(PY) -m pytest -q

export: $(APP_OK)
	$(PY) -m kb export --format json > kb-export.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules
