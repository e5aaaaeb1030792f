"""What every check module shares: the typed rows of one values table, and how a check adds a row.

A check reads printed numbers only through :class:`Printed`, which knows the rounding and the
comparator each number was printed with, so no check can forget either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from analysis.data.schemas import COUNT_UNITS, NOT_SIGNIFICANT, RATE_UNITS
from analysis.findings.ledger import Ledger
from analysis.stats import printed_interval

# Units whose values are whole numbers, so that granularity checks apply (days are taken to be
# counted in whole days, as clinical data record them; the finding says so; a score is whole points per
# participant). A ``measure`` is continuous: no granularity check.
WHOLE_UNITS = [*COUNT_UNITS, "days", "score"]


# Significance level of the decisions a printed p and a printed 95 % CI state (statcheck's default alpha).
ALPHA = 0.05


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value == ""


@dataclass(frozen=True)
class Printed:
    """One row of a values table: a number as printed, with its rounding and comparator."""

    quantity: str
    value: float
    decimals: int
    comparator: str
    unit: str
    statistic: str
    of: str
    denominator: str
    df: str
    ci_low: float | None
    ci_high: float | None
    source: str
    # Decimals of the CI bounds (``ci_decimals``; the estimate's when empty).
    ci_decimals: int = 0
    # A p printed as NS: read as ``> 0.05`` (not significant at 0.05), with no number of its own.
    not_significant: bool = False
    # ``primary``, ``context`` or ``baseline`` (one arm's baseline characteristic: ``of`` the variable, shared by the
    # arms; ``denominator`` the arm's n).
    role: str = ""

    @classmethod
    def from_row(cls, row) -> Printed:
        def text(name):
            value = getattr(row, name, None)
            return "" if _blank(value) else str(value)

        def number(name):
            value = getattr(row, name, None)
            return None if _blank(value) else float(value)

        def bound(name, decimals):
            # A bound printed with more decimals than the CI's ("0.5-1.26" read at 1, the coarser) is read at
            # the CI's decimals, as the row says: 1.3, whose rounding interval holds every value 1.26 can be
            value = getattr(row, name, None)
            if _blank(value):
                return None
            printed = Decimal(str(value))
            if -printed.as_tuple().exponent > decimals:
                printed = printed.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
            return float(printed)

        if text("comparator") == NOT_SIGNIFICANT:
            value, decimals, comparator = ALPHA, 2, ">"
        else:
            value, decimals, comparator = float(row.value), int(row.decimals), text("comparator") or "="
        printed_ci_decimals = number("ci_decimals")
        ci_decimals = decimals if printed_ci_decimals is None else int(printed_ci_decimals)
        return cls(quantity=str(row.quantity), value=value, decimals=decimals, comparator=comparator,
                   unit=text("unit"), statistic=text("statistic") or "value", of=text("of"),
                   denominator=text("denominator"), df=text("df"), ci_low=bound("ci_low", ci_decimals),
                   ci_high=bound("ci_high", ci_decimals), source=text("source"), ci_decimals=ci_decimals,
                   not_significant=text("comparator") == NOT_SIGNIFICANT, role=text("role"))

    @property
    def exact(self) -> bool:
        """Printed with ``=`` (not a threshold such as ``< 0.001``)."""
        return self.comparator == "="

    @property
    def has_ci(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None

    @property
    def whole(self) -> bool:
        """A whole-number quantity printed without decimals (a count, or days)."""
        return self.unit in WHOLE_UNITS and self.decimals == 0

    @property
    def per_patient_year(self) -> int:
        """How many patient-years a rate in this row's unit is per (1, 100 or 1000; 1 for other units)."""
        return RATE_UNITS.get(self.unit, 1)

    def digits(self, value: float | None = None) -> str:
        """``value`` (default: this row's) written with this row's decimals, as printed."""
        return f"{self.value if value is None else value:.{self.decimals}f}"

    def bound_digits(self, bound: float) -> str:
        """A CI bound written with the CI's decimals, as printed."""
        return f"{bound:.{self.ci_decimals}f}"

    def bound_interval(self, bound: float) -> tuple[float, float]:
        """True values behind a printed CI bound: its rounding interval at the CI's decimals."""
        return self._rounding(self.bound_digits(bound), self.ci_decimals)

    def _rounding(self, digits: str, decimals: int) -> tuple[float, float]:
        """``printed_interval(digits, decimals)``, computed once per row and printed string: the checks ask for
        the same few intervals many times. Kept beside the fields (the dataclass is frozen, its fields are not
        touched); a refusal is not kept, so it is raised on each call."""
        memo = self.__dict__.setdefault("_roundings", {})
        if (digits, decimals) not in memo:
            memo[digits, decimals] = printed_interval(digits, decimals)
        return memo[digits, decimals]

    def interval(self, value: float | None = None) -> tuple[float, float]:
        """True values behind the printed number: its rounding interval, or a half-line for ``<``/``>``.

        A count printed with no decimals is exact (whole numbers are not rounded).
        """
        v = self.value if value is None else value
        if value is None and self.comparator == "<":
            return -math.inf, v
        if value is None and self.comparator == ">":
            return v, math.inf
        if self.statistic == "count" and self.decimals == 0:
            return v, v
        return self._rounding(self.digits(v), self.decimals)

    def named(self) -> str:
        """``quantity = printed`` for a finding's text."""
        if self.not_significant:
            return f"{self.quantity} = NS (not significant at 0.05)"
        ci = f" ({self.bound_digits(self.ci_low)} to {self.bound_digits(self.ci_high)})" if self.has_ci else ""
        return f"{self.quantity} {self.comparator} {self.digits()}{ci}"


def p_window(p: Printed) -> tuple[float, float]:
    """True p values a printed p allows: its rounding interval clipped to [0, 1], or ``[0, t)``/``(t, 1]``."""
    low, high = p.interval()
    return max(low, 0.0), min(high, 1.0)


def p_allows(p: Printed, low: float, high: float) -> bool:
    """Whether some p in ``[low, high]`` is one the printed p allows (``<``/``>`` strict)."""
    if p.comparator == "<":
        return low < p.value
    if p.comparator == ">":
        return high > p.value
    window_low, window_high = p_window(p)
    return low <= window_high and window_low <= high


def p_significant(p: Printed) -> bool | None:
    """Whether every true p the printed p allows is below ``ALPHA`` (True), none is (False), or the rounding
    allows both (None): ``< 0.05`` and ``0.04`` are significant, ``0.06`` is not, ``0.05`` (0.045 to 0.055) is open."""
    low, high = p_window(p)
    if high < ALPHA or (p.comparator == "<" and p.value <= ALPHA):
        return True
    return False if low >= ALPHA else None


@dataclass
class Context:
    """The rows of one values table by quantity, the ledger the checks write to, and the level."""

    study: str
    rows: dict[str, Printed]
    level: float
    ledger: Ledger = field(init=False)

    def __post_init__(self):
        self.ledger = Ledger(self.study)
        self.ledger.section("automatic_checks")

    @classmethod
    def of_table(cls, values: pd.DataFrame, study: str, level: float) -> Context:
        rows = {row.quantity: Printed.from_row(row) for row in values.itertuples(index=False)}
        return cls(study, rows, level)

    def with_statistic(self, *statistics: str) -> list[Printed]:
        return [row for row in self.rows.values() if row.statistic in statistics]

    def get(self, quantity: str) -> Printed | None:
        return self.rows.get(quantity) if quantity else None

    def add(self, check: str, tested: Printed, used: list[Printed], finding: str, kind: str, status: str, *,
            part: str = "", **numbers) -> None:
        """One ledger row for ``check`` on ``tested`` (the row whose printed number is tested),
        citing the sources of every row in ``used``; the key is ``<check>__<quantity>[__<part>]``.
        Its ``inputs`` are the quantities of ``tested`` and ``used``; a ``ci`` row's ``level`` is the
        audit's level (every interval the audit derives is at ``Context.level``)."""
        sources: list[str] = []
        inputs: list[str] = []
        for row in [tested, *used]:
            if row.quantity not in inputs:
                inputs.append(row.quantity)
            for sid in row.source.split(";"):
                if sid and sid not in sources:
                    sources.append(sid)
        key = f"{check}__{tested.quantity}" + (f"__{part}" if part else "")
        if tested.not_significant:  # a p printed as NS has no number of its own to report
            numbers.pop("reported", None)
        if numbers.get("interval") == "ci":
            numbers.setdefault("level", self.level)
        self.ledger.add(key, finding, kind, status, source=";".join(sources), quantity=tested.quantity,
                        check=check, inputs=inputs, **numbers)

    def not_recomputable(self, check: str, tested: Printed, used: list[Printed], why: str, kind: str) -> None:
        self.add(check, tested, used, f"{check} on {tested.named()}: not recomputable ({why})", kind,
                 "not_recomputable", reported=tested.value)


# Printed confidence intervals are 95 % intervals (data/README.md, ci_low / ci_high): checks of a printed
# CI use this level; ``Context.level`` is the level of the intervals the audit derives.
PRINTED_CI_LEVEL = 0.95


def level_text(level: float) -> str:
    return f"{100 * level:g}%"
