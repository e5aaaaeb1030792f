"""The report's code pages: the study, statistics and audit modules with line numbers and an
anchor per function, and which function recorded each ledger row.

Everything is read statically with :mod:`ast` (nothing of a study is run):

* a ledger row's ``section`` names the study-module function that calls
  ``findings.section("<id>")``; when two functions start the same section, the one whose string
  literals hold the row's key (or the longest literal start of an f-string the key begins with);
* a row of the audit's automatic checks (a ``check`` name) names the audit function that calls
  ``ctx.add("<check>", ...)``;
* a function's calls into :mod:`analysis.stats` are the calls through names its module imports
  from ``analysis.stats`` (a function, or a module then an attribute), resolved to the module that
  defines the function.

The code is highlighted by pygments' ``HtmlFormatter`` (inline line numbers, each a link to its own
``line-N`` anchor); each function's anchor is its (qualified) name.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # src/analysis
SUBPACKAGES = ("studies", "stats", "audit")  # the modules the report renders, in this order
MAX_MODULES = 200  # files a report renders as code pages; more is refused before any is read
MAX_MODULE_BYTES = 1_000_000  # one module's size; a larger file is refused before it is read
FOLDER = "code"  # the code pages' folder inside the report
SECTION_METHOD = "section"
CHECK_METHOD = "add"
STATS_PACKAGE = "analysis.stats"


@dataclass
class Function:
    """One function (``name`` is ``Class.method`` for a method) of a rendered module."""

    name: str
    line: int
    sections: list[str] = field(default_factory=list)  # ids of findings.section(...) calls
    checks: list[str] = field(default_factory=list)  # first string argument of ctx.add(...) calls
    literals: set[str] = field(default_factory=set)
    fstring_starts: set[str] = field(default_factory=set)
    stats_calls: list[tuple[str, str]] = field(default_factory=list)  # (module, qualified name), first-call order


@dataclass
class Module:
    """One rendered module: its dotted name, source file, code page and functions in file order."""

    name: str
    path: Path
    source: str
    functions: list[Function]

    @property
    def page(self) -> str:
        return f"{FOLDER}/{self.name}.html"

    def function(self, name: str) -> Function | None:
        return next((f for f in self.functions if f.name == name), None)


def module_files(root: Path = PACKAGE_ROOT) -> list[Path]:
    """The ``.py`` files of :data:`SUBPACKAGES` under ``root``, counted before anything is read:
    ``ValueError`` naming ``root`` past :data:`MAX_MODULES` files or a file past :data:`MAX_MODULE_BYTES`."""
    files = []
    for package in SUBPACKAGES:
        for path in sorted((Path(root) / package).glob("*.py")):
            files.append(path)
            if len(files) > MAX_MODULES:
                raise ValueError(f"root must hold at most {MAX_MODULES} modules in {', '.join(SUBPACKAGES)}: "
                                 f"{root} holds more")
    for path in files:
        if path.stat().st_size > MAX_MODULE_BYTES:
            raise ValueError(f"root: {path} is larger than {MAX_MODULE_BYTES} bytes; the report renders no such module")
    return files


def _string(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _stats_bindings(tree: ast.Module) -> dict[str, object]:
    """``{local name: module or function}`` for every name the module imports from :data:`STATS_PACKAGE`."""
    bound: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module == STATS_PACKAGE or node.module.startswith(STATS_PACKAGE + ".")):
            source = importlib.import_module(node.module)
            for alias in node.names:
                target = getattr(source, alias.name, None)
                if target is None:  # a submodule not imported by the package's __init__
                    target = importlib.import_module(f"{node.module}.{alias.name}")
                bound[alias.asname or alias.name] = target
    return bound


def _resolve_call(call: ast.Call, bound: dict[str, object]) -> tuple[str, str] | None:
    """The :data:`STATS_PACKAGE` function ``call`` calls, as (defining module, qualified name)."""
    target = None
    func = call.func
    if isinstance(func, ast.Name):
        target = bound.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = bound.get(func.value.id)
        if inspect.ismodule(owner):
            target = getattr(owner, func.attr, None)
    if target is None or inspect.ismodule(target) or not callable(target):
        return None
    module = getattr(target, "__module__", "") or ""
    if not module.startswith(STATS_PACKAGE):
        return None
    return module, getattr(target, "__qualname__", getattr(target, "__name__", ""))


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str, constants: dict[str, str],
              bound: dict[str, object]) -> Function:
    found = Function(name, node.lineno)
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            found.literals.add(inner.value)
        elif isinstance(inner, ast.JoinedStr) and inner.values:
            start = _string(inner.values[0], {})
            if start:
                found.fstring_starts.add(start)
        if not isinstance(inner, ast.Call):
            continue
        func = inner.func
        if isinstance(func, ast.Attribute) and inner.args:
            text = _string(inner.args[0], constants)
            if text is not None and func.attr == SECTION_METHOD:
                found.sections.append(text)
            elif text is not None and func.attr == CHECK_METHOD and isinstance(func.value, ast.Name) \
                    and func.value.id == "ctx":
                found.checks.append(text)
        call = _resolve_call(inner, bound)
        if call is not None and call not in found.stats_calls:
            found.stats_calls.append(call)
    return found


def read_module(path: Path, name: str) -> Module:
    """Parse one module (never run it) into a :class:`Module` named ``name``."""
    source = Path(path).read_text(encoding="utf-8")
    return Module(name, Path(path), source, list(_functions(source, str(path))))


@lru_cache(maxsize=256)
def _functions(source: str, filename: str) -> tuple[Function, ...]:
    """The functions of ``source`` (kept per source text: parsing every module is a large part of a build)."""
    tree = ast.parse(source, filename=filename)
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}
    bound = _stats_bindings(tree)
    functions = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append(_function(node, node.name, constants, bound))
        elif isinstance(node, ast.ClassDef):
            functions += [_function(item, f"{node.name}.{item.name}", constants, bound) for item in node.body
                          if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return tuple(functions)


def read_modules(root: Path = PACKAGE_ROOT) -> list[Module]:
    """Every module :func:`module_files` lists, named ``analysis.<subpackage>.<file>``."""
    return [read_module(path, f"analysis.{path.parent.name}.{path.stem}") for path in module_files(root)]


def _key_score(function: Function, key: str) -> int:
    if key in function.literals:
        return 1_000_000
    return max((len(start) for start in function.fstring_starts if key.startswith(start)), default=0)


def recorder(modules: list[Module], study: str, section: str, key: str, check: str) -> tuple[Module, Function] | None:
    """The module and function that recorded the ledger row (``study``, ``section``, ``key``, ``check``):
    the audit function adding ``check`` when the row has one, else the function of the study's module
    ``analysis.studies.<study>`` that starts ``section`` (see the module's docstring); ``None`` if none does."""
    if check:
        for module in modules:
            if module.name.startswith("analysis.audit."):
                for function in module.functions:
                    if check in function.checks:
                        return module, function
    study_module = next((m for m in modules if m.name == f"analysis.studies.{study}"), None)
    if study_module is None:
        return None
    candidates = [f for f in study_module.functions if section in f.sections]
    if not candidates:
        return None
    return study_module, max(candidates, key=lambda f: _key_score(f, key))  # max keeps the first of equals


def code_link(modules: list[Module], study: str, section: str, key: str, check: str) -> dict | None:
    """``{"href", "function", "module"}`` of the code that recorded a ledger row, relative to the
    report's folder, or ``None``."""
    found = recorder(modules, study, section, key, check)
    if found is None:
        return None
    module, function = found
    return {"href": f"{module.page}#{function.name}", "function": function.name, "module": module.name}


def _stats_link(modules: list[Module], module_name: str, qualified: str) -> dict:
    module = next((m for m in modules if m.name == module_name), None)
    anchor = f"#{qualified}" if module is not None and module.function(qualified) is not None else ""
    href = f"{module_name}.html{anchor}" if module is not None else ""  # pages share the code/ folder
    return {"href": href, "name": f"{module_name}.{qualified}"}


_LINE_ANCHOR = '<a id="line-{line}" name="line-{line}"></a>'


@lru_cache(maxsize=128)
def _pygments_html(source: str) -> str:
    """``source`` highlighted by pygments with line numbers; kept per source text, since lexing every module is
    most of a report's build and the modules rarely change between two builds of one process."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(source, PythonLexer(), HtmlFormatter(linenos="inline", lineanchors="line", anchorlinenos=True,
                                                          wrapcode=True))


def highlighted(module: Module, modules: list[Module]) -> str:
    """``module``'s source as pygments HTML: line numbers linking to ``#line-N``, an anchor per function
    (its name), and above each function that calls :data:`STATS_PACKAGE` a line linking those functions."""
    from analysis.pipeline.report import _environment

    html = _pygments_html(module.source)
    calls = _environment().get_template("code_calls.html.j2")
    for function in module.functions:
        anchor = _LINE_ANCHOR.format(line=function.line)
        links = [_stats_link(modules, *call) for call in function.stats_calls]
        marker = calls.render(function=function.name, links=links).strip()
        html = html.replace(anchor, f"{marker}{anchor}", 1)
    return html


def pages(modules: list[Module], title: str) -> dict[str, str]:
    """``{code/<module>.html: page}`` for every module, and ``code/index.html`` listing them."""
    from pygments.formatters import HtmlFormatter

    from analysis.pipeline.report import _environment

    style = HtmlFormatter().get_style_defs(".highlight")
    template = _environment().get_template("code.html.j2")
    out = {}
    for module in modules:
        summary = [{"name": f.name, "line": f.line, "sections": f.sections,
                    "calls": [_stats_link(modules, *call) for call in f.stats_calls]} for f in module.functions]
        out[module.page] = template.render(title=title, module=module.name, file=_repo_path(module.path),
                                           functions=summary, code=highlighted(module, modules), style=style,
                                           modules=None, root="../")
    out[f"{FOLDER}/index.html"] = template.render(
        title=title, module=None, file="", functions=[], code="", style=style, root="../",
        modules=[{"name": m.name, "href": f"{m.name}.html", "file": _repo_path(m.path), "functions": len(m.functions)}
                 for m in modules])
    return out


def _repo_path(path: Path) -> str:
    """``src/analysis/...`` for a file of the package, else the file name (no machine paths on a page)."""
    parts = Path(path).resolve().parts
    if "analysis" in parts:
        return "src/" + "/".join(parts[len(parts) - 1 - parts[::-1].index("analysis"):])
    return re.sub(r"[^\w.]", "_", Path(path).name)
