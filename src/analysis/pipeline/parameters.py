"""Typed notebook parameters for ``analysis run NB -p NAME VALUE``.

The notebook's ``parameters`` cell is parsed (never executed) with :mod:`ast`; each
``NAME = default`` gives the parameter's type, and a value given on the command line is
read as that type before any cell runs:

* a number default (``0.95``, ``2012``): a number (a whole number if the default is one);
* a boolean default: ``True`` or ``False`` (also ``true``/``false``, ``yes``/``no``, ``1``/``0``);
* a string default: the text as given (quotes around it are taken off);
* a list or tuple default: a comma-separated list (``regular,any``, or ``regular`` for a
  one-element list) or a Python literal (``['regular', 'any']``), each element read as the
  type of the default's elements;
* a default that is no literal (``list(range(1, 61))``) or ``None``: a Python literal,
  else the text.

What values are *allowed* (a level between 0 and 1, names of contrasts, bounds on sizes, ...)
is declared once per study, as the pydantic model ``Parameters`` of its study module
(:mod:`analysis.studies.parameters`). :func:`check_study` checks the values read here against
that model, in this process, before any kernel starts; the notebook's set-up cell checks the
same model through the study's ``check_parameters``.
"""

from __future__ import annotations

import ast
import importlib
import math
import re
from dataclasses import dataclass


class ParameterError(ValueError):
    """A value that cannot be read as its parameter's type, or an unknown parameter."""


@dataclass(frozen=True)
class Parameter:
    name: str
    default: object  # the literal default, or ``_NOT_LITERAL``
    source: str  # the default as written in the cell

    @property
    def kind(self) -> str:
        return _kind(self.default)


_NOT_LITERAL = object()


def _kind(value) -> str:
    if value is _NOT_LITERAL or value is None:
        return "literal"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list | tuple):
        return "list"
    return "literal"


def _element_kind(default) -> str:
    kinds = {_kind(v) for v in default}
    if kinds == {"int"}:
        return "int"
    if kinds and kinds <= {"int", "float"}:
        return "float"
    if len(kinds) == 1 and next(iter(kinds)) in ("str", "bool"):
        return next(iter(kinds))
    return "literal"


def parse_cell(source: str) -> dict[str, Parameter]:
    """``{name: Parameter}`` for every top-level ``name = default`` of a parameters cell."""
    tree = ast.parse(source)
    found = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) and node.value is not None else []
        for target in targets:
            if isinstance(target, ast.Name):
                try:
                    default = ast.literal_eval(node.value)
                except ValueError:
                    default = _NOT_LITERAL
                if isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) in ("list", "tuple"):
                    default = list(default) if default is not _NOT_LITERAL else default
                    source_kind = "list"
                else:
                    source_kind = None
                parameter = Parameter(target.id, default, ast.get_source_segment(source, node.value) or "")
                found[target.id] = parameter if source_kind is None else _ListOfAnything(
                    target.id, default, parameter.source)
    return found


class _ListOfAnything(Parameter):
    """A default written as ``list(...)``: a list whose elements are any literal."""

    @property
    def kind(self) -> str:
        return "list"


_DESCRIPTIONS = {
    "int": "a whole number", "float": "a number", "bool": "True or False", "str": "a text",
    "literal": "a Python literal",
}
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


def _scalar(text: str, kind: str):
    """``text`` read as ``kind``; ``ValueError`` when it cannot be."""
    text = text.strip()
    if kind == "int":
        return int(text)
    if kind == "float":
        number = float(text)
        if math.isnan(number):
            raise ValueError(text)
        return int(text) if text.lstrip("+-").isdigit() else number
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(text)
    if kind == "str":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        return value if isinstance(value, str) else text
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def expected(parameter: Parameter) -> str:
    """What a value of ``parameter`` must look like, in words, with its default."""
    kind = parameter.kind
    if kind == "list":
        element = _element_kind(parameter.default) if parameter.default is not _NOT_LITERAL else "literal"
        what = "a comma-separated list" + ("" if element == "literal" else
                                            f" of {_DESCRIPTIONS[element].removeprefix('a ')}s")
    else:
        what = _DESCRIPTIONS[kind]
    return f"{what} (default {parameter.source})"


def read(parameter: Parameter, text: str):
    """``text`` (from the command line) read as the type of ``parameter``'s default.

    Raises :class:`ParameterError` saying which parameter, what it got and what it expected.
    """
    def fail():
        return ParameterError(f"{parameter.name}: expected {expected(parameter)}, got {text!r}")

    kind = parameter.kind
    if kind != "list":
        try:
            return _scalar(text, kind)
        except ValueError:
            raise fail() from None
    element = _element_kind(parameter.default) if parameter.default is not _NOT_LITERAL else "literal"
    stripped = text.strip()
    if stripped.startswith(("[", "(")):
        try:
            items = ast.literal_eval(stripped)
        except (ValueError, SyntaxError):
            raise fail() from None
        if not isinstance(items, list | tuple):
            raise fail()
        items = list(items)
        if element in ("int", "float") and not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in items):
            raise fail()
        if element == "int" and not all(isinstance(v, int) for v in items):
            raise fail()
        if element in ("str", "bool") and not all(_kind(v) == element for v in items):
            raise fail()
        return items
    if not stripped:
        return []
    try:
        return [_scalar(part, element) for part in stripped.split(",")]
    except ValueError:
        raise fail() from None


def read_all(cell_source: str, given: list[tuple[str, str]], notebook: str) -> dict[str, object]:
    """The ``(name, text)`` pairs of the command line read against the parameters cell ``cell_source``.

    Raises :class:`ParameterError` for unknown names (listing the known ones) and for the first
    value that cannot be read.
    """
    known = parse_cell(cell_source) if cell_source else {}
    unknown = sorted({name for name, _ in given} - set(known))
    if unknown:
        raise ParameterError(f"{notebook} has no parameter {', '.join(unknown)}; "
                             f"its parameters cell defines: {', '.join(sorted(known)) or 'nothing'}")
    return {name: read(known[name], text) for name, text in given}


_STUDY_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")


def study_model(metadata) -> type | None:
    """The ``Parameters`` model of the study a notebook's metadata names (``{"analysis": {"study": ID}}``).

    ``None`` for a notebook that names no study, a study id that is not snake_case, or a study
    module that declares no model (a notebook outside the project's studies).
    """
    from analysis.studies.parameters import StudyParameters

    study = (metadata.get("analysis") or {}).get("study")
    if not isinstance(study, str) or not _STUDY_ID.match(study):
        return None
    try:
        module = importlib.import_module(f"analysis.studies.{study}")
    except ModuleNotFoundError as exc:
        if exc.name == f"analysis.studies.{study}":
            return None
        raise
    model = getattr(module, "Parameters", None)
    return model if isinstance(model, type) and issubclass(model, StudyParameters) else None


def check_study(metadata, values: dict[str, object], notebook: str) -> None:
    """``values`` (read by :func:`read_all`) checked against the notebook's study model, defaults for the rest.

    Raises :class:`ParameterError` naming the notebook, the parameter, what is allowed and the value.
    """
    from analysis.studies import parameters as declared

    model = study_model(metadata)
    if model is None:
        return
    try:
        declared.check(model, values)
    except ValueError as exc:
        raise ParameterError(f"{notebook}: {exc}") from None
