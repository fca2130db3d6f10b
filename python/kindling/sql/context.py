"""A minimal ``SparkContext`` (``spark.sparkContext``): the names PySpark programs commonly read, nothing that
would need RDDs."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from ..errors import PySparkValueError

if TYPE_CHECKING:
    from .session import SparkSession

__all__ = ["SparkContext"]

_LOG_LEVELS = ("ALL", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN")


class SparkContext:
    """Facts about the engine behind a session."""

    def __init__(self, session: "SparkSession") -> None:
        self._session = session

    @property
    def appName(self) -> str:
        return self._session.conf.get("spark.app.name")

    @property
    def master(self) -> str:
        return self._session.conf.get("spark.master")

    @property
    def version(self) -> str:
        return self._session.version

    @property
    def defaultParallelism(self) -> int:
        """Task slots: ``spark.default.parallelism`` if set, else the N of ``local[N]`` (``local[*]``: the cores)."""
        raw = self._session.conf.get("spark.default.parallelism", None)
        if raw:
            return int(raw)
        master = self.master.strip()
        if master == "local":
            return 1
        m = re.fullmatch(r"local\[(\*|\d+)(?:,\s*\d+)?\]", master)
        if m and m.group(1) != "*":
            return int(m.group(1))
        return os.cpu_count() or 1

    def setLogLevel(self, logLevel: str) -> None:
        """Sets the engine's log level (``spark.log.level``): ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN."""
        level = str(logLevel).upper()
        if level not in _LOG_LEVELS:
            raise PySparkValueError(f"Invalid log level {logLevel!r}; expected one of {', '.join(_LOG_LEVELS)}.",
                                    "INVALID_LOG_LEVEL", {"logLevel": str(logLevel)})
        self._session.conf.set("spark.log.level", level)

    def stop(self) -> None:
        """Stops the session (and the engine it launched)."""
        self._session.stop()
