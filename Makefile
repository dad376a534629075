# The Recovery Portal. `make run` serves it with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH, or a private copy installed from PyPI on first use.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system
PYTEST_ARGS ?=
BENCH_ARGS ?=
APPS := recovery_portal workstreams teams careplans college evaluation identity

.PHONY: help run test check audit install system-packages clean bench

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==0.13.9

# Bytecode is compiled once here, so that no process (web, worker, test) compiles the sources it
# imports every time it starts, as it would wherever PYTHONDONTWRITEBYTECODE is set.
install: $(UV) ## Install Python (uv) and front-end (npm) dependencies
	$(UV) sync --locked --quiet --compile-bytecode
	$(UV) run python -m compileall -q manage.py $(APPS) benchmarks tests scripts
	npm ci --no-audit --no-fund --loglevel=error
	npm ci --no-audit --no-fund --loglevel=error --prefix tests/standins/oidc

run: install ## Serve the app with demo data on http://127.0.0.1:8000 (SQLite by default)
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py seed_demo
	$(UV) run scripts/run.sh

system-packages: ## Install the Debian packages the tests need (as root), or print the command
	scripts/system_packages.sh

test: install system-packages ## Run the whole suite on throwaway PostgreSQL, Redis, Celery and Chromium
	scripts/with_test_services.sh $(UV) run pytest $(PYTEST_ARGS)

bench: install system-packages ## Build the small and large synthetic Trusts on a throwaway PostgreSQL and check every performance budget
	scripts/with_test_services.sh $(UV) run python benchmarks/run.py $(BENCH_ARGS)

check: install ## Lint (Python and templates), formatting, migrations, deployment checks, the scoping lint and the architecture's import contracts
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run djlint templates --lint
	$(UV) run python manage.py makemigrations --check --dry-run
	SECRET_KEY=check-deploy-$$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))') \
	DATABASE_URL=postgres://check@127.0.0.1:5432/check ALLOWED_HOSTS=recovery.example.nhs.uk \
	PORTAL_BASE_URL=https://recovery.example.nhs.uk \
	CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
	DJANGO_SETTINGS_MODULE=recovery_portal.settings.production \
	$(UV) run python manage.py check --deploy --fail-level WARNING
	$(UV) run python scripts/lint_model_usage_in_views.py
	$(UV) run lint-imports --no-cache

audit: install ## Check the locked dependencies against the published vulnerability advisories (needs PyPI's JSON API)
	scripts/audit_dependencies.sh

clean: ## Remove the local database, collected static files and caches
	rm -rf db.sqlite3 staticfiles .pytest_cache
