"""Narrative with computed numbers in it: the text comes from the computation, never retyped.

A notebook states a computed result in prose through :func:`say`, in a code cell whose
output is the rendered Markdown (the idea of MyST-NB's ``glue`` and Quarto's inline code)::

    prose.say("Anti-CD20's adjusted ARR is about {drop:.0%} lower than NSIS's.",
              drop=1 - arr_ratios.loc["anticd20_vs_nsis", "ratio"])

The template stays readable as text in the notebook; the numbers are formatted at execution
with Python's format mini-language (:meth:`str.format`). The output carries the same text as
``text/markdown`` (rendered in Jupyter and the report) and ``text/plain`` (what nbval compares),
so an edited computation with stale prose fails ``make test`` at that cell, showing both texts.
"""

from __future__ import annotations

import string

MARKDOWN = "text/markdown"


class Prose:
    """Markdown text produced by :func:`say`: displays as Markdown, compares as its text."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def say(template: str, /, **numbers) -> Prose:
    """``template`` with every ``{name:spec}`` field filled from ``numbers`` (:meth:`str.format`).

    Refuses, naming the field, a template field without a value and a value the template does
    not use (a number computed for the text and then left out of it is a sign of stale prose);
    positional fields (``{}``, ``{0}``) are refused because they hide which number goes where.
    """
    if not isinstance(template, str):
        raise TypeError(f"template must be a str, not {type(template).__name__}")
    fields = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is None:
            continue
        root = name.split(".", 1)[0].split("[", 1)[0]
        if not root or root.isdigit():
            raise ValueError(f"template field {{{name}}} must be named, e.g. {{ratio:.2f}}")
        fields.add(root)
    missing = sorted(fields - numbers.keys())
    if missing:
        raise ValueError(f"template field(s) without a value: {', '.join(missing)}")
    unused = sorted(numbers.keys() - fields)
    if unused:
        raise ValueError(f"value(s) not used by the template: {', '.join(unused)}")
    return Prose(template.format(**numbers))
