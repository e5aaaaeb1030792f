"""Possible per-patient datasets behind a case series' summary (Kleiter et al. 2012 and similar).

A case series that reports only "n patients, R relapses, relapse days median m (range
a to b), infusions median (range)" is consistent with many per-patient tables. This
module

* states the summary (:class:`Summary`) and the plausibility rules that are *not*
  reported but assumed (:class:`Rules`: dosing interval, how long after the last
  infusion a relapse may still count, minimum days between two relapses of a patient,
  which reading of the median, whether every patient relapsed);
* checks a per-patient table against both (:func:`summarise`, :func:`matches_summary`,
  :func:`satisfies_rules`, :func:`check_table_against_summary`);
* enumerates the infusion counts and natalizumab exposure consistent with the summary
  (:func:`infusion_scenarios`; by default exposure runs over the same window in which
  the rules attribute a relapse to the drug, see :func:`exposure_days`);
* draws whole datasets that reproduce the summary exactly and obey the rules
  (:func:`sample_worlds`), vectorised with numpy: order statistics are placed by
  construction (:func:`analysis.order_statistics.sample_sorted`), relapses are
  assigned to patients at random, and whole draws that break a rule are rejected.
  Rejection of the whole draw makes the result an exact sample from the stated prior
  conditioned on the rules (von Neumann J. Various techniques used in connection with
  random digits. NBS Appl Math Ser 1951;12:36-38). The prior (uniform free order
  statistics, uniform assignment of relapses to patients) is a choice, so frequencies
  over sampled datasets describe that choice, not the study.

A sampled dataset is a *reconstruction*: it is consistent with every reported number
and is not study data. Day 0 is the first infusion; infusion ``j`` (1-based) is given
on day ``(j - 1) * dosing_interval_days``.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from analysis.stats import _validate, order_statistics, rates, survival

READINGS = ("all_relapses", "first_relapse")
EXPOSURE_CONVENTIONS = ("through_margin", "through_interval", "to_last_infusion")
DEFAULT_MARGIN_DAYS = 90  # default of Rules.margin_days and of the "through_margin" exposure window
SUMMARY_FIELDS = ("patients", "relapses", "relapse_median", "relapse_min", "relapse_max",
                  "infusions_median", "infusions_min", "infusions_max")
_KEY = 1 << 20  # larger than any day: sorts relapses by (patient, day) in one integer key


# --- what is reported and what is assumed ------------------------------------------------

@dataclass(frozen=True)
class Summary:
    """The reported summary numbers of a case series (all from the paper)."""

    patients: int
    relapses: int
    relapse_median: float
    relapse_min: int
    relapse_max: int
    infusions_median: float
    infusions_min: int
    infusions_max: int

    @classmethod
    def from_reported(cls, values: dict) -> Summary:
        """Build from ``data.reported("kleiter2012")`` (quantity ids of that file)."""
        return cls(
            patients=values["patients"].count,
            relapses=values["relapses"].count,
            relapse_median=float(values["relapse_days_median"]),
            relapse_min=_validate.count("relapse_days_min", values["relapse_days_min"].value),
            relapse_max=_validate.count("relapse_days_max", values["relapse_days_max"].value),
            infusions_median=float(values["infusions_median"]),
            infusions_min=values["infusions_min"].count,
            infusions_max=values["infusions_max"].count,
        )

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Rules:
    """Assumptions a reconstruction adds to the summary (none of these is reported).

    * ``median_reading``: ``"all_relapses"`` (median, minimum and maximum run over every
      relapse) or ``"first_relapse"`` (over each patient's first relapse).
    * ``every_patient_relapsed``: read "persisting disease activity in all patients" as
      at least one clinical relapse each (activity could also have been MRI-only).
    * ``dosing_interval_days``: days between infusions (label: 300 mg every 4 weeks).
    * ``margin_days``: a relapse counts if it comes no later than this many days after
      the patient's last infusion.
    * ``min_gap_days``: two relapses of the same patient are at least this far apart.
    """

    median_reading: str = "all_relapses"
    every_patient_relapsed: bool = True
    dosing_interval_days: int = 28
    margin_days: int = DEFAULT_MARGIN_DAYS
    min_gap_days: int = 30

    def __post_init__(self):
        _validate.choice("median_reading", self.median_reading, READINGS)
        _validate.boolean("every_patient_relapsed", self.every_patient_relapsed)
        _validate.positive_count("dosing_interval_days", self.dosing_interval_days)
        _validate.count("margin_days", self.margin_days)
        _validate.positive_count("min_gap_days", self.min_gap_days)

    def last_relapse_day(self, infusions):
        """Latest day a relapse may count for a patient with ``infusions`` infusions (at least 1).

        ``margin_days`` after the last infusion, ``(infusions - 1) * dosing_interval_days +
        margin_days``: the end of the ``"through_margin"`` exposure window (:func:`exposure_days`).
        """
        return exposure_days(infusions, self.dosing_interval_days, "through_margin", self.margin_days)


def exposure_days(infusions, dosing_interval_days: int = 28, convention: str = "through_margin",
                  margin_days: int = DEFAULT_MARGIN_DAYS):
    """Days on natalizumab for a patient (or array of patients) given ``infusions`` infusions.

    Day 0 is the first infusion and the last is on day ``(infusions - 1) * interval``.
    The conventions differ only in how long after the last infusion exposure runs:

    * ``"through_margin"``: to ``margin_days`` after the last infusion,
      ``(infusions - 1) * interval + margin_days``. This is the window in which
      :class:`Rules` still attributes a relapse to the drug
      (:meth:`Rules.last_relapse_day`), so numerator (relapses) and denominator
      (exposure) cover the same person-time;
    * ``"through_interval"``: to one dosing interval after the last infusion,
      ``infusions * interval`` (each infusion covers one interval; the same as
      ``"through_margin"`` with ``margin_days = interval``);
    * ``"to_last_infusion"``: to the last infusion, ``(infusions - 1) * interval``
      (``"through_margin"`` with ``margin_days = 0``).

    A rate is unbiased only if events are counted over the same person-time as the
    exposure: relapses counted after the exposure window has closed inflate it.
    Person-time definitions as in Rothman KJ, Greenland S, Lash TL. Modern
    Epidemiology, 3rd ed. 2008, ch. 4 (incidence rates: events and the person-time
    at risk they are attributed to must cover the same period).
    """
    _validate.choice("convention", convention, EXPOSURE_CONVENTIONS)
    interval = _validate.positive_count("dosing_interval_days", dosing_interval_days)
    margin = _validate.count("margin_days", margin_days)
    counts = np.asarray(infusions)
    if np.any(counts < 1):
        raise ValueError("infusions must be at least 1")
    tail = {"through_margin": margin, "through_interval": interval, "to_last_infusion": 0}[convention]
    return (counts - 1) * interval + tail


def infusion_scenarios(summary: Summary, dosing_interval_days: int = 28, convention: str = "through_margin",
                       days_per_year: float = 365.25, level: float = 0.95,
                       margin_days: int = DEFAULT_MARGIN_DAYS) -> pd.DataFrame:
    """Every multiset of per-patient infusion counts with the reported median and range.

    One row per sorted tuple (:func:`analysis.order_statistics.enumerate_sorted_tuples`),
    with the total infusions, total exposure (:func:`exposure_days` under
    ``convention`` and ``margin_days``, summed over patients) in days and years, and
    the relapse rate ``relapses / exposure`` per patient-year with its exact Poisson
    (Garwood) CI from :func:`analysis.rates.poisson_ci`. That interval assumes
    independent events at one constant rate; relapses that cluster in some patients
    (overdispersion) make it too narrow. At most 2,000 scenarios (``SIZE_BOUNDS``), counted
    first (:func:`analysis.order_statistics.count_sorted_tuples`). Columns: ``infusions`` (e.g.
    ``"2-2-8-8-11"``), ``total_infusions``, ``exposure_days``, ``exposure_years``,
    ``rate``, ``ci_low``, ``ci_high``.
    """
    year = _validate.positive("days_per_year", days_per_year)
    _validate.at_most("infusion_scenarios", order_statistics.count_sorted_tuples(
        summary.patients, summary.infusions_median, summary.infusions_min, summary.infusions_max))
    tuples = order_statistics.enumerate_sorted_tuples(
        summary.patients, summary.infusions_median, summary.infusions_min, summary.infusions_max)
    totals = exposure_days(tuples, dosing_interval_days, convention, margin_days).sum(axis=1)
    if np.any(totals <= 0):
        raise ValueError("a scenario has no exposure time (every patient had a single infusion)")
    rows = []
    for row, total in zip(tuples, totals):
        days = int(total)
        rate, low, high = rates.poisson_ci(summary.relapses, days / year, level)
        rows.append({"infusions": "-".join(str(int(x)) for x in row), "total_infusions": int(row.sum()),
                     "exposure_days": days, "exposure_years": days / year, "rate": rate,
                     "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)


# --- checking one per-patient table ---------------------------------------------------------

def _patients(frame: pd.DataFrame) -> dict:
    """``{patient: (infusions, sorted relapse days)}`` from a long per-patient table."""
    out: dict = {}
    for patient, infusions, day in zip(frame["patient"], frame["infusions"], frame["relapse_day"]):
        entry = out.setdefault(patient, (int(infusions), []))
        if not pd.isna(day):
            entry[1].append(int(day))
    return {p: (inf, sorted(days)) for p, (inf, days) in sorted(out.items())}


def summarise(frame: pd.DataFrame, reading: str = "all_relapses") -> dict:
    """The summary numbers a per-patient table gives under one reading of the median.

    ``frame`` has columns ``patient``, ``infusions`` (same on every row of a patient)
    and ``relapse_day`` (one row per relapse; one row with an empty day for a patient
    without relapse), as in ``data/patients/`` and :meth:`Worlds.frame`. Medians follow
    the usual definition (mean of the two middle values for an even count; Python's
    ``statistics.median``). Returns a dict with the :data:`SUMMARY_FIELDS` plus
    ``patients_relapsed``.
    """
    _validate.choice("reading", reading, READINGS)
    patients = _patients(frame)
    all_days = [d for _, days in patients.values() for d in days]
    firsts = [days[0] for _, days in patients.values() if days]
    days = all_days if reading == "all_relapses" else firsts
    infusions = [inf for inf, _ in patients.values()]
    return {
        "patients": len(patients),
        "relapses": len(all_days),
        "relapse_median": float(statistics.median(days)) if days else None,
        "relapse_min": min(days) if days else None,
        "relapse_max": max(days) if days else None,
        "infusions_median": float(statistics.median(infusions)),
        "infusions_min": min(infusions),
        "infusions_max": max(infusions),
        "patients_relapsed": len(firsts),
    }


def matches_summary(frame: pd.DataFrame, summary: Summary, reading: str = "all_relapses") -> bool:
    """Whether the table reproduces every reported summary number exactly under ``reading``."""
    got = summarise(frame, reading)
    return all(got[name] == getattr(summary, name) for name in SUMMARY_FIELDS)


def satisfies_rules(frame: pd.DataFrame, rules: Rules) -> bool:
    """Whether the table obeys the plausibility rules (relapse timing, gaps, every patient relapsed).

    Checked patient by patient: each relapse is on day 0 or later and no later than
    ``rules.last_relapse_day(infusions)``; consecutive relapses of a patient are at
    least ``rules.min_gap_days`` apart; with ``every_patient_relapsed`` each patient has
    a relapse. (The reading of the median is checked by :func:`matches_summary`.)
    """
    for infusions, days in _patients(frame).values():
        if not days:
            if rules.every_patient_relapsed:
                return False
            continue
        if days[0] < 0 or days[-1] > int(rules.last_relapse_day(infusions)):
            return False
        if any(b - a < rules.min_gap_days for a, b in zip(days, days[1:])):
            return False
    return True


@dataclass(frozen=True)
class TableCheck:
    """A per-patient table compared with the reported summary."""

    comparison: pd.DataFrame  # quantity, reported, all_relapses, first_relapse, match_all, match_first
    km: pd.DataFrame  # analysis.survival.km_table of time to first relapse
    median_first_relapse: float
    median_low: float
    median_high: float
    follows_rules: bool

    @property
    def readings_matching(self) -> list[str]:
        """The readings of the median under which every reported number is reproduced."""
        out = []
        if self.comparison["match_all"].all():
            out.append("all_relapses")
        if self.comparison["match_first"].all():
            out.append("first_relapse")
        return out


def check_table_against_summary(table: pd.DataFrame, summary: Summary, rules: Rules,
                                level: float = 0.95) -> TableCheck:
    """Compare a per-patient table with the reported numbers; Kaplan-Meier time to first relapse.

    The comparison has one row per reported quantity with the value the table gives
    under each reading of the median. Time to first relapse is a Kaplan-Meier estimate
    (:func:`analysis.survival.km_table`); a patient without relapse is censored at the
    end of his or her observation window under the rules
    (``rules.last_relapse_day``). The median and its CI are
    :func:`analysis.stats.survival.km_median_ci` (lifelines; the CI is where the pointwise
    log-log band's upper and lower curves cross 0.5, as in Klein JP, Moeschberger ML. Survival
    Analysis: Techniques for Censored and Truncated Data, 2nd ed. Springer 2003, section 4.5);
    an unreached bound is ``inf``.
    """
    lvl = _validate.level(level)
    by_reading = {r: summarise(table, r) for r in READINGS}
    reported = summary.as_dict()
    comparison = pd.DataFrame({
        "quantity": list(SUMMARY_FIELDS),
        "reported": [reported[q] for q in SUMMARY_FIELDS],
        "all_relapses": [by_reading["all_relapses"][q] for q in SUMMARY_FIELDS],
        "first_relapse": [by_reading["first_relapse"][q] for q in SUMMARY_FIELDS],
    })
    comparison["match_all"] = comparison["all_relapses"] == comparison["reported"]
    comparison["match_first"] = comparison["first_relapse"] == comparison["reported"]
    patients = _patients(table).values()
    durations = [days[0] if days else rules.last_relapse_day(infusions) for infusions, days in patients]
    events = [1 if days else 0 for _, days in patients]
    median, low, high = survival.km_median_ci(durations, events, level=lvl)
    return TableCheck(comparison=comparison, km=survival.km_table(durations, events, level=lvl),
                      median_first_relapse=median, median_low=low, median_high=high,
                      follows_rules=satisfies_rules(table, rules))


# --- sampling whole datasets ---------------------------------------------------------------------

@dataclass(frozen=True)
class Worlds:
    """A batch of reconstructed datasets (not study data), all of the same shape.

    ``infusions[w, p]``: infusions of patient ``p`` in world ``w``; ``relapse_day[w, k]``
    and ``relapse_patient[w, k]`` (0-based): the ``k``-th relapse of world ``w``, ordered
    by patient then day.
    """

    infusions: np.ndarray
    relapse_day: np.ndarray
    relapse_patient: np.ndarray

    def __len__(self) -> int:
        return int(self.infusions.shape[0])

    def frame(self, world: int) -> pd.DataFrame:
        """One world as a per-patient table (columns ``patient, infusions, relapse_day``).

        Patients are labelled ``P1``, ``P2``, ... in order of their infusions, then
        their first relapse; a patient without relapse has one row with an empty day.
        """
        inf = self.infusions[world]
        days = self.relapse_day[world]
        owner = self.relapse_patient[world]
        first = np.array([days[owner == p].min() if np.any(owner == p) else _KEY for p in range(inf.size)])
        order = np.lexsort((first, inf))
        patient, infusions, relapse_day = [], [], []
        for label, p in enumerate(order, start=1):
            mine = np.sort(days[owner == p]).tolist()
            for day in mine or [None]:
                patient.append(f"P{label}")
                infusions.append(int(inf[p]))
                relapse_day.append(day)
        return pd.DataFrame({"patient": patient, "infusions": infusions,
                             "relapse_day": pd.array(relapse_day, dtype="Int64")})

    def rechecked(self, summary: Summary, rules: Rules, count: int) -> bool:
        """Whether each of the first ``count`` worlds, as a per-patient table (:meth:`frame`),
        reproduces ``summary`` under ``rules.median_reading`` and obeys ``rules``.

        These are the checks a per-patient table from a paper would get
        (:func:`matches_summary`, :func:`satisfies_rules`), made on the table rather than
        on the sampler's arrays: they confirm the sampler independently of how it works.
        """
        for world in range(min(len(self), _validate.count("count", count))):
            table = self.frame(world)
            if not (matches_summary(table, summary, rules.median_reading) and satisfies_rules(table, rules)):
                return False
        return True

    def relapses_before(self, day: int) -> np.ndarray:
        """Number of relapses strictly before ``day`` in each world."""
        return (self.relapse_day < day).sum(axis=1)

    def counts_by_day(self, grid) -> np.ndarray:
        """``(worlds, len(grid))`` counts of relapses at or before each day of ``grid``."""
        days = np.asarray(grid)
        return (self.relapse_day[:, :, None] <= days[None, None, :]).sum(axis=1)


def feasible_relapsing_patients(summary: Summary, rules: Rules) -> list[int]:
    """How many patients can have relapsed, given the reading of the median and the rules.

    Under ``"first_relapse"`` the median and range describe the first relapses of the
    relapsing patients, so their number ``r`` must allow that summary
    (:func:`analysis.order_statistics.median_range_feasible`); under either reading
    ``1 <= r <= min(patients, relapses)``, and ``r = patients`` when every patient relapsed.
    """
    if rules.every_patient_relapsed:
        candidates = [summary.patients] if 1 <= summary.patients <= summary.relapses else []
    else:
        candidates = list(range(1, min(summary.patients, summary.relapses) + 1))
    if rules.median_reading == "first_relapse":
        candidates = [r for r in candidates if order_statistics.median_range_feasible(
            r, summary.relapse_median, summary.relapse_min, summary.relapse_max)]
    return candidates


def _draw_all_relapses(summary: Summary, size: int, rng: np.random.Generator):
    days = order_statistics.sample_sorted(summary.relapses, summary.relapse_median, summary.relapse_min,
                                          summary.relapse_max, size, rng)
    owner = rng.integers(summary.patients, size=(size, summary.relapses))
    return days, owner


def _draw_first_relapse(summary: Summary, rules: Rules, infusions: np.ndarray, rng: np.random.Generator,
                        choices: list[int]):
    size = infusions.shape[0]
    n_patients, n_relapses, gap = summary.patients, summary.relapses, rules.min_gap_days
    r_of_row = rng.choice(np.array(choices), size=size)
    days = np.empty((size, n_relapses), dtype=np.int64)
    owner = np.empty((size, n_relapses), dtype=np.int64)
    for r in choices:
        rows = np.flatnonzero(r_of_row == r)  # may be empty: then nothing below draws a random number
        perm = rng.permuted(np.tile(np.arange(n_patients), (rows.size, 1)), axis=1)
        firsts = order_statistics.sample_sorted(r, summary.relapse_median, summary.relapse_min,
                                                summary.relapse_max, rows.size, rng)
        extra = n_relapses - r
        pick = rng.integers(r, size=(rows.size, extra))
        extra_owner = np.take_along_axis(perm, pick, axis=1)
        # Each extra relapse: a day uniform over its patient's window, from the gap after the
        # patient's first relapse to the last day a relapse may count for that patient. Without room
        # (low > high) the day is low, after the patient's last day, and _rule_mask rejects the draw.
        low = np.take_along_axis(firsts, pick, axis=1) + gap
        high = rules.last_relapse_day(np.take_along_axis(infusions[rows], extra_owner, axis=1))
        extra_day = rng.integers(low, np.maximum(high, low) + 1)
        days[rows] = np.concatenate([firsts, extra_day], axis=1)
        owner[rows] = np.concatenate([perm[:, :r], extra_owner], axis=1)
    return days, owner


def _rule_mask(infusions, days, owner, rules: Rules, n_patients: int) -> np.ndarray:
    """Vectorised :func:`satisfies_rules` for a batch (rows sorted by patient, then day)."""
    cap = rules.last_relapse_day(np.take_along_axis(infusions, owner, axis=1))
    ok = np.all((days >= 0) & (days <= cap), axis=1)
    same = owner[:, 1:] == owner[:, :-1]
    ok &= np.all(~same | (np.diff(days) >= rules.min_gap_days), axis=1)
    if rules.every_patient_relapsed:
        ok &= np.all((owner[:, :, None] == np.arange(n_patients)[None, None, :]).any(axis=1), axis=1)
    return ok


def sample_worlds(summary: Summary, rules: Rules, n_worlds: int, seed: int,
                  batch_size: int = 8192, max_batches: int = 400) -> Worlds:
    """Draw ``n_worlds`` datasets that reproduce ``summary`` exactly and obey ``rules``.

    One draw: infusion counts per patient (a sorted sample with the reported median and
    range from :func:`analysis.order_statistics.sample_sorted`, shuffled over patients);
    relapse days and owners under the reading of the median --

    * ``"all_relapses"``: all relapse days as a sorted sample with the reported median
      and range, each relapse given to a patient uniformly at random;
    * ``"first_relapse"``: the number ``r`` of relapsing patients uniform over
      :func:`feasible_relapsing_patients`, ``r`` random patients get first-relapse days
      (a sorted sample with the reported median and range, in random order), and each
      of the other relapses goes to a random relapsing patient on a day uniform over
      that patient's window (``min_gap_days`` after the first relapse to
      ``rules.last_relapse_day``).

    A draw is kept only if it obeys every rule (:class:`Rules`), so the kept draws are
    an exact sample of this prior conditioned on the rules (rejection sampling; von
    Neumann 1951). Everything is done on numpy batches of ``batch_size`` draws from
    ``numpy.random.default_rng(seed)``: the result depends only on the arguments.

    Bounded before any draw (``SIZE_BOUNDS``): ``n_worlds`` at most ``batch_size *
    max_batches`` (no run can keep more), at most 50,000,000 values drawn in all
    (``batch_size * max_batches * (patients + relapses)``) and 50,000,000 relapse-patient
    pairs per batch. Raises ``ValueError`` if the summary is infeasible, if no draw is
    accepted within ``max_batches`` batches (the rules leave no room), or if fewer than
    ``n_worlds`` are (the batch limit: raise ``max_batches``).
    """
    wanted = _validate.positive_count("n_worlds", n_worlds)  # 0: nothing drawn, then "no dataset obeys the rules"
    batch = _validate.positive_count("batch_size", batch_size)
    batches = _validate.positive_count("max_batches", max_batches)
    if wanted > batch * batches:
        raise ValueError(f"n_worlds must be at most batch_size * max_batches = {batch} * {batches} = "
                         f"{batch * batches} (got {_validate.shown(wanted)}): each batch keeps at most batch_size "
                         "draws; raise max_batches or batch_size")
    patients = _validate.positive_count("summary.patients", summary.patients)
    relapses = _validate.count("summary.relapses", summary.relapses)
    _validate.at_most("sample_worlds.draws", batch * batches * (patients + relapses))
    _validate.at_most("sample_worlds.batch", batch * patients * relapses)
    if not order_statistics.median_range_feasible(summary.patients, summary.infusions_median,
                                                  summary.infusions_min, summary.infusions_max):
        raise ValueError(f"no {summary.patients} infusion counts have median {summary.infusions_median}, "
                         f"minimum {summary.infusions_min} and maximum {summary.infusions_max}")
    if rules.median_reading == "all_relapses" and not order_statistics.median_range_feasible(
            summary.relapses, summary.relapse_median, summary.relapse_min, summary.relapse_max):
        raise ValueError("no relapse days have the reported median, minimum and maximum")
    choices = feasible_relapsing_patients(summary, rules)
    if not choices:
        raise ValueError("no number of relapsing patients fits the summary under these rules")
    rng = np.random.default_rng(_validate.count("seed", seed))
    kept_inf, kept_days, kept_owner, total = [], [], [], 0
    for _ in range(batches):
        if total >= wanted:
            break
        infusions = order_statistics.sample_sorted(summary.patients, summary.infusions_median,
                                                   summary.infusions_min, summary.infusions_max, batch, rng)
        infusions = rng.permuted(infusions, axis=1)
        if rules.median_reading == "all_relapses":
            days, owner = _draw_all_relapses(summary, batch, rng)
        else:
            days, owner = _draw_first_relapse(summary, rules, infusions, rng, choices)
        # Along each row; equal keys are equal (patient, day) pairs, so the sort need not be stable.
        order = np.argsort(owner * _KEY + days)
        days = np.take_along_axis(days, order, axis=1)
        owner = np.take_along_axis(owner, order, axis=1)
        ok = _rule_mask(infusions, days, owner, rules, summary.patients)
        kept_inf.append(infusions[ok])
        kept_days.append(days[ok])
        kept_owner.append(owner[ok])
        total += int(ok.sum())
    if total == 0:
        raise ValueError(f"no dataset of {batches * batch} drawn ({batches} batches of {batch}) obeys the rules: "
                         "the rules leave (almost) no room")
    if total < wanted:
        raise ValueError(f"only {total} of {wanted} datasets accepted in {batches} batches of {batch}: "
                         f"the batch limit was reached; raise max_batches (about "
                         f"{-(-wanted * batches // total)} batches at this acceptance rate)")
    return Worlds(infusions=np.concatenate(kept_inf)[:wanted], relapse_day=np.concatenate(kept_days)[:wanted],
                  relapse_patient=np.concatenate(kept_owner)[:wanted])
