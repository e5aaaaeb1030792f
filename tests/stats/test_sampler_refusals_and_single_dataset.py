"""sample_worlds refuses what it cannot draw by the argument's name, and a summary that allows one dataset only gives
that dataset in every draw (none rejected, so a batch fills exactly)."""

import pytest

from analysis.stats import reconstruction as rc

# 5 patients, 9 relapses, relapse days median 120 (45 to 230), infusions median 8 (2 to 11): Kleiter et al. 2012.
KLEITER = rc.Summary(5, 9, 120, 45, 230, 8, 2, 11)


def test_zero_worlds_is_refused_by_name_not_blamed_on_the_rules():
    # Nothing is drawn for 0 worlds; the refusal must not say that the rules rejected every draw.
    with pytest.raises(ValueError, match=r"^n_worlds must be a positive integer, got 0$"):
        rc.sample_worlds(KLEITER, rc.Rules(), 0, seed=0, batch_size=16, max_batches=2)


@pytest.mark.parametrize(("field", "value", "pattern"), [
    ("patients", 0, r"^summary\.patients must be a positive integer, got 0$"),
    ("relapses", -1, r"^summary\.relapses must be a non-negative integer, got -1$"),
])
def test_a_summary_without_patients_or_with_negative_relapses_is_refused_by_name(field, value, pattern):
    summary = rc.Summary(**(KLEITER.as_dict() | {field: value}))
    with pytest.raises(ValueError, match=pattern):
        rc.sample_worlds(summary, rc.Rules(), 1, seed=0, batch_size=16, max_batches=2)


def test_a_summary_with_one_possible_dataset_gives_it_in_every_draw():
    # One patient with one infusion (day 0) and two relapses; the first relapse (the only one the median reading
    # "first_relapse" describes) is on day 60. The second is at least 30 days later (day 90 or after) and no later
    # than 90 days after the last infusion (day 0 + 90 = 90): day 90 exactly. So every draw is this dataset, every
    # draw obeys the rules, and 64 draws in one batch of 64 give 64 worlds.
    summary = rc.Summary(patients=1, relapses=2, relapse_median=60, relapse_min=60, relapse_max=60,
                         infusions_median=1, infusions_min=1, infusions_max=1)
    rules = rc.Rules(median_reading="first_relapse", margin_days=90, min_gap_days=30)
    worlds = rc.sample_worlds(summary, rules, 64, seed=0, batch_size=64, max_batches=1)
    assert worlds.relapse_day.tolist() == [[60, 90]] * 64
    assert worlds.frame(63).to_dict("list") == {"patient": ["P1", "P1"], "infusions": [1, 1], "relapse_day": [60, 90]}
