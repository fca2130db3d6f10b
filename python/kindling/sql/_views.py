"""The engine calls behind ``spark.sql``, ``spark.table``, temp views and ``spark.catalog``'s view methods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

from .._gen.kindling.protocol.Body import Body
from ..errors import PySparkTypeError
from . import _catalog_requests as crq

if TYPE_CHECKING:
    from .dataframe import DataFrame
    from .session import SparkSession


def _check_str(value: Any, arg_name: str) -> None:
    if not isinstance(value, str):
        raise PySparkTypeError(error_class="NOT_STR",
                               message_parameters={"arg_name": arg_name, "arg_type": type(value).__name__})


def sql(session: "SparkSession", query: str, args: Any = None) -> "DataFrame":
    _check_str(query, "sqlQuery")
    session._check_active()
    from .column import _to_expr

    # As PySpark: each value becomes lit(value) (a Column passes as it is); the engine binds the markers.
    if isinstance(args, dict):
        names = [str(k) for k in args]
        values = [_to_expr(v, str(k)) for k, v in args.items()]
    elif args is None or isinstance(args, list):
        names = []
        values = [_to_expr(v, str(i)) for i, v in enumerate(args or [])]
    else:
        raise PySparkTypeError(error_class="INVALID_TYPE",
                               message_parameters={"arg_name": "args", "arg_type": type(args).__name__})
    return session._transform(crq.sql(query, values, names))


def table(session: "SparkSession", name: str) -> "DataFrame":
    _check_str(name, "tableName")
    session._check_active()
    return session._transform(crq.read_table(name))


def catalog_call(session: "SparkSession", op: int, df: int = 0, name: Optional[str] = None,
                 database: Optional[str] = None) -> Any:
    session._check_active()
    return session._client.call(Body.CatalogRequest, crq.catalog(op, df, name, database), Body.CatalogResponse)


def create_view(df: "DataFrame", name: str, global_: bool, replace: bool) -> None:
    _check_str(name, "name")
    CatalogOp = crq.CatalogOp
    op = {(False, False): CatalogOp.CreateTempView, (False, True): CatalogOp.CreateOrReplaceTempView,
          (True, False): CatalogOp.CreateGlobalTempView, (True, True): CatalogOp.CreateOrReplaceGlobalTempView}
    catalog_call(df._session, op[(global_, replace)], df._id, name)


def drop_view(session: "SparkSession", name: str, global_: bool) -> bool:
    _check_str(name, "viewName")
    op = crq.CatalogOp.DropGlobalTempView if global_ else crq.CatalogOp.DropTempView
    return bool(catalog_call(session, op, name=name).Flag())


def list_tables(session: "SparkSession", database: Optional[str]) -> List[Any]:
    """(name, database, tableType, isTemporary) tuples of the views the engine lists."""
    body = catalog_call(session, crq.CatalogOp.ListTables, database=database)
    out = []
    for i in range(body.TablesLength()):
        t = body.Tables(i)
        out.append((_text(t.Name()), _text(t.Database()), _text(t.TableType()) or "TEMPORARY", bool(t.IsTemporary())))
    return out


def _text(v: Any) -> str:
    """FlatBuffers strings arrive as bytes."""
    return v.decode() if isinstance(v, bytes) else (v or "")


def table_exists(session: "SparkSession", name: str, database: Optional[str]) -> bool:
    _check_str(name, "tableName")
    return bool(catalog_call(session, crq.CatalogOp.TableExists, name=name, database=database).Flag())
