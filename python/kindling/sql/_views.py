"""The engine calls behind ``spark.sql``, ``spark.table``, temp views and ``spark.catalog``'s view methods."""

from __future__ import annotations

import re
import string
import uuid
from typing import TYPE_CHECKING, Any, List, Mapping, Optional, Sequence, Tuple

from .._gen.kindling.protocol.Body import Body
from ..errors import PySparkTypeError
from . import _catalog_requests as crq
from ._utils import errors as _err

if TYPE_CHECKING:
    from .dataframe import DataFrame
    from .session import SparkSession


def _check_str(value: Any, arg_name: str) -> None:
    if not isinstance(value, str):
        raise PySparkTypeError(error_class="NOT_STR",
                               message_parameters={"arg_name": arg_name, "arg_type": type(value).__name__})


_PLAIN_PART = re.compile(r"[A-Za-z0-9_]+")


def _quote_if_needed(part: str) -> str:
    """Spark's ``quoteIfNeeded``: a name part other than letters, digits and ``_`` (or all digits) is backquoted."""
    if _PLAIN_PART.fullmatch(part) and not part.isdigit():
        return part
    return "`" + part.replace("`", "``") + "`"


class _SqlFormatter(string.Formatter):
    """PySpark's ``SQLStringFormatter``: ``{df}`` becomes a temporary view's name, ``{col}`` the column's name,
    a str a quoted SQL string literal, anything else its ``str``. The views are dropped by :meth:`clear` once the
    query is analysed (its plan holds what they named)."""

    def __init__(self, session: "SparkSession") -> None:
        super().__init__()
        self._session = session
        self._views: List[Tuple[Any, str]] = []

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        obj, first = super().get_field(field_name, args, kwargs)
        return self._convert(obj, field_name), first

    def _convert(self, val: Any, field_name: str) -> Any:
        from . import _expr as E
        from .column import Column
        from .dataframe import DataFrame

        if isinstance(val, Column):
            expr = val._expr
            if not isinstance(expr, E.ColumnRef):
                raise _err.value_error("VALUE_NOT_PLAIN_COLUMN_REFERENCE", val=str(val), field_name=field_name)
            if "`" in expr.name:
                return expr.name
            return ".".join(_quote_if_needed(p) for p in expr.name.split("."))
        if isinstance(val, DataFrame):
            for df, name in self._views:
                if df is val:
                    return name
            name = "_pyspark_%s" % uuid.uuid4().hex
            self._views.append((val, name))
            val.createOrReplaceTempView(name)
            return name
        if isinstance(val, str):
            return "'" + val.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return val

    def clear(self) -> None:
        for _, name in self._views:
            drop_view(self._session, name, global_=False)
        self._views = []


def sql(session: "SparkSession", query: str, args: Any = None, **kwargs: Any) -> "DataFrame":
    _check_str(query, "sqlQuery")
    session._check_active()
    if kwargs:
        formatter = _SqlFormatter(session)
        try:
            return _sql(session, formatter.format(query, **kwargs), args)
        finally:
            formatter.clear()
    return _sql(session, query, args)


def _sql(session: "SparkSession", query: str, args: Any) -> "DataFrame":
    from .column import _to_expr
    from .functions import lit

    def value(v: Any, name: str) -> Any:
        # As PySpark: each value becomes lit(value), a list array(...), and a Column passes as it is; the engine
        # binds the markers.
        return lit(v)._expr if isinstance(v, list) else _to_expr(v, name)

    if isinstance(args, dict):
        names = [str(k) for k in args]
        values = [value(v, str(k)) for k, v in args.items()]
    elif args is None or isinstance(args, list):
        names = []
        values = [value(v, str(i)) for i, v in enumerate(args or [])]
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
