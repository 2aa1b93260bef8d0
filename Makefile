# Buurtgezinnen: `make demo` to try it, `make test` to run every test.
# Only Python 3.11, pip, git and make are needed; uv is installed when missing.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --locked --no-sync
PORT ?= 8000
DEMO_ENV := DEMO_MODE=true HTTPS=false DEBUG=false \
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend

.PHONY: demo demo-codes test setup uv lint format messages bench clean

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv

setup: uv
	$(UV) sync --locked
	$(RUN) python manage.py compile_translations

demo: setup
	$(DEMO_ENV) $(RUN) python manage.py migrate --noinput
	$(DEMO_ENV) $(RUN) python manage.py load_demo
	$(DEMO_ENV) $(RUN) python manage.py collectstatic --noinput --verbosity 0
	$(DEMO_ENV) SITE_URL=http://127.0.0.1:$(PORT) $(RUN) python manage.py demo_logins
	$(DEMO_ENV) SITE_URL=http://127.0.0.1:$(PORT) $(RUN) python manage.py serve --port $(PORT)

demo-codes:
	@$(DEMO_ENV) $(RUN) python manage.py demo_logins

test: setup
	$(RUN) pytest $(PYTEST_ARGS)

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy buurtgezinnen

format: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# Needs GNU gettext (xgettext): refreshes locale/nl/LC_MESSAGES/django.po from the code.
messages: setup
	$(RUN) python manage.py makemessages --locale nl --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'scripts/*'

# Benchmarks: prints the figures and writes docs/benchmarks.md. With
# BENCH_DATABASE_URL=postgres://… also every staff page at 1k and 100k families (bench/pages.py).
bench: setup
	$(RUN) python -m bench

clean:
	rm -rf var staticfiles .pytest_cache
