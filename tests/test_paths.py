"""paths: where the project writes, and how a cache folder is replaced."""

from pathlib import Path

from analysis.pipeline import paths


def _fill_with(name: str):
    def fill(folder: Path) -> None:
        (folder / name).write_text(name)
    return fill


def test_a_cache_folder_holds_only_what_the_last_fill_wrote(tmp_path):
    caches = tmp_path / "cache" / "kind"
    paths.replace_cache(caches / "v1", _fill_with("a"))
    paths.replace_cache(caches / "v1", _fill_with("b"))
    assert [p.name for p in (caches / "v1").iterdir()] == ["b"]


def test_caches_of_other_versions_go_and_folders_being_filled_stay(tmp_path):
    caches = tmp_path / "kind"
    paths.replace_cache(caches / "old-code", _fill_with("a"))
    (caches / ".incoming-of-another-run").mkdir()
    paths.replace_cache(caches / "new-code", _fill_with("b"))
    assert sorted(p.name for p in caches.iterdir()) == [".incoming-of-another-run", "new-code"]


def test_a_failing_fill_leaves_the_cache_as_it_was_and_raises_nothing(tmp_path):
    caches = tmp_path / "kind"
    paths.replace_cache(caches / "v1", _fill_with("a"))

    def failing(folder: Path) -> None:
        (folder / "half").write_text("written")
        raise RuntimeError("disk full")

    paths.replace_cache(caches / "v1", failing)
    assert [p.name for p in caches.iterdir()] == ["v1"]  # no partial folder left behind
    assert [p.name for p in (caches / "v1").iterdir()] == ["a"]
