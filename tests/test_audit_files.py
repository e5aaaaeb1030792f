"""analysis.audit.io at its edges: the input size limit on the byte, files that are not regular files, the study
column, the output folders it refuses, the level, and what findings.csv, index.html and the summary line say."""

import os
import stat
import tempfile
from pathlib import Path

import pytest
from scipy import stats
from test_audit import HEADER, count, percent, ratio, values_file

from analysis import paths
from analysis.audit import io
from analysis.data import DataError
from analysis.outputs import OutputRefused

# 33.3 % of 7 is no whole count (2/7 = 28.6 %, 3/7 = 42.9 %): one flag. 8 of 40 = 20.0 %: one match, and the exact
# CI of 8 of 40 (derived). Two checks, one flag, one derived row.
FLAGGED_ROWS = [count("n", 7), percent("impossible_pct", "33.3", 1, denominator="n"),
                count("m", 40), count("k", 8, "m"), percent("k_pct", "20.0", 1, "k", "m")]


def _problems(caught) -> list[str]:
    return caught.value.problems


# --- reading: the size limit and what is not a regular file ----------------------------------------------

def test_a_file_of_exactly_the_limit_is_read_whole_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "ten.csv"
    path.write_bytes(b"0123456789")
    assert io.read_bytes_bounded(path, limit=10) == b"0123456789"
    with pytest.raises(DataError) as caught:
        io.read_bytes_bounded(path, limit=9)
    assert _problems(caught) == [f"{path}: 10 bytes, more than the limit of 9 bytes "
                                 "(analysis.audit.io.MAX_INPUT_BYTES)"]


def test_the_default_limit_is_64_mib():
    assert io.MAX_INPUT_BYTES == 64 * 1024 * 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux procfs")
def test_a_file_longer_than_its_size_says_is_refused_at_the_limit():
    # procfs files give their size as 0 and hold more: the limit holds for what is read, not what stat says.
    status = Path("/proc/self/status")
    assert os.stat(status).st_size == 0 and stat.S_ISREG(os.stat(status).st_mode)
    with pytest.raises(DataError) as caught:
        io.read_bytes_bounded(status, limit=100)
    assert _problems(caught) == [f"{status}: more than the limit of 100 bytes (analysis.audit.io.MAX_INPUT_BYTES)"]


@pytest.mark.parametrize("target", ["folder", "/dev/null"])
def test_a_folder_or_device_is_never_read(tmp_path, target):
    path = tmp_path if target == "folder" else Path(target)
    with pytest.raises(DataError) as caught:
        io.read_bytes_bounded(path)
    assert _problems(caught) == [f"{path}: not a regular file (a folder, device or pipe): cannot be audited"]


def test_a_missing_file_is_one_line_with_the_system_reason(tmp_path):
    path = tmp_path / "absent.csv"
    with pytest.raises(DataError) as caught:
        io.read_bytes_bounded(path)
    assert _problems(caught) == [f"{path}: cannot be read: No such file or directory"]


# --- the study column -------------------------------------------------------------------------------------

def test_a_file_without_a_study_column_is_refused_naming_the_header(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("quantity,value\nn,7\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        io.read_values(path)
    assert _problems(caught) == [f"{path}, header, column 'study': missing column"]


def test_a_header_only_file_has_no_study(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        io.study_in(path, path.read_bytes())
    assert _problems(caught) == [f"{path}: no rows (nothing to audit, and no study id)"]


def test_a_bad_study_id_is_named_by_row_and_line(tmp_path):
    path = values_file(tmp_path, [count("n", 7), count("k", 3, "n")])
    # the header is line 1, so the second row (k) is line 3
    path.write_text(path.read_text().replace("demo,k,", "Demo,k,"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        io.read_values(path)
    assert _problems(caught) == [f"{path}, row 2 (line 3), column 'study': 'Demo' is not a study id (lower-case "
                                 "letters, digits and _, starting with a letter)"]


def test_two_studies_in_one_file_are_refused_naming_the_row(tmp_path):
    path = values_file(tmp_path, [count("n", 7), count("k", 3, "n"), count("j", 2, "n")])
    path.write_text(path.read_text().replace("demo,j,", "other,j,"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        io.study_in(path, path.read_bytes())
    assert _problems(caught) == [f"{path}, row 3 (line 4), column 'study': 'other', but row 1 has 'demo' "
                                 "(one study per file)"]


def test_the_study_is_the_column_whatever_the_file_name(tmp_path):
    path = values_file(tmp_path, [count("n", 7)], study="smith2024")
    renamed = path.rename(tmp_path / "anything.csv")
    assert io.study_in(renamed, renamed.read_bytes()) == "smith2024"
    assert list(io.read_values(renamed)["study"]) == ["smith2024"]


def test_a_study_given_must_be_the_file_s_own(tmp_path):
    path = values_file(tmp_path, [count("n", 7)])
    assert list(io.read_values(path, "demo")["quantity"]) == ["n"]
    with pytest.raises(DataError) as caught:
        io.read_values(path, "other")
    assert "column 'study'" in str(caught.value) and "'demo'" in str(caught.value)


# --- output folders ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["data", "notebooks", "src", "figures"])
@pytest.mark.parametrize("inside", [False, True], ids=["the-folder", "below-it"])
def test_the_repository_s_own_folders_are_never_an_output(name, inside):
    folder = paths.REPO / name
    out = folder / "audit" if inside else folder
    with pytest.raises(OutputRefused) as caught:
        io.check_out_dir(out)
    assert str(caught.value) == (f"--out {out} is inside {folder.resolve()}, which holds the project's own files: "
                                 "choose a folder outside it")


def test_the_folders_the_environment_names_are_protected_too(tmp_path, monkeypatch):
    elsewhere = tmp_path / "my_data"
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(elsewhere))
    with pytest.raises(OutputRefused, match=r"^--out .* is inside .*my_data, which holds the project's own"):
        io.check_out_dir(elsewhere / "audit")
    io.check_out_dir(tmp_path / "audit")  # a sibling of it is fine
    io.check_out_dir(paths.REPO / "build" / "audit")  # and so is the repository's build/


def test_a_folder_the_project_did_not_write_is_not_replaced(tmp_path):
    path = values_file(tmp_path, FLAGGED_ROWS)
    mine = tmp_path / "out" / "demo"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputRefused, match="was not written by analysis"):
        io.audit_file(path, tmp_path / "out")
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


# --- the level and the inputs of one call -----------------------------------------------------------------

@pytest.mark.parametrize("level", [0.0, 1.0, -0.5, 1.5])
def test_a_level_outside_0_1_is_refused_before_anything_is_read(tmp_path, level):
    with pytest.raises(ValueError, match=r"^level must be between 0 and 1 \(exclusive\), got "):
        io.audit_files([tmp_path / "not_read.csv"], tmp_path / "out", level=level)
    assert not (tmp_path / "out").exists()


def test_the_level_sets_the_derived_intervals(tmp_path):
    # 8 of 40, exact CI at 90 %: the row's level column says 0.9; by default 0.95.
    path = values_file(tmp_path, FLAGGED_ROWS)
    io.audit_files([path], tmp_path / "at_90", level=0.9)
    io.audit_file(path, tmp_path / "default")
    assert ",ci,k,count_ci,k;m,0.9\n" in (tmp_path / "at_90" / "demo" / "findings.csv").read_text(encoding="utf-8")
    assert ",ci,k,count_ci,k;m,0.95\n" in (tmp_path / "default" / "demo" / "findings.csv").read_text(
        encoding="utf-8")
    io.audit_file(path, tmp_path / "one_at_90", level=0.9)
    assert ",ci,k,count_ci,k;m,0.9\n" in (tmp_path / "one_at_90" / "demo" / "findings.csv").read_text(
        encoding="utf-8")


def test_the_default_output_is_build_audit_under_the_working_folder(tmp_path, monkeypatch):
    path = values_file(tmp_path, FLAGGED_ROWS)
    monkeypatch.chdir(tmp_path)
    line = io.audit_file(path)
    assert line == f"demo: 2 checks, 1 flag, 1 derived -> {Path('build') / 'audit' / 'demo'}"
    assert (tmp_path / "build" / "audit" / "demo" / "findings.csv").is_file()


def test_every_invalid_file_of_a_call_is_named_and_nothing_is_written(tmp_path):
    good = values_file(tmp_path, FLAGGED_ROWS)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    bad_one = values_file(tmp_path / "a", [count("n", -7)], study="one")
    bad_two = values_file(tmp_path / "b", [count("n", -3)], study="two")
    with pytest.raises(DataError) as caught:
        io.audit_files([bad_one, good, bad_two], tmp_path / "out")
    problems = _problems(caught)
    assert any(line.startswith(f"{bad_one}, row 1") for line in problems)
    assert any(line.startswith(f"{bad_two}, row 1") for line in problems)
    assert not (tmp_path / "out").exists()


def test_two_files_of_one_study_are_refused(tmp_path):
    (tmp_path / "copy").mkdir()
    first = values_file(tmp_path, FLAGGED_ROWS)
    second = values_file(tmp_path / "copy", [count("n", 7)])
    with pytest.raises(DataError) as caught:
        io.audit_files([first, second], tmp_path / "out")
    assert _problems(caught) == [f"{second}: study 'demo' is also the study of {first}; each study is written to "
                                 "its own folder, so audit these in separate calls with different --out"]
    assert not (tmp_path / "out").exists()


def test_a_study_another_input_of_the_call_writes_is_refused(tmp_path):
    path = values_file(tmp_path, FLAGGED_ROWS)
    with pytest.raises(DataError) as caught:
        io.audit_files([path], tmp_path / "out", taken={"demo": "abstract.txt"})
    assert _problems(caught) == [f"{path}: study 'demo' is also the study of abstract.txt; each study is written "
                                 "to its own folder, so audit these in separate calls with different --out"]


def test_several_files_give_one_line_each_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    first = values_file(tmp_path, FLAGGED_ROWS)
    # 1 of 3 = 33.3 %: one match, and the exact CI of 1 of 3
    second = values_file(tmp_path / "b", [count("n", 3), count("k", 1, "n"),
                                          percent("k_pct", "33.3", 1, "k", "n")], study="beta")
    out = tmp_path / "out"
    assert io.audit_files([first, second], out) == [f"demo: 2 checks, 1 flag, 1 derived -> {out / 'demo'}",
                                                    f"beta: 1 check, 0 flags, 1 derived -> {out / 'beta'}"]
    assert sorted(p.name for p in out.iterdir()) == [".analysis-output", "beta", "demo"]


# --- what is written ----------------------------------------------------------------------------------------

def test_findings_csv_and_page_are_readable_by_all_with_lf_line_ends(tmp_path):
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, FLAGGED_ROWS), out)
    for name in ("findings.csv", "index.html"):
        written = out / "demo" / name
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o644
        raw = written.read_bytes()
        assert b"\r\n" not in raw and raw.endswith(b"\n")


def test_every_row_of_findings_csv_names_the_study(tmp_path):
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, FLAGGED_ROWS), out)
    lines = (out / "demo" / "findings.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(lines) == 3 and all(line.startswith("demo,") for line in lines)


def test_the_folders_written_are_marked_as_the_audit_s(tmp_path):
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, FLAGGED_ROWS), out)
    for folder in (out, out / "demo"):
        assert (folder / ".analysis-output").read_text(encoding="utf-8") == (
            "written by `analysis audit`; the next run may replace this folder\n")


def test_a_replaced_output_leaves_nothing_in_the_system_temporary_folder(tmp_path, monkeypatch):
    # The previous folder is moved into the run's own staging folder and removed with it.
    system_tmp = tmp_path / "system_tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    path = values_file(tmp_path, FLAGGED_ROWS)
    io.audit_file(path, tmp_path / "out")
    io.audit_file(path, tmp_path / "out")
    assert list(system_tmp.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".analysis-output", "demo"]


def test_an_audit_with_no_check_writes_the_csv_header(tmp_path):
    # A count with no total allows no check at all: findings.csv still has its header, and the page says so.
    out = tmp_path / "out"
    line = io.audit_file(values_file(tmp_path, [count("n", 7)]), out)
    assert line == f"demo: 0 checks, 0 flags, 0 derived -> {out / 'demo'}"
    assert (out / "demo" / "findings.csv").read_text(encoding="utf-8") == (
        "study,finding,kind,reported,recomputed,low,high,status,source,key,interval,quantity,check,inputs,level\n")
    page = (out / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<p>0 checks, 0 flags.\nRows by status: .\n" in page
    assert "None: every check passed or could not fail." in page


def test_findings_csv_writes_numbers_as_floats_and_blanks(tmp_path):
    # 8 / 40 = 20.0 % (reported 20.0, recomputed 20.0, no interval); 33.3 % of 7 (reported, nothing recomputed).
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, FLAGGED_ROWS), out)
    lines = (out / "demo" / "findings.csv").read_text(encoding="utf-8").splitlines()
    grim = next(line for line in lines if "percent_grim__impossible_pct" in line)
    assert ",consistency,33.3,,,,inconsistent,X1,percent_grim__impossible_pct,,impossible_pct," in grim
    recompute = next(line for line in lines if "percent_recompute__k_pct" in line)
    assert ",reported,20.0,20.0,,,match,X1,percent_recompute__k_pct,,k_pct,percent_recompute,k_pct;k;m," in recompute


def test_the_page_heads_with_the_file_the_counts_and_the_flags(tmp_path):
    path = values_file(tmp_path, FLAGGED_ROWS)
    path = path.rename(tmp_path / "smith & jones.csv")
    out = tmp_path / "out"
    io.audit_file(path, out)
    page = (out / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<title>Audit of smith &amp; jones.csv</title>" in page
    assert "<h1>Audit of <code>smith &amp; jones.csv</code> (demo)</h1>" in page
    # two checks (the GRIM flag, the match), one flag; by status: the CI of 8 of 40 derived, one inconsistent,
    # one match, in alphabetical order
    assert "<p>2 checks, 1 flag.\nRows by status: derived 1, inconsistent 1, match 1.\n" in page
    flags, rest = page.split('<h2 id="all">', 1)
    assert flags.count('<tr class="flag"') == 1
    assert '<tr class="flag" id="percent_grim__impossible_pct"><td><code>percent_grim</code></td>' in flags
    assert '<tr id="percent_recompute__k_pct">' in rest and '<tr id="count_ci__k">' in rest
    assert "impossible_pct" not in rest.split('<h2 id="checks">')[0]
    # each check is explained once, in the table of checks
    assert "<tr><td><code>percent_grim</code></td><td>a percent with a total but no count: some whole count " in rest


def test_the_page_writes_numbers_to_six_figures_and_missing_ones_as_empty_cells(tmp_path):
    # The exact (Clopper-Pearson) 95 % CI of 8 of 40, from the beta quantiles: Beta(8, 33) at 0.025 and
    # Beta(9, 32) at 0.975 (scipy), written to 6 significant figures; the proportion 8 / 40 = 0.2; the row has no
    # reported number, so its cell is empty.
    low, high = stats.beta.ppf(0.025, 8, 33), stats.beta.ppf(0.975, 9, 32)
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, FLAGGED_ROWS), out)
    page = (out / "demo" / "index.html").read_text(encoding="utf-8")
    row = page.split('<tr id="count_ci__k">', 1)[1].split("</tr>", 1)[0]
    assert (f'<td class="number"></td><td class="number">0.2</td>\n<td class="number">{low:.6g}</td>'
            f'<td class="number">{high:.6g}</td><td>ci</td>') in row
    assert f"{low:.6g}" == "0.0905224"  # six figures, not the full float


def test_the_page_escapes_what_it_prints(tmp_path):
    # A percent printed as "< 5" has "<" in its finding: the page must show it, not read it as a tag.
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, [count("n", 25), count("two", 2, "n"),
                                         percent("two_pct", 5, 0, "two", "n", "<")]), out)
    page = (out / "demo" / "index.html").read_text(encoding="utf-8")
    assert "two_pct &lt; 5" in page and "two_pct < 5" not in page


def test_the_page_has_no_lines_left_by_its_template_tags(tmp_path):
    out = tmp_path / "out"
    io.audit_file(values_file(tmp_path, FLAGGED_ROWS), out)
    page = (out / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<tbody>\n<tr" in page and "</tr>\n</tbody>" in page
    assert "{%" not in page and "%}" not in page


def test_a_duration_or_a_rate_of_zero_is_read_and_a_ratio_of_zero_is_refused_naming_its_row(tmp_path):
    # A median stay of 0 days, a range from 0 months and a rate of 0.00 (no relapse at all) are printed values;
    # no ratio of two positive quantities is 0.
    zeros = values_file(tmp_path, [
        {"quantity": "stay_median", "value": 0, "unit": "days", "statistic": "median", "of": "stay"},
        {"quantity": "stay_min", "value": 0, "unit": "days", "statistic": "min", "of": "stay"},
        {"quantity": "stay_max", "value": 29, "unit": "days", "statistic": "max", "of": "stay"},
        {"quantity": "arr", "value": "0.00", "decimals": 2, "unit": "per_patient_year", "statistic": "rate"},
    ])
    io.audit_files([zeros], tmp_path / "out")
    findings = (tmp_path / "out" / "demo" / "findings.csv").read_text(encoding="utf-8")
    assert "stay: min 0, median 0, max 29: in order within rounding" in findings
    (tmp_path / "r").mkdir()
    refused = values_file(tmp_path / "r", [ratio("hr", "0.00", "", "")], study="zero_ratio")
    with pytest.raises(DataError) as caught:
        io.audit_files([refused], tmp_path / "out_2")
    assert _problems(caught) == [f"{refused}, row 1 (line 2), column 'value': a ratio must be positive"]
