"""One reading of a printed ratio, its CI, its p and its SE at once: the Wald readings, exactly.

A printed ``E (L to U)`` stands for every true ``(E, L, U)`` in the box of its rounding intervals
(``consistency.printed_interval``; Brown & Heathers, Soc Psychol Personal Sci 2017;8:363-369). A
model-based ratio CI is ``exp(ln E -/+ z SE)`` (Altman DG, Bland JM. How to obtain the P value from a
confidence interval. BMJ 2011;343:d2304), so a *Wald reading* is a point of that box with
``ln E = (ln L + ln U) / 2``; its ``SE = (ln U - ln L) / (2 z)`` and its Wald p is
``2 (1 - Phi(|ln E| / SE))``. Checking the CI, the p and the SE one pair at a time lets each pair use
a different rounding; here all of them must hold in the same reading.

In the coordinates ``l = ln L``, ``u = ln U`` every condition is a half-plane: the rounding of ``L``
and ``U``; the estimate's rounding ``2 ln E_low <= l + u <= 2 ln E_high``; an SE window
``2 z s_low <= u - l <= 2 z s_high``; and a window ``[z_low, z_high]`` of the Wald statistic
``z |l + u| / (u - l)``, which on either side of ``l + u = 0`` is linear:
``z_low (u - l) <= z s (l + u) <= z_high (u - l)`` with ``s`` the sign. The Wald readings are
therefore a convex polygon (one per sign), found by clipping a rectangle with each half-plane
(Sutherland IE, Hodgeman GW. Reentrant polygon clipping. Commun ACM 1974;17:32-42). The SE is linear
and the Wald statistic linear-fractional with a positive denominator, so both take their extremes
at the polygon's vertices (Boyd S, Vandenberghe L. Convex Optimization, 2004, section 3.4), which
makes every range here exact, not a grid search.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import special

from analysis.stats import _validate
from analysis.stats.consistency import printed_interval

Point = tuple[float, float]
# A half-plane a l + b u <= c.
HalfPlane = tuple[float, float, float]
# Slack of a half-plane, relative to the scale of its coordinates: the corners of a reading that
# touches a rounding boundary exactly must not be lost to floating-point error.
_SLACK = 1e-12


# scipy.stats.norm's isf and sf are exactly ``-ndtri(q)`` and ``ndtr(-x)`` (its _norm_isf and _norm_sf, then
# ``* 1 + 0``, which only turns -0.0 into 0.0): the ufuncs give the same floats without the generic distribution's
# argument handling on every call, which dominated the audit of a file of many ratios.
def _norm_isf(q: float) -> float:
    return 0.0 - special.ndtri(q)


def _norm_sf(x: float) -> float:
    return special.ndtr(-x)


@dataclass(frozen=True)
class WaldReadings:
    """The Wald readings of a printed ratio with its CI (optionally also with a p and an SE window).

    ``exists`` says whether any reading satisfies every condition given; when it does, ``se_min``/``se_max``
    bound the SE of the log ratio and ``p_min``/``p_max`` the Wald p over those readings, and
    ``estimate_min``/``estimate_max``, ``low_min``.. ``high_max`` the ratio and bounds that print as
    given in them. All are ``nan`` when no reading exists.
    """

    exists: bool
    se_min: float
    se_max: float
    p_min: float
    p_max: float
    estimate_min: float
    estimate_max: float
    low_min: float
    low_max: float
    high_min: float
    high_max: float


def _clip(polygon: list[Point], plane: HalfPlane) -> list[Point]:
    """The part of a convex polygon (vertices in order) in ``a l + b u <= c`` (Sutherland-Hodgman)."""
    a, b, c = plane
    scale = max(1.0, abs(c), *(abs(x) + abs(y) for x, y in polygon))
    limit = c + _SLACK * scale

    def inside(point: Point) -> bool:
        return a * point[0] + b * point[1] <= limit

    out: list[Point] = []
    for i, current in enumerate(polygon):
        previous = polygon[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(_crossing(previous, current, plane))
            out.append(current)
        elif inside(previous):
            out.append(_crossing(previous, current, plane))
    return out


def _crossing(p: Point, q: Point, plane: HalfPlane) -> Point:
    a, b, c = plane
    fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
    t = fp / (fp - fq)
    return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])


def _log_interval(name: str, value: float, decimals: int) -> tuple[float, float]:
    low, high = printed_interval(value, decimals, name=name)
    if low <= 0:
        raise ValueError(f"{name} printed as {value} at {decimals} decimals may be 0: no log-scale reading")
    return math.log(low), math.log(high)


def _wald_z(point: Point, z: float) -> float:
    low, high = point
    width = high - low
    if width <= 0:  # L = U: never both 1, as L's rounding interval lies below U's and touches it at a half-step
        return math.inf
    return z * abs(low + high) / width


def wald_readings(estimate: float, low: float, high: float, decimals: int, *, ci_decimals: int | None = None,
                  p: tuple[float, float] | None = None, se: tuple[float, float] | None = None,
                  level: float = 0.95) -> WaldReadings:
    """The Wald readings of a printed ratio ``estimate (low to high)``, exactly (see the module docstring).

    ``decimals`` is the estimate's, ``ci_decimals`` the bounds' (default: the same). ``p``, a closed window
    ``(p_low, p_high)`` in [0, 1] of true p values the printed p allows, keeps only the readings whose
    Wald p lies in it; ``se``, a window ``(se_low, se_high)`` with ``0 <= se_low <= se_high`` (``math.inf``
    allowed), only those whose SE of the log ratio lies in it. ``level`` is the CI's level.
    The printed numbers must be positive with ``low < high`` (the error names the argument).
    """
    d = _validate.count("decimals", decimals)
    d_ci = d if ci_decimals is None else _validate.count("ci_decimals", ci_decimals)
    z = _norm_isf((1 - _validate.level(level)) / 2)
    _validate.ratio_bounds(low, high)
    box = (_log_interval("estimate", estimate, d), _log_interval("low", low, d_ci), _log_interval("high", high, d_ci))
    return _readings(box, z, p, se, math.exp)


def difference_wald_readings(estimate: float, low: float, high: float, decimals: int, *,
                             ci_decimals: int | None = None, p: tuple[float, float] | None = None,
                             level: float = 0.95) -> WaldReadings:
    """The Wald readings of a printed difference ``estimate (low to high)`` on its own scale, exactly.

    A Wald CI of a difference (of means, of proportions, a change from baseline) is ``E -/+ z SE`` (Altman DG,
    Bland JM. How to obtain the P value from a confidence interval. BMJ 2011;343:d2304), so a reading is a point
    of the rounding box with ``E = (L + U) / 2``, ``SE = (U - L) / (2 z)`` and Wald p ``2 (1 - Phi(|E| / SE))``:
    the polygon of the module docstring in the coordinates ``l = L``, ``u = U`` instead of their logs. The
    arguments are those of :func:`wald_readings` (no SE window); any sign is allowed, with ``low <= high`` (a CI
    printed as a point, "1.0 (1.0 to 1.0)", has readings of width 0: SE 0, Wald p 0).
    """
    d = _validate.count("decimals", decimals)
    d_ci = d if ci_decimals is None else _validate.count("ci_decimals", ci_decimals)
    z = _norm_isf((1 - _validate.level(level)) / 2)
    box = (printed_interval(estimate, d, name="estimate"), printed_interval(low, d_ci, name="low"),
           printed_interval(high, d_ci, name="high"))
    if low > high:
        raise ValueError(f"low must not be above high, got low={low!r}, high={high!r}")
    return _readings(box, z, p, None, lambda x: x)


def _readings(box: tuple[tuple[float, float], ...], z: float, p: tuple[float, float] | None,
              se: tuple[float, float] | None, back) -> WaldReadings:
    """The readings of the rounding ``box`` (estimate, low and high intervals in the coordinates of the Wald CI,
    the log scale of a ratio or a difference's own), clipped by the p and SE windows; ``back`` maps those
    coordinates to the printed scale."""
    (e_low, e_high), (l_low, l_high), (u_low, u_high) = box
    # The estimate's rounding. l <= u needs no half-plane: L's rounding interval lies below U's, or, for bounds
    # printed alike, a reading with l > u has a width below 0, taken as SE 0 and Wald p 0, as at l = u.
    planes: list[HalfPlane] = [(1, 1, 2 * e_high), (-1, -1, -2 * e_low)]
    if se is not None:
        se_low, se_high = (float(x) for x in se)
        if not 0 <= se_low <= se_high:
            raise ValueError(f"se must be a window (low, high) with 0 <= low <= high, got {se!r}")
        planes.append((1, -1, -2 * z * se_low))
        if math.isfinite(se_high):
            planes.append((-1, 1, 2 * z * se_high))
    z_low, z_high = 0.0, math.inf
    if p is not None:
        p_low, p_high = _validate.interval("p", p, _validate.probability)
        # isf(1 / 2) is exactly 0 and isf(0) infinite: a window reaching 1 or 0 leaves that side open
        z_low, z_high = float(_norm_isf(p_high / 2)), float(_norm_isf(p_low / 2))
    vertices: list[Point] = []
    for sign in (-1, 1):
        # z_low (u - l) <= z s (l + u) <= z_high (u - l); the first also keeps s (l + u) >= 0, as u - l >= 0
        side = [(-z * sign - z_low, -z * sign + z_low, 0.0)]
        if math.isfinite(z_high):
            side.append((z * sign + z_high, z * sign - z_high, 0.0))
        polygon = [(l_low, u_low), (l_high, u_low), (l_high, u_high), (l_low, u_high)]
        for plane in [*planes, *side]:
            polygon = _clip(polygon, plane)
            if not polygon:
                break
        vertices.extend(polygon)
    if not vertices:
        nan = math.nan
        return WaldReadings(False, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan)
    ses = [(high - low) / (2 * z) for low, high in vertices]
    ps = [float(2 * _norm_sf(_wald_z(v, z))) for v in vertices]
    sums = [low + high for low, high in vertices]
    # A reading on l + u = 0 (estimate 1, or a difference of 0) has Wald p 1: reached when both signs hold
    # readings, unless the p window stops short of 1 (then each sign's readings stay off the line).
    if z_low == 0 and min(sums) <= 0 <= max(sums):
        ps.append(1.0)
    centres = [back(total / 2) for total in sums]
    lows = [back(low) for low, _ in vertices]
    highs = [back(high) for _, high in vertices]
    return WaldReadings(True, max(float(min(ses)), 0.0), float(max(ses)), min(ps), max(ps), min(centres), max(centres),
                        min(lows), max(lows), min(highs), max(highs))


def events_log_ratio_se(events_a: int, events_b: int) -> float:
    """SE of a log rate or hazard ratio from the events of its two arms, ``sqrt(1/d_a + 1/d_b)``.

    Exact for the Wald SE of a log Poisson rate ratio; for a hazard ratio it is the log-rank
    approximation (Peto R, Pike MC, et al. Br J Cancer 1977;35:1-39; Parmar MKB, Torri V, Stewart L.
    Stat Med 1998;17:2815-2834), close to the Cox SE when the arms' risk sets stay comparable.
    """
    a = _validate.positive_count("events_a", events_a)
    b = _validate.positive_count("events_b", events_b)
    return math.sqrt(1 / a + 1 / b)
