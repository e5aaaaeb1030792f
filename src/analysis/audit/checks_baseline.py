"""The baseline table of a randomised trial: ``baseline_carlisle`` (Carlisle, Anaesthesia 2017;72:944-952).

A values file says "this mean, SD and n are arm A's value of variable X" with ``role`` ``baseline``: the arm's
``mean`` and ``sd`` rows share ``of`` (the variable, the same in every arm) and ``denominator`` (the arm's n, a
``count`` row); the schema refuses a variable without exactly one mean and one SD per arm or with fewer than two
arms (``data/README.md``).

One derived row per file (one trial), keyed on its first baseline mean: each variable's p for the difference
between its arms from the printed means, SDs and ns (Student's t-test for two arms, one-way ANOVA for more;
:func:`analysis.stats.baseline_p`), with its exact range over the rounding of the printed means and SDs
(:func:`analysis.stats.baseline_p_range`), and the variables' p values combined by Stouffer's method
(:func:`analysis.stats.stouffer_combined_p`), at the printed values and over the rounding (the combination rises
with every p, so its range is the combination of the lows to that of the highs). Under randomisation the combined
p is uniform; near 0 the arms differ more than chance gives, near 1 their means are more alike than chance gives.
Carlisle counted trials within 0.05 of 0 or of 1 (15.2 % of 5015 unretracted trials against 10 % expected, in his
summary) as a property of a literature; his threshold for calling one trial extreme could not be read in any
reachable source, so the threshold here is this audit's choice, and a conservative one: the row is
``inconsistent`` only when every reading over the rounding has a combined p below ``EXTREME`` (1 in 10,000) or
every reading one above ``1 - EXTREME``; otherwise ``derived``. The finding states the choice and the method's
caveats. Categorical baseline variables (counts and percents per arm) are not combined: Carlisle's 2017 analysis
used continuous variables, and combining binomial p values as if they were continuous misstates the result by
orders of magnitude (arXiv:2209.00131, "On the incorrect use of Carlisle's method for dichotomous variables").
"""

from __future__ import annotations

from analysis.audit._context import Context, Printed
from analysis.stats import at_most, baseline_p, baseline_p_range, stouffer_combined_p

# A combined p beyond 1 in 10,000 on either side, for every reading over the rounding, is flagged (this audit's
# choice; see the module docstring).
EXTREME = 1e-4

CAVEATS = ("Caveats: Stouffer's combination assumes independent, roughly normal variables in a simply randomised "
           "trial. Correlated variables (height and weight, one measure at two times), skewed variables summarised "
           "by mean and SD, stratified or minimised randomisation (which balances its variables and pushes p towards "
           "1), and variables reported because they looked imbalanced all move the combined p without any "
           "misconduct; a flag asks for the trial's data, it proves nothing.")


def _arms_of(ctx: Context) -> dict[str, dict[str, dict[str, Printed]]]:
    """Baseline variable -> arm (its n's quantity) -> ``mean``/``sd``, in file order."""
    variables: dict[str, dict[str, dict[str, Printed]]] = {}
    for row in ctx.rows.values():
        if row.role == "baseline" and row.statistic in ("mean", "sd"):
            variables.setdefault(row.of, {}).setdefault(row.denominator, {})[row.statistic] = row
    return variables


def _p_text(p: float) -> str:
    """A p for the finding: 3 significant digits, or its distance from 1 when it is within 0.01 of 1."""
    return f"{p:.3g}" if p < 0.99 or p == 1.0 else f"1 - {1 - p:.2g}"


def _test_name(arm_counts: set[int]) -> str:
    if arm_counts == {2}:
        return "Student's t-test"
    if 2 not in arm_counts:
        return "one-way ANOVA"
    return "Student's t-test for two arms, one-way ANOVA for more"


def baseline_checks(ctx: Context) -> None:
    variables = _arms_of(ctx)
    if not variables:
        return
    used = [row for arms in variables.values() for arm in arms.values() for row in arm.values()]
    counts = [ctx.get(name) for arms in variables.values() for name in arms]
    used += [row for row in dict.fromkeys(counts) if row is not None]
    tested = next(row for row in used if row.statistic == "mean")
    try:  # the combination's bound on the variables, checked before any variable's p is computed
        at_most("baseline.variables", len(variables), "p_values")
    except ValueError as err:
        ctx.not_recomputable("baseline_carlisle", tested, used, str(err), "derived")
        return
    at, lows, highs, shown = [], [], [], []
    for variable, arms in variables.items():
        sizes = [ctx.get(name) for name in arms]
        if any(size is None or size.statistic != "count" for size in sizes) or \
                any(set(arm) != {"mean", "sd"} for arm in arms.values()):
            ctx.not_recomputable("baseline_carlisle", tested, used, f"baseline variable {variable} lacks a mean, an sd "
                                 "or a count n in some arm", "derived")
            return
        means = [arm["mean"] for arm in arms.values()]
        sds = [arm["sd"] for arm in arms.values()]
        ns = [int(size.value) for size in sizes]
        try:
            p = baseline_p([m.value for m in means], [s.value for s in sds], ns)
            low, high = baseline_p_range([m.interval() for m in means], [s.interval() for s in sds], ns)
        except ValueError as err:
            ctx.not_recomputable("baseline_carlisle", tested, used, f"baseline variable {variable}: {err}", "derived")
            return
        at.append(p)
        lows.append(low)
        highs.append(high)
        shown.append(f"{variable} {_p_text(p)} ({_p_text(low)} to {_p_text(high)})")
    try:
        combined, low, high = (stouffer_combined_p(values) for values in (at, lows, highs))
    except ValueError as err:
        ctx.not_recomputable("baseline_carlisle", tested, used, str(err), "derived")
        return
    arm_counts = {len(arms) for arms in variables.values()}
    if high < EXTREME:
        verdict = f"every reading is below {EXTREME:g}: the arms differ more than randomisation gives (flagged)"
    elif low > 1 - EXTREME:
        verdict = (f"every reading is above {1 - EXTREME:g}: the arms' means are more alike than randomisation "
                   "gives (flagged)")
    elif combined < EXTREME or combined > 1 - EXTREME:
        verdict = (f"the printed values' combined p is beyond {EXTREME:g} (or {1 - EXTREME:g}), but some reading "
                   "within the rounding is not, so it is not flagged")
    else:
        verdict = f"within {EXTREME:g} and {1 - EXTREME:g} over the rounding, so not flagged"
    flagged = high < EXTREME or low > 1 - EXTREME
    ctx.add("baseline_carlisle", tested, used,
            f"Baseline table of {len(variables)} variable(s) in {'/'.join(map(str, sorted(arm_counts)))} arms "
            f"(Carlisle 2017): each variable's p for the difference between arms from the printed means, SDs and ns "
            f"({_test_name(arm_counts)}), with its range over their rounding: {'; '.join(shown)}. Stouffer's "
            f"combination of these p values: {_p_text(combined)} ({_p_text(low)} to {_p_text(high)} over the "
            f"rounding); "
            f"{verdict}. The thresholds (a combined p below {EXTREME:g} or above {1 - EXTREME:g} for every "
            f"reading) are this audit's choice: Carlisle's own for one trial could not be read. {CAVEATS}",
            "consistency" if flagged else "derived", "inconsistent" if flagged else "derived",
            recomputed=combined, low=low, high=high, interval="rounding")
