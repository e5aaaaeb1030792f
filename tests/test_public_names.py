"""Every name a module of ``analysis`` lists in ``__all__`` exists, so ``from <module> import *`` works."""

import importlib
import pkgutil

import pytest

import analysis


def _modules():
    yield analysis.__name__
    for info in pkgutil.walk_packages(analysis.__path__, prefix=f"{analysis.__name__}."):
        yield info.name


MODULES_WITH_ALL = [name for name in _modules() if hasattr(importlib.import_module(name), "__all__")]


def test_the_walk_finds_the_packages_that_declare_all():
    assert {"analysis.stats", "analysis.plots", "analysis.findings", "analysis.data"} <= set(MODULES_WITH_ALL)


@pytest.mark.parametrize("module_name", MODULES_WITH_ALL)
def test_every_name_in_all_resolves(module_name):
    module = importlib.import_module(module_name)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


@pytest.mark.parametrize("module_name", MODULES_WITH_ALL)
def test_star_import_works(module_name):
    namespace = {}
    exec(f"from {module_name} import *", namespace)  # the statement under test
    assert set(namespace) - {"__builtins__"} == set(importlib.import_module(module_name).__all__)
