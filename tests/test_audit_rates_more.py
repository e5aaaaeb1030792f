"""More of the rate checks (analysis.audit.checks_rates): a rate typed in a unit up to a million times off, and the
limits of that hint. Every expected number is worked in a comment from the printed ones."""

import pytest
from test_audit import _audit, count
from test_audit_rate_checks import exposure, rate

# --- a rate in the wrong unit, by every power of ten the hint names ----------------------------------------

@pytest.mark.parametrize(("printed", "decimals", "factor"), [
    # 10 events over 100 patient-years (99.5 to 100.5): 0.0995 to 0.1005 per patient-year. Each printed rate is
    # 0.1 times the factor, and no smaller power of ten (nor any positive one, for the negative powers) reaches it.
    ("1000", 0, "10000"),
    ("10000", 0, "100000"),
    ("100000", 0, "1e+06"),
    ("0.0010", 4, "0.01"),  # 0.00095 to 0.00105; x 0.1 gives 0.00995 to 0.01005, outside
    ("0.00010", 5, "0.001"),
    ("0.000010", 6, "0.0001"),
    ("0.0000010", 7, "1e-05"),
    ("0.00000010", 8, "1e-06"),
])
def test_a_rate_a_large_power_of_ten_off_names_it(tmp_path, printed, decimals, factor):
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", printed, decimals, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "mismatch"
    assert row.finding.endswith(f"cannot print as the rate; it does when multiplied by {factor}: the rate may be per "
                                f"{factor} patient-years, not in the unit given")


@pytest.mark.parametrize(("printed", "decimals"), [("1000000", 0), ("0.000000010", 9)])
def test_a_rate_ten_million_times_off_gets_no_hint(tmp_path, printed, decimals):
    # 0.1 x 10^7 = 1000000 and 0.1 x 10^-7 = 0.00000001: beyond the six powers of ten either way the hint tries.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", printed, decimals, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "mismatch"
    assert row.finding.endswith("over the exposure's rounding) cannot print as the rate")
