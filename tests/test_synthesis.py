"""The scorecard counts every ledger row once, under its study and status."""

import pandas as pd
import pytest

from analysis.findings import ledger, scorecard as synthesis


def _table(rows):
    return pd.DataFrame(rows, columns=["study", "finding", "kind", "status", "low", "high", "recomputed"])


TABLE = _table([
    ("kleiter2012", "a", "reported", "match", None, None, 1.0),
    ("kleiter2012", "b", "derived", "derived", 0.1, 0.9, 0.5),
    ("bringeland2020", "c", "consistency", "inconsistent", None, None, None),
    ("newstudy", "d", "reported", "not_recomputable", None, None, None),
])


def test_scorecard_counts_each_row_once():
    card = synthesis.scorecard(TABLE)
    assert card.loc["all studies", "total"] == len(TABLE)
    assert card.loc["kleiter2012", "match"] == 1 and card.loc["kleiter2012", "derived"] == 1
    assert card.loc["bringeland2020", "inconsistent"] == 1
    # Columns do not depend on which statuses happen to occur.
    assert list(card.columns) == [*ledger.STATUSES, "total"]


def test_scorecard_orders_known_studies_first():
    card = synthesis.scorecard(TABLE)
    assert list(card.index) == ["bringeland2020", "kleiter2012", "newstudy", "all studies"]


def test_kinds_by_status_totals():
    counts = synthesis.kinds_by_status(TABLE)
    assert counts.to_numpy().sum() == len(TABLE)
    assert counts.loc["derived", "derived"] == 1


def test_finding_lookup_fails_loudly_when_renamed():
    assert synthesis.finding(TABLE, "kleiter2012", "b")["recomputed"] == 0.5
    with pytest.raises(KeyError, match="kleiter2012: no ledger row 'zzz'"):
        synthesis.finding(TABLE, "kleiter2012", "zzz")


def test_estimate_from_row_keeps_missing_interval_missing():
    point = synthesis.from_row(synthesis.finding(TABLE, "kleiter2012", "a"), "A", "no interval", "no_interval")
    assert (point.value, point.low, point.high) == (1.0, None, None)
    interval = synthesis.from_row(synthesis.finding(TABLE, "kleiter2012", "b"), "B", "")
    assert (interval.low, interval.high) == (0.1, 0.9)


def test_estimate_origin_must_match_its_interval():
    with pytest.raises(ValueError, match="only a 'no_interval' estimate may lack an interval"):
        synthesis.Estimate("x", 0.5, None, None, "", origin="data")
    with pytest.raises(ValueError, match="only a 'no_interval'"):
        synthesis.Estimate("x", 0.5, 0.1, 0.9, "", origin="no_interval")
    with pytest.raises(ValueError, match="origin must be one of"):
        synthesis.Estimate("x", 0.5, 0.1, 0.9, "", origin="guess")
