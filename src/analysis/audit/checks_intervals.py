"""Every printed CI: ``estimate_in_ci``.

* ``estimate_in_ci`` (consistency): a row of any statistic printed with ``ci_low``/``ci_high``: some
  rounding of the three numbers has ``L <= E <= U`` (``consistent``), or none does (``inconsistent``: the
  estimate lies outside its own CI; reversed bounds are refused by the schema). Each number stands for its rounding
  interval, so an estimate printed equal to a bound, or beyond it by less than the rounding allows,
  is consistent. Intervals that only meet at their ends do not count as overlapping: ``0.1 (0.2 to 0.63)`` would
  need E = L = 0.15, one number printed as both 0.1 and 0.2, which no single rounding rule does (ends meet only
  for numbers printed with the same decimals, since their distance is then half a unit of each).
  The bounds are read at ``ci_decimals`` where given (``0.45 (0.2 to 0.9)``: bounds at one
  decimal, so 0.45 lies within 0.15 to 0.95 at the widest). A threshold (``<``/``>``) row has no single
  estimate and is not checked. Every other check of that CI may be not recomputable when this one fails; this
  row says why.
"""

from __future__ import annotations

from analysis.audit._context import Context, Printed


def interval_checks(ctx: Context) -> None:
    for row in ctx.rows.values():
        if row.has_ci and row.exact:
            _estimate_in_ci(ctx, row)


def _estimate_in_ci(ctx: Context, row: Printed) -> None:
    (e_low, e_high), l_low, u_high = row.interval(), row.bound_interval(row.ci_low)[0], \
        row.bound_interval(row.ci_high)[1]
    # With L <= U printed (the schema's rule), some L <= E <= U exists in the box iff L's lowest reading is
    # below E's highest and E's lowest below U's highest; where they are equal, E and the bound would be one
    # number printed two ways.
    inside = l_low < e_high and e_low < u_high
    if inside:
        words = "the estimate lies within its CI in some rounding of the three numbers"
    else:
        side, bound, bound_end, estimate_end = (("below", row.ci_low, l_low, e_high) if e_high <= l_low
                                                else ("above", row.ci_high, u_high, e_low))
        words = f"the estimate lies {side} its own CI in every rounding (nearest bound {row.bound_digits(bound)})"
        if bound_end == estimate_end:
            words += (f"; both would have to be {bound_end:g}, one number printed as both {row.digits()} and "
                      f"{row.bound_digits(bound)}")
        words += ": a transposed digit or a swapped number"
    ctx.add("estimate_in_ci", row, [], f"{row.named()}: {words}", "consistency",
            "consistent" if inside else "inconsistent", reported=row.value, low=row.ci_low, high=row.ci_high,
            interval="bounds")
