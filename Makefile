# Two entry points, both usable on a fresh machine: `make run` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
APP_OK  := $(VENV)/.app-installed
TEST_OK := $(VENV)/.test-installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast lint typecheck chromium real-files poppler nginx axe serve-replicas export clean

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

# The readers' regression set and the real-sized upload tests: bcftools / tabix check findings independently and
# bgzip the generated VCFs; real third-party files come from Debian's data and example packages (apt-get download,
# cached in tests/real_files/.debs, ignored by git).
real-files: $(TEST_OK)
	@if ! command -v bcftools >/dev/null || ! command -v bgzip >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq bcftools tabix >/dev/null; \
	fi
	$(PY) -m tests.real_files >/dev/null

# The browser tests render the clinician PDF's first page with poppler's pdftoppm to look at it.
poppler:
	@if [ ! -x /usr/bin/pdftoppm ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; \
	fi

# Debian's nginx, for `make serve-replicas` and the replicas test (load balancing several app processes).
nginx:
	@if [ ! -x /usr/sbin/nginx ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; \
	fi

# N replicas of the app behind nginx at http://localhost:8080 (deploy/replicas.py; DEPLOYING.md).
N ?= 2
serve-replicas: $(APP_OK) nginx
	$(PY) deploy/replicas.py --replicas $(N) --port 8080

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

typecheck: $(TEST_OK)
	$(PY) -m mypy

test: $(TEST_OK) chromium nginx axe real-files poppler lint typecheck
	$(PY) -m kb validate
	$(PY) -m pytest -q

# Everything but the browser tests: lint, types, the knowledge base, unit, property and AppTest tests.
test-fast: $(TEST_OK) real-files lint typecheck
	$(PY) -m kb validate
	$(PY) -m pytest -q -m "not browser"

export: $(APP_OK)
	$(PY) -m kb export --format json > kb-export.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules
