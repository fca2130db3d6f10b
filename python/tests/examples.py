"""Runs a public object's docstring examples against the test session, as the Python API reference shows them: every
documented name must carry at least one example, and every example must print what its docstring says."""

from __future__ import annotations

import doctest
from typing import Any, Optional

from kindling.sql import functions as F


def run_examples(obj: Any, spark: Any, name: Optional[str] = None, *, functions: bool = True, ellipsis: bool = False) -> None:
    """Fails unless ``obj`` has examples and they all pass; ``functions`` puts ``kindling.sql.functions`` in scope."""
    name = name or getattr(obj, "__qualname__", None) or obj.__name__
    globs = {"spark": spark, **({n: getattr(F, n) for n in F.__all__} if functions else {})}
    tests = doctest.DocTestFinder(recurse=False).find(obj, name, globs=globs)
    assert tests and tests[0].examples, f"{name} has no examples"
    flags = doctest.NORMALIZE_WHITESPACE | (doctest.ELLIPSIS if ellipsis else 0)
    runner = doctest.DocTestRunner(optionflags=flags)
    for t in tests:
        runner.run(t)
    assert runner.failures == 0, f"{runner.failures} example(s) of {name} failed"
