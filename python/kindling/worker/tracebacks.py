"""Tracebacks of UDF failures, trimmed to the user's own frames: Kindling's worker frames (and cloudpickle's)
are hidden unless ``spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled`` is false, as in PySpark."""

from __future__ import annotations

import os
import traceback

_HIDDEN = (os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep,)


def _hidden(filename: str) -> bool:
    f = os.path.abspath(filename)
    return f.startswith(_HIDDEN) or f"{os.sep}cloudpickle{os.sep}" in f


def format_exception(exc: BaseException, simplified: bool) -> str:
    """``Traceback (most recent call last): ...`` with internal frames left out when ``simplified``."""
    tb = traceback.TracebackException.from_exception(exc)
    if simplified:
        frames = [f for f in tb.stack if not _hidden(f.filename)]
        tb.stack = traceback.StackSummary.from_list(frames)
    return "".join(tb.format())
