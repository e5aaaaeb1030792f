"""Validation of data/: every guarded corruption gives one clear message and exit status 1.

Each case corrupts a copy of data/ in one way, runs `analysis check` on the copy through the
command's entry point (``cli.main``, in this process: a fresh interpreter would add seconds of imports
per case and test nothing more; tests/test_hostile_inputs.py runs the real process), and asserts the
message names file, row and column, that no traceback is printed, and that nothing in the repository
was touched.
"""

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import data
from analysis.pipeline import cli

REPO = Path(__file__).resolve().parents[1]


def _snapshot(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders if folder.exists() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check_in_process(data_dir: Path, capsys) -> tuple[int, str]:
    """`analysis check` on ``data_dir``: its exit status and stderr."""
    status = cli.main(["check", "--data-dir", str(data_dir)])
    return status, capsys.readouterr().err


# (file, original text, corrupted text, expected row, expected column, words in the message)
CORRUPTIONS = [
    pytest.param("values/kleiter2012.csv", "kleiter2012,relapses,9,", "kleiter2012,relapses,-9,",
                 8, "value", "at least 0", id="count-below-zero"),
    pytest.param("values/kleiter2012.csv", "kleiter2012,relapses,9,", "kleiter2012,relapses,8.5,",
                 8, "value", "whole number", id="count-not-whole"),
    pytest.param("values/bringeland2020.csv", "bringeland2020,neda_1y,35,", "bringeland2020,neda_1y,36,",
                 3, "value", "above its denominator", id="successes-above-total"),
    pytest.param("values/mahler2026.csv", "relapse_free_rituximab_pct,84.6,", "relapse_free_rituximab_pct,184.6,",
                 18, "value", "between 0 and 100", id="percentage-out-of-range"),
    pytest.param("values/mahler2026.csv", "0.02,2,=,ratio,0.01,0.04", "0.02,2,=,ratio,0.05,0.04",
                 7, "ci_low", "lower bound is above the upper", id="ci-bounds-reversed"),
    pytest.param("values/mahler2026.csv", "0.02,2,=,ratio,0.01,0.04", "0.02,2,=,ratio,0.01,",
                 7, "ci_high", "both bounds or neither", id="ci-half-missing"),
    pytest.param("values/mahler2026.csv", "p_chisq_relapse_free_three_drugs,0.00012,",
                 "p_chisq_relapse_free_three_drugs,1.2,",
                 21, "value", "between 0 and 1", id="p-out-of-range"),
    pytest.param("values/bringeland2020.csv", "bringeland2020,cohort_patients,40,",
                 "bringeland2020,cohort_patients,forty,",
                 1, "value", "wrong type", id="wrong-type"),
    pytest.param("values/kimura2016.csv", "kimura2016,healthy_controls,", "kimura2016,nmo_nmosd,",
                 4, "quantity", "duplicate", id="duplicate-quantity"),
    pytest.param("values/kimura2016.csv", ",K2,news article,SECONDARY,natalizumab",
                 ",ZZ9,news article,SECONDARY,natalizumab",
                 6, "source", "unknown source id 'ZZ9'", id="unknown-source"),
    pytest.param("values/kimura2016.csv", "healthy_controls,8,0,=,participants", "healthy_controls,8,0,=,rabbits",
                 4, "unit", "must be one of", id="unknown-unit"),
    pytest.param("values/kimura2016.csv",
                 "kimura2016,healthy_controls,8,0,=,participants,,,,primary,K1,abstract,ABSTRACT",
                 "kimura2016,healthy_controls,8,0,=,participants,,,,primary,K1,abstract,PRINT",
                 4, "status", "must be one of", id="bad-status"),
    pytest.param("values/bringeland2020.csv", "followed_up_1y,35,0,=,patients,,,cohort_patients",
                 "followed_up_1y,35,0,=,patients,,,nobody", 2, "denominator", "names no quantity",
                 id="dangling-denominator"),
    # The typed columns (statistic, of, df):
    pytest.param("values/kleiter2012.csv", "relapses after the start of natalizumab,count,",
                 "relapses after the start of natalizumab,tally,", 8, "statistic", "must be one of",
                 id="unknown-statistic"),
    pytest.param("values/bringeland2020.csv", "ABSTRACT,,percent,wearing_off_regular,",
                 "ABSTRACT,,percent,nobody,", 6, "of",
                 "names no quantity", id="dangling-of"),
    pytest.param("values/mahler2026.csv", "reported as p < 0.001,p,hr_anticd20_vs_msdmt,",
                 "reported as p < 0.001,p,patients,", 16, "of", "wrong statistic", id="p-of-a-count"),
    pytest.param("values/kimura2016.csv", "2,0,=,patients,,,natalizumab_treated_ms",
                 "2,0,=,percent,,,natalizumab_treated_ms", 5, "unit", "does not fit the statistic",
                 id="count-in-percent"),
    pytest.param("values/kimura2016.csv", "not measured in Kimura's cohort,min,alpha4_bound_pct,",
                 "not measured in Kimura's cohort,min,,", 6, "of", "names the variable", id="summary-without-of"),
    pytest.param("values/kimura2016.csv", "not measured in Kimura's cohort,min,alpha4_bound_pct,",
                 "not measured in Kimura's cohort,min,alpha4_bound_pct,12", 6, "df", "degrees of freedom",
                 id="df-where-none-applies"),
    pytest.param("claims.csv", "astrocyte_vcam1_mouse,model,", "astrocyte_vcam1_mouse,ms_like_benefit,",
                 1, "claim_id", "duplicate", id="claims-duplicate-id"),
    pytest.param("claims.csv", "Natalizumab reduced the MS-like immune attack.,M1,",
                 "Natalizumab reduced the MS-like immune attack.,Q7,",
                 2, "source", "unknown source id 'Q7'", id="claims-unknown-source"),
    pytest.param("not_reported.csv", "bringeland2020,NEDA definition used (NEDA-3 likely but unconfirmed),B1;B2",
                 "bringeland2020,NEDA definition used (NEDA-3 likely but unconfirmed),b1", 1, "looked_in", "",
                 id="not-reported-bad-source"),
    pytest.param("bibliography.csv", "10.1212/NXI.0000000000000678,", "doi:NXI.678,",
                 3, "doi", "", id="bibliography-bad-doi"),
    pytest.param("bibliography.csv", "\nK2,", "\nK1,", 15, "source_id", "duplicate", id="bibliography-duplicate-id"),
    # `$` would match before a trailing newline; the patterns end with `\Z`.
    pytest.param("bibliography.csv", ",10.1016/j.jns.2020.116880,,University",
                 ',"10.1016/j.jns.2020.116880\n",,University', 1, "doi", "", id="doi-with-a-trailing-newline"),
]


@pytest.mark.parametrize("file, old, new, row, column, words", CORRUPTIONS)
def test_corruption_is_named_by_file_row_and_column(data_copy, capsys, file, old, new, row, column, words):
    _edit(data_copy / file, old, new)
    before = _snapshot(REPO / "figures", REPO / "notebooks", REPO / "data")

    status, stderr = _check_in_process(data_copy, capsys)

    assert status == 1
    expected = f"{file}, row {row} (line {row + 1}), column '{column}'"
    matching = [line for line in stderr.splitlines() if expected in line]
    assert matching, f"no line naming {expected!r} in:\n{stderr}"
    assert words in matching[0]
    assert _snapshot(REPO / "figures", REPO / "notebooks", REPO / "data") == before


def test_bad_data_exits_1_without_traceback(data_copy, capsys):
    _edit(data_copy / "values" / "kleiter2012.csv", "kleiter2012,relapses,9,", "kleiter2012,relapses,-9,")
    status, stderr = _check_in_process(data_copy, capsys)
    assert status == 1
    assert "Traceback" not in stderr
    assert "values/kleiter2012.csv, row 8 (line 9), column 'value'" in stderr


def test_missing_column_is_named(data_copy, capsys):
    path = data_copy / "values" / "kimura2016.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n", encoding="utf-8")
    status, stderr = _check_in_process(data_copy, capsys)
    assert status == 1
    assert "values/kimura2016.csv, header, column 'df': missing column" in stderr


def test_unreadable_csv_is_named(data_copy, capsys):
    (data_copy / "claims.csv").write_bytes(b"\xff\xfe\x00garbage")
    status, stderr = _check_in_process(data_copy, capsys)
    assert status == 1
    assert "claims.csv: cannot be read as CSV" in stderr


def test_silent_edit_is_caught_by_the_manifest(data_copy, capsys):
    # A plausible, schema-valid change: only the checksum can catch it.
    _edit(data_copy / "values" / "mahler2026.csv", "arr_adjusted_nsis,0.76,", "arr_adjusted_nsis,0.67,")
    status, stderr = _check_in_process(data_copy, capsys)
    assert status == 1
    assert "values/mahler2026.csv: arr_adjusted_nsis: value 0.76 -> 0.67 since the manifest was written" in stderr


def _problems(data_dir: Path) -> list[str]:
    return data.check_all(data_dir)


def _rewrite_csv(path: Path, change) -> None:
    """``path`` parsed, its rows (header first) passed through ``change``, written back as CSV."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(change(rows))
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_bibliography_emptied_to_its_header_is_one_problem_naming_it(data_copy):
    path = data_copy / "bibliography.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert _problems(data_copy) == [f"{data_copy / 'bibliography.csv'}: has a header but no rows"]


def test_a_bibliography_with_a_dropped_column_is_one_problem(data_copy):
    _rewrite_csv(data_copy / "bibliography.csv", lambda rows: [r[:3] + r[4:] for r in rows])
    assert _problems(data_copy) == [f"{data_copy / 'bibliography.csv'}, header, column 'pmid': missing column"]


def test_a_column_dropped_from_the_header_only_is_one_problem(data_copy):
    _rewrite_csv(data_copy / "bibliography.csv", lambda rows: [rows[0][:3] + rows[0][4:], *rows[1:]])
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert "bibliography.csv, header: 7 columns, but every row has 8 fields" in problems[0]


def test_an_empty_file_and_a_header_only_file_come_first(data_copy):
    _edit(data_copy / "values" / "kleiter2012.csv", "kleiter2012,relapses,9,", "kleiter2012,relapses,-9,")
    (data_copy / "claims.csv").write_bytes(b"")
    values = data_copy / "values" / "kimura2016.csv"
    values.write_text(values.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert problems[:2] == [f"{data_copy / 'claims.csv'}: empty (no header, no rows)",
                            f"{values}: has a header but no rows"]
    assert not any("kimura2016" in p for p in problems[2:])  # no deleted rows: the file's defect says it
    assert any("kleiter2012.csv, row 8 (line 9), column 'value'" in p for p in problems)


def test_problems_of_every_stage_come_in_one_run(data_copy):
    # A unit error and an unknown source id in one file, and a silent edit in another.
    _edit(data_copy / "values" / "kimura2016.csv", "healthy_controls,8,0,=,participants,,,,primary,K1,",
          "healthy_controls,8,0,=,rabbits,,,,primary,ZZ1,")
    _edit(data_copy / "values" / "mahler2026.csv", "arr_adjusted_anticd20,0.17,", "arr_adjusted_anticd20,0.71,")
    problems = _problems(data_copy)
    unit = next(i for i, p in enumerate(problems) if "kimura2016.csv, row 4 (line 5), column 'unit'" in p)
    source = next(i for i, p in enumerate(problems) if "kimura2016.csv, row 4 (line 5), column 'source': "
                  "unknown source id 'ZZ1'" in p)
    changed = problems.index(f"{data_copy / 'values' / 'mahler2026.csv'}: arr_adjusted_anticd20: value 0.17 -> 0.71 "
                             "since the manifest was written")
    assert unit < source < changed  # root causes first


def test_each_problem_is_reported_once(data_copy):
    # A malformed source cell: the schema names it; it is not also an unknown source id.
    _edit(data_copy / "not_reported.csv", "bringeland2020,NEDA definition used (NEDA-3 likely but unconfirmed),B1;B2",
          "bringeland2020,NEDA definition used (NEDA-3 likely but unconfirmed),b1")
    problems = _problems(data_copy)
    assert len([p for p in problems if "not_reported.csv, row 1 (line 2), column 'looked_in'" in p]) == 1
    assert len(problems) == len(set(problems))


def test_crlf_line_endings_and_a_byte_order_mark_pass(data_copy):
    # What a Windows clone with core.autocrlf=true (or an editor's "UTF-8 with BOM") makes of the files.
    for path in data_copy.rglob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert _problems(data_copy) == []
    assert data.reported("mahler2026", data_copy)["arr_adjusted_anticd20"].value == 0.17


def test_a_deleted_or_added_row_is_named_by_its_quantity(data_copy):
    path = data_copy / "values" / "kleiter2012.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    deleted = next(line for line in lines if line.startswith("kleiter2012,relapses,"))
    added = deleted.replace("kleiter2012,relapses,", "kleiter2012,relapses_again,")
    path.write_text("".join(line for line in lines if line != deleted) + added, encoding="utf-8")
    problems = _problems(data_copy)
    name = data_copy / "values" / "kleiter2012.csv"
    assert f"{name}: relapses: row deleted since the manifest was written" in problems
    assert f"{name}: relapses_again: row added since the manifest was written" in problems


def test_the_manifest_records_parsed_content_rows_and_keys(repo):
    import json

    recorded = json.loads((repo / "data" / data.MANIFEST).read_text(encoding="utf-8"))["files"]
    mahler = recorded["values/mahler2026.csv"]
    assert mahler["key"] == ["quantity"] and mahler["rows"] == len(mahler["records"])
    assert dict(zip(mahler["columns"], mahler["records"]["arr_adjusted_anticd20"]))["value"] == "0.17"
    assert set(recorded) == {p.relative_to(repo / "data").as_posix() for p in data.data_files(repo / "data")}


def test_gitattributes_keep_data_and_notebooks_lf(repo):
    files = ["data/values/mahler2026.csv", "data/MANIFEST.json", "notebooks/00_overview.ipynb"]
    result = subprocess.run(["git", "check-attr", "text", "eol", "--", *files], capture_output=True, text=True,
                            cwd=repo, check=True)
    for name in files:
        assert f"{name}: eol: lf" in result.stdout
        assert f"{name}: text: unspecified" not in result.stdout


def test_unlisted_file_is_caught_by_the_manifest(data_copy):
    shutil.copy(data_copy / "values" / "kimura2016.csv", data_copy / "values" / "extra.csv")
    extra = data_copy / "values" / "extra.csv"
    extra.write_text(extra.read_text(encoding="utf-8").replace("kimura2016,", "extra,"), encoding="utf-8")
    problems = data.check_all(data_copy)
    assert any("values/extra.csv: not in the manifest" in p for p in problems)


def test_manifest_rewritten_after_review_passes(data_copy):
    _edit(data_copy / "values" / "mahler2026.csv", "arr_adjusted_nsis,0.76,", "arr_adjusted_nsis,0.67,")
    data.write_manifest(data_copy)
    assert data.check_all(data_copy) == []


def test_repository_data_is_valid():
    assert data.check_all() == []


def test_every_value_cites_a_known_source_with_a_status():
    known = set(data.load_bibliography()["source_id"])
    for study in data.studies():
        path = REPO / "data" / "values" / f"{study}.csv"
        if not path.exists():
            continue
        table = data.load_values(study)
        assert set(table["status"]) <= {"ABSTRACT", "SECONDARY"}
        assert {s for cell in table["source"] for s in data.source_ids(cell)} <= known


def test_reported_keeps_printed_precision():
    values = data.reported("mahler2026")
    assert values["relapse_free_azathioprine_pct"].decimals == 0
    assert values["p_chisq_relapse_free_three_drugs"].decimals == 5
    assert values["p_hr_anticd20_vs_msdmt"].comparator == "<"
    assert (values["irr_msdmt_vs_pretreatment"].ci_low, values["irr_msdmt_vs_pretreatment"].ci_high) == (0.06, 0.30)


def test_count_accessor_refuses_non_counts():
    values = data.reported("kleiter2012")
    assert values["relapses"].count == 9
    with pytest.raises(TypeError):
        _ = values["relapse_days_median"].count


def test_patient_table_absent_gives_none(data_copy):
    shutil.rmtree(data_copy / "patients", ignore_errors=True)  # as today; a later extraction adds it
    assert data.load_patients("kleiter2012", data_copy) is None


def test_reproduce_on_bad_data_executes_nothing_and_writes_nothing(data_copy, tmp_path, monkeypatch, capsys):
    _edit(data_copy / "values" / "mahler2026.csv", "0.02,2,=,ratio,0.01,0.04", "0.02,2,=,ratio,0.05,0.04")
    build, figures = tmp_path / "build", tmp_path / "figures"
    for name, folder in (("ANALYSIS_DATA_DIR", data_copy), ("ANALYSIS_BUILD_DIR", build),
                         ("ANALYSIS_FIGURES_DIR", figures)):
        monkeypatch.setenv(name, str(folder))
    before = _snapshot(REPO / "notebooks", REPO / "figures", REPO / "data")

    status = cli.main(["reproduce", "--no-report"])

    err = capsys.readouterr().err
    assert status == 1
    assert "data validation failed; no notebook was executed" in err
    assert "values/mahler2026.csv, row 7 (line 8), column 'ci_low'" in err
    assert _snapshot(REPO / "notebooks", REPO / "figures", REPO / "data") == before
    assert not figures.exists() and (not build.exists() or list(build.iterdir()) == [])


def test_a_deleted_bibliography_row_is_named_before_the_unknown_source_ids_it_causes(data_copy):
    path = data_copy / "bibliography.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cited = "".join(p.read_text(encoding="utf-8") for p in (data_copy / "values").glob("*.csv"))
    # the most cited source, so that its deletion leaves many rows citing an unknown id
    deleted = max(lines[1:], key=lambda line: cited.count(line.split(",", 1)[0]))
    source_id = deleted.split(",", 1)[0]
    path.write_text("".join(line for line in lines if line != deleted), encoding="utf-8")
    problems = _problems(data_copy)
    assert problems[0] == f"{path}: {source_id}: row deleted since the manifest was written"
    assert sum(f"unknown source id '{source_id}'" in line for line in problems[1:]) > 1
