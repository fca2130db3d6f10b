"""Python UDFs: ``udf`` (row at a time), ``pandas_udf`` (vectorized) and ``spark.udf.register``.

A UDF call is a Column holding the cloudpickled function; the engine runs it in pooled Python worker processes and
moves data to them as Arrow batches (or as pickled rows for classic ``@udf`` with ``useArrow=False``).
"""

from __future__ import annotations

import functools
import inspect
import typing
from typing import Any, Callable, Optional, Union

import cloudpickle

from .._gen.kindling.protocol.PythonEvalType import PythonEvalType as _EvalType
from . import _expr as E
from ._utils import errors as _err
from .column import Column, _to_col
from .types import DataType, StringType

__all__ = ["UserDefinedFunction", "UDFRegistration", "PythonEvalType", "PandasUDFType", "udf", "pandas_udf"]


class PythonEvalType:
    """PySpark's eval type numbers (the ``PythonEvalType`` enum of the protocol schema)."""

    NON_UDF = 0
    SQL_BATCHED_UDF = _EvalType.Batched
    SQL_ARROW_BATCHED_UDF = _EvalType.ArrowBatched
    SQL_SCALAR_PANDAS_UDF = _EvalType.ScalarPandas
    SQL_GROUPED_MAP_PANDAS_UDF = _EvalType.GroupedMapPandas
    SQL_GROUPED_AGG_PANDAS_UDF = _EvalType.GroupedAggPandas
    SQL_SCALAR_PANDAS_ITER_UDF = _EvalType.ScalarPandasIter
    SQL_MAP_PANDAS_ITER_UDF = _EvalType.MapPandasIter
    SQL_MAP_ARROW_ITER_UDF = _EvalType.MapArrowIter


class PandasUDFType:
    """The legacy ``functionType`` argument of ``pandas_udf`` (type hints are preferred)."""

    SCALAR = PythonEvalType.SQL_SCALAR_PANDAS_UDF
    SCALAR_ITER = PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF
    GROUPED_MAP = PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF
    GROUPED_AGG = PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF


def _return_type(rt: Union[DataType, str, None]) -> DataType:
    from .column import _check_engine_type
    from .types import _parse_data_type

    if rt is None:
        return StringType()
    if isinstance(rt, str):
        dt = _parse_data_type(rt)
    elif isinstance(rt, DataType):
        dt = rt
    else:
        raise _err.type_error("NOT_DATATYPE_OR_STR", arg_name="returnType", arg_type=type(rt).__name__)
    _check_engine_type(dt)
    return dt


class UserDefinedFunction:
    """A Python function callable on Columns.

    Examples
    --------
    >>> from kindling.sql.functions import udf
    >>> plus_one = udf(lambda x: x + 1, "bigint")
    >>> spark.range(3).select(plus_one("id").alias("y")).collect()
    [Row(y=1), Row(y=2), Row(y=3)]
    """

    def __init__(self, func: Callable[..., Any], returnType: Union[DataType, str, None] = None, name: Optional[str] = None,
                 evalType: int = PythonEvalType.SQL_BATCHED_UDF, deterministic: bool = True,
                 useArrow: Optional[bool] = None) -> None:
        if not callable(func):
            raise _err.type_error("NOT_CALLABLE", arg_name="func", arg_type=type(func).__name__)
        self.func = func
        self._returnType = returnType
        self._name = name or getattr(func, "__name__", None) or type(func).__name__
        self.evalType = evalType
        self.deterministic = deterministic
        self._useArrow = useArrow
        self._command: Optional[bytes] = None
        self._broadcast_ids: tuple = ()
        self.__doc__ = getattr(func, "__doc__", None)

    @property
    def returnType(self) -> DataType:
        return _return_type(self._returnType)

    def _eval_type_now(self) -> int:
        """Row UDFs go over Arrow unless ``useArrow=False`` or the session says otherwise, read at call time as
        PySpark reads ``spark.sql.execution.pythonUDF.arrow.enabled``."""
        if self.evalType != PythonEvalType.SQL_BATCHED_UDF:
            return self.evalType
        use = self._useArrow
        if use is None:
            from .session import SparkSession

            s = SparkSession.getActiveSession()
            v = s._conf_cache.get("spark.sql.execution.pythonUDF.arrow.enabled", "true") if s is not None else "true"
            use = str(v).strip().lower() == "true"
        return PythonEvalType.SQL_ARROW_BATCHED_UDF if use else PythonEvalType.SQL_BATCHED_UDF

    def _pickled(self) -> bytes:
        if self._command is None:
            from ..broadcast import dumps_command

            # The broadcast variables the function refers to travel with its node.
            self._command, self._broadcast_ids = dumps_command(self.func)
        return self._command

    def _node(self, cols: tuple) -> E.PythonUdf:
        args = tuple(_to_col(c, "cols") for c in cols)
        command = self._pickled()
        return E.PythonUdf(self._name, self._eval_type_now(), command, self.returnType, args, self.deterministic,
                           self._broadcast_ids)

    def __call__(self, *cols: Any) -> Column:
        return Column(self._node(cols))

    def asNondeterministic(self) -> "UserDefinedFunction":
        """The same function, marked non-deterministic: the optimizer never duplicates or reorders its calls."""
        self.deterministic = False
        return self

    def __repr__(self) -> str:
        return f"UserDefinedFunction<{self._name}, {self.returnType.simpleString()}>"


def udf(f: Any = None, returnType: Union[DataType, str] = StringType(), *, useArrow: Optional[bool] = None) -> Any:
    """A row-at-a-time Python UDF: ``@udf("int")``, ``@udf(returnType=IntegerType())`` or ``udf(f, "int")``.

    The function is called once per row with Python values (``None`` for NULL). Rows travel to the worker in
    Arrow batches by default; ``useArrow=False`` (or ``spark.sql.execution.pythonUDF.arrow.enabled=false``)
    pickles them, as classic PySpark does.

    Parameters
    ----------
    f : callable, optional
        The Python function; omitted when ``udf`` is used as a decorator with arguments.
    returnType : DataType or str, default StringType()
        The declared type of the result (``"int"``, ``LongType()``…); returned values are checked against it.
    useArrow : bool, optional
        Move rows over Arrow (True) or pickled (False); None follows
        ``spark.sql.execution.pythonUDF.arrow.enabled`` (default true).

    Returns
    -------
    UserDefinedFunction
        Callable on Columns or column names; each call is a Column.

    Examples
    --------
    >>> from kindling.sql.functions import udf
    >>> @udf("string")
    ... def shout(s):
    ...     return None if s is None else s.upper() + "!"
    >>> spark.createDataFrame([("hi",), (None,)], "s string").select(shout("s").alias("t")).collect()
    [Row(t='HI!'), Row(t=None)]
    """
    if f is None or isinstance(f, (str, DataType)):
        rt = f if f is not None else returnType
        return functools.partial(_make_udf, returnType=rt, useArrow=useArrow)
    return _make_udf(f, returnType=returnType, useArrow=useArrow)


def _make_udf(f: Callable[..., Any], returnType: Any, useArrow: Optional[bool]) -> UserDefinedFunction:
    return UserDefinedFunction(f, returnType, evalType=PythonEvalType.SQL_BATCHED_UDF, useArrow=useArrow)


def _infer_pandas_eval_type(f: Callable[..., Any]) -> int:
    """Scalar, iterator or grouped-aggregate, from the function's type hints, as PySpark infers them."""
    try:
        hints = typing.get_type_hints(f)
    except Exception:  # noqa: BLE001 - unresolvable hints: treat as no hints
        hints = {}
    params = [p for p in inspect.signature(f).parameters if p in hints]
    ret = hints.get("return")
    if ret is None or not params:
        raise _err.value_error("CANNOT_INFER_PANDAS_UDF_TYPE", hint=(
            "pandas_udf needs type hints (pd.Series -> pd.Series, Iterator[pd.Series] -> Iterator[pd.Series], "
            "or pd.Series -> a scalar) or a functionType."))
    origin = typing.get_origin(ret)
    if origin is not None and getattr(origin, "__name__", "") == "Iterator":
        return PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF
    name = getattr(ret, "__name__", str(ret))
    if name in ("Series", "DataFrame"):
        return PythonEvalType.SQL_SCALAR_PANDAS_UDF
    return PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF


def pandas_udf(f: Any = None, returnType: Union[DataType, str, None] = None, functionType: Optional[int] = None) -> Any:
    """A vectorized UDF: the function takes and returns pandas Series (one call per Arrow batch).

    The kind follows the type hints: ``pd.Series -> pd.Series`` (scalar), ``Iterator[pd.Series] ->
    Iterator[pd.Series]`` (scalar iterator; one call per task), ``pd.Series -> float`` (grouped aggregate, for
    ``groupBy().agg``).

    Parameters
    ----------
    f : callable, optional
        The function; omitted when ``pandas_udf`` is used as a decorator with arguments.
    returnType : DataType or str
        The declared type of the result Series (or of the aggregate's scalar).
    functionType : int, optional
        A ``PandasUDFType`` value, for functions without type hints.

    Returns
    -------
    UserDefinedFunction
        Callable on Columns or column names; each call is a Column.

    Examples
    --------
    >>> import pandas as pd
    >>> from kindling.sql.functions import pandas_udf
    >>> @pandas_udf("double")
    ... def times_two(v: pd.Series) -> pd.Series:
    ...     return v * 2.0
    >>> spark.range(3).select(times_two("id").alias("y")).collect()
    [Row(y=0.0), Row(y=2.0), Row(y=4.0)]
    """
    if f is None or isinstance(f, (str, DataType)):
        rt = f if f is not None else returnType
        return functools.partial(_make_pandas_udf, returnType=rt, functionType=functionType)
    return _make_pandas_udf(f, returnType=returnType, functionType=functionType)


def _make_pandas_udf(f: Callable[..., Any], returnType: Any, functionType: Optional[int]) -> UserDefinedFunction:
    if returnType is None:
        raise _err.value_error("CANNOT_BE_NONE", arg_name="returnType")
    eval_type = functionType if functionType is not None else _infer_pandas_eval_type(f)
    return UserDefinedFunction(f, returnType, evalType=eval_type)


def _struct_schema(schema: Any) -> Any:
    """The output schema of a map / grouped-map function: a StructType or a DDL string (``"id long, v double"``)."""
    from .column import _check_engine_type
    from .types import StructType, _parse_datatype_string

    st = _parse_datatype_string(schema) if isinstance(schema, str) else schema
    if not isinstance(st, StructType):
        raise _err.type_error("NOT_STRUCT_TYPE_OR_STR", arg_name="schema", arg_type=type(schema).__name__)
    for f in st.fields:
        _check_engine_type(f.dataType)
    return st


def _whole_row_function(func: Any, eval_type: int) -> E.PythonUdf:
    """The PythonUdf node of a map / grouped-map function: no argument columns (whole rows go in), and a NULL
    return type (its rows are the relation's declared schema)."""
    from .types import NullType

    if not callable(func):
        raise _err.type_error("NOT_CALLABLE", arg_name="func", arg_type=type(func).__name__)
    name = getattr(func, "__name__", None) or type(func).__name__
    from ..broadcast import dumps_command

    command, bids = dumps_command(func)
    return E.PythonUdf(name, eval_type, command, NullType(), (), True, bids)


class UDFRegistration:
    """``spark.udf``: registers Python functions under a name.

    Examples
    --------
    >>> from kindling.sql.types import IntegerType
    >>> strlen = spark.udf.register("strlen", lambda s: len(s), IntegerType())
    >>> spark.createDataFrame([("abc",)], "s string").select(strlen("s").alias("n")).collect()
    [Row(n=3)]
    >>> spark.sql("SELECT strlen('hello') AS n").collect()
    [Row(n=5)]
    """

    def __init__(self, session: Any) -> None:
        self._session = session
        # Registered UDFs by lower-case name, for functions.call_udf.
        self._registered: dict = {}

    def register(self, name: str, f: Any, returnType: Union[DataType, str, None] = None) -> UserDefinedFunction:
        """Registers ``f`` (a function or a UserDefinedFunction) as ``name`` in the session, callable from SQL
        (``spark.sql("SELECT name(x) FROM t")``); returns the UDF, usable on Columns too."""
        if not isinstance(name, str):
            raise _err.type_error("NOT_STR", arg_name="name", arg_type=type(name).__name__)
        if isinstance(f, UserDefinedFunction):
            if returnType is not None:
                raise _err.type_error("CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF", arg_name="returnType", arg_type="UserDefinedFunction")
            u = UserDefinedFunction(f.func, f._returnType, name, f.evalType, f.deterministic, f._useArrow)
        else:
            u = UserDefinedFunction(f, returnType if returnType is not None else StringType(), name)
        from .._gen.kindling.protocol.Body import Body
        from .._gen.kindling.protocol.CatalogOp import CatalogOp
        from . import _catalog_requests as crq

        self._session._check_active()
        node = E.PythonUdf(name, u._eval_type_now(), u._pickled(), u.returnType, (), u.deterministic)
        self._session._client.call(Body.CatalogRequest, crq.register_function(CatalogOp.RegisterFunction, name, node),
                                   Body.CatalogResponse)
        self._registered[name.lower()] = u
        return u
