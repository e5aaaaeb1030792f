"""The audit's p comparing two printed counts when the groups are huge: no Fisher p of 1 from an overflow in scipy
(analysis.stats.two_groups.two_by_two_p leaves Fisher's test out past 10**6 patients)."""

from types import SimpleNamespace

from analysis.audit._context import Context, Printed
from analysis.audit.checks_tests import statistic_checks


def _row(quantity, value, decimals, statistic, unit, *, of="", denominator=""):
    """One values row, read as the audit reads a values file."""
    return Printed.from_row(SimpleNamespace(
        quantity=quantity, value=value, decimals=decimals, comparator="=", unit=unit, statistic=statistic, of=of,
        denominator=denominator, df="", ci_low=None, ci_high=None, source="X1", ci_decimals=None, role="primary"))


def test_a_p_of_0_9_beside_counts_of_ten_billion_is_a_decision_inconsistency():
    # 50 % against 50.1 % of 10^10 each: chi-squared about 2 x 10^4, p 0.0 in double precision with or without
    # Yates' correction. scipy's fisher_exact overflows there and would say p = 1, as if the tests disagreed.
    rows = [_row("n_a", 10_000_000_000, 0, "count", "patients"), _row("n_b", 10_000_000_000, 0, "count", "patients"),
            _row("a", 5_000_000_000, 0, "count", "patients", denominator="n_a"),
            _row("b", 5_010_000_000, 0, "count", "patients", denominator="n_b"),
            _row("p", 0.9, 1, "p", "p", of="a;b")]
    ctx = Context("demo", {printed.quantity: printed for printed in rows}, 0.95)
    statistic_checks(ctx)
    (finding,) = [row for row in ctx.ledger.rows if row.key == "two_group_p__p"]
    assert finding.status == "inconsistent"
    assert "Fisher" not in finding.finding
    assert finding.finding.endswith("chi-squared p 0 to 0; chi-squared with Yates' correction p 0 to 0 (over the "
                                    "rounding of the printed numbers); no standard test gives the printed p: a "
                                    "decision inconsistency (statcheck's 'decision error'), every test gives p < "
                                    "0.05, the printed p does not")
