# Set-up and everyday commands. Each target installs what it needs into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# The browser tests drive Debian's Chromium with Playwright and check pages with axe-core.
CHROMIUM := /usr/bin/chromium
AXE_VERSION := 4.14.1
AXE := .cache/axe/node_modules/axe-core/axe.min.js
# The PDF tests render pages to PNG with Debian's poppler-utils.
PDFTOPPM := /usr/bin/pdftoppm

.PHONY: run test test-sqlite test-postgres browser messages lint format bench install clean

$(INSTALLED): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(INSTALLED) messages

# Compiled catalogs (locale/*/LC_MESSAGES/django.mo) are build output, so every install
# compiles them. Django's compilemessages needs GNU gettext's msgfmt.
messages: $(INSTALLED)
	@command -v msgfmt >/dev/null || (apt-get update && apt-get install -y gettext)
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=.cache

browser: $(AXE)
	@test -x $(CHROMIUM) || (apt-get update && apt-get install -y chromium)

pdftools:
	@test -x $(PDFTOPPM) || (apt-get update && apt-get install -y poppler-utils)

$(AXE):
	npm install --silent --no-save --prefix .cache/axe axe-core@$(AXE_VERSION)

# The address of the development server; `make run PORT=8001` serves on another port.
PORT ?= 8000
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin
	# The task worker (PDF rebuilds) runs in the background and stops with the server.
	$(BIN)/python manage.py db_worker & worker=$$!; \
		trap 'kill $$worker' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, on SQLite and then on the local PostgreSQL server.
test: test-sqlite test-postgres

test-sqlite: install browser pdftools
	$(BIN)/pytest

test-postgres: install browser pdftools
	@$(BIN)/python -c "import psycopg; psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=postgres', connect_timeout=5).close()" \
		|| { echo "PostgreSQL is not reachable on 127.0.0.1:5432 as user postgres; start it, then run 'make test' again." >&2; exit 1; }
	MIPEX_TEST_DATABASE=postgres $(BIN)/pytest

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache .cache
