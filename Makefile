# Two commands: `make run` (set up everything, serve on 127.0.0.1:8000) and `make test`.
# Both work on a fresh Debian machine; running them again is safe.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages the site needs at run time, and the extra ones its tests need.
RUN_PACKAGES := ffmpeg espeak-ng wordnet-base
# Node only lints our JavaScript; the site runs none. Debian's when there is no npm at all: an npm
# from elsewhere (NodeSource's nodejs bundles it, and conflicts with Debian's npm) is left alone.
NODE_PACKAGES := $(if $(shell command -v npm 2>/dev/null),,nodejs npm)
TEST_PACKAGES := $(RUN_PACKAGES) sox chromium fonts-dejavu-core fonts-noto-color-emoji $(NODE_PACKAGES)
BENCH_PACKAGES := $(TEST_PACKAGES) festival festvox-kallpc16k festvox-us-slt-hts flite
# Real people saying single words (GPL-2 data: fetched here, never committed), pinned to
# the Debian 12 versions the benchmark figures were measured on.
SPEECH_DATA_PACKAGES := ktuberling-data=4:22.12.3-1 tuxpaint-stamps-default=2022.06.04-1
SPEECH_DATA := benchmarks/data

INTEGRATION_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
INTEGRATION_REDIS_URL ?= redis://127.0.0.1:6379/15
INTEGRATION_S3_PORT ?= 9123

.PHONY: run test unit integration check-deploy setup setup-test system-packages lint lint-js format benchmark benchmark-recommender benchmark-tutor speech-data screenshots clean

run: setup
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(RUN_PACKAGES)"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_curriculum
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py prepare_speech --no-references
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py create_demo_accounts
	@# The judge's reference readings, kept in the database: slow once, then free on every restart.
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py prepare_speech --no-clips > prepare_speech.log 2>&1 &
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	@$(MAKE) --no-print-directory lint-js
	@echo "== Unit tier (SQLite, tasks in-process, browser tests in Chromium) =="
	@$(MAKE) --no-print-directory unit
	@echo "== Integration tier (PostgreSQL, Redis, a real Celery worker) =="
	@$(MAKE) --no-print-directory integration

# Unit tier: SQLite and in-process Celery, whatever the shell has set.
unit:
	env -u DATABASE_URL -u REDIS_URL -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND \
	    SECRET_KEY=unit-tests-only DEBUG=0 \
	    $(BIN)/python -m pytest -m "not integration" -q

# Integration tier: real PostgreSQL, Redis, a Celery worker process started by a fixture,
# and S3-compatible object storage (moto in server mode, on loopback): the web side and
# the worker get different MEDIA_ROOTs, so code that reaches for a local file fails.
integration:
	media=$$(mktemp -d); worker_media=$$(mktemp -d); \
	$(BIN)/moto_server -H 127.0.0.1 -p $(INTEGRATION_S3_PORT) > "$$media/../moto-$(INTEGRATION_S3_PORT).log" 2>&1 & moto=$$!; \
	trap 'kill $$moto 2>/dev/null; rm -rf "$$media" "$$worker_media"' EXIT; \
	env -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND \
	    SECRET_KEY=integration-tests-only DEBUG=0 MEDIA_ROOT=$$media WORKER_MEDIA_ROOT=$$worker_media \
	    DATABASE_URL=$(INTEGRATION_DATABASE_URL) REDIS_URL=$(INTEGRATION_REDIS_URL) \
	    AWS_STORAGE_BUCKET_NAME=deh-integration AWS_S3_ENDPOINT_URL=http://127.0.0.1:$(INTEGRATION_S3_PORT) \
	    AWS_ACCESS_KEY_ID=integration AWS_SECRET_ACCESS_KEY=integration AWS_S3_REGION_NAME=us-east-1 \
	    $(BIN)/python -m pytest -m integration -q -p no:cacheprovider

# Django's deployment checks with production-like settings (a unit test runs the same check).
# Nothing is contacted: the database and Redis URLs are only read.
check-deploy: setup
	env -u DATABASE_URL DEBUG=0 SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    ALLOWED_HOSTS=hub.example.org REDIS_URL=redis://127.0.0.1:6379/0 \
	    SECURE_SSL_REDIRECT=1 SESSION_COOKIE_SECURE=1 CSRF_COOKIE_SECURE=1 \
	    SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_INCLUDE_SUBDOMAINS=1 SECURE_HSTS_PRELOAD=1 \
	    $(BIN)/python manage.py check --deploy --fail-level WARNING

setup: $(VENV)/.installed-run
setup-test: $(VENV)/.installed-dev
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(TEST_PACKAGES)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt requirements-no-deps.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-no-deps.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-no-deps.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-no-deps.txt
	touch $(VENV)/.installed-run $@

# Installs missing Debian packages when we are root; otherwise says what to install.
system-packages:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	    echo "Please install these Debian packages first (as root): apt-get install$$missing"; exit 1; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	@$(MAKE) --no-print-directory lint-js

# ESLint, exactly as package-lock.json pins it; reinstalled when the lock file changes.
node_modules/.installed: package.json package-lock.json
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(NODE_PACKAGES)"
	npm ci --no-audit --no-fund
	touch $@

lint-js: node_modules/.installed
	node_modules/.bin/eslint static/js

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: setup-test speech-data
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(BENCH_PACKAGES)"
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/speech_accuracy.py --data-dir $(SPEECH_DATA)/synthetic \
	    --real $(SPEECH_DATA)/real/manifest.csv --references $(SPEECH_DATA)/references.json
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/voice_questions.py
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/pictures.py
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/difficulty.py
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/explorer_lookup.py

# The recommender against fixed and random order on simulated learners (~2 minutes on 2 cores).
benchmark-recommender: setup-test
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/recommender.py

# The offline tutor on its evaluation set: intents, facts against the database, refusals, reply time.
benchmark-tutor: setup-test
	SECRET_KEY=bench DEBUG=0 $(BIN)/python benchmarks/tutor.py

speech-data: $(SPEECH_DATA)/real/manifest.csv

$(SPEECH_DATA)/real/manifest.csv: benchmarks/real_voices.py | $(VENV)/.installed-dev
	@$(MAKE) --no-print-directory system-packages PACKAGES="ffmpeg sox"
	mkdir -p $(SPEECH_DATA)/debs/root
	cd $(SPEECH_DATA)/debs && apt-get download $(SPEECH_DATA_PACKAGES)
	for deb in $(SPEECH_DATA)/debs/*.deb; do dpkg -x $$deb $(SPEECH_DATA)/debs/root; done
	$(BIN)/python benchmarks/real_voices.py --root $(SPEECH_DATA)/debs/root --out $(SPEECH_DATA)/real

screenshots: setup-test
	SCREENSHOT_DIR=docs/screenshots SECRET_KEY=shots DEBUG=0 $(BIN)/python -m pytest -m browser -q

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
