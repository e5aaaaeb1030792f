"""The reconstruction sampler and the table checks, against hand-made tables and brute-force enumeration."""

import dataclasses
import itertools
import statistics

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.stats import order_statistics as osx
from analysis.stats import reconstruction as rc
from analysis.stats.survival import km_median_ci, km_table

KLEITER = rc.Summary(patients=5, relapses=9, relapse_median=120, relapse_min=45, relapse_max=230,
                     infusions_median=8, infusions_min=2, infusions_max=11)


def first_relapse_day(worlds):
    """``(worlds, patients)`` day of each patient's first relapse (-1 for none), by a plain loop."""
    out = np.full(worlds.infusions.shape, -1, dtype=np.int64)
    for w, p in itertools.product(range(worlds.infusions.shape[0]), range(worlds.infusions.shape[1])):
        days = worlds.relapse_day[w][worlds.relapse_patient[w] == p]
        if days.size:
            out[w, p] = days.min()
    return out


def table(rows):
    """rows: (patient, infusions, relapse day or None)."""
    frame = pd.DataFrame(rows, columns=["patient", "infusions", "relapse_day"])
    frame["relapse_day"] = frame["relapse_day"].astype("Int64")
    return frame


# --- rules, exposure, scenarios ------------------------------------------------------------------

def test_rules_validate():
    with pytest.raises(ValueError, match="median_reading"):
        rc.Rules(median_reading="median")
    with pytest.raises(ValueError, match="min_gap_days"):
        rc.Rules(min_gap_days=0)
    with pytest.raises(ValueError, match="every_patient_relapsed must be True or False"):
        rc.Rules(every_patient_relapsed="yes")
    with pytest.raises(ValueError, match="every_patient_relapsed must be True or False"):
        rc.Rules(every_patient_relapsed=1)
    assert rc.Rules(every_patient_relapsed=np.bool_(False)).every_patient_relapsed == np.bool_(False)
    assert rc.Rules(dosing_interval_days=28, margin_days=90).last_relapse_day(2) == 28 + 90
    assert rc.Rules(dosing_interval_days=28, margin_days=90).last_relapse_day([1, 11]).tolist() == [90, 370]
    with pytest.raises(ValueError, match="infusions"):
        rc.Rules().last_relapse_day(0)


def test_exposure_conventions_by_hand():
    assert rc.exposure_days(8, 28, "through_interval") == 224
    assert rc.exposure_days(8, 28, "to_last_infusion") == 196
    assert rc.exposure_days(8, 28, "through_margin", margin_days=90) == 7 * 28 + 90 == 286
    assert rc.exposure_days(2, 28) == 28 + 90  # default: last infusion on day 28, plus the 90-day margin
    with pytest.raises(ValueError, match="margin_days"):
        rc.exposure_days(3, 28, "through_margin", margin_days=-1)
    assert rc.exposure_days([1, 2], 28, "to_last_infusion").tolist() == [0, 28]
    with pytest.raises(ValueError):
        rc.exposure_days(0, 28)
    with pytest.raises(ValueError):
        rc.exposure_days(3, 28, "by_dose")


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 30), st.integers(1, 60), st.integers(0, 200))
def test_exposure_conventions_are_margins(infusions, interval, margin):
    # Identities: "through_interval" is a margin of one interval, "to_last_infusion" a margin of 0.
    def through(m):
        return rc.exposure_days(infusions, interval, "through_margin", margin_days=m)
    assert rc.exposure_days(infusions, interval, "through_interval") == through(interval) == infusions * interval
    assert rc.exposure_days(infusions, interval, "to_last_infusion") == through(0)
    # The exposure window ends exactly on the last day the rules let a relapse count, by hand:
    # the last infusion is on day (infusions - 1) * interval.
    last_day = rc.Rules(dosing_interval_days=interval, margin_days=margin).last_relapse_day(infusions)
    assert through(margin) == last_day == (infusions - 1) * interval + margin


def test_infusion_scenarios():
    frame = rc.infusion_scenarios(KLEITER, 28, "through_interval", days_per_year=365.25)
    assert len(frame) == 28  # 7 choices for the 2nd value times 4 for the 4th
    assert frame["total_infusions"].min() == 31 and frame["total_infusions"].max() == 40
    assert frame["exposure_days"].tolist() == (frame["total_infusions"] * 28).tolist()
    assert np.allclose(frame["rate"], 9 / (frame["exposure_days"] / 365.25))
    assert np.all((frame["ci_low"] < frame["rate"]) & (frame["rate"] < frame["ci_high"]))
    shorter = rc.infusion_scenarios(KLEITER, 28, "to_last_infusion")
    assert shorter["exposure_days"].tolist() == ((shorter["total_infusions"] - 5) * 28).tolist()
    assert "2-2-8-8-11" in set(frame["infusions"]) and "2-8-8-11-11" in set(frame["infusions"])
    window = rc.infusion_scenarios(KLEITER, 28, "through_margin", margin_days=90)
    assert window["exposure_days"].tolist() == ((window["total_infusions"] - 5) * 28 + 5 * 90).tolist()


@pytest.mark.parametrize("reading", rc.READINGS)
def test_relapses_fall_inside_the_through_margin_exposure_window(reading):
    # Every sampled relapse lies within its patient's "through_margin" exposure (numerator and
    # denominator cover the same days); under "through_interval" some relapse falls after exposure ends,
    # which is the bias the default convention removes.
    rules = rc.Rules(median_reading=reading)
    worlds = rc.sample_worlds(KLEITER, rules, 300, seed=7)
    owner_infusions = np.take_along_axis(worlds.infusions, worlds.relapse_patient, axis=1)
    window = rc.exposure_days(owner_infusions, 28, "through_margin", margin_days=rules.margin_days)
    short = rc.exposure_days(owner_infusions, 28, "through_interval")
    assert np.all(worlds.relapse_day <= window)
    assert np.any(worlds.relapse_day > short)


# --- summarise / rules on hand-made tables -------------------------------------------------------------

def test_summarise_by_hand():
    frame = table([("a", 3, 10), ("a", 3, 50), ("b", 6, 20), ("c", 4, None), ("d", 9, 70), ("d", 9, 40)])
    all_days = rc.summarise(frame, "all_relapses")
    assert all_days == {"patients": 4, "relapses": 5, "relapse_median": 40.0, "relapse_min": 10,
                        "relapse_max": 70, "infusions_median": 5.0, "infusions_min": 3, "infusions_max": 9,
                        "patients_relapsed": 3}
    first = rc.summarise(frame, "first_relapse")  # first relapses 10, 20, 40
    assert (first["relapse_median"], first["relapse_min"], first["relapse_max"]) == (20.0, 10, 40)


def test_matches_summary_is_exact():
    frame = table([("a", 2, 45), ("b", 5, 60), ("b", 5, 120), ("c", 8, 100), ("c", 8, 150),
                   ("d", 9, 120), ("d", 9, 230), ("e", 11, 130), ("e", 11, 200)])
    assert rc.matches_summary(frame, KLEITER, "all_relapses")
    assert not rc.matches_summary(frame, KLEITER, "first_relapse")  # first relapses: median 100
    moved = frame.copy()
    moved.loc[8, "relapse_day"] = 231
    assert not rc.matches_summary(moved, KLEITER, "all_relapses")


def test_satisfies_rules_each_rule():
    rules = rc.Rules(dosing_interval_days=28, margin_days=90, min_gap_days=30)
    good = table([("a", 2, 45), ("b", 5, 60), ("b", 5, 120)])
    assert rc.satisfies_rules(good, rules)
    late = table([("a", 2, 119), ("b", 5, 60)])  # 2 infusions: last on day 28, window to day 118
    assert not rc.satisfies_rules(late, rules)
    close = table([("a", 2, 45), ("b", 5, 60), ("b", 5, 89)])  # 29 days apart
    assert not rc.satisfies_rules(close, rules)
    quiet = table([("a", 2, 45), ("b", 5, None)])
    assert not rc.satisfies_rules(quiet, rules)
    assert rc.satisfies_rules(quiet, rc.Rules(every_patient_relapsed=False))


# --- check_table_against_summary: hand-made tables with hand-worked summaries ----------------------

# Reproduces the Kleiter summary under the all-relapses reading only: first relapses 45, 60, 100, 120, 130.
ALL_READING = table([("a", 2, 45), ("b", 5, 60), ("b", 5, 120), ("c", 8, 100), ("c", 8, 150),
                     ("d", 9, 120), ("d", 9, 230), ("e", 11, 130), ("e", 11, 200)])
# Under both readings: all nine days 45 60 80 100 [120] 130 190 200 230, first relapses 45 60 [120] 130 230;
# infusions 8 2 11 5 9 (median 8), every relapse inside its window (b: 2 infusions, window to day 118).
BOTH_READINGS = table([("a", 8, 45), ("a", 8, 80), ("a", 8, 200), ("b", 2, 60), ("b", 2, 100), ("c", 11, 120),
                       ("d", 5, 130), ("d", 5, 190), ("e", 9, 230)])


def test_summary_as_dict_lists_the_reported_fields_in_order():
    assert KLEITER.as_dict() == {"patients": 5, "relapses": 9, "relapse_median": 120, "relapse_min": 45,
                                 "relapse_max": 230, "infusions_median": 8, "infusions_min": 2, "infusions_max": 11}
    assert tuple(KLEITER.as_dict()) == rc.SUMMARY_FIELDS


def test_table_check_compares_every_reported_number_under_both_readings():
    check = rc.check_table_against_summary(ALL_READING, KLEITER, rc.Rules())
    comparison = check.comparison
    assert comparison.columns.tolist() == ["quantity", "reported", "all_relapses", "first_relapse", "match_all",
                                           "match_first"]
    assert comparison["quantity"].tolist() == list(rc.SUMMARY_FIELDS)
    assert comparison["reported"].tolist() == [5, 9, 120, 45, 230, 8, 2, 11]
    assert comparison["all_relapses"].tolist() == [5, 9, 120, 45, 230, 8, 2, 11]
    assert comparison["first_relapse"].tolist() == [5, 9, 100, 45, 130, 8, 2, 11]
    assert comparison["match_all"].all()
    assert comparison["match_first"].tolist() == [True, True, False, True, False, True, True, True]
    assert check.readings_matching == ["all_relapses"]
    assert check.follows_rules


def test_table_check_readings_matching():
    assert rc.check_table_against_summary(BOTH_READINGS, KLEITER, rc.Rules()).readings_matching == [
        "all_relapses", "first_relapse"]
    first_only = table([("a", 2, 45), ("a", 2, 100), ("b", 5, 80), ("b", 5, 200), ("c", 8, 120), ("c", 8, 250),
                        ("d", 9, 150), ("d", 9, 300), ("e", 11, 230)])  # all nine: median 150, maximum 300
    assert rc.check_table_against_summary(first_only, KLEITER, rc.Rules()).readings_matching == ["first_relapse"]
    neither = ALL_READING.copy()
    neither.loc[0, "relapse_day"] = 44
    assert rc.check_table_against_summary(neither, KLEITER, rc.Rules()).readings_matching == []


def test_table_check_kaplan_meier_of_first_relapses():
    check = rc.check_table_against_summary(ALL_READING, KLEITER, rc.Rules())
    # No censoring: the curve is 1 - (first relapses so far) / 5, and falls to 0.4 <= 0.5 on day 100.
    assert check.km["time"].tolist() == [45, 60, 100, 120, 130]
    assert check.km["events"].tolist() == [1] * 5
    assert check.km["survival"].tolist() == pytest.approx([0.8, 0.6, 0.4, 0.2, 0.0])
    assert check.median_first_relapse == 100
    first = [45, 60, 100, 120, 130]
    for level in (0.95, 0.5):
        check = rc.check_table_against_summary(ALL_READING, KLEITER, rc.Rules(), level=level)
        expected = km_median_ci(first, [1] * 5, level=level)
        assert (check.median_first_relapse, check.median_low, check.median_high) == expected
        assert check.km[["ci_low", "ci_high"]].equals(km_table(first, [1] * 5, level=level)[["ci_low", "ci_high"]])
    assert km_median_ci(first, [1] * 5, level=0.95) != km_median_ci(first, [1] * 5, level=0.5)


def test_table_check_censors_a_patient_without_relapse_at_the_end_of_the_window():
    quiet = BOTH_READINGS[BOTH_READINGS["patient"] != "c"]
    quiet = pd.concat([quiet, table([("c", 11, None)])], ignore_index=True)
    rules = rc.Rules(every_patient_relapsed=False, dosing_interval_days=21, margin_days=60)
    check = rc.check_table_against_summary(quiet, KLEITER, rules)
    # 11 infusions every 21 days, the last on day 210; the window closes 60 days later.
    assert check.km["time"].tolist() == [45, 60, 130, 230, 270]
    assert check.km["events"].tolist() == [1, 1, 1, 1, 0]
    assert check.km["survival"].tolist() == pytest.approx([0.8, 0.6, 0.4, 0.2, 0.2])
    assert check.follows_rules is False  # d: 5 infusions every 21 days, window to day 144 < 190
    assert rc.check_table_against_summary(quiet, KLEITER, rc.Rules(every_patient_relapsed=False)).follows_rules
    assert not rc.check_table_against_summary(quiet, KLEITER, rc.Rules()).follows_rules  # c has no relapse


def test_table_check_refuses_a_bad_level():
    with pytest.raises(ValueError, match="^level must be strictly between 0 and 1"):
        rc.check_table_against_summary(ALL_READING, KLEITER, rc.Rules(), level=1.0)


def test_summary_from_reported_values():
    from analysis import data

    values = data.reported("kleiter2012")
    assert rc.Summary.from_reported(values) == KLEITER
    # A day that is not a whole number is refused, not truncated.
    values = dict(values)
    values["relapse_days_min"] = dataclasses.replace(values["relapse_days_min"], value=45.5)
    with pytest.raises(ValueError, match="relapse_days_min must be a non-negative integer"):
        rc.Summary.from_reported(values)


# --- the sampler --------------------------------------------------------------------------------------

def within(env, counts):
    return np.all((env["lower"].to_numpy() <= counts) & (counts <= env["upper"].to_numpy()))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), reading=st.sampled_from(rc.READINGS), every=st.booleans(),
       gap=st.sampled_from([1, 30, 45]), margin=st.sampled_from([30, 90]))
def test_every_sampled_world_reproduces_the_summary(seed, reading, every, gap, margin):
    rules = rc.Rules(median_reading=reading, every_patient_relapsed=every, min_gap_days=gap, margin_days=margin)
    worlds = rc.sample_worlds(KLEITER, rules, 12, seed=seed, batch_size=2048)
    assert len(worlds) == 12
    grid = np.arange(0, 400)
    counts = worlds.counts_by_day(grid)
    if reading == "all_relapses":
        env = osx.median_range_envelope(9, 120, 45, 230, grid)
        assert all(within(env, row) for row in counts)
    for w in range(len(worlds)):
        frame = worlds.frame(w)
        assert rc.matches_summary(frame, KLEITER, reading)
        assert rc.satisfies_rules(frame, rules)
        assert frame["relapse_day"].notna().sum() == 9


def test_rechecked_looks_at_the_first_worlds_as_tables():
    rules = rc.Rules()
    worlds = rc.sample_worlds(KLEITER, rules, 6, seed=4)
    assert worlds.rechecked(KLEITER, rules, 6)
    # World 3 given a relapse on day 231, beyond the printed range 45 to 230.
    days = worlds.relapse_day.copy()
    days[3, np.argmax(days[3])] = 231
    tampered = rc.Worlds(worlds.infusions, days, worlds.relapse_patient)
    assert not tampered.rechecked(KLEITER, rules, 6)
    assert tampered.rechecked(KLEITER, rules, 3)  # only worlds 0, 1 and 2 are looked at
    # Under a rule the sampler was not given, the same worlds can fail the table check.
    assert not worlds.rechecked(KLEITER, rc.Rules(min_gap_days=400), 6)


def test_first_relapse_worlds_lie_in_the_exact_envelopes():
    rules = rc.Rules(median_reading="first_relapse")
    worlds = rc.sample_worlds(KLEITER, rules, 2000, seed=3)
    grid = np.arange(0, 400)
    firsts = first_relapse_day(worlds)
    first_counts = (firsts[:, :, None] <= grid[None, None, :]).sum(axis=1)
    assert within(osx.median_range_envelope(5, 120, 45, 230, grid), first_counts)
    cap = int(rules.last_relapse_day(11))
    total = osx.first_event_total_envelope(5, 9, 120, 45, 230, grid, min_gap=30, cap=cap)
    assert within(total, worlds.counts_by_day(grid))
    # The tighter envelope with each patient's own latest day (its infusions under the rules) holds them too.
    caps = rules.last_relapse_day(osx.enumerate_sorted_tuples(5, 8, 2, 11))
    own = osx.first_event_total_envelope(5, 9, 120, 45, 230, grid, min_gap=30, cap=caps)
    assert within(own, worlds.counts_by_day(grid))


def test_sampler_is_seeded():
    rules = rc.Rules()
    a = rc.sample_worlds(KLEITER, rules, 50, seed=11)
    b = rc.sample_worlds(KLEITER, rules, 50, seed=11)
    c = rc.sample_worlds(KLEITER, rules, 50, seed=12)
    assert all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("infusions", "relapse_day", "relapse_patient"))
    assert not np.array_equal(a.relapse_day, c.relapse_day)


def test_sampler_refuses_impossible_settings():
    with pytest.raises(ValueError, match="obeys the rules"):
        # 9 relapses in 5 patients over days 45..230 cannot keep 200 days apart.
        rc.sample_worlds(KLEITER, rc.Rules(min_gap_days=200), 5, seed=0, batch_size=256, max_batches=3)
    bad = rc.Summary(5, 9, 120, 45, 230, 12, 2, 11)
    with pytest.raises(ValueError, match="infusion"):
        rc.sample_worlds(bad, rc.Rules(), 5, seed=0)
    two = rc.Summary(2, 3, 120, 45, 230, 5, 4, 6)  # first relapses of 2 patients: median must be 137.5
    with pytest.raises(ValueError, match="relapsing patients"):
        rc.sample_worlds(two, rc.Rules(median_reading="first_relapse"), 5, seed=0)


def test_feasible_relapsing_patients():
    assert rc.feasible_relapsing_patients(KLEITER, rc.Rules(median_reading="first_relapse",
                                                            every_patient_relapsed=False)) == [3, 4, 5]
    assert rc.feasible_relapsing_patients(KLEITER, rc.Rules(every_patient_relapsed=False)) == [1, 2, 3, 4, 5]


# --- the sampler reaches every valid dataset of a tiny case (brute force) -------------------------------------

# Days 0..6: relapse days median 3 (range 1 to 5) over 4 relapses in 2 patients with 2 and 3
# infusions every 2 days; a relapse counts up to 2 days after the last infusion (day 4 or 6).
TINY = rc.Summary(patients=2, relapses=4, relapse_median=3, relapse_min=1, relapse_max=5,
                  infusions_median=2.5, infusions_min=2, infusions_max=3)
TINY_RULES = dict(dosing_interval_days=2, margin_days=2, min_gap_days=1)


def canonical(per_patient):
    """A dataset up to relabelling patients: sorted (infusions, sorted relapse days) pairs."""
    return tuple(sorted((inf, tuple(sorted(days))) for inf, days in per_patient))


def brute_worlds(summary, rules):
    worlds = set()
    days_range = range(0, (summary.infusions_max - 1) * rules.dosing_interval_days + rules.margin_days + 1)
    for infusions in itertools.product(range(summary.infusions_min, summary.infusions_max + 1),
                                       repeat=summary.patients):
        if statistics.median(infusions) != summary.infusions_median or min(infusions) != summary.infusions_min \
                or max(infusions) != summary.infusions_max:
            continue
        for days in itertools.combinations_with_replacement(days_range, summary.relapses):
            for owners in itertools.product(range(summary.patients), repeat=summary.relapses):
                per = [(infusions[p], [d for d, o in zip(days, owners) if o == p]) for p in range(summary.patients)]
                if rules.every_patient_relapsed and any(not d for _, d in per):
                    continue
                if any(d and max(d) > (inf - 1) * rules.dosing_interval_days + rules.margin_days for inf, d in per):
                    continue
                if any(b - a < rules.min_gap_days for _, d in per for a, b in zip(sorted(d), sorted(d)[1:])):
                    continue
                pool = list(days) if rules.median_reading == "all_relapses" else [min(d) for _, d in per if d]
                if statistics.median(pool) != summary.relapse_median or min(pool) != summary.relapse_min \
                        or max(pool) != summary.relapse_max:
                    continue
                worlds.add(canonical(per))
    return worlds


def sampled_worlds(summary, rules, n, seed):
    worlds = rc.sample_worlds(summary, rules, n, seed=seed)
    rows = np.unique(np.concatenate([worlds.infusions, worlds.relapse_day, worlds.relapse_patient], axis=1), axis=0)
    p, r = summary.patients, summary.relapses
    out = set()
    for row in rows:
        inf, days, owner = row[:p], row[p:p + r], row[p + r:]
        out.add(canonical([(int(inf[q]), [int(d) for d, o in zip(days, owner) if o == q]) for q in range(p)]))
    return out


@pytest.mark.parametrize("reading", rc.READINGS)
def test_sampler_support_is_every_valid_dataset(reading):
    rules = rc.Rules(median_reading=reading, **TINY_RULES)
    expected = brute_worlds(TINY, rules)
    assert expected  # the tiny case is feasible under both readings
    assert len(expected) > 5
    got = sampled_worlds(TINY, rules, 20_000, seed=5)
    assert got == expected


def test_frame_labels_and_missing_relapses():
    rules = rc.Rules(every_patient_relapsed=False)
    worlds = rc.sample_worlds(KLEITER, rules, 400, seed=2)
    firsts = first_relapse_day(worlds)
    quiet = [w for w in range(len(worlds)) if (firsts[w] < 0).any()]
    assert quiet  # without the rule, some worlds leave a patient without relapse
    frame = worlds.frame(quiet[0])
    assert frame["patient"].unique().tolist() == [f"P{i}" for i in range(1, 6)]
    assert frame["relapse_day"].isna().sum() == (firsts[quiet[0]] < 0).sum()
    per_patient = frame.groupby("patient")["infusions"].first()
    assert per_patient.is_monotonic_increasing
    assert worlds.relapses_before(10_000).tolist() == [9] * len(worlds)


# --- defaults, boundaries and argument names ------------------------------------------------------------

def test_infusion_scenarios_defaults_by_hand():
    # Defaults: every 28 days, exposure to 90 days after the last infusion, 365.25 days a year, 95 % Garwood CI:
    # exposure = (sum of infusions - 5 patients) * 28 + 5 * 90 days; CI = chi2 quantiles (2k, 2k + 2 df) / 2 / years.
    frame = rc.infusion_scenarios(KLEITER)
    assert frame.columns.tolist() == ["infusions", "total_infusions", "exposure_days", "exposure_years", "rate",
                                      "ci_low", "ci_high"]
    days = (frame["total_infusions"] - 5) * 28 + 5 * 90
    assert frame["exposure_days"].tolist() == days.tolist()
    years = days / 365.25
    assert frame["exposure_years"].to_numpy() == pytest.approx(years.to_numpy(), rel=1e-12)
    assert frame["rate"].to_numpy() == pytest.approx((9 / years).to_numpy(), rel=1e-12)
    assert frame["ci_low"].to_numpy() == pytest.approx((stats.chi2.ppf(0.025, 18) / 2 / years).to_numpy(), rel=1e-9)
    assert frame["ci_high"].to_numpy() == pytest.approx((stats.chi2.ppf(0.975, 20) / 2 / years).to_numpy(), rel=1e-9)


def test_infusion_scenarios_forwards_level_margin_and_year():
    # 90 % CI, a 30-day margin, a 365-day year and a 21-day interval, each worked by hand as above.
    frame = rc.infusion_scenarios(KLEITER, 21, "through_margin", days_per_year=365, level=0.9, margin_days=30)
    days = (frame["total_infusions"] - 5) * 21 + 5 * 30
    assert frame["exposure_days"].tolist() == days.tolist()
    years = (days / 365).to_numpy()
    assert frame["exposure_years"].to_numpy() == pytest.approx(years, rel=1e-12)
    assert frame["ci_low"].to_numpy() == pytest.approx(stats.chi2.ppf(0.05, 18) / 2 / years, rel=1e-9)
    assert frame["ci_high"].to_numpy() == pytest.approx(stats.chi2.ppf(0.95, 20) / 2 / years, rel=1e-9)


def test_infusion_scenarios_needs_some_exposure():
    # Two patients with 1 and 2 infusions one day apart: exposure to the last infusion is 0 + 1 = 1 day (allowed);
    # a single patient with one infusion has none.
    one_day = rc.Summary(patients=2, relapses=1, relapse_median=1, relapse_min=1, relapse_max=1,
                         infusions_median=1.5, infusions_min=1, infusions_max=2)
    frame = rc.infusion_scenarios(one_day, 1, "to_last_infusion", days_per_year=1)
    assert frame["exposure_days"].tolist() == [1] and frame["rate"].tolist() == [1.0]
    none = rc.Summary(patients=1, relapses=1, relapse_median=1, relapse_min=1, relapse_max=1,
                      infusions_median=1, infusions_min=1, infusions_max=1)
    with pytest.raises(ValueError, match=r"^a scenario has no exposure time \(every patient had a single infusion\)$"):
        rc.infusion_scenarios(none, 28, "to_last_infusion")
    with pytest.raises(ValueError, match="^days_per_year must be positive"):
        rc.infusion_scenarios(KLEITER, days_per_year=0)


def test_summarise_and_matches_summary_default_to_all_relapses():
    assert rc.summarise(ALL_READING) == rc.summarise(ALL_READING, "all_relapses")
    assert rc.summarise(ALL_READING)["relapse_median"] == 120  # all nine days; the first relapses give 100
    assert rc.matches_summary(ALL_READING, KLEITER)
    with pytest.raises(ValueError, match=r"^reading must be one of \('all_relapses', 'first_relapse'\)"):
        rc.summarise(ALL_READING, "median")


def test_summarise_without_relapses():
    quiet = table([("a", 3, None), ("b", 5, None)])
    for reading in rc.READINGS:
        got = rc.summarise(quiet, reading)
        assert (got["relapses"], got["relapse_median"], got["relapse_min"], got["relapse_max"]) == (0, None, None, None)
        assert (got["infusions_median"], got["patients_relapsed"]) == (4.0, 0)


def test_satisfies_rules_day_zero_and_patients_after_a_quiet_one():
    rules = rc.Rules(every_patient_relapsed=False)
    assert rc.satisfies_rules(table([("a", 2, 0)]), rules)  # day 0 (the first infusion) counts
    assert not rc.satisfies_rules(table([("a", 2, -1)]), rules)
    # patient "a" had no relapse; "b" (checked after it) relapses after its window (2 infusions: day 118)
    assert not rc.satisfies_rules(table([("a", 3, None), ("b", 2, 119)]), rules)
    assert not rc.satisfies_rules(table([("a", 3, None), ("b", 2, 50), ("b", 2, 60)]), rules)  # 10 days apart


def test_frame_orders_patients_by_infusions_then_first_relapse():
    # Patients 0, 1, 2 all with 5 infusions: 1 relapses first (day 10, again on 50), 0 on day 30, 2 never.
    worlds = rc.Worlds(infusions=np.array([[5, 5, 5]]), relapse_day=np.array([[30, 10, 50]]),
                       relapse_patient=np.array([[0, 1, 1]]))
    frame = worlds.frame(0)
    assert frame["patient"].tolist() == ["P1", "P1", "P2", "P3"]
    assert frame["relapse_day"].tolist()[:3] == [10, 50, 30] and frame["relapse_day"].isna().tolist()[3]
    assert str(frame["relapse_day"].dtype) == "Int64"
    # A world without any relapse still gives an integer (nullable) day column.
    empty = rc.Worlds(infusions=np.array([[3, 2]]), relapse_day=np.empty((1, 0), dtype=np.int64),
                      relapse_patient=np.empty((1, 0), dtype=np.int64))
    frame = empty.frame(0)
    assert frame["infusions"].tolist() == [2, 3] and frame["relapse_day"].isna().all()
    assert str(frame["relapse_day"].dtype) == "Int64"


def test_relapses_before_and_counts_by_day_at_the_boundary():
    worlds = rc.Worlds(infusions=np.array([[5, 5]]), relapse_day=np.array([[10, 20]]),
                       relapse_patient=np.array([[0, 1]]))
    assert worlds.relapses_before(20).tolist() == [1]  # strictly before
    assert worlds.relapses_before(21).tolist() == [2]
    assert worlds.counts_by_day([9, 10, 20]).tolist() == [[0, 1, 2]]  # at or before


def test_rechecked_uses_the_rules_reading():
    rules = rc.Rules(median_reading="first_relapse")
    worlds = rc.sample_worlds(KLEITER, rules, 5, seed=1)
    assert worlds.rechecked(KLEITER, rules, 5)
    # the same worlds do not reproduce the summary when all relapses are read (checked table by table)
    assert not all(rc.matches_summary(worlds.frame(w), KLEITER, "all_relapses") for w in range(5))
    assert not worlds.rechecked(KLEITER, rc.Rules(), 5)
    assert worlds.rechecked(KLEITER, rules, 0)
    with pytest.raises(ValueError, match="^count must be a non-negative integer"):
        worlds.rechecked(KLEITER, rules, -1)


def test_summary_from_reported_refuses_a_fractional_maximum_by_name():
    from analysis import data

    values = dict(data.reported("kleiter2012"))
    values["relapse_days_max"] = dataclasses.replace(values["relapse_days_max"], value=230.5)
    with pytest.raises(ValueError, match="^relapse_days_max must be a non-negative integer, got 230.5$"):
        rc.Summary.from_reported(values)


@pytest.mark.parametrize("reading", rc.READINGS)
def test_sampled_days_and_patients_are_integers(reading):
    worlds = rc.sample_worlds(KLEITER, rc.Rules(median_reading=reading), 20, seed=8)
    assert worlds.relapse_day.dtype.kind == "i" and worlds.relapse_patient.dtype.kind == "i"
    assert worlds.infusions.dtype.kind == "i"


def test_first_relapse_sampler_reaches_every_feasible_number_of_relapsing_patients():
    # Without the every-patient rule, 3, 4 or 5 of the 5 patients can have relapsed (feasible_relapsing_patients);
    # each of these shows up among the sampled worlds, counted by a plain loop over first relapses.
    rules = rc.Rules(median_reading="first_relapse", every_patient_relapsed=False)
    worlds = rc.sample_worlds(KLEITER, rules, 300, seed=6)
    relapsing = (first_relapse_day(worlds) >= 0).sum(axis=1)
    assert set(relapsing.tolist()) == {3, 4, 5}


@pytest.mark.parametrize("reading", rc.READINGS)
def test_a_relapse_on_day_zero_is_kept(reading):
    # The first infusion is day 0, and a relapse that day counts (satisfies_rules: day >= 0). With a printed
    # minimum of 0 every dataset has one, so the sampler must accept such draws.
    summary = dataclasses.replace(TINY, relapse_min=0, relapse_max=6)  # first relapses (two patients): 0 and 6
    rules = rc.Rules(median_reading=reading, **TINY_RULES)
    worlds = rc.sample_worlds(summary, rules, 20, seed=1, batch_size=256, max_batches=20)
    assert worlds.relapse_day.min(axis=1).tolist() == [0] * 20
    assert worlds.rechecked(summary, rules, 20)


def test_sampler_refusals_name_the_argument_or_the_reason():
    rules = rc.Rules()
    with pytest.raises(ValueError, match="^n_worlds must be a non-negative integer, got -1$"):
        rc.sample_worlds(KLEITER, rules, -1, seed=0)
    with pytest.raises(ValueError, match="^batch_size must be a positive integer, got 0$"):
        rc.sample_worlds(KLEITER, rules, 5, seed=0, batch_size=0)
    with pytest.raises(ValueError, match="^seed must be a non-negative integer, got -3$"):
        rc.sample_worlds(KLEITER, rules, 5, seed=-3)
    bad = rc.Summary(5, 9, 120, 45, 230, 12, 2, 11)  # median 12 above the maximum 11
    with pytest.raises(ValueError, match="^no 5 infusion counts have median 12, minimum 2 and maximum 11$"):
        rc.sample_worlds(bad, rules, 5, seed=0)
    no_days = rc.Summary(5, 9, 250, 45, 230, 8, 2, 11)  # relapse median 250 above the maximum 230
    with pytest.raises(ValueError, match="^no relapse days have the reported median, minimum and maximum$"):
        rc.sample_worlds(no_days, rules, 5, seed=0)
    two = rc.Summary(2, 3, 120, 45, 230, 5, 4, 6)  # first relapses of 2 patients: median must be 137.5
    with pytest.raises(ValueError, match="^no number of relapsing patients fits the summary under these rules$"):
        rc.sample_worlds(two, rc.Rules(median_reading="first_relapse"), 5, seed=0)
    with pytest.raises(ValueError, match=r"^no dataset of 768 drawn \(3 batches of 256\) obeys the rules: the rules "
                                         r"leave \(almost\) no room$"):
        rc.sample_worlds(KLEITER, rc.Rules(min_gap_days=200), 5, seed=0, batch_size=256, max_batches=3)


def test_sampler_default_batch_size():
    # The documented defaults (batches of 8192 draws) give the same worlds as passing them explicitly.
    rules = rc.Rules()
    a = rc.sample_worlds(KLEITER, rules, 3, seed=5)
    b = rc.sample_worlds(KLEITER, rules, 3, seed=5, batch_size=8192, max_batches=400)
    assert np.array_equal(a.relapse_day, b.relapse_day) and np.array_equal(a.infusions, b.infusions)


def test_rules_defaults_and_refusals_by_name():
    rules = rc.Rules()
    assert (rules.median_reading, rules.every_patient_relapsed, rules.dosing_interval_days, rules.margin_days,
            rules.min_gap_days) == ("all_relapses", True, 28, 90, 30)
    assert rc.Rules(margin_days=0, min_gap_days=1, dosing_interval_days=1).last_relapse_day(3) == 2
    for kwargs, message in [
        (dict(median_reading="median"), r"^median_reading must be one of \('all_relapses', 'first_relapse'\)"),
        (dict(every_patient_relapsed=1), "^every_patient_relapsed must be True or False, got 1$"),
        (dict(dosing_interval_days=0), "^dosing_interval_days must be a positive integer, got 0$"),
        (dict(margin_days=-1), "^margin_days must be a non-negative integer, got -1$"),
        (dict(min_gap_days=0), "^min_gap_days must be a positive integer, got 0$"),
    ]:
        with pytest.raises(ValueError, match=message):
            rc.Rules(**kwargs)


def test_exposure_days_refusals_by_name():
    with pytest.raises(ValueError, match=r"^convention must be one of \('through_margin', 'through_interval', "):
        rc.exposure_days(3, 28, "by_dose")
    with pytest.raises(ValueError, match="^dosing_interval_days must be a positive integer, got 0$"):
        rc.exposure_days(3, 0)
    with pytest.raises(ValueError, match="^margin_days must be a non-negative integer, got -1$"):
        rc.exposure_days(3, 28, margin_days=-1)
    with pytest.raises(ValueError, match="^infusions must be at least 1$"):
        rc.exposure_days([2, 0], 28)
    assert rc.exposure_days(1, 28) == 90  # one infusion: only the margin
    assert rc.exposure_days(1, 28, "through_interval") == 28
    assert rc.exposure_days(2) == 28 + 90  # defaults: every 28 days, 90 days past the last infusion


def test_feasible_relapsing_patients_bounds():
    # More patients than relapses: at most 3 of 5 can have relapsed, so "every patient relapsed" is impossible.
    few = rc.Summary(5, 3, 100, 50, 150, 8, 2, 11)
    assert rc.feasible_relapsing_patients(few, rc.Rules()) == []
    assert rc.feasible_relapsing_patients(few, rc.Rules(every_patient_relapsed=False)) == [1, 2, 3]
    one = rc.Summary(1, 2, 100, 50, 150, 8, 8, 8)  # a single patient with two relapses
    assert rc.feasible_relapsing_patients(one, rc.Rules()) == [1]
    assert rc.feasible_relapsing_patients(one, rc.Rules(every_patient_relapsed=False)) == [1]
    as_many = rc.Summary(2, 2, 100, 50, 150, 8, 8, 8)  # two patients, two relapses: each can have one
    assert rc.feasible_relapsing_patients(as_many, rc.Rules()) == [2]
    # first-relapse reading: one patient's first relapse is min = median = max, impossible for 50 < 100 < 150
    assert rc.feasible_relapsing_patients(one, rc.Rules(median_reading="first_relapse")) == []
    assert rc.feasible_relapsing_patients(KLEITER, rc.Rules()) == [5]
    assert rc.feasible_relapsing_patients(KLEITER, rc.Rules(median_reading="first_relapse")) == [5]


def test_sampler_gives_up_after_400_batches_by_default():
    # 9 relapses 200 days apart cannot fit in days 45..230: every draw is rejected, batch after batch.
    with pytest.raises(ValueError, match=r"^no dataset of 400 drawn \(400 batches of 1\) obeys the rules: "):
        rc.sample_worlds(KLEITER, rc.Rules(min_gap_days=200), 1, seed=0, batch_size=1)


# --- sizes bounded before any draw (analysis.stats._validate.SIZE_BOUNDS) ------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"n_worlds": 10**9}, r"^n_worlds must be at most batch_size \* max_batches = 8192 \* 400 = 3276800 "
                              r"\(got 1000000000\): each batch keeps at most batch_size draws; raise max_batches"),
        ({"n_worlds": 257, "batch_size": 256, "max_batches": 1},
         r"^n_worlds must be at most batch_size \* max_batches = 256 \* 1 = 256 \(got 257\)"),
        # 5 patients + 9 relapses = 14 values a draw: 3,571,429 draws are 50,000,006 values.
        ({"n_worlds": 1, "batch_size": 3_571_429, "max_batches": 1},
         r"^batch_size \* max_batches \* \(patients \+ relapses\) must be at most 50000000 \(got 50000006\): "
         r"sample_worlds may draw"),
        ({"n_worlds": 1, "batch_size": 8192, "max_batches": 437},
         r"^batch_size \* max_batches \* \(patients \+ relapses\) must be at most 50000000 \(got 50118656\)"),
        ({"n_worlds": 1, "max_batches": 0}, r"^max_batches must be a positive integer, got 0$"),
    ],
)
def test_sampler_sizes_past_their_bound_are_refused_before_any_draw(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        rc.sample_worlds(KLEITER, rc.Rules(), seed=0, **kwargs)


def test_sampler_batch_pairs_past_their_bound_are_refused():
    # 1000 patients x 2500 relapses = 2.5 million pairs a draw: 21 draws a batch are 52.5 million.
    large = rc.Summary(1000, 2500, 120, 45, 230, 8, 2, 11)
    with pytest.raises(ValueError, match=r"^batch_size \* patients \* relapses must be at most 50000000 "
                                         r"\(got 52500000\): sample_worlds checks every relapse"):
        rc.sample_worlds(large, rc.Rules(), 1, seed=0, batch_size=21, max_batches=1)
    with pytest.raises(ValueError, match=r"^no 1000 infusion counts"):  # 20 a batch: past the bounds, to the data
        rc.sample_worlds(dataclasses.replace(large, infusions_median=20), rc.Rules(), 1, seed=0, batch_size=20,
                         max_batches=1)


def test_sampler_sizes_at_their_bound_are_accepted():
    # One patient with one relapse on day 5, well inside the window: every draw is kept.
    single = rc.Summary(1, 1, 5, 5, 5, 2, 2, 2)
    assert len(rc.sample_worlds(single, rc.Rules(), 256, seed=0, batch_size=128, max_batches=2)) == 256
    # 1000 draws a batch, 25,000 batches, 2 values a draw: 50,000,000 values at most, exactly the bound.
    assert len(rc.sample_worlds(single, rc.Rules(), 1000, seed=0, batch_size=1000, max_batches=25_000)) == 1000


def test_sampler_says_when_the_batch_limit_is_the_cause():
    # About one draw in 66 is kept under the default rules: 2 batches of 256 keep a few, far from 500.
    with pytest.raises(ValueError, match=r"^only \d+ of 500 datasets accepted in 2 batches of 256: the batch "
                                         r"limit was reached; raise max_batches \(about \d+ batches at this "
                                         r"acceptance rate\)$"):
        rc.sample_worlds(KLEITER, rc.Rules(), 500, seed=0, batch_size=256, max_batches=2)


def test_infusion_scenarios_are_counted_before_they_are_listed():
    # 5 patients, infusions median 40, range 1..89: (40 - 1 + 1) x (89 - 40 + 1) = 2,000 scenarios, the bound.
    at_bound = dataclasses.replace(KLEITER, infusions_median=40, infusions_min=1, infusions_max=89)
    assert len(rc.infusion_scenarios(at_bound)) == 2000
    past = dataclasses.replace(at_bound, infusions_max=90)  # 40 x 51 = 2,040
    with pytest.raises(ValueError, match=r"^summary must give at most 2000 infusion scenarios \(got 2040\): "
                                         r"infusion_scenarios computes an exact Poisson CI per scenario"):
        rc.infusion_scenarios(past)
