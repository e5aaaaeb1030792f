"""Every printed CI: ``estimate_in_ci``.

* ``estimate_in_ci`` (consistency): a row of any statistic printed with ``ci_low``/``ci_high``: some
  rounding of the three numbers has ``L <= E <= U`` (``consistent``), or none does (``inconsistent``: the
  estimate lies outside its own CI; reversed bounds are refused by the schema). Each number stands for its rounding
  interval, so an estimate printed equal to a bound, or beyond it by less than the rounding allows,
  is consistent. The bounds are read at ``ci_decimals`` where given (``0.45 (0.2 to 0.9)``: bounds at one
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
    # at most E's highest and E's lowest at most U's highest.
    inside = l_low <= e_high and e_low <= u_high
    if inside:
        words = "the estimate lies within its CI in some rounding of the three numbers"
    else:
        side, bound = ("below", row.ci_low) if e_high < l_low else ("above", row.ci_high)
        words = (f"the estimate lies {side} its own CI in every rounding (nearest bound {row.bound_digits(bound)}): "
                 "a transposed digit or a swapped number")
    ctx.add("estimate_in_ci", row, [], f"{row.named()}: {words}", "consistency",
            "consistent" if inside else "inconsistent", reported=row.value, low=row.ci_low, high=row.ci_high,
            interval="bounds")
