"""``spark.catalog`` methods over cached views, columns and functions: the caching ones persist the view's plan (the
engine's cache is keyed by plan, and a view always reads the same plan), the function ones list the engine's
registry (built-ins, then the session's registered Python UDFs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional

from .._client import requests as rq
from .._gen.kindling.protocol.Body import Body
from .._gen.kindling.protocol.PersistOp import PersistOp
from ..errors import AnalysisException
from . import _catalog_requests as crq
from . import _views

if TYPE_CHECKING:
    from .session import SparkSession

__all__ = ["Column", "Function", "list_columns", "list_functions", "get_function", "function_exists", "get_table",
           "clear_cache", "refresh_table", "cache_table", "uncache_table", "is_cached"]


class Column(NamedTuple):
    name: str
    description: Optional[str]
    dataType: str
    nullable: bool
    isPartition: bool
    isBucket: bool
    isCluster: bool


class Function(NamedTuple):
    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    className: str
    isTemporary: bool


def _not_found(name: str) -> AnalysisException:
    quoted = ".".join(f"`{p}`" for p in name.split("."))
    return AnalysisException(f"The table or view {quoted} cannot be found. Verify the spelling and correctness of the "
                             "schema and catalog.", "TABLE_OR_VIEW_NOT_FOUND", {"relationName": quoted})


def _split(name: str, db: Optional[str]) -> tuple:
    if db is None and "." in name:
        db, name = name.rsplit(".", 1)
    return name, db


def check_table(session: "SparkSession", name: str, db: Optional[str] = None) -> None:
    if not _views.table_exists(session, name, db):
        raise _not_found(name if db is None else f"{db}.{name}")


def list_columns(session: "SparkSession", tableName: str, dbName: Optional[str] = None) -> List[Column]:
    check_table(session, tableName, dbName)
    name = tableName if dbName is None else f"{dbName}.{tableName}"
    return [Column(f.name, None, f.dataType.simpleString(), f.nullable, False, False, False)
            for f in session.table(name).schema.fields]


def get_table(session: "SparkSession", tableName: str) -> Any:
    from .catalog import Table

    name, db = _split(tableName, None)
    check_table(session, name, db)
    for n, database, table_type, is_temp in _views.list_tables(session, db):
        if n.lower() == name.lower() and (db is None or (database or "").lower() == db.lower()):
            return Table(n, None, [database] if database else [], None, table_type, is_temp)
    raise _not_found(tableName)


def list_functions(session: "SparkSession") -> List[Function]:
    body = _views.catalog_call(session, crq.CatalogOp.ListFunctions)
    out = []
    for i in range(body.FunctionsLength()):
        f = body.Functions(i)
        out.append(Function(_views._text(f.Name()), None, None, _views._text(f.Description()) or None,
                            _views._text(f.ClassName()), bool(f.IsTemporary())))
    return out


def get_function(session: "SparkSession", functionName: str) -> Function:
    for f in list_functions(session):
        if f.name.lower() == functionName.lower():
            return f
    raise AnalysisException(
        f"Cannot resolve routine `{functionName}` on search path [`system`.`builtin`, `system`.`session`, "
        "`spark_catalog`.`default`].", "UNRESOLVED_ROUTINE",
        {"routineName": f"`{functionName}`",
         "searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"})


def function_exists(session: "SparkSession", functionName: str) -> bool:
    lower = functionName.lower()
    return any(f.name.lower() == lower for f in list_functions(session))


def clear_cache(session: "SparkSession") -> None:
    session._check_active()
    session._client.call(Body.PersistRequest, rq.persist(0, PersistOp.ClearCache), Body.Ack)


def _table_op(session: "SparkSession", op: int, tableName: str) -> bool:
    _views._check_str(tableName, "tableName")
    check_table(session, tableName)  # Spark's message, without the engine's DROP hint
    return bool(_views.catalog_call(session, op, name=tableName).Flag())


def cache_table(session: "SparkSession", tableName: str, storageLevel: Any = None) -> None:
    from ._dataframe_actions import check_storage_level

    check_storage_level(storageLevel)  # the engine keeps blocks in memory whatever the level
    _table_op(session, crq.CatalogOp.CacheTable, tableName)


def uncache_table(session: "SparkSession", tableName: str) -> None:
    _table_op(session, crq.CatalogOp.UncacheTable, tableName)


def is_cached(session: "SparkSession", tableName: str) -> bool:
    return _table_op(session, crq.CatalogOp.IsCachedTable, tableName)


def refresh_by_path(session: "SparkSession", path: str) -> None:
    import os

    _views._check_str(path, "path")
    session._check_active()
    local = path[len("file:"):] if path.startswith("file:") else path
    if local.startswith("//"):
        local = local[2:]
    session._client.call(Body.PersistRequest, rq.persist(0, PersistOp.RefreshByPath, os.path.abspath(local)), Body.Ack)


def refresh_table(session: "SparkSession", tableName: str) -> None:
    """A cached view's blocks are dropped and rebuilt lazily on its next action, as Spark re-caches it."""
    name, db = _split(tableName, None)
    check_table(session, name, db)
    if is_cached(session, tableName):
        _table_op(session, crq.CatalogOp.UncacheTable, tableName)
        _table_op(session, crq.CatalogOp.CacheTable, tableName)
