"""``call_function`` and ``call_udf``: calls by name, re-exported by :mod:`kindling.sql.functions`."""

from __future__ import annotations

from typing import Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["call_function", "call_udf"]


def call_function(funcName: str, *cols: ColumnOrName) -> Column:
    """A call of the engine function named ``funcName`` (any SQL function: scalar or aggregate), resolved when the
    DataFrame is analysed.

    Parameters
    ----------
    funcName : str
        The function's SQL name (case-insensitive).
    cols : :class:`Column` or str
        The arguments.

    Returns
    -------
    :class:`Column`
        The call.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "name"])
    >>> df.select(call_function("avg", "id")).show()
    +-------+
    |avg(id)|
    +-------+
    |    2.0|
    +-------+
    >>> df.select(call_function("upper", df.name).alias("u")).collect()
    [Row(u='A'), Row(u='B'), Row(u='C')]
    """
    if not isinstance(funcName, str):
        raise _err.type_error("NOT_STR", arg_name="funcName", arg_type=type(funcName).__name__)
    return _call(funcName, *(_to_col(c) for c in cols))


def call_udf(udfName: str, *cols: ColumnOrName) -> Column:
    """A call of the UDF registered as ``udfName`` (``spark.udf.register``) in the active session.

    Parameters
    ----------
    udfName : str
        The name it was registered under (case-insensitive).
    cols : :class:`Column` or str
        The arguments.

    Returns
    -------
    :class:`Column`
        The call; an unknown name fails as ``UNRESOLVED_ROUTINE`` when the DataFrame is analysed.

    Examples
    --------
    >>> _ = spark.udf.register("intX2", lambda i: i * 2, "int")
    >>> df = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "name"])
    >>> df.select(call_udf("intX2", "id")).show()
    +---------+
    |intX2(id)|
    +---------+
    |        2|
    |        4|
    |        6|
    +---------+
    """
    from kindling.sql.session import SparkSession

    if not isinstance(udfName, str):
        raise _err.type_error("NOT_STR", arg_name="udfName", arg_type=type(udfName).__name__)
    session = SparkSession.getActiveSession()
    udf = session.udf._registered.get(udfName.lower()) if session is not None else None
    if udf is None:
        return _call(udfName, *(_to_col(c) for c in cols))
    return udf(*cols)
