"""paths: where the project reads and writes, and atomic writes."""

from pathlib import Path

import pytest

from analysis import paths


@pytest.mark.parametrize("kind, variable", [("data_dir", "ANALYSIS_DATA_DIR"), ("figures_dir", "ANALYSIS_FIGURES_DIR"),
                                            ("notebooks_dir", "ANALYSIS_NOTEBOOKS_DIR"),
                                            ("build_dir", "ANALYSIS_BUILD_DIR")])
def test_folders_default_to_the_repository_and_follow_the_environment(kind, variable, tmp_path, monkeypatch):
    monkeypatch.delenv(variable, raising=False)
    assert getattr(paths, kind)() == paths.REPO / kind.removesuffix("_dir")
    monkeypatch.setenv(variable, str(tmp_path))
    assert getattr(paths, kind)() == tmp_path


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = paths.atomic_write_text(tmp_path / "out.txt", "old")

    def failing(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        paths.atomic_write(target, failing)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    assert target.read_text() == "old"
