"""Mutation score of each module of ``analysis.stats``, ``analysis.audit`` and ``analysis.extract``, from the
results mutmut leaves in ``mutants/``.

mutmut 3 stores one ``mutants/<source path>.meta`` JSON file per mutated source file, with the
exit code of the tests for each mutant under ``exit_code_by_key``. A mutant counts as killed when
its tests failed, timed out (an endless loop) or the type checker caught it; survivors and
mutants no test reaches are not killed. Listed equivalent mutants (``mutation_equivalent.toml``
next to this script, each with its reason) are shown, and excluded in the ``adj %`` column only.

Usage: ``python tools/mutation_score.py [--min 95] [--survivors]``; exit status 1 when a module's
raw score is below ``--min``, or (with ``--min``) a package has no results at all: it was not mutated.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
META_DIR = ROOT / "mutants" / "src" / "analysis"
# The packages `make mutation` mutates ([tool.mutmut] only_mutate in pyproject.toml).
PACKAGES = ("stats", "audit", "extract")
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.toml")

# mutmut.stats.status_by_exit_code (3.8.1), reduced to the outcomes that matter here.
KILLED_CODES = {1, 3, 36, 37, -24, 24, 152, 255}
SURVIVED_CODES = {0}
NO_TEST_CODES = {5, 33}


def _status(code: int | None) -> str:
    if code is None:
        return "not checked"
    if code in KILLED_CODES:
        return "killed"
    if code in SURVIVED_CODES:
        return "survived"
    if code in NO_TEST_CODES:
        return "no tests"
    if code == 34:
        return "skipped"
    return "suspicious"


def load_results(meta_dir: Path = META_DIR) -> dict[str, dict[str, str]]:
    """``{module: {mutant name: status}}`` for every mutated module of ``PACKAGES``, named as
    ``package.module`` (``audit`` for ``audit/__init__.py``)."""
    results = {}
    for package in PACKAGES:
        for meta in sorted((meta_dir / package).glob("*.py.meta")):
            codes = json.loads(meta.read_text())["exit_code_by_key"]
            stem = meta.name.removesuffix(".py.meta")
            module = package if stem == "__init__" else f"{package}.{stem}"
            results[module] = {name: _status(code) for name, code in codes.items()}
    return results


def load_equivalent(path: Path = EQUIVALENT) -> dict[str, str]:
    """``{mutant name: reason}`` of the survivors judged equivalent."""
    if not path.exists():
        return {}
    return {name: entry["reason"] for name, entry in tomllib.loads(path.read_text())["mutant"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=None, help="fail when a module's raw score is below this %%")
    parser.add_argument("--survivors", action="store_true", help="list every mutant not killed")
    args = parser.parse_args(argv)
    results = load_results(META_DIR)
    if not results:
        print(f"no mutmut results under {META_DIR}: run `mutmut run` first", file=sys.stderr)
        return 2
    equivalent = load_equivalent(EQUIVALENT)
    missing = [package for package in PACKAGES if not any(m.split(".")[0] == package for m in results)]
    header = (f"{'module':<26} {'killed':>6} {'survived':>8} {'no tests':>8} {'other':>5} {'total':>5} "
              f"{'score':>7} {'adj %':>7}")
    print(header)
    print("-" * len(header))
    totals = [0, 0]
    pending = 0
    below = []
    for module, statuses in results.items():
        values = list(statuses.values())
        killed = values.count("killed")
        survived = values.count("survived")
        no_tests = values.count("no tests")
        other = len(values) - killed - survived - no_tests
        pending += values.count("not checked")
        total = len(values)
        eq = sum(1 for name, s in statuses.items() if s != "killed" and name in equivalent)
        score = 100.0 * killed / total if total else 100.0
        adj = 100.0 * killed / (total - eq) if total > eq else 100.0
        totals[0] += killed
        totals[1] += total
        if args.min is not None and score < args.min:
            below.append(module)
        print(f"{module:<26} {killed:>6} {survived:>8} {no_tests:>8} {other:>5} {total:>5} {score:>6.1f}% {adj:>6.1f}%")
    print("-" * len(header))
    print(f"{'all':<26} {totals[0]:>6} {'':>8} {'':>8} {'':>5} {totals[1]:>5} {100.0 * totals[0] / totals[1]:>6.1f}%")
    not_killed = {name: s for statuses in results.values() for name, s in statuses.items() if s != "killed"}
    listed = [name for name in not_killed if name in equivalent]
    if listed:
        print(f"\nsurvivors judged equivalent ({len(listed)}, reasons in {EQUIVALENT.name}):")
        for name in listed:
            print(f"  {name}: {equivalent[name]}")
    if args.survivors:
        rest = [name for name in not_killed if name not in equivalent]
        print(f"\nother mutants not killed ({len(rest)}; `mutmut show NAME` shows the change):")
        for name in rest:
            print(f"  {name}: {not_killed[name]}")
    stale = sorted(name for name in equivalent if name not in not_killed)
    if stale:
        print(f"\nlisted as equivalent but now killed or gone (update {EQUIVALENT.name}): {', '.join(stale)}")
    if pending:
        print(f"\n{pending} mutants not checked yet (an interrupted run): the scores are incomplete", file=sys.stderr)
    if missing:
        print(f"\nno mutmut results for {', '.join('analysis.' + p for p in missing)}: not mutated", file=sys.stderr)
    if below:
        print(f"\nbelow {args.min:g} %: {', '.join(below)}", file=sys.stderr)
    return 1 if args.min is not None and (below or missing) else 0


if __name__ == "__main__":
    sys.exit(main())
