# The MVOI portal: `make run` serves it with demo data, `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test install lint format messages serve clean-db

$(BIN)/.installed: requirements.lock pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/utrecht/index.css: node_modules/.installed
	mkdir -p static/vendor/utrecht
	cp node_modules/@utrecht/component-library-css/dist/index.css $@

install: $(BIN)/.installed static/vendor/utrecht/index.css
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: install
	$(MANAGE) migrate --no-input -v 1
	$(MANAGE) createcachetable
	$(MANAGE) load_public_bodies
	$(MANAGE) load_guidance_content
	DEBUG=true $(MANAGE) load_demo_content
	DEBUG=true ADMIN_REQUIRES_MFA=$${ADMIN_REQUIRES_MFA:-false} $(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages:
	$(MANAGE) makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete
