"""The scorecard counts every ledger row once, under its study and status, and counts as
checks only the rows that could have failed."""

import pandas as pd
import pytest

from analysis import findings
from analysis.findings import scorecard


def _table(rows):
    return pd.DataFrame(rows, columns=["study", "key", "kind", "status", "low", "high", "recomputed"])


TABLE = _table([
    ("kleiter2012", "a", "reported", "match", None, None, 1.0),
    ("kleiter2012", "b", "derived", "derived", 0.1, 0.9, 0.5),
    ("bringeland2020", "c", "consistency", "inconsistent", None, None, None),
    ("bringeland2020", "d", "consistency", "by_construction", None, None, None),
    ("bringeland2020", "e", "reconstruction", "infeasible", None, None, None),
    ("newstudy", "f", "reported", "not_recomputable", None, None, None),
])


def test_scorecard_counts_each_row_once_and_by_construction_rows_are_no_check():
    card = scorecard.scorecard(TABLE)
    assert card.loc["all studies", "total"] == len(TABLE)
    assert card.loc["kleiter2012", "match"] == 1 and card.loc["kleiter2012", "derived"] == 1
    # c (inconsistent) and e (infeasible) are checks; d holds by construction.
    assert card.loc["bringeland2020", "checks"] == 2 and card.loc["bringeland2020", "passed"] == 0
    assert card.loc["bringeland2020", "by_construction"] == 1
    assert card.loc["all studies", "checks"] == 3 and card.loc["all studies", "passed"] == 1
    # Columns do not depend on which statuses happen to occur.
    assert list(card.columns) == ["passed", "disagreements", "ruled_out", "not_counted", "checks", "total",
                                  *findings.STATUSES]


def test_the_four_groups_keep_a_disagreement_apart_from_a_reading_ruled_out():
    card = scorecard.scorecard(TABLE)
    # c is a disagreement between printed numbers; e an assumed reading no data fit; d, b, f are no check.
    assert card.loc["bringeland2020", ["passed", "disagreements", "ruled_out", "not_counted"]].tolist() == [0, 1, 1, 1]
    assert card.loc["all studies", ["passed", "disagreements", "ruled_out", "not_counted"]].tolist() == [1, 1, 1, 3]


def test_every_status_is_in_exactly_one_group():
    grouped = [status for statuses in scorecard.GROUPS.values() for status in statuses]
    assert sorted(grouped) == sorted(findings.STATUSES)
    assert set(scorecard.GROUP_MEANING) == set(scorecard.GROUPS)


def test_a_check_repeated_as_by_construction_counts_once():
    # The same relation recorded twice: once as the counted check, once naming it (status by_construction).
    twice = _table([("s", "sum_check", "consistency", "consistent", None, None, None),
                    ("s", "sum_again", "consistency", "by_construction", None, None, None)])
    card = scorecard.scorecard(twice)
    assert (card.loc["s", "checks"], card.loc["s", "passed"], card.loc["s", "not_counted"]) == (1, 1, 1)


def test_studies_come_in_ledger_order_not_from_a_list():
    card = scorecard.scorecard(TABLE)
    assert list(card.index) == ["kleiter2012", "bringeland2020", "newstudy", "all studies"]


def test_kinds_by_status_totals():
    counts = scorecard.kinds_by_status(TABLE)
    assert counts.to_numpy().sum() == len(TABLE)
    assert counts.loc["derived", "derived"] == 1


def test_a_row_is_found_by_key_and_a_missing_key_fails_loudly():
    assert scorecard.row(TABLE, "kleiter2012", "b")["recomputed"] == 0.5
    with pytest.raises(KeyError, match="kleiter2012: no ledger row with key 'zzz'"):
        scorecard.row(TABLE, "kleiter2012", "zzz")
