"""DataFrame methods about running and keeping results rather than building plans: ``toJSON``, ``foreach`` /
``foreachPartition`` (run in the Python workers through the DataFrame's RDD), ``checkpoint`` /
``localCheckpoint``, ``storageLevel``, and the plan questions ``sameSemantics`` / ``semanticHash`` /
``inputFiles`` / ``isLocal`` (answered by the engine).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Iterator, List

from .._gen.kindling.protocol.AnalyzeKind import AnalyzeKind
from ..errors import PySparkTypeError
from . import functions as F

if TYPE_CHECKING:
    from ..rdd import RDD
    from .dataframe import DataFrame

__all__ = ["to_json_rdd", "foreach", "foreach_partition", "checkpoint", "storage_level", "record_storage_level",
           "check_storage_level", "same_semantics", "semantic_hash", "input_files", "is_local"]


def to_json_rdd(df: "DataFrame") -> "RDD":
    """Each row as a JSON object (NULL fields left out, as Spark's ``toJSON`` writes them)."""
    text = df.select(F.to_json(F.struct(*[df[i] for i in range(len(df.columns))])).alias("value"))
    return text.rdd.map(lambda r: r[0])


def _check_callable(f: Any) -> None:
    if not callable(f):
        raise PySparkTypeError(error_class="NOT_CALLABLE",
                               message=f"Argument `f` should be a callable, got {type(f).__name__}.",
                               message_parameters={"arg_name": "f", "arg_type": type(f).__name__})


def foreach(df: "DataFrame", f: Callable[[Any], None]) -> None:
    _check_callable(f)
    df.rdd.foreach(f)


def foreach_partition(df: "DataFrame", f: Callable[[Iterator[Any]], None]) -> None:
    _check_callable(f)
    df.rdd.foreachPartition(f)


def checkpoint(df: "DataFrame", eager: Any) -> "DataFrame":
    """Eager: the rows computed now and held by the engine as local data, so the new plan no longer reads the
    sources. Lazy: a copy persisted on its first action, which later actions read from the cache."""
    if not isinstance(eager, bool):
        raise PySparkTypeError(error_class="NOT_BOOL",
                               message_parameters={"arg_name": "eager", "arg_type": type(eager).__name__})
    if not eager:
        copy = df.select("*")
        copy.persist()
        return copy
    return df.sparkSession.createDataFrame(df.toArrow(), df.schema)


def _levels() -> Any:
    from ..rdd import StorageLevel

    return StorageLevel


def check_storage_level(level: Any) -> Any:
    """``level``, or the DataFrame default (MEMORY_AND_DISK_DESER) for None."""
    StorageLevel = _levels()
    if level is None:
        return StorageLevel.MEMORY_AND_DISK_DESER
    if not isinstance(level, StorageLevel):
        raise PySparkTypeError(error_class="NOT_STORAGELEVEL",
                               message=f"Argument `storageLevel` should be a StorageLevel, got {type(level).__name__}.",
                               message_parameters={"arg_name": "storageLevel", "arg_type": type(level).__name__})
    return level


def record_storage_level(df: "DataFrame", level: Any) -> None:
    df._storage_level = check_storage_level(level)


def storage_level(df: "DataFrame") -> Any:
    """The level ``persist`` was given (``MEMORY_AND_DISK_DESER`` for ``cache()``), NONE when not persisted."""
    StorageLevel = _levels()
    if not df.is_cached:
        return StorageLevel.NONE
    return getattr(df, "_storage_level", None) or StorageLevel.MEMORY_AND_DISK_DESER


def _canonical(df: "DataFrame") -> str:
    return df._analyze(AnalyzeKind.SemanticHash).Text().decode()


def same_semantics(df: "DataFrame", other: Any) -> bool:
    from .dataframe import DataFrame

    if not isinstance(other, DataFrame):
        raise PySparkTypeError(error_class="NOT_DATAFRAME",
                               message_parameters={"arg_name": "other", "arg_type": type(other).__name__})
    return _canonical(df) == _canonical(other)


def semantic_hash(df: "DataFrame") -> int:
    """A 32-bit signed hash of the canonical plan (stable within the engine's run)."""
    h = 0
    for ch in _canonical(df):
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def input_files(df: "DataFrame") -> List[str]:
    return list(json.loads(df._analyze(AnalyzeKind.InputFiles).Text() or b"[]"))


def is_local(df: "DataFrame") -> bool:
    return bool(df._analyze(AnalyzeKind.IsLocal).Flag())
