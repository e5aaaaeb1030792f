# Two commands do everything: `make reproduce` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install reproduce test check verify-reproducible benchmark lab lock clean mutation

# Creates the venv if absent and installs the locked versions; redone when the lock or pyproject change.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

check: $(STAMP)
	$(BIN)/analysis check

reproduce: $(STAMP)
	$(BIN)/analysis reproduce

# Unit tests, then nbval over every notebook (committed outputs are the oracle).
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

# Two consecutive runs must leave the tree byte-identical.
verify-reproducible: $(STAMP)
	$(BIN)/python benchmarks/verify_reproducible.py

# Mutation testing of analysis.stats (mutmut, configured in pyproject.toml; slow, not part of `make test`):
# a fresh run over every mutant, then the share killed per statistics module (fails below 95 %).
mutation: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python tools/mutation_score.py --min 95

benchmark: $(STAMP)
	$(BIN)/python benchmarks/reproduce_speed.py
	$(BIN)/python benchmarks/sampler_speed.py

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# Re-resolve the newest versions of pyproject's dependencies and pin them exactly.
lock:
	rm -rf /tmp/analysis-lock-venv && $(PYTHON) -m venv /tmp/analysis-lock-venv
	/tmp/analysis-lock-venv/bin/pip install --quiet --upgrade pip setuptools
	/tmp/analysis-lock-venv/bin/pip install --quiet -e '.[dev]'
	(echo "# Exact versions of every package, direct and transitive. Regenerate with: make lock"; \
	 /tmp/analysis-lock-venv/bin/pip freeze --all --exclude-editable | grep -v '^analysis') > requirements.lock

clean:
	rm -rf build .pytest_cache
