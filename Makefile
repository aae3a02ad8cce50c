# The portal's two commands: `make run` serves it on the embedded default (SQLite, tasks in-process),
# `make test` runs the whole suite on PostgreSQL and Redis.

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/ivanovo_portal)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/0)

# The first Python >= 3.12 among $PYTHON, the PATH and pyenv's installed versions (pyenv's root as
# `pyenv root` tells it: PYENV_ROOT may put it elsewhere than ~/.pyenv).
PYENV_DIR := $(or $(shell pyenv root 2>/dev/null),$(PYENV_ROOT),$(HOME)/.pyenv)
BASE_PYTHON := $(shell for p in $(PYTHON) python3.13 python3.12 python3 \
	$$(ls -d "$(PYENV_DIR)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; \
	done)

.PHONY: run test lint check bench messages lock clean

# The development set: the production pins of requirements.txt plus the test and lint tools.
$(VENV)/.installed: requirements-dev.txt
	@test -n "$(BASE_PYTHON)" || { echo "Python 3.12 or newer is needed: install it or set PYTHON=/path/to/python3.12." >&2; exit 1; }
	"$(BASE_PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# After changing the dependencies in pyproject.toml: pins them, with everything they pull in and
# their hashes, in requirements.txt (production, the image) and requirements-dev.txt (with the
# tools). Pins already there stay unless pyproject.toml asks otherwise. pip-tools goes into the
# virtualenv only.
COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes \
	--strip-extras --no-emit-find-links --no-emit-index-url
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet pip-tools==7.6.2
	$(COMPILE) --output-file requirements.txt pyproject.toml
	$(COMPILE) --extra dev --output-file requirements-dev.txt pyproject.toml

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "GNU gettext's msgfmt is needed to compile the translations: apt-get install gettext." >&2; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

# Served without debugging, as residents see the portal (DJANGO_DEBUG=1 to debug). The demo's
# seeding alone runs with debugging, which it insists on: its accounts' password is published.
run: messages
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py migrate --no-input --verbosity 0
	env -u DATABASE_URL -u REDIS_URL DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo ""
	@echo "  Ivanovo civic participation portal: http://127.0.0.1:$(PORT)/  (English: /en/)"
	@echo "  After the password, all but the resident give a code: oathtool --totp -b KEY, or the key in any authenticator app."
	@echo ""
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py runserver 127.0.0.1:$(PORT)

# On a test database made afresh; a plain `pytest` reuses the last one (pyproject.toml).
test: messages
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest --create-db $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: lint
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-a-long-enough-random-value-for-the-check \
		DJANGO_ALLOWED_HOSTS=portal.example EMAIL_HOST=smtp.portal.example $(PY) manage.py check --deploy --fail-level WARNING

bench: messages
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m bench

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
