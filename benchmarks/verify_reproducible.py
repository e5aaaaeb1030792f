"""Run ``analysis reproduce`` twice and check that both runs leave identical bytes.

After each run every file under notebooks/, figures/, build/report/ and
build/findings.csv is hashed (SHA-256). Any file that differs between the runs, or
exists after only one of them, is reported. Then ``git status --porcelain`` says
whether the runs left the working tree as committed.

Exit status: 0 when both runs agree and the tree is clean; 1 when the runs differ
or a run failed; 2 when they agree but the tree is dirty (``--allow-dirty`` turns
that into 0: useful while work is uncommitted).

    .venv/bin/python benchmarks/verify_reproducible.py [--notebook NAME ...] [--allow-dirty]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANALYSIS = REPO / ".venv" / "bin" / "analysis"


def build_dir() -> Path:
    """Where ``analysis reproduce`` writes (``ANALYSIS_BUILD_DIR`` overrides, as in analysis.paths)."""
    override = os.environ.get("ANALYSIS_BUILD_DIR")
    return Path(override) if override else REPO / "build"


def products() -> list[Path]:
    """Every file a reproduce run writes, in a stable order."""
    build = build_dir()
    files = [p for folder in (REPO / "notebooks", REPO / "figures", build / "report")
             for p in folder.rglob("*") if p.is_file()]
    if (build / "findings.csv").is_file():
        files.append(build / "findings.csv")
    return sorted(files)


def _name(path: Path) -> str:
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


def snapshot() -> dict[str, str]:
    return {_name(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in products()}


def git_status() -> list[str]:
    result = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                            capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line.strip()]


def _status_path(line: str) -> Path:
    return REPO / line[3:].split(" -> ")[-1].strip('"')


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def dirty_digests() -> dict[str, str | None]:
    """Each dirty path of ``git status`` with the hash of its current content."""
    return {line: _digest(_status_path(line)) for line in git_status()}


def reproduce(notebooks: list[str], run: int) -> float:
    command = [str(ANALYSIS), "reproduce"] + [arg for name in notebooks for arg in ("--notebook", name)]
    print(f"run {run}: {' '.join(command[1:])}", flush=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        raise SystemExit(f"run {run} failed (exit {result.returncode}); nothing compared")
    print(f"run {run}: done in {seconds:.1f} s", flush=True)
    return seconds


def compare(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """One line per file that differs between the two snapshots."""
    lines = []
    for name in sorted(first.keys() | second.keys()):
        if name not in second:
            lines.append(f"only after run 1: {name}")
        elif name not in first:
            lines.append(f"only after run 2: {name}")
        elif first[name] != second[name]:
            lines.append(f"differs:          {name}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", action="append", default=[],
                        help="only notebooks whose name contains this (repeatable; passed to analysis reproduce)")
    parser.add_argument("--allow-dirty", action="store_true",
                        help="do not fail when git status is not clean after the runs")
    args = parser.parse_args(argv)
    if not ANALYSIS.exists():
        return print(f"error: {ANALYSIS} missing: run make install", file=sys.stderr) or 1

    before = dirty_digests()
    reproduce(args.notebook, 1)
    first = snapshot()
    reproduce(args.notebook, 2)
    second = snapshot()
    after = git_status()

    differences = compare(first, second)
    print()
    print(f"compared {len(first | second)} files (notebooks/, figures/, "
          f"{_name(build_dir() / 'findings.csv')}, {_name(build_dir() / 'report')}/)")
    if differences:
        print(f"NOT REPRODUCIBLE: {len(differences)} file(s) differ between the two runs:")
        for line in differences:
            print(f"  {line}")
    else:
        print("reproducible: both runs wrote byte-identical files")

    if after:
        print(f"git status: {len(after)} dirty path(s) after the runs:")
        for line in after:
            if line not in before:
                origin = "made dirty by the runs"
            elif before[line] != _digest(_status_path(line)):
                origin = "dirty before the runs, and changed by them"
            else:
                origin = "dirty before the runs, not changed by them"
            print(f"  {line}   ({origin})")
    else:
        print("git status: clean (the runs reproduced the committed files exactly)")

    if differences:
        return 1
    if after and not args.allow_dirty:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
