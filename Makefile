# Two commands do everything: `make reproduce` and `make test` (see README.md).
# Needs only Python 3.11 and make: a pinned uv is bootstrapped into .venv-tools/ with pip,
# then uv installs the exact versions of uv.lock into .venv/.
PYTHON ?= python3.11
UV_VERSION := 0.13.8
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# uv uses this interpreter and never downloads one; .venv/ is the project's environment.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# uv installs no bytecode (compiling all of .venv/ would double the install time): Python writes
# it on first import instead. Where PYTHONDONTWRITEBYTECODE is set, every kernel would compile
# pandas, scipy, ... again on every run (imports 3x slower), so it is unset for what make runs.
unexport PYTHONDONTWRITEBYTECODE
# On a network failure: one line saying so, instead of the tools' retries and tracebacks.
# $(1): what failed; $(2): the variable naming another registry than PyPI.
UNREACHABLE := 'error sending request|failed to fetch|connect(ion)? (error|refused)|NewConnectionError|timed? ?out|dns|name resolution|network is unreachable'
REGISTRY_ERROR = { if grep -qiE $(UNREACHABLE) $(TOOLS).log; then \
	echo "error: cannot reach the package registry ($${$(2):-PyPI}) to $(1); check the network (details: $(TOOLS).log)" >&2; \
	else cat $(TOOLS).log >&2; fi; exit 1; }

.PHONY: install reproduce test lint check verify-reproducible benchmark lab student lock clean mutation

$(UV):
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
		--target $(TOOLS) uv==$(UV_VERSION) >$(TOOLS).log 2>&1 || $(call REGISTRY_ERROR,download uv $(UV_VERSION),PIP_INDEX_URL)
	@rm -f $(TOOLS).log

# The locked versions, the project itself editable; redone when the lock or pyproject change
# (--locked: a pyproject.toml edited without `make lock` is an error, not a silent old lock).
$(STAMP): uv.lock pyproject.toml | $(UV)
	@$(UV) sync --locked --extra dev --quiet >$(TOOLS).log 2>&1 || $(call REGISTRY_ERROR,install uv.lock,UV_INDEX_URL)
	@rm -f $(TOOLS).log
	@touch $(STAMP)

install: $(STAMP)

check: $(STAMP)
	$(BIN)/analysis check

reproduce: $(STAMP)
	$(BIN)/analysis reproduce

lint: $(STAMP)
	$(BIN)/ruff check .

# Lint, then unit tests and nbval over every notebook (committed outputs are the oracle).
# A test file goes whole to one worker, in the order collected (tests/, then the notebooks): by default
# xdist hands out the files with the fewest tests last, and one worker then ran the six notebook runs of
# tests/test_notebook_parameters.py alone at the end; in this order the last files are notebooks of seconds.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder --nbval --nbval-current-env \
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
	$(BIN)/python benchmarks/audit_speed.py
	$(BIN)/python benchmarks/extract_speed.py

# Jupyter Lab on notebooks/; as root (a container) it needs --allow-root. Extra options:
# make lab ARGS="--no-browser --port 8890".
ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(ARGS)

# Student copies of every notebook (worked answers removed, executed afresh) in build/student/.
student: $(STAMP)
	$(BIN)/analysis student

# Re-resolve the newest versions of pyproject's dependencies into uv.lock.
lock: | $(UV)
	$(UV) lock

clean:
	rm -rf build .pytest_cache
