"""Verdicts of the test-statistic checks (analysis.audit.checks_tests) that a reader of the findings meets and no
other test reads: a correlation printed with its CI and no degrees of freedom, whose p needs n - 2, and the number of
2 x 2 tables the two-group check tests before it refuses.

Expected p values come from scipy's distribution functions on the printed statistic (R's pt, pchisq give the same),
worked in the comments; a number printed with d decimals stands for its value -/+ 0.5 x 10^-d."""

from types import SimpleNamespace

import pandas as pd

from analysis.audit import checks_tests, run
from analysis.audit._context import Context, Printed
from analysis.audit.checks_tests import statistic_checks


def row(quantity, value, decimals=2, statistic="r", unit="statistic", *, comparator="=", of="", denominator="",
        df="", ci_low=None, ci_high=None):
    """One values row, read as the audit reads a values file."""
    return Printed.from_row(SimpleNamespace(
        quantity=quantity, value=value, decimals=decimals, comparator=comparator, unit=unit, statistic=statistic,
        of=of, denominator=denominator, df=df, ci_low=ci_low, ci_high=ci_high, source="X1", ci_decimals=None,
        role="primary"))


def p(quantity, value, decimals, of, comparator="="):
    return row(quantity, value, decimals, "p", "p", of=of, comparator=comparator)


def checked(*rows):
    """The ledger rows ``statistic_checks`` adds for ``rows``, by key."""
    ctx = Context("demo", {printed.quantity: printed for printed in rows}, 0.95)
    statistic_checks(ctx)
    return {finding.key: finding for finding in ctx.ledger.rows}


def test_the_p_of_a_correlation_printed_with_its_ci_and_no_df_is_not_recomputable():
    # r = 0.45 (0.29 to 0.67), p = 0.01: the p of r is 2 t.sf(r sqrt(df / (1 - r^2)), df) with df = n - 2, which
    # the row does not give, so no p can be recomputed; the reason names what is missing. The p after it is still
    # checked: t(28) = 2.20 gives 2 x t.sf(2.20, 28) = 0.0362, which p = 0.036 allows.
    found = checked(row("r", 0.45, ci_low=0.29, ci_high=0.67), p("p_r", 0.01, 2, "r"), row("t", 2.20, df="28",
                    statistic="t"), p("p_t", 0.036, 3, "t"))
    assert list(found) == ["statistic_p__p_r", "statistic_p__p_t"]
    assert found["statistic_p__p_t"].status == "consistent"
    row_ = found["statistic_p__p_r"]
    assert row_.finding == ("statistic_p on p_r = 0.01: not recomputable (an r printed without its degrees of "
                            "freedom (n - 2), which its p needs)")
    assert (row_.kind, row_.status, row_.inputs, row_.reported) == ("consistency", "not_recomputable", "p_r;r", 0.01)


def test_a_correlation_outside_its_own_ci_is_flagged_and_its_p_left_alone():
    # r = 0.05 printed with 95 % CI 0.29 to 0.67 (a dropped digit of 0.50?): 0.055 at most, below 0.285, the lowest
    # reading of the lower bound, so the estimate lies below its CI in every rounding.
    table = pd.DataFrame({"quantity": ["r", "p_r"], "value": [0.05, 0.001], "decimals": [2, 3],
                          "statistic": ["r", "p"], "unit": ["statistic", "p"], "of": ["", "r"],
                          "comparator": ["=", "<"], "ci_low": [0.29, None], "ci_high": [0.67, None],
                          "source": ["X1", "X1"]})
    found = {finding.key: finding for finding in run(table, "demo")}
    assert found["estimate_in_ci__r"].status == "inconsistent"
    assert found["estimate_in_ci__r"].finding.startswith("r = 0.05 (0.29 to 0.67): the estimate lies below its own "
                                                         "CI in every rounding (nearest bound 0.29)")
    assert found["statistic_p__p_r"].status == "not_recomputable"


def test_two_shares_allowing_exactly_the_most_tables_are_compared_one_more_is_refused(monkeypatch):
    # 50 % printed whole of 101 is 50 or 51 (49.50 % and 50.50 %; 49 is 48.5 %, 52 is 51.5 %): 2 x 2 = 4 tables.
    # The mixed table 50 of 101 against 51 of 101: expected counts 50.5, chi-squared 4 x 0.5^2 / 50.5 = 0.0198,
    # chi2.sf(0.0198, 1) = 0.888, which p = 0.89 allows; the equal tables give chi-squared 0 and p 1, and Yates'
    # correction takes the mixed table's |O - E| of 0.5 to 0, p 1; Fisher's p is 1 for all four.
    rows = [row("n_a", 101, 0, "count", "patients"), row("n_b", 101, 0, "count", "patients"),
            row("pct_a", 50, 0, "percent", "percent", denominator="n_a"),
            row("pct_b", 50, 0, "percent", "percent", denominator="n_b"), p("p", 0.89, 2, "pct_a;pct_b")]
    monkeypatch.setattr(checks_tests, "MOST_TABLES", 4)
    compared = checked(*rows)["two_group_p__p"]
    assert compared.status == "consistent"
    assert compared.finding.endswith("; chi-squared gives a p the printed p allows")
    monkeypatch.setattr(checks_tests, "MOST_TABLES", 3)
    refused = checked(*rows)["two_group_p__p"]
    assert refused.finding == ("two_group_p on p = 0.89: not recomputable (4 pairs of counts print as the two shares, "
                               "more than the 3 tested one by one)")
