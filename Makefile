# The two commands a newcomer needs: `make run` and `make test`. Both set up
# everything they need first (virtual environment, packages, PostgreSQL for tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8765

.PHONY: run test bench bench-push-pair soak lint typecheck pytest lock clean screenshots translations bundle

$(BIN)/python:
	@scripts/bootstrap.sh "$(PYTHON)" "$(VENV)"

# Reinstall only when the declared or locked dependencies change.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

## run: set up, build a fresh demo tenant in an embedded SQLite store, serve it, open the desk
run: $(STAMP)
	$(BIN)/python scripts/qt_libs.py
	$(BIN)/turnero demo --data-dir .demo --port $(PORT) --desk

## test: set up, make sure a PostgreSQL is reachable, then ruff, mypy and pytest
test: $(STAMP)
	$(BIN)/python scripts/with_postgres.py -- $(MAKE) --no-print-directory lint typecheck pytest

## bench: sync benchmarks against PostgreSQL; prints a table, writes .bench/results.json
bench: $(STAMP)
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m bench.run

## bench-push-pair: the push load with grouped pushes on and off, in turns (PAIR_ROUNDS, PAIR_SECONDS)
bench-push-pair: $(STAMP)
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m bench.push_pair

## soak: 100 desks and 20 kiosks for SOAK_MINUTES (10) against --workers 2; writes .bench/soak.json
soak: $(STAMP)
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m bench.soak

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Tests run on every core (up to 4): most of their time waits on servers and sockets.
# Each test has its own database and ports, so they do not meet. PYTEST_WORKERS=0: one process.
PYTEST_WORKERS = auto
pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n $(PYTEST_WORKERS) --maxprocesses 4 $(PYTEST_ARGS)

## lock: re-pin the whole dependency tree after editing pyproject.toml
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@{ echo '# Exact versions CI tested; `make` installs with `pip install -c requirements.lock`.'; \
	   echo '# Regenerate after changing pyproject.toml: `make lock`.'; \
	   $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) .demo build dist .mypy_cache .ruff_cache .pytest_cache

## screenshots: render the desk's screens with demo data into screenshots/
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

## translations: collect the UI's strings into the Linguist file and compile it
TS := resources/i18n/turnero_es_AR.ts
# Qt's own dialogs where Qt's Spanish falls short; written by hand (see the file).
QT_EXTRA_TS := resources/i18n/qt_extra_es_AR.ts
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find ui -name '*.py' | sort) -ts $(TS) -source-language en -target-language es_AR -no-obsolete
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)
	$(BIN)/pyside6-lrelease $(QT_EXTRA_TS) -qm $(QT_EXTRA_TS:.ts=.qm)

## bundle: one PyInstaller folder, dist/turnero/, with the `turnero` executable
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/turnero.spec
	@du -sh dist/turnero | sed 's/^/bundle size: /'
