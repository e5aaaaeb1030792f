"""audit.io.audit_file: what it writes, what it refuses (naming file, row and column, writing nothing),
and how fast it is."""

from pathlib import Path

import pytest
from test_audit import count, percent, values_file

from analysis.audit.io import audit_file
from analysis.data import DataError

REPO = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_audit_file_writes_findings_and_a_page_with_flags_first(tmp_path):
    # 33.3 % of 7 is impossible (2/7 = 28.6 %, 3/7 = 42.9 %); 20.0 % = 8 of 40 matches. Source ids not in
    # data/bibliography.csv (X1) are accepted.
    path = values_file(tmp_path, [count("n", 7), percent("impossible_pct", "33.3", 1, denominator="n"),
                                  count("m", 40), count("k", 8, "m"), percent("k_pct", "20.0", 1, "k", "m")])
    out = tmp_path / "out"
    line = audit_file(path, out)
    assert line == f"demo: 2 checks, 1 flag, 1 derived -> {out / 'demo'}"
    assert _files(out) == [".analysis-output", "demo", "demo/.analysis-output", "demo/findings.csv", "demo/index.html"]
    header = (out / "demo" / "findings.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ("study,finding,kind,reported,recomputed,low,high,status,source,key,interval,quantity,check,"
                      "inputs,level")
    # 100 x 8 / 40 = 20.0: the row names the percent, its count and its total as its inputs (issue 24).
    assert ",k_pct;k;m," in (out / "demo" / "findings.csv").read_text(encoding="utf-8")
    page = (out / "demo" / "index.html").read_text(encoding="utf-8")
    flags, rest = page.split('<h2 id="all">', 1)
    assert "percent_grim__impossible_pct" in flags and "no whole count k of 7" in flags
    assert "percent_recompute__k_pct" in rest
    first = (out / "demo" / "index.html").read_bytes()
    audit_file(path, out)  # rerun: the folder is replaced, byte for byte the same
    assert (out / "demo" / "index.html").read_bytes() == first
    assert _files(out) == [".analysis-output", "demo", "demo/.analysis-output", "demo/findings.csv", "demo/index.html"]


@pytest.mark.parametrize(("rows", "row", "column", "words"), [
    ([count("n", 7), percent("pct", "133.3", 1, denominator="n")], 2, "value", "between 0 and 100"),
    ([count("n", 7), {**count("k", 3, "n"), "value": "three"}], 2, "value", "wrong type"),
    ([count("n", 7), percent("pct", "42.9", 1, of="nobody", denominator="n")], 2, "of", "names no quantity"),
    ([count("n", 7), percent("pct", "42.9", 1, denominator="nobody")], 2, "denominator", "names no quantity"),
    ([{**count("n", 7), "statistic": "tally"}], 1, "statistic", "must be one of"),
    ([count("n", 7), {"quantity": "t", "value": 2.1, "decimals": 1, "unit": "statistic", "statistic": "t"}],
     2, "df", "degrees of freedom"),
    # an r may leave df empty only beside its CI
    ([count("n", 7), {"quantity": "r", "value": 0.4, "decimals": 1, "unit": "statistic", "statistic": "r"}],
     2, "df", "degrees of freedom"),
    ([count("n", 7), {"quantity": "t", "value": 2.1, "decimals": 1, "unit": "statistic", "statistic": "t",
                      "ci_low": 0.5, "ci_high": 3.5}], 2, "df", "degrees of freedom"),
], ids=["percent-above-100", "not-a-number", "of-missing-quantity", "denominator-missing-quantity",
        "unknown-statistic", "t-without-df", "r-without-df-or-ci", "t-with-ci-without-df"])
def test_invalid_input_is_named_by_file_row_and_column_and_nothing_is_written(tmp_path, rows, row, column, words):
    path = values_file(tmp_path, rows)
    out = tmp_path / "out"
    with pytest.raises(DataError) as caught:
        audit_file(path, out)
    expected = f"demo.csv, row {row} (line {row + 1}), column '{column}'"
    lines = [line for line in str(caught.value).splitlines() if expected in line]
    assert lines, f"no line naming {expected!r} in:\n{caught.value}"
    assert words in lines[0]
    assert _files(out) == []


def test_a_failed_audit_leaves_the_previous_output_alone(tmp_path):
    path = values_file(tmp_path, [count("n", 7)])
    out = tmp_path / "out"
    audit_file(path, out)
    before = {name: (out / name).read_bytes() for name in _files(out) if (out / name).is_file()}
    values_file(tmp_path, [count("n", -7)])
    with pytest.raises(DataError):
        audit_file(path, out)
    assert {name: (out / name).read_bytes() for name in _files(out) if (out / name).is_file()} == before


def test_the_project_values_files_audit_without_error_and_the_five_studies_without_flags(tmp_path):
    lines = [audit_file(path, tmp_path) for path in sorted((REPO / "data" / "values").glob("*.csv"))]
    by_study = {line.split(":")[0]: line for line in lines}
    assert {"bringeland2020", "kimura2016", "kleiter2012", "mahler2026"} <= set(by_study)
    for study in ("bringeland2020", "kimura2016", "kleiter2012", "mahler2026"):
        assert " 0 flags," in by_study[study]  # each notebook's "Automatic checks" section says so


def test_the_audit_command_refuses_any_invalid_file_and_writes_nothing(tmp_path, capsys, repo):
    from analysis.pipeline import cli

    good = repo / "data" / "values" / "mahler2026.csv"
    bad = tmp_path / "smith2024.csv"
    bad.write_text(good.read_text().replace("mahler2026", "smith2024").replace(",0.17,2,", ",abc,2,", 1))
    out = tmp_path / "out"
    assert cli.main(["audit", str(good), str(bad), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "smith2024.csv, row" in error and "column 'value'" in error and "nothing was written" in error
    assert not out.exists()
    assert cli.main(["audit", str(good), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("mahler2026: ")
    assert (out / "mahler2026" / "findings.csv").exists()
