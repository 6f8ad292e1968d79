# Two commands do everything on a fresh machine (see README.md):
#   make run    set up, load the demo content and serve the CMS at http://127.0.0.1:8000
#               (make run PORT=8100 serves on another port)
#   make test   set up and run the whole test suite (SQLite, local-memory cache)
# and, with PostgreSQL and Redis running (CI runs both passes, see .ci/run):
#   make test-postgres   the whole suite again on PostgreSQL + Redis, scale-out test included
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

PORT ?= 8000
URL := http://127.0.0.1:$(PORT)
# Node projects (exact pins, package-lock.json): GraphiQL's assets, the API checks the test
# suite runs (graphql-http audit, schema linter) and the example app client.
GRAPHIQL_ASSETS := delivery/graphiql/node_modules/.package-lock.json
NODE_PROJECTS := delivery/graphiql tests/node examples/app-client

.PHONY: run test test-postgres lint schema worker node-deps

# npm ci again whenever a project's lock file changes.
%/node_modules/.package-lock.json: %/package-lock.json
	npm ci --prefix $* --no-audit --no-fund
	touch $@

node-deps: $(foreach project,$(NODE_PROJECTS),$(project)/node_modules/.package-lock.json)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime $(GRAPHIQL_ASSETS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --with-admin --with-demo-users
	@echo "Admin:    $(URL)/admin/  (admin/admin, editor/editor, publisher/publisher, reviewer/reviewer; local only)"
	@echo "GraphQL:  $(URL)/graphql/  GraphiQL: $(URL)/graphiql/"
	WAGTAILADMIN_BASE_URL=$(URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev node-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# pytest-django creates and drops the test database (test_<name>) itself.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cms
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
test-postgres: $(VENV)/.dev node-deps
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

schema: $(VENV)/.runtime
	$(BIN)/python manage.py graphql_schema

# Delivers publish webhooks (run beside `make run` when endpoints are configured).
worker: $(VENV)/.runtime
	$(BIN)/python manage.py db_worker --backend webhooks
