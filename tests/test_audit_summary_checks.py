"""The checks of one sample's summaries (analysis.audit.checks_summaries) on the paths and boundaries a reviewer
meets, read in the words of each finding. Rows are built in memory and the module's ``summary_checks`` is called
directly; each expected number is worked by hand in a comment."""

from analysis.audit import checks_summaries
from analysis.audit._context import Context, Printed


def printed(quantity, value, decimals=0, statistic="count", unit="patients", comparator="=", of="", denominator="",
            role="primary"):
    return Printed(quantity=quantity, value=float(value), decimals=decimals, comparator=comparator, unit=unit,
                   statistic=statistic, of=of, denominator=denominator, df="", ci_low=None, ci_high=None,
                   source="X1", ci_decimals=decimals, role=role)


def summary(statistic, value, decimals=0, of="age", denominator="n", unit="years", **extra):
    return printed(f"{of}_{statistic}", value, decimals, statistic, unit, of=of, denominator=denominator, **extra)


def run(*rows):
    ctx = Context("demo", {row.quantity: row for row in rows}, 0.95)
    checks_summaries.summary_checks(ctx)
    return {row.key: row for row in ctx.ledger.rows}


def test_a_median_between_its_extremes_is_in_order():
    # 40 lies between 20 and 70 in every rounding.
    rows = run(printed("n", 30), summary("min", 20), summary("median", 40), summary("max", 70))
    row = rows["median_in_range__age_median"]
    assert (row.status, row.kind, row.reported) == ("consistent", "consistency", 40.0)
    assert row.finding == "age: min 20, median 40, max 70: in order within rounding"
