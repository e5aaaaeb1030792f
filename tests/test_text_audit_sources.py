"""Which abstracts ``analysis audit`` finds in the names it is given (``text_audit.sources``): a text file, each
record of a PubMed export, or the text files of a folder; each expected list is written by hand from the files."""

from __future__ import annotations

from analysis.extract import text_audit


def test_a_folder_holds_its_txt_and_md_files_in_any_case_sorted_and_not_its_subfolders(tmp_path):
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "inner.txt").write_text("Inner.", encoding="utf-8")
    (folder / "b.md").write_text("Bee.", encoding="utf-8")
    (folder / "A.TXT").write_text("Ay.", encoding="utf-8")
    (folder / "c.csv").write_text("x,y\n", encoding="utf-8")
    assert text_audit.sources(str(folder)) == [(folder / "A.TXT", "a", "Ay."), (folder / "b.md", "b", "Bee.")]
