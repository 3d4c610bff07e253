# Confianza: `make run` for a demo on http://127.0.0.1:8000, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := clinic.settings

.PHONY: screenshots run test test-only venv system-deps system-deps-test messages check-deploy lint audit bench demo-setup lock

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(PY) -m pip install -q --require-hashes -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

system-deps:
	@.ci/system-deps

system-deps-test:
	@.ci/system-deps --test

messages: venv
	@CONFIANZA_PROFILE=test $(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=var

run: system-deps venv messages
	CONFIANZA_PROFILE=demo $(PY) manage.py demo_setup
	CONFIANZA_PROFILE=demo $(PY) manage.py load_content
	CONFIANZA_PROFILE=demo $(PY) manage.py runserver 127.0.0.1:8000

test: system-deps-test venv messages test-only

test-only:
	CONFIANZA_PROFILE=test $(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

check-deploy: venv
	CONFIANZA_PROFILE=production DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(50))') \
	CONFIANZA_FIELD_KEYS=$$($(PY) -c 'from cryptography.fernet import Fernet;print(Fernet.generate_key().decode())') \
	DJANGO_ALLOWED_HOSTS=clinic.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

lint: venv
	$(VENV)/bin/ruff check .

# Recompile the hashed locks after editing requirements.in / requirements-dev.in (docs/dependencies.md).
# Versions already locked are kept; only new or changed entries are resolved.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-header
lock: venv
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

# pip-audit (reports UNAUDITED without failing when its service is unreachable) and bandit
# against the accepted baseline; see docs/security.md.
audit: venv
	@.ci/audit

bench: venv messages
	for script in bench/bench_*.py; do CONFIANZA_PROFILE=test $(PY) $$script || exit 1; done

screenshots: venv messages
	CONFIANZA_PROFILE=test CONFIANZA_SCREENSHOTS=1 $(PY) -m pytest -p no:cacheprovider tests/browser -k screenshots -q
