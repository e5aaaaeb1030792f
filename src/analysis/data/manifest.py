"""The checksum manifest of ``data/`` and the check of every data file (``analysis check``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from analysis.data.load import (
    DataError,
    _display,
    load_bibliography,
    load_claims,
    load_not_reported,
    load_patients,
    load_values,
)
from analysis.pipeline import paths

MANIFEST = "MANIFEST.sha256"

def data_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST and p.suffix == ".csv")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(data_dir: Path | None = None) -> Path:
    """Record the checksum of every data file (run after an intentional edit)."""
    root = data_dir or paths.data_dir()
    lines = [f"{_sha256(p)}  {p.relative_to(root).as_posix()}\n" for p in data_files(root)]
    return paths.atomic_write_text(root / MANIFEST, "".join(lines))


def verify_manifest(data_dir: Path | None = None) -> list[str]:
    """Problems found comparing ``data/`` with its checksum manifest (empty when clean)."""
    root = data_dir or paths.data_dir()
    manifest = root / MANIFEST
    if not manifest.exists():
        return [f"{_display(manifest)}: missing; run 'analysis manifest' after reviewing the data"]
    recorded = {}
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if not name:
            return [f"{_display(manifest)}, line {number}: not '<sha256>  <path>'"]
        recorded[name] = digest
    actual = {p.relative_to(root).as_posix(): _sha256(p) for p in data_files(root)}
    problems = [f"{_display(root / n)}: changed since the manifest was written (checksum differs)"
                for n in sorted(actual) if n in recorded and recorded[n] != actual[n]]
    problems += [f"{_display(root / n)}: not in the manifest" for n in sorted(set(actual) - set(recorded))]
    problems += [f"{_display(root / n)}: listed in the manifest but missing"
                 for n in sorted(set(recorded) - set(actual))]
    return problems


def check_all(data_dir: Path | None = None, manifest: bool = True) -> list[str]:
    """Validate every data file, then (if ``manifest``) the checksums; one line per problem."""
    root = data_dir or paths.data_dir()
    problems: list[str] = []

    def attempt(load, *args):
        try:
            load(*args, root)
        except DataError as err:
            problems.extend(err.problems)

    attempt(load_bibliography)
    attempt(load_claims)
    attempt(load_not_reported)
    for path in sorted((root / "values").glob("*.csv")):
        attempt(load_values, path.stem)
    for path in sorted((root / "patients").glob("*.csv")) if (root / "patients").exists() else []:
        attempt(load_patients, path.stem)
    if manifest and not problems:
        problems = verify_manifest(root)
    return problems
