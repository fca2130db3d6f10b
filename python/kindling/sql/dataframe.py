"""DataFrame: a handle to an engine-side DataFrame plus its schema. Every transformation is one request that the
engine analyses at once (so AnalysisException surfaces at the call); actions return Arrow or pickled rows.
"""

from __future__ import annotations

import html
from functools import reduce
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from .._client import requests as rq
from .._client import results
from .._client import wire
from .._gen.kindling.protocol.Action import Action
from .._gen.kindling.protocol.AnalyzeKind import AnalyzeKind
from .._gen.kindling.protocol.Body import Body
from .._gen.kindling.protocol.PersistOp import PersistOp
from .._gen.kindling.protocol.ResultFormat import ResultFormat
from ..errors import (
    IllegalArgumentException,
    PySparkIndexError,
    PySparkNotImplementedError,
    PySparkTypeError,
    PySparkValueError,
)
from . import _dataframe_ops as _ops
from . import _dataframe_reshape as _reshape
from . import _expr as E
from ._expr import ColumnRef, SortOrder, Star
from ._expr import PythonUdf as E_PythonUdf
from .column import Column, _to_col
from .types import Row, StructType, _create_row, struct_value_converter

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from ._dataframe_stat import DataFrameStatFunctions
    from .readwriter import DataFrameWriter
    from .group import GroupedData
    from .session import SparkSession
    from ..rdd import RDD, StorageLevel

__all__ = ["DataFrame"]

ColumnOrName = Union[Column, str]


def _type_error(error_class: str, arg_name: str, value: Any) -> PySparkTypeError:
    return PySparkTypeError(error_class=error_class,
                            message_parameters={"arg_name": arg_name, "arg_type": type(value).__name__})


def _flatten(cols: Sequence[Any]) -> List[Any]:
    """``f("a", "b")`` and ``f(["a", "b"])`` alike, as PySpark accepts both."""
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


def _expr_of(c: Any, arg_name: str = "col"):
    """The expression of a Column or a column name (``*`` is the star)."""
    return _to_col(c, arg_name)


class DataFrame:
    """A distributed collection of rows with named columns, held by the engine (this object is a handle).

    >>> df = spark.createDataFrame([(1, "Ann"), (2, "Bob")], ["id", "name"])
    >>> df.filter(df.id > 1).select("name").collect()
    [Row(name='Bob')]
    """

    def __init__(self, handle_id: int, schema: Optional[StructType], session: "SparkSession") -> None:
        self._id = handle_id
        self._schema_value = schema
        # The engine's answer, verified and decoded on first use (most DataFrames of a chain are never asked for
        # their schema): the DataFrameHandle that made this DataFrame, its Schema not yet verified.
        self._handle: Any = None
        self._session = session
        self._storage_level: Any = None  # what persist() was given (storageLevel reports it while cached)

    @classmethod
    def _from_handle(cls, body: Any, session: "SparkSession") -> "DataFrame":
        df = cls(body.id, None, session)
        df._handle = body
        return df

    @property
    def _schema(self) -> StructType:
        schema = self._schema_value
        if schema is None:
            schema = self._schema_value = _schema_of(wire.handle_schema(self._handle))
            self._handle = None
        return schema

    @_schema.setter
    def _schema(self, schema: StructType) -> None:
        self._schema_value = schema
        self._handle = None

    def __del__(self) -> None:
        # Only queue the id: the socket is never used from a finalizer.
        try:
            self._session._client.queue_release(self._id)
        except Exception:  # noqa: BLE001 - interpreter shutdown, half-built objects
            pass

    # ------------------------------------------------------------------ plumbing

    @property
    def _client(self):
        return self._session._client

    def _transform(self, build) -> "DataFrame":
        return self._session._transform(build)

    def _execute(self, action: int, n: int = 0, truncate: int = 20, vertical: bool = False,
                 fmt: int = ResultFormat.Arrow):
        resp = self._client.call(Body.ExecuteRequest, rq.execute(self._id, action, n, truncate, vertical, fmt),
                                 Body.ExecuteResponse)
        if resp.AccumulatorUpdatesLength():
            from ..accumulators import apply_updates

            apply_updates([resp.AccumulatorUpdates(i).DataAsNumpy().tobytes() for i in range(resp.AccumulatorUpdatesLength())])
        return resp

    @property
    def rdd(self) -> "RDD":
        """The rows of this DataFrame as an RDD of ``Row`` objects (converted in the Python workers when a
        function runs on them).

        >>> spark.range(3).rdd.map(lambda r: r.id * 10).collect()
        [0, 10, 20]
        """
        from ..rdd import RDD
        from ..rdd_io import IN_ROWS

        return RDD(self, self._session.sparkContext, IN_ROWS, op="MapPartitionsRDD", site="javaToPython")

    def _analyze(self, kind: int, explain_mode: Optional[str] = None):
        return self._client.call(Body.AnalyzeRequest, rq.analyze(self._id, kind, explain_mode), Body.AnalyzeResponse)

    def _last_job_metrics(self) -> Dict[str, float]:
        """Summed task metrics of the last action on this DataFrame, as the engine recorded them: ``tasks``,
        rows and bytes, and for Python UDFs ``python.coldStarts``, ``python.workerStartMs``, engine-side
        ``python.serializeMs``/``python.deserializeMs``, worker-side ``python.workerDeserializeMs``/
        ``python.computeMs``/``python.workerSerializeMs``, ``python.rowsIn``/``rowsOut``, ``python.bytesSent``/
        ``bytesReceived``, and ``python.ringBytes``: how many of those bytes went through the worker's shared-memory
        rings rather than the socket. A Kindling extension (PySpark shows these only in its UI)."""
        import json

        return json.loads(self._analyze(AnalyzeKind.JobMetrics).Text() or b"{}")

    def _rows(self, action: int, n: int = 0) -> List[Row]:
        """Collect/Take as Rows, through Arrow or pickled rows as spark.sql.execution.arrow.pyspark.enabled says."""
        names = self.columns
        if self._session.conf._arrow_enabled():
            table = results.arrow_table(self._execute(action, n))
            columns = results.table_columns(table)
            if not columns:
                return [_create_row([], ()) for _ in range(table.num_rows)]
            return [_create_row(names, values) for values in zip(*self._nested_rows(columns))]
        tuples = results.pickled_rows(self._execute(action, n, fmt=ResultFormat.PickledRows))
        converters = [struct_value_converter(f.dataType) for f in self.schema.fields]
        if any(c is not None for c in converters):
            tuples = [tuple(v if c is None else c(v) for c, v in zip(converters, t)) for t in tuples]
        return [_create_row(names, values) for values in tuples]

    def _nested_rows(self, columns: List[list]) -> List[list]:
        """Struct values (dicts from Arrow) become Rows, as PySpark's collect() gives them."""
        fields = self.schema.fields
        for i, f in enumerate(fields):
            convert = struct_value_converter(f.dataType)
            if convert is not None:
                columns[i] = [convert(v) for v in columns[i]]
        return columns

    # ------------------------------------------------------------------ schema

    @property
    def schema(self) -> StructType:
        """The schema as analysed by the engine."""
        return self._schema

    @property
    def columns(self) -> List[str]:
        return [f.name for f in self._schema.fields]

    @property
    def dtypes(self) -> List[Tuple[str, str]]:
        """``(name, simpleString type)`` pairs, e.g. ``[('id', 'bigint')]``."""
        return [(f.name, f.dataType.simpleString()) for f in self._schema.fields]

    def printSchema(self, level: Optional[int] = None) -> None:
        print(self._schema.treeString(level))

    def explain(self, extended: Optional[Union[bool, str]] = None, mode: Optional[str] = None) -> None:
        """Prints the plans: ``explain()`` the physical plan, ``explain(True)`` / ``mode="extended"`` all four."""
        if extended is not None and mode is not None:
            raise PySparkValueError(error_class="CANNOT_SET_TOGETHER",
                                    message_parameters={"arg_list": "extended and mode"})
        if extended is None and mode is None:
            explain_mode = "simple"
        elif isinstance(extended, bool) and mode is None:
            explain_mode = "extended" if extended else "simple"
        elif isinstance(extended, str) and mode is None:
            explain_mode = extended
        elif extended is None and isinstance(mode, str):
            explain_mode = mode
        else:
            bad = extended if extended is not None else mode
            raise _type_error("NOT_BOOL_OR_STR", "extended" if extended is not None else "mode", bad)
        text = self._analyze(AnalyzeKind.Explain, explain_mode).Text()
        print(text.decode("utf-8") if text else "")

    def __repr__(self) -> str:
        return "DataFrame[%s]" % ", ".join("%s: %s" % c for c in self.dtypes)

    @property
    def sparkSession(self) -> "SparkSession":
        return self._session

    @property
    def isStreaming(self) -> bool:
        return False

    # ------------------------------------------------------------------ column access

    def __getitem__(self, item: Union[int, str, Column, List, Tuple]) -> Union[Column, "DataFrame"]:
        """``df["a"]`` a column pinned to this DataFrame, ``df[0]`` by position, ``df[["a", "b"]]`` a projection,
        ``df[cond]`` a filter."""
        if isinstance(item, str):
            return self._col(item)
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        if isinstance(item, int) and not isinstance(item, bool):
            n = len(self._schema.fields)
            if item < 0 or item >= n:
                raise PySparkIndexError(error_class="INDEX_OUT_OF_RANGE",
                                        message_parameters={"arg_name": "top-level column", "index": str(item)})
            return self._col(self._schema.fields[item].name)
        raise _type_error("NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE", "item", item)

    def __getattr__(self, name: str) -> Column:
        if name.startswith("_"):
            raise AttributeError(f"'DataFrame' object has no attribute '{name}'")
        if name not in self.columns:
            raise AttributeError(f"'DataFrame' object has no attribute '{name}'")
        return self._col(name)

    def __dir__(self) -> List[str]:
        attrs = set(super().__dir__())
        attrs.update(c for c in self.columns if c.isidentifier() and not c.startswith("_"))
        return sorted(attrs)

    def _col(self, name: str) -> Column:
        if name == "*":
            return Column(Star())
        if name.endswith(".*"):
            return Column(Star(name[:-2]))
        ref = ColumnRef(name, self._id)
        if not self._has_column(name):
            # Let the engine report the unknown name with its message, as PySpark's df["x"] fails at once.
            self._transform(rq.project(self._id, [ref]))
        return Column(ref)

    def _has_column(self, name: str) -> bool:
        lower = name.lower()
        last = lower.rsplit(".", 1)[-1].strip("`")
        return any(f.name.lower() in (lower, last, lower.strip("`")) for f in self._schema.fields)

    # ------------------------------------------------------------------ transformations

    def select(self, *cols: ColumnOrName) -> "DataFrame":
        """Projects columns or expressions: ``df.select("a", F.col("b") + 1)``."""
        from ._dataframe_reshape import RegexColumn

        exprs = []
        for c in _flatten(cols):
            if isinstance(c, RegexColumn):
                exprs.extend(x._expr for x in c._columns)  # colRegex: every column its pattern matched
            else:
                exprs.append(_expr_of(c, "cols"))
        return self._transform(rq.project(self._id, exprs))

    def selectExpr(self, *expr: Union[str, List[str]]) -> "DataFrame":
        """Projects SQL expression strings, parsed by the engine: ``df.selectExpr("age * 2 AS a", "upper(name)")``.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.selectExpr("age * 2", "abs(age) AS a").collect()
        [Row((age * 2)=4, a=2), Row((age * 2)=10, a=5)]
        """
        texts = list(expr[0]) if len(expr) == 1 and isinstance(expr[0], list) else list(expr)
        for t in texts:
            if not isinstance(t, str):
                raise _type_error("NOT_STR", "expr", t)
        return self._transform(rq.project(self._id, [E.SqlExpr(t) for t in texts]))

    def mapInPandas(self, func: Callable[[Iterator[Any]], Iterator[Any]], schema: Union[StructType, str]) -> "DataFrame":
        """Maps each partition with ``func``, an iterator of ``pandas.DataFrame`` to an iterator of
        ``pandas.DataFrame`` of ``schema``, run in Python workers.

        Examples
        --------
        >>> def evens(it):
        ...     for pdf in it:
        ...         yield pdf[pdf.id % 2 == 0]
        >>> spark.range(6).mapInPandas(evens, "id long").collect()
        [Row(id=0), Row(id=2), Row(id=4)]
        """
        return self._map_in_python(func, schema, 205)

    def mapInArrow(self, func: Callable[[Iterator[Any]], Iterator[Any]], schema: Union[StructType, str]) -> "DataFrame":
        """Maps each partition with ``func``, an iterator of ``pyarrow.RecordBatch`` to an iterator of
        ``pyarrow.RecordBatch`` of ``schema``, run in Python workers.

        Examples
        --------
        >>> import pyarrow.compute as pc
        >>> def double(it):
        ...     for rb in it:
        ...         yield rb.set_column(0, "id", pc.multiply(rb.column(0), 2))
        >>> spark.range(3).mapInArrow(double, "id long").collect()
        [Row(id=0), Row(id=2), Row(id=4)]
        """
        return self._map_in_python(func, schema, 207)

    def _map_in_python(self, func: Any, schema: Union[StructType, str], eval_type: int) -> "DataFrame":
        from .udf import _whole_row_function, _struct_schema

        st = _struct_schema(schema)
        return self._transform(rq.map_in_python(self._id, _whole_row_function(func, eval_type), st))

    def filter(self, condition: Union[Column, str]) -> "DataFrame":
        """Rows where ``condition`` is true (NULL counts as false).

        ``condition`` is a boolean Column or a SQL expression string, parsed by the engine.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.age > 3).collect()
        [Row(age=5, name='Bob')]
        >>> df.filter("age = 2 OR name LIKE 'B%'").count()
        2
        """
        if isinstance(condition, str):
            condition = Column(E.SqlExpr(condition))
        if not isinstance(condition, Column):
            raise _type_error("NOT_COLUMN_OR_STR", "condition", condition)
        return self._transform(rq.filter_op(self._id, condition._expr))

    where = filter

    def withColumn(self, colName: str, col: Column) -> "DataFrame":
        """Adds or replaces the column ``colName``."""
        if not isinstance(col, Column):
            raise _type_error("NOT_COLUMN", "col", col)
        if not isinstance(colName, str):
            raise _type_error("NOT_STR", "colName", colName)
        return self._transform(rq.with_columns(self._id, [colName], [col._expr]))

    def withColumns(self, *colsMap: Dict[str, Column]) -> "DataFrame":
        """Adds or replaces several columns: ``df.withColumns({"a2": df.a * 2, "b": F.lit(1)})``."""
        if len(colsMap) != 1 or not isinstance(colsMap[0], dict):
            raise _type_error("NOT_DICT", "colsMap", colsMap[0] if colsMap else None)
        mapping = colsMap[0]
        for k, v in mapping.items():
            if not isinstance(v, Column):
                raise _type_error("NOT_COLUMN", "col", v)
        return self._transform(rq.with_columns(self._id, list(mapping.keys()), [v._expr for v in mapping.values()]))

    def withColumnRenamed(self, existing: str, new: str) -> "DataFrame":
        """Renames a column; a name that does not exist is ignored, as in Spark."""
        for name, v in (("existing", existing), ("new", new)):
            if not isinstance(v, str):
                raise _type_error("NOT_STR", name, v)
        return self._transform(rq.with_columns_renamed(self._id, [existing], [new]))

    def withColumnsRenamed(self, colsMap: Dict[str, str]) -> "DataFrame":
        if not isinstance(colsMap, dict):
            raise _type_error("NOT_DICT", "colsMap", colsMap)
        return self._transform(rq.with_columns_renamed(self._id, list(colsMap.keys()), list(colsMap.values())))

    def toDF(self, *cols: str) -> "DataFrame":
        """The same rows with new column names, by position."""
        for c in cols:
            if not isinstance(c, str):
                raise _type_error("NOT_LIST_OF_STR", "cols", c)
        current = self.columns
        if len(cols) != len(current):
            raise IllegalArgumentException(
                "The number of columns doesn't match.\nOld column names (%d): %s\nNew column names (%d): %s"
                % (len(current), ", ".join(current), len(cols), ", ".join(cols)))
        return self.select(*[self._col(old).alias(new) for old, new in zip(current, cols)])

    def drop(self, *cols: ColumnOrName) -> "DataFrame":
        """Removes columns by name (unknown names are ignored) or by Column."""
        names: List[str] = []
        exprs = []
        for c in cols:
            if isinstance(c, str):
                names.append(c)
            elif isinstance(c, Column):
                exprs.append(c._expr)
            else:
                raise _type_error("NOT_COLUMN_OR_STR", "col", c)
        return self._transform(rq.drop(self._id, names, exprs))

    def groupBy(self, *cols: ColumnOrName) -> "GroupedData":
        """Groups rows by columns for aggregation: ``df.groupBy("k").agg(F.sum("v"))``."""
        from .group import GroupedData

        return GroupedData(self, [_expr_of(c, "cols") for c in _flatten(cols)])

    groupby = groupBy

    def rollup(self, *cols: ColumnOrName) -> "GroupedData":
        """Groups by every prefix of ``cols`` and then by nothing (SQL's ``ROLLUP``), for aggregation.

        ``rollup("a", "b")`` aggregates per ``(a, b)``, per ``a`` and once over all rows. A column aggregated away
        is NULL in those rows; :func:`~kindling.sql.functions.grouping` tells such a NULL from a NULL key.

        Examples
        --------
        >>> from kindling.sql import functions as F
        >>> df = spark.createDataFrame([("A", 1), ("A", 2), ("B", 5)], "k string, v int")
        >>> df.rollup("k").agg(F.sum("v"), F.grouping("k")).orderBy("grouping(k)", "k").show()
        +----+------+-----------+
        |   k|sum(v)|grouping(k)|
        +----+------+-----------+
        |   A|     3|          0|
        |   B|     5|          0|
        |NULL|     8|          1|
        +----+------+-----------+
        """
        from .group import GroupedData

        return GroupedData(self, [_expr_of(c, "cols") for c in _flatten(cols)], rq.GroupType.Rollup)

    def cube(self, *cols: ColumnOrName) -> "GroupedData":
        """Groups by every subset of ``cols`` (SQL's ``CUBE``), for aggregation: ``cube("a", "b")`` aggregates per
        ``(a, b)``, per ``a``, per ``b`` and over all rows. :func:`~kindling.sql.functions.grouping_id` numbers the
        subsets (the first column is its most significant bit).

        Examples
        --------
        >>> from kindling.sql import functions as F
        >>> df = spark.createDataFrame([("A", "x"), ("B", "x")], "k string, t string")
        >>> df.cube("k", "t").agg(F.count("*").alias("n"), F.grouping_id().alias("g")).orderBy("g", "k", "t").collect()
        [Row(k='A', t='x', n=1, g=0), Row(k='B', t='x', n=1, g=0), Row(k='A', t=None, n=1, g=1), Row(k='B', t=None, n=1, g=1), Row(k=None, t='x', n=2, g=2), Row(k=None, t=None, n=2, g=3)]
        """
        from .group import GroupedData

        return GroupedData(self, [_expr_of(c, "cols") for c in _flatten(cols)], rq.GroupType.Cube)

    def groupingSets(self, groupingSets: Sequence[Sequence[ColumnOrName]], *cols: ColumnOrName) -> "GroupedData":
        """Groups by each of ``groupingSets`` in turn (SQL's ``GROUP BY cols GROUPING SETS (...)``), for
        aggregation; the columns a set leaves out are NULL in its rows (:func:`grouping` tells them from NULL keys).

        Parameters
        ----------
        groupingSets : list of lists of str or Column
            The sets; a column that is not one of ``cols`` is grouped by in its set but not shown, as in Spark.
        cols : str or Column
            The grouping columns.

        Returns
        -------
        :class:`GroupedData`

        Examples
        --------
        >>> df = spark.createDataFrame([("A", "x", 1), ("A", "y", 2), ("B", "x", 5)], "k string, t string, v int")
        >>> df.groupingSets([["k"], ["t"]], "k", "t").agg(sum("v").alias("s")).orderBy("k", "t").show()
        +----+----+---+
        |   k|   t|  s|
        +----+----+---+
        |NULL|   x|  6|
        |NULL|   y|  2|
        |   A|NULL|  3|
        |   B|NULL|  5|
        +----+----+---+
        """
        from .group import GroupedData

        keys = [_expr_of(c, "cols") for c in _flatten(cols)]
        if not isinstance(groupingSets, (list, tuple)):
            raise _type_error("NOT_LIST_OR_TUPLE", "groupingSets", groupingSets)
        sets = []
        hidden = 0
        for s in groupingSets:
            if not isinstance(s, (list, tuple)):
                raise _type_error("NOT_LIST_OR_TUPLE", "groupingSets", s)
            positions = []
            for c in s:
                e = _expr_of(c, "groupingSets")
                if e not in keys:
                    keys.append(e)
                    hidden += 1
                positions.append(keys.index(e))
            sets.append(positions)
        return GroupedData(self, keys, rq.GroupType.GroupingSets, sets, hidden)

    def agg(self, *exprs: Union[Column, Dict[str, str]]) -> "DataFrame":
        """Aggregates over all rows: ``df.agg(F.max("a"))`` (same as ``df.groupBy().agg(...)``)."""
        return self.groupBy().agg(*exprs)

    # Statistics (kindling.sql._dataframe_stat)

    def describe(self, *cols: Union[str, List[str]]) -> "DataFrame":
        """count, mean, stddev, min and max of columns (every numeric and string column by default), as strings.

        Parameters
        ----------
        cols : str or list of str, optional
            The columns.

        Returns
        -------
        :class:`DataFrame`
            A ``summary`` column naming the statistic, then one string column per input column.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, "a"), (10, "b"), (None, "10")], "i int, s string").coalesce(1)
        >>> df.describe().show()
        +-------+-----------------+----+
        |summary|                i|   s|
        +-------+-----------------+----+
        |  count|                2|   3|
        |   mean|              5.5|10.0|
        | stddev|6.363961030678928|NULL|
        |    min|                1|  10|
        |    max|               10|   b|
        +-------+-----------------+----+
        """
        from ._dataframe_stat import describe

        return describe(self, [str(c) for c in _flatten(cols)])

    def corr(self, col1: str, col2: str, method: Optional[str] = None) -> Optional[float]:
        """Pearson's correlation coefficient of two numeric columns (``df.agg(corr(col1, col2))``'s value).

        Parameters
        ----------
        col1 : str
            The first column.
        col2 : str
            The second column.
        method : str, optional
            Only ``"pearson"`` (the default).

        Returns
        -------
        float
            The coefficient; None for fewer than two rows or a column that does not vary.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7)], "x int, y int").coalesce(1)
        >>> df.corr("x", "y")
        0.9933992677987827
        """
        from ._dataframe_stat import corr

        return corr(self, col1, col2, method)

    def cov(self, col1: str, col2: str) -> Optional[float]:
        """The sample covariance of two numeric columns (``df.agg(covar_samp(col1, col2))``'s value).

        Parameters
        ----------
        col1 : str
            The first column.
        col2 : str
            The second column.

        Returns
        -------
        float
            The covariance; None for fewer than two rows.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7)], "x int, y int").coalesce(1)
        >>> df.cov("x", "y")
        2.5
        """
        from ._dataframe_stat import cov

        return cov(self, col1, col2)

    def summary(self, *statistics: str) -> "DataFrame":
        """Statistics of the numeric and string columns as strings: count, mean, stddev, min, approximate
        percentiles ("25%"), max by default; also count_distinct and approx_count_distinct.

        Parameters
        ----------
        statistics : str, optional
            The statistics, in the order of the output rows.

        Returns
        -------
        :class:`DataFrame`
            A ``summary`` column naming the statistic, then one string column per numeric or string column.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2.0), (10, None), (4, 1.0), (7, 3.0)], "i int, d double").coalesce(1)
        >>> df.summary("count", "min", "50%", "max").show()
        +-------+---+---+
        |summary|  i|  d|
        +-------+---+---+
        |  count|  4|  3|
        |    min|  1|1.0|
        |    50%|  4|2.0|
        |    max| 10|3.0|
        +-------+---+---+
        <BLANKLINE>
        """
        from ._dataframe_summary import summary

        return summary(self, [str(s) for s in _flatten(statistics)])

    def approxQuantile(self, col: Union[str, List[str], Tuple[str, ...]], probabilities: Union[List[float], Tuple[float, ...]],
                       relativeError: float) -> Union[List[float], List[List[float]]]:
        """Approximate quantiles of numeric columns, by Spark's Greenwald–Khanna summaries (NULL and NaN skipped).

        Parameters
        ----------
        col : str, list or tuple
            A column name, or several.
        probabilities : list or tuple of floats
            Each in [0, 1].
        relativeError : float
            The relative target precision (0 computes exact quantiles).

        Returns
        -------
        list
            The quantiles (a list per column when ``col`` is a list); empty for a column without values.

        Examples
        --------
        >>> df = spark.range(0, 1000, 1, 1)
        >>> df.approxQuantile("id", [0.1, 0.3, 0.77], 0.05)
        [79.0, 307.0, 729.0]
        """
        from ._dataframe_summary import approx_quantile

        return approx_quantile(self, col, probabilities, relativeError)

    def crosstab(self, col1: str, col2: str) -> "DataFrame":
        """The pair frequencies of two columns: a ``<col1>_<col2>`` column of col1's values, then one column per
        distinct value of col2 (sorted as strings, NULL as "null"); rows here are ordered by col1's value.

        Parameters
        ----------
        col1 : str
            The rows' column.
        col2 : str
            The columns' column.

        Returns
        -------
        :class:`DataFrame`
            The contingency table.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 1), (1, 2), (2, 1), (2, 1)], "a int, b int")
        >>> df.crosstab("a", "b").collect()
        [Row(a_b='1', 1=1, 2=1), Row(a_b='2', 1=2, 2=0)]
        """
        from ._dataframe_summary import crosstab

        return crosstab(self, col1, col2)

    def freqItems(self, cols: Union[List[str], Tuple[str, ...]], support: Optional[float] = None) -> "DataFrame":
        """Frequent items of columns (possibly with false positives), by Spark's one-pass algorithm; NULL counts as
        an item. The items are listed in Spark's order (its hash map's) for numbers, strings and booleans.

        Parameters
        ----------
        cols : list or tuple of str
            The columns.
        support : float, optional
            The minimum frequency, in [1e-4, 1] (default 1%).

        Returns
        -------
        :class:`DataFrame`
            One row of ``<col>_freqItems`` arrays.

        Examples
        --------
        >>> df = spark.createDataFrame([(i % 3, i % 5) for i in range(100)], "a int, b int").coalesce(1)
        >>> df.freqItems(["a", "b"], 0.4).collect()
        [Row(a_freqItems=[0], b_freqItems=[4])]
        """
        from ._dataframe_summary import freq_items

        return freq_items(self, cols, support)

    def sampleBy(self, col: Union[str, Column], fractions: Dict[Any, float], seed: Optional[int] = None) -> "DataFrame":
        """A stratified sample: each row is kept with its stratum's fraction (0 for strata not listed).

        Parameters
        ----------
        col : :class:`Column` or str
            The stratum of each row.
        fractions : dict
            Stratum (float, int or str) to fraction in [0, 1].
        seed : int, optional
            The random seed.

        Returns
        -------
        :class:`DataFrame`
            The sampled rows.

        Examples
        --------
        >>> df = spark.range(0, 100).selectExpr("id % 3 AS k")
        >>> df.sampleBy("k", {0: 1.0, 1: 0.0}, 7).groupBy("k").count().collect()
        [Row(k=0, count=34)]
        """
        from ._dataframe_summary import sample_by

        return sample_by(self, col, dict(fractions) if isinstance(fractions, dict) else fractions, seed)

    @property
    def stat(self) -> "DataFrameStatFunctions":
        """The statistics of this DataFrame (:class:`DataFrameStatFunctions`: ``corr``, ``cov``, ``approxQuantile``, ``crosstab``, ``freqItems``, ``sampleBy``)."""
        from ._dataframe_stat import DataFrameStatFunctions

        return DataFrameStatFunctions(self)

    def join(self, other: "DataFrame", on: Optional[Union[str, List[str], Column, List[Column]]] = None,
             how: Optional[str] = None) -> "DataFrame":
        """Joins with ``other`` on column names (a USING join), a Column condition, or a list of either;
        ``how``: inner, cross, outer/full, left, right, semi, anti and Spark's other spellings."""
        if not isinstance(other, DataFrame):
            raise _type_error("NOT_DATAFRAME", "other", other)
        if how is not None and not isinstance(how, str):
            raise _type_error("NOT_STR", "how", how)
        if on is not None and not isinstance(on, list):
            on = [on]  # type: ignore[list-item]
        if not on:
            return self._transform(rq.join(self._id, other._id, how or "inner"))
        how = how or "inner"
        if all(isinstance(o, str) for o in on):
            return self._transform(rq.join(self._id, other._id, how, using=list(on)))  # type: ignore[arg-type]
        if all(isinstance(o, Column) for o in on):
            cond = reduce(lambda x, y: x & y, on)  # type: ignore[operator]
            return self._transform(rq.join(self._id, other._id, how, condition=cond._expr))  # type: ignore[union-attr]
        raise _type_error("NOT_COLUMN_OR_STR", "on", on)

    def crossJoin(self, other: "DataFrame") -> "DataFrame":
        if not isinstance(other, DataFrame):
            raise _type_error("NOT_DATAFRAME", "other", other)
        return self._transform(rq.join(self._id, other._id, "cross"))

    def _sort_exprs(self, cols: Sequence[Any], kwargs: Dict[str, Any]) -> list:
        if not cols:
            raise PySparkValueError(error_class="CANNOT_BE_EMPTY", message_parameters={"item": "column"})
        cols = _flatten(cols)
        exprs = [_expr_of(c, "cols") for c in cols]
        ascending = kwargs.get("ascending", True)
        if isinstance(ascending, (bool, int)):
            flags = [bool(ascending)] * len(exprs)
        elif isinstance(ascending, list):
            flags = [bool(a) for a in ascending] + [True] * max(0, len(exprs) - len(ascending))
        else:
            raise _type_error("NOT_BOOL_OR_LIST", "ascending", ascending)
        out = []
        for e, asc in zip(exprs, flags):
            if not asc and not isinstance(e, SortOrder):
                e = SortOrder(e, True, False)  # desc: NULLS LAST, as Column.desc()
            out.append(e)
        return out

    def orderBy(self, *cols: ColumnOrName, **kwargs: Any) -> "DataFrame":
        """Sorts all rows: ``df.orderBy("a", F.col("b").desc())``, ``df.orderBy(["a", "b"], ascending=[1, 0])``."""
        return self._transform(rq.sort(self._id, self._sort_exprs(cols, kwargs), True))

    sort = orderBy

    def sortWithinPartitions(self, *cols: ColumnOrName, **kwargs: Any) -> "DataFrame":
        """Sorts the rows of each partition, without a shuffle."""
        return self._transform(rq.sort(self._id, self._sort_exprs(cols, kwargs), False))

    def sample(self, withReplacement: Any = None, fraction: Any = None, seed: Optional[int] = None) -> "DataFrame":
        """A random sample of the rows, each kept with probability ``fraction``: the same rows Spark keeps for the
        same seed and partitioning (Spark's Bernoulli sampler over XORShiftRandom(seed + partition index)).

        Parameters
        ----------
        withReplacement : bool, optional
            Sampling with replacement is not available yet (Spark's Poisson sampler); False or omitted.
        fraction : float
            The probability of keeping each row, in [0, 1].
        seed : int, optional
            The seed (a random one when omitted).

        Returns
        -------
        :class:`DataFrame`
            The sampled rows.

        Examples
        --------
        >>> [r.id for r in spark.range(0, 20, 1, 3).sample(0.5, 42).collect()]
        [3, 8, 9, 18, 19]
        """
        from . import _sampling

        return _sampling.sample(self, withReplacement, fraction, seed)

    def randomSplit(self, weights: List[float], seed: Optional[int] = None) -> List["DataFrame"]:
        """Splits the rows randomly by ``weights`` (normalised to sum to 1), as Spark does: each partition is sorted by
        every column, then each row goes to the split its draw of XORShiftRandom(seed + partition index) falls in.

        Parameters
        ----------
        weights : list of float
            The relative sizes of the splits (non-negative).
        seed : int, optional
            The seed (a random one when omitted).

        Returns
        -------
        list
            One :class:`DataFrame` per weight.

        Examples
        --------
        >>> [[r.id for r in d.collect()] for d in spark.range(0, 20, 1, 3).randomSplit([1.0, 2.0], 24)]
        [[2, 5, 6, 8, 13, 19], [0, 1, 3, 4, 7, 9, 10, 11, 12, 14, 15, 16, 17, 18]]
        """
        from . import _sampling

        return _sampling.random_split(self, weights, seed)

    def limit(self, num: int) -> "DataFrame":
        if not isinstance(num, int) or isinstance(num, bool):
            raise _type_error("NOT_INT", "num", num)
        return self._transform(rq.limit(self._id, num))

    def offset(self, num: int) -> "DataFrame":
        """Skips the first ``num`` rows (in partition order, or in the order of a preceding sort).

        Parameters
        ----------
        num : int
            How many rows to skip (non-negative).

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> spark.range(10).orderBy("id").offset(7).collect()
        [Row(id=7), Row(id=8), Row(id=9)]
        >>> spark.range(10).orderBy("id").limit(4).offset(2).collect()
        [Row(id=2), Row(id=3)]
        """
        if not isinstance(num, int) or isinstance(num, bool):
            raise _type_error("NOT_INT", "num", num)
        return self._transform(rq.offset(self._id, num))

    def distinct(self) -> "DataFrame":
        return self._transform(rq.distinct(self._id, None))

    def dropDuplicates(self, subset: Optional[Union[List[str], str]] = None, *more: str) -> "DataFrame":
        """Distinct rows, or the first row of each group of rows equal on ``subset``."""
        if isinstance(subset, str):
            subset = [subset, *more]
        elif more:
            raise _type_error("NOT_LIST_OR_TUPLE", "subset", subset)
        if subset is None:
            return self.distinct()
        if not isinstance(subset, (list, tuple)):
            raise _type_error("NOT_LIST_OR_TUPLE", "subset", subset)
        for s in subset:
            if not isinstance(s, str):
                raise _type_error("NOT_STR", "subset", s)
        if not subset:
            return self.distinct()
        return self._transform(rq.distinct(self._id, list(subset)))

    drop_duplicates = dropDuplicates

    def union(self, other: "DataFrame") -> "DataFrame":
        """All rows of both (UNION ALL), matching columns by position."""
        if not isinstance(other, DataFrame):
            raise _type_error("NOT_DATAFRAME", "other", other)
        return self._transform(rq.set_op(self._id, other._id, False, False))

    unionAll = union

    def unionByName(self, other: "DataFrame", allowMissingColumns: bool = False) -> "DataFrame":
        """All rows of both, matching columns by name; missing columns are NULL when ``allowMissingColumns``."""
        if not isinstance(other, DataFrame):
            raise _type_error("NOT_DATAFRAME", "other", other)
        return self._transform(rq.set_op(self._id, other._id, True, bool(allowMissingColumns)))

    def repartition(self, numPartitions: Union[int, ColumnOrName], *cols: ColumnOrName) -> "DataFrame":
        """Redistributes rows into ``numPartitions`` partitions (round robin, or by hash of ``cols``)."""
        if isinstance(numPartitions, (str, Column)):
            cols = (numPartitions, *cols)
            n = self._shuffle_partitions()
        elif isinstance(numPartitions, int) and not isinstance(numPartitions, bool):
            n = numPartitions
        else:
            raise _type_error("NOT_COLUMN_OR_STR", "numPartitions", numPartitions)
        exprs = [_expr_of(c, "cols") for c in cols]
        return self._transform(rq.repartition(self._id, n, True, exprs))

    def repartitionByRange(self, numPartitions: Union[int, ColumnOrName], *cols: ColumnOrName) -> "DataFrame":
        """Redistributes rows into ``numPartitions`` partitions by ranges of ``cols`` (ascending, nulls first, unless
        given as sort orders), the bounds sampled from the rows as for a global sort; without ``numPartitions``,
        ``spark.sql.shuffle.partitions`` of them.

        Parameters
        ----------
        numPartitions : int, str or Column
            The number of partitions, or the first column.
        cols : str or Column
            The columns (or sort orders) to range-partition by.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.range(0, 12, 1, 3).repartitionByRange(2, "id")
        >>> df.rdd.getNumPartitions()
        2
        >>> df.withColumn("p", spark_partition_id()).groupBy("p").agg(min("id"), max("id")).orderBy("p").collect()
        [Row(p=0, min(id)=0, max(id)=5), Row(p=1, min(id)=6, max(id)=11)]
        """
        if isinstance(numPartitions, (str, Column)):
            cols = (numPartitions, *cols)
            n = self._shuffle_partitions()
        elif isinstance(numPartitions, int) and not isinstance(numPartitions, bool):
            n = numPartitions
            if not cols:
                raise PySparkValueError("At least one partition-by expression must be specified.", "CANNOT_BE_EMPTY",
                                        {"item": "partition-by expression"})
        else:
            raise _type_error("NOT_COLUMN_OR_INT_OR_STR", "numPartitions", numPartitions)
        exprs = [_expr_of(c, "cols") for c in _flatten(cols)]
        return self._transform(rq.repartition(self._id, n, True, exprs, by_range=True))

    def _shuffle_partitions(self) -> int:
        raw = self._session.conf.get("spark.sql.shuffle.partitions", None)
        try:
            return int(raw) if raw else self._session.sparkContext.defaultParallelism
        except ValueError:
            return self._session.sparkContext.defaultParallelism

    def coalesce(self, numPartitions: int) -> "DataFrame":
        """Merges partitions without a shuffle."""
        if not isinstance(numPartitions, int) or isinstance(numPartitions, bool):
            raise _type_error("NOT_INT", "numPartitions", numPartitions)
        return self._transform(rq.repartition(self._id, numPartitions, False, []))

    def alias(self, alias: str) -> "DataFrame":
        """Names this DataFrame so its columns can be referred to as ``alias.col``."""
        if not isinstance(alias, str):
            raise _type_error("NOT_STR", "alias", alias)
        return self._transform(rq.subquery_alias(self._id, alias))

    # ------------------------------------------------------------------ temporary views

    def createTempView(self, name: str) -> None:
        """Registers this DataFrame as a temporary view of the session, for ``spark.sql``.

        Parameters
        ----------
        name : str
            The view's name (one part, case-insensitive).

        Raises
        ------
        AnalysisException
            ``TEMP_TABLE_OR_VIEW_ALREADY_EXISTS`` when the session has a view of that name.

        Examples
        --------
        >>> spark.range(2).createTempView("two_rows")
        >>> spark.sql("SELECT sum(id) AS s FROM two_rows").first().s
        1
        >>> spark.catalog.dropTempView("two_rows")
        True
        """
        from . import _views

        _views.create_view(self, name, global_=False, replace=False)

    def createOrReplaceTempView(self, name: str) -> None:
        """Registers this DataFrame as a temporary view of the session, replacing one of the same name.

        Parameters
        ----------
        name : str
            The view's name (one part, case-insensitive).

        Examples
        --------
        >>> spark.createDataFrame([(1,), (2,)], "x int").createOrReplaceTempView("xs")
        >>> spark.sql("SELECT max(x) AS m FROM xs").first().m
        2
        """
        from . import _views

        _views.create_view(self, name, global_=False, replace=True)

    def registerTempTable(self, name: str) -> None:
        """Registers this DataFrame as a temporary view (deprecated in PySpark since 2.0: use
        :meth:`createOrReplaceTempView`, which this is).

        Parameters
        ----------
        name : str
            The view's name (one part, case-insensitive).

        Examples
        --------
        >>> spark.createDataFrame([(1,), (2,)], "x int").registerTempTable("old_style")
        >>> spark.sql("SELECT count(*) AS n FROM old_style").first().n
        2
        >>> spark.catalog.dropTempView("old_style")
        True
        """
        import warnings

        warnings.warn("Deprecated in 2.0, use createOrReplaceTempView instead.", FutureWarning)
        self.createOrReplaceTempView(name)

    def createGlobalTempView(self, name: str) -> None:
        """Registers this DataFrame as a global temporary view, read by every session of the engine as
        ``global_temp.<name>``.

        Parameters
        ----------
        name : str
            The view's name (one part, case-insensitive).

        Raises
        ------
        AnalysisException
            ``TEMP_TABLE_OR_VIEW_ALREADY_EXISTS`` when ``global_temp`` has a view of that name.

        Examples
        --------
        >>> spark.range(4).createGlobalTempView("g_four")
        >>> spark.newSession().sql("SELECT count(*) AS n FROM global_temp.g_four").first().n
        4
        >>> spark.catalog.dropGlobalTempView("g_four")
        True
        """
        from . import _views

        _views.create_view(self, name, global_=True, replace=False)

    def createOrReplaceGlobalTempView(self, name: str) -> None:
        """Registers this DataFrame as a global temporary view (``global_temp.<name>``), replacing one of the same
        name.

        Parameters
        ----------
        name : str
            The view's name (one part, case-insensitive).

        Examples
        --------
        >>> spark.range(5).createOrReplaceGlobalTempView("g_five")
        >>> spark.table("global_temp.g_five").count()
        5
        """
        from . import _views

        _views.create_view(self, name, global_=True, replace=True)

    def intersect(self, other: "DataFrame") -> "DataFrame":
        """Distinct rows that are in both (INTERSECT; NULLs compare equal; columns matched by position)."""
        return _ops.set_difference(self, other, "leftsemi", "INTERSECT")

    def subtract(self, other: "DataFrame") -> "DataFrame":
        """Distinct rows of this DataFrame that are not in ``other`` (EXCEPT DISTINCT)."""
        return _ops.set_difference(self, other, "leftanti", "EXCEPT")

    def intersectAll(self, other: "DataFrame") -> "DataFrame":
        """Rows in both DataFrames, keeping duplicates (INTERSECT ALL): a row present m times here and n times in
        ``other`` appears min(m, n) times. Rows compare by position with NULL equal to NULL; columns are named
        from this DataFrame.

        Parameters
        ----------
        other : :class:`DataFrame`
            A DataFrame with as many columns, of compatible types.

        Raises
        ------
        AnalysisException
            ``NUM_COLUMNS_MISMATCH`` or ``INCOMPATIBLE_COLUMN_TYPE`` when the inputs do not line up.

        Examples
        --------
        >>> df1 = spark.createDataFrame([("a", 1), ("a", 1), ("b", 3), ("c", 4)], ["C1", "C2"])
        >>> df2 = spark.createDataFrame([("a", 1), ("a", 1), ("b", 3)], ["C1", "C2"])
        >>> sorted(df1.intersectAll(df2).collect())
        [Row(C1='a', C2=1), Row(C1='a', C2=1), Row(C1='b', C2=3)]
        """
        return _ops.set_operation_all(self, other, "intersect")

    def exceptAll(self, other: "DataFrame") -> "DataFrame":
        """Rows of this DataFrame not in ``other``, keeping duplicates (EXCEPT ALL): a row present m times here
        and n times in ``other`` appears max(m - n, 0) times. Rows compare by position with NULL equal to NULL.

        Parameters
        ----------
        other : :class:`DataFrame`
            A DataFrame with as many columns, of compatible types.

        Raises
        ------
        AnalysisException
            ``NUM_COLUMNS_MISMATCH`` or ``INCOMPATIBLE_COLUMN_TYPE`` when the inputs do not line up.

        Examples
        --------
        >>> df1 = spark.createDataFrame([("a", 1), ("a", 1), ("a", 1), ("a", 2), ("b", 3), ("c", 4)], ["C1", "C2"])
        >>> df2 = spark.createDataFrame([("a", 1), ("b", 3)], ["C1", "C2"])
        >>> sorted(df1.exceptAll(df2).collect())
        [Row(C1='a', C2=1), Row(C1='a', C2=1), Row(C1='a', C2=2), Row(C1='c', C2=4)]
        """
        return _ops.set_operation_all(self, other, "except")

    def fillna(self, value: Any, subset: Optional[Union[str, Sequence[str]]] = None) -> "DataFrame":
        """Replaces NULL (and NaN in doubles) with ``value`` in the columns of its type (numbers fill numeric
        columns, strings string ones, bools boolean ones), or per column with ``{name: value}``."""
        return _ops.fillna(self, value, subset)

    def dropna(self, how: str = "any", thresh: Optional[int] = None,
               subset: Optional[Union[str, Sequence[str]]] = None) -> "DataFrame":
        """Drops rows holding NULL/NaN: any (``how="any"``), only all-null rows (``"all"``), or rows with fewer
        than ``thresh`` non-null values."""
        return _ops.dropna(self, how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = _reshape._NO_VALUE, subset: Optional[List[str]] = None) -> "DataFrame":
        """Replaces values: ``to_replace`` a bool, number, str, a list of them or a ``{old: new}`` dict; ``value``
        the replacement (or a list as long as ``to_replace``; None for NULL). Only columns of the replaced values'
        kind are touched (numbers: every numeric column, the replacement cast to the column's type), as in Spark.

        Parameters
        ----------
        to_replace : bool, int, float, str, list or dict
            The values to replace.
        value : bool, int, float, str, list or None, optional
            The replacements; left out when ``to_replace`` is a dict.
        subset : list, optional
            The columns to consider (all by default).

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.createDataFrame([(10, 80.5, "Alice"), (5, None, "Bob"), (None, 10.0, "Tom")],
        ...                            "age int, height double, name string")
        >>> df.replace(10, 20).collect()
        [Row(age=20, height=80.5, name='Alice'), Row(age=5, height=None, name='Bob'), Row(age=None, height=20.0, name='Tom')]
        >>> df.replace(["Alice", "Bob"], ["A", "B"], "name").collect()
        [Row(age=10, height=80.5, name='A'), Row(age=5, height=None, name='B'), Row(age=None, height=10.0, name='Tom')]
        >>> df.na.replace({"Tom": None}).collect()
        [Row(age=10, height=80.5, name='Alice'), Row(age=5, height=None, name='Bob'), Row(age=None, height=10.0, name=None)]
        """
        return _reshape.replace(self, to_replace, value, subset)

    def unpivot(self, ids: Any, values: Any, variableColumnName: str, valueColumnName: str) -> "DataFrame":
        """Unpivots value columns into rows (wide to long): each row becomes one row per value column, holding the
        ``ids``, the column's name in ``variableColumnName`` and its value in ``valueColumnName``. The values are
        cast to the value columns' least common type (UNPIVOT_VALUE_DATA_TYPE_MISMATCH when there is none).

        Parameters
        ----------
        ids : str, Column, list or tuple
            The id columns (may be empty).
        values : str, Column, list, tuple or None
            The value columns; None for every column that is not an id.
        variableColumnName : str
            The name of the column of value-column names.
        valueColumnName : str
            The name of the column of values.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 11, 1.5), (2, 12, None)], "id int, x int, y double")
        >>> df.unpivot("id", ["x", "y"], "var", "val").show()
        +---+---+----+
        | id|var| val|
        +---+---+----+
        |  1|  x|11.0|
        |  1|  y| 1.5|
        |  2|  x|12.0|
        |  2|  y|NULL|
        +---+---+----+
        """
        return _reshape.unpivot(self, ids, values, variableColumnName, valueColumnName)

    def melt(self, ids: Any, values: Any, variableColumnName: str, valueColumnName: str) -> "DataFrame":
        """Alias of :meth:`unpivot`.

        Parameters
        ----------
        ids : str, Column, list or tuple
            The id columns.
        values : str, Column, list, tuple or None
            The value columns (None: every non-id column).
        variableColumnName : str
            The name of the column of value-column names.
        valueColumnName : str
            The name of the column of values.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 11, 12)], "id int, x int, y bigint")
        >>> df.melt(ids=[], values=["x", "y"], variableColumnName="k", valueColumnName="v").collect()
        [Row(k='x', v=11), Row(k='y', v=12)]
        """
        return _reshape.unpivot(self, ids, values, variableColumnName, valueColumnName)

    def to(self, schema: StructType) -> "DataFrame":
        """The columns of ``schema``, in its order: matched by name, cast where Spark's store assignment allows
        (INVALID_COLUMN_OR_FIELD_DATA_TYPE otherwise), NULL where the DataFrame has no such column; a nullable
        column cannot fill a non-nullable field (NULLABLE_COLUMN_OR_FIELD).

        Parameters
        ----------
        schema : :class:`StructType`

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> from kindling.sql.types import StructType, StructField, StringType, LongType
        >>> df = spark.createDataFrame([(1, "a")], "id int, s string")
        >>> df.to(StructType([StructField("s", StringType()), StructField("id", LongType())])).collect()
        [Row(s='a', id=1)]
        """
        return _reshape.to_schema(self, schema)

    def colRegex(self, colName: str) -> Column:
        """The columns whose names match ``colName``, a backquoted Java regular expression (case-insensitive
        unless ``spark.sql.caseSensitive``), for a select list; a name without backquotes is that column.

        Parameters
        ----------
        colName : str
            ```regex``` or ``qualifier.`regex```.

        Returns
        -------
        :class:`Column`

        Examples
        --------
        >>> df = spark.createDataFrame([("a", 1, 2)], "Col1 string, Col2 int, Col3 int")
        >>> df.select(df.colRegex("`(Col1)?+.+`")).columns
        ['Col2', 'Col3']
        """
        return _reshape.col_regex(self, colName)

    def transpose(self, indexColumn: Optional[ColumnOrName] = None) -> "DataFrame":
        """Swaps rows and columns (Spark 4): one row per non-index column, named in ``key``, and one column per
        non-null value of the index column (the first column by default), named by its text and sorted by value.
        The values take the non-index columns' least common type (TRANSPOSE_NO_LEAST_COMMON_TYPE otherwise).

        Parameters
        ----------
        indexColumn : str or Column, optional
            The column whose values name the new columns.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.createDataFrame([("x", 1, 2), ("y", 3, 4), ("b", 5, None)], "k string, a int, c bigint")
        >>> df.transpose().show()
        +---+----+---+---+
        |key|   b|  x|  y|
        +---+----+---+---+
        |  a|   5|  1|  3|
        |  c|NULL|  2|  4|
        +---+----+---+---+
        """
        return _reshape.transpose(self, indexColumn)

    @property
    def na(self) -> "_ops.DataFrameNaFunctions":
        """``df.na.fill(...)`` / ``df.na.drop(...)``."""
        return _ops.DataFrameNaFunctions(self)

    def hint(self, name: str, *parameters: Any) -> "DataFrame":
        """Accepts a join/partitioning hint; the engine plans without hints, so the result is this DataFrame."""
        if not isinstance(name, str):
            raise _type_error("NOT_STR", "name", name)
        return self

    def transform(self, func: Callable[..., "DataFrame"], *args: Any, **kwargs: Any) -> "DataFrame":
        """``func(self, *args, **kwargs)``, for chaining custom transformations."""
        result = func(self, *args, **kwargs)
        if not isinstance(result, DataFrame):
            raise PySparkTypeError(f"Func returned an instance of type [{type(result).__name__}], should have been "
                                   "DataFrame.", "INVALID_RETURN_TYPE_FOR_TRANSFORM")
        return result

    @property
    def write(self) -> "DataFrameWriter":
        """A :class:`DataFrameWriter` for files: ``df.write.mode("overwrite").parquet(path)``.

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> spark.range(3).write.mode("overwrite").json(d)
        >>> "_SUCCESS" in os.listdir(d)
        True
        """
        from .readwriter import DataFrameWriter

        return DataFrameWriter(self)

    # ------------------------------------------------------------------ persistence

    def cache(self) -> "DataFrame":
        """Keeps the computed partitions in the engine's block manager (lazily, on the next action)."""
        return self.persist()

    def persist(self, storageLevel: Any = None) -> "DataFrame":
        """As :meth:`cache`; the engine keeps blocks in memory whatever ``storageLevel`` says (default
        ``MEMORY_AND_DISK_DESER``), and :attr:`storageLevel` reports it.

        Examples
        --------
        >>> from kindling import StorageLevel
        >>> spark.range(3).persist(StorageLevel.DISK_ONLY).storageLevel
        StorageLevel(True, False, False, False, 1)
        """
        from . import _dataframe_actions as _act

        _act.record_storage_level(self, storageLevel)
        self._client.call(Body.PersistRequest, rq.persist(self._id, PersistOp.Cache), Body.Ack)
        return self

    def unpersist(self, blocking: bool = False) -> "DataFrame":
        self._client.call(Body.PersistRequest, rq.persist(self._id, PersistOp.Unpersist), Body.Ack)
        self._storage_level = None
        return self

    @property
    def storageLevel(self) -> "StorageLevel":
        """The :class:`StorageLevel` this DataFrame is persisted with; ``StorageLevel.NONE`` when it is not.

        Returns
        -------
        :class:`StorageLevel`

        Examples
        --------
        >>> df = spark.range(3)
        >>> df.storageLevel
        StorageLevel(False, False, False, False, 1)
        >>> df.cache().storageLevel
        StorageLevel(True, True, False, True, 1)
        >>> df.unpersist().storageLevel
        StorageLevel(False, False, False, False, 1)
        """
        from . import _dataframe_actions as _act

        return _act.storage_level(self)

    def checkpoint(self, eager: bool = True) -> "DataFrame":
        """A DataFrame of the same rows whose plan no longer computes them: with ``eager`` they are computed now and
        held by the engine (no checkpoint directory is needed: the engine keeps them as it keeps local data);
        otherwise they are persisted on the first action and read from the cache after it.

        Parameters
        ----------
        eager : bool, optional
            Whether to compute the rows now (the default).

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.range(4).selectExpr("id * 2 AS x")
        >>> cp = df.checkpoint()
        >>> cp.collect()
        [Row(x=0), Row(x=2), Row(x=4), Row(x=6)]
        >>> cp.isLocal()  # the plan now reads the kept rows, not the range
        True
        """
        from . import _dataframe_actions as _act

        return _act.checkpoint(self, eager)

    def localCheckpoint(self, eager: bool = True, storageLevel: Optional["StorageLevel"] = None) -> "DataFrame":
        """As :meth:`checkpoint`: the rows kept by the engine, the lineage cut (``storageLevel`` is accepted and,
        as for :meth:`persist`, the engine keeps them in memory).

        Parameters
        ----------
        eager : bool, optional
            Whether to compute the rows now (the default).
        storageLevel : StorageLevel, optional
            Accepted for PySpark compatibility.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> spark.range(3).localCheckpoint().collect()
        [Row(id=0), Row(id=1), Row(id=2)]
        """
        from . import _dataframe_actions as _act

        if storageLevel is not None:
            _act.check_storage_level(storageLevel)
        return _act.checkpoint(self, eager)

    @property
    def is_cached(self) -> bool:
        """Whether the engine holds this DataFrame's plan in its cache."""
        return bool(self._analyze(AnalyzeKind.IsCached).Flag())

    # ------------------------------------------------------------------ actions

    def foreach(self, f: Callable[[Row], None]) -> None:
        """Runs ``f`` on every row, in the Python workers (as PySpark runs it on the executors).

        Parameters
        ----------
        f : function
            Called with each :class:`Row`; its result is ignored.

        Examples
        --------
        >>> acc = spark.sparkContext.accumulator(0)
        >>> spark.range(5).foreach(lambda r: acc.add(r.id))
        >>> acc.value
        10
        """
        from . import _dataframe_actions as _act

        _act.foreach(self, f)

    def foreachPartition(self, f: Callable[[Iterator[Row]], None]) -> None:
        """Runs ``f`` on each partition's iterator of rows, in the Python workers.

        Parameters
        ----------
        f : function
            Called with an iterator of :class:`Row` per partition.

        Examples
        --------
        >>> acc = spark.sparkContext.accumulator(0)
        >>> spark.range(0, 6, 1, 3).foreachPartition(lambda rows: acc.add(1))
        >>> acc.value
        3
        """
        from . import _dataframe_actions as _act

        _act.foreach_partition(self, f)

    def toJSON(self, use_unicode: bool = True) -> "RDD":
        """The rows as an RDD of JSON object strings (NULL fields left out, as Spark writes them).

        Returns
        -------
        :class:`RDD`
            Of str.

        Examples
        --------
        >>> spark.createDataFrame([(1, None, "a")], "a int, b int, c string").toJSON().collect()
        ['{"a":1,"c":"a"}']
        """
        from . import _dataframe_actions as _act

        return _act.to_json_rdd(self)

    def isLocal(self) -> bool:
        """Whether ``collect()`` needs no tasks: the plan is only local data (``createDataFrame`` rows).

        Returns
        -------
        bool

        Examples
        --------
        >>> spark.range(3).isLocal(), spark.createDataFrame([(1,)], "a int").isLocal()
        (False, True)
        """
        from . import _dataframe_actions as _act

        return _act.is_local(self)

    def inputFiles(self) -> List[str]:
        """The files the file sources under this DataFrame's plan read, each once (as Spark lists them, a
        best-effort snapshot taken when the sources were read).

        Returns
        -------
        list of str

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> spark.range(3).coalesce(1).write.mode("overwrite").json(d)
        >>> [os.path.basename(p).startswith("part-") for p in spark.read.json(d).inputFiles()]
        [True]
        >>> spark.range(3).inputFiles()
        []
        """
        from . import _dataframe_actions as _act

        return _act.input_files(self)

    def sameSemantics(self, other: "DataFrame") -> bool:
        """Whether both plans, once optimised, compute the same result the same way (expression ids aside).

        Parameters
        ----------
        other : :class:`DataFrame`

        Returns
        -------
        bool

        Examples
        --------
        >>> df = spark.range(10)
        >>> df.filter("id > 2").sameSemantics(df.filter(df.id > 2)), df.sameSemantics(spark.range(11))
        (True, False)
        """
        from . import _dataframe_actions as _act

        return _act.same_semantics(self, other)

    def semanticHash(self) -> int:
        """A hash of the optimised plan, expression ids aside: equal for DataFrames that :meth:`sameSemantics`.

        Returns
        -------
        int

        Examples
        --------
        >>> spark.range(10).semanticHash() == spark.range(10).select("id").semanticHash()
        True
        """
        from . import _dataframe_actions as _act

        return _act.semantic_hash(self)

    def collect(self) -> List[Row]:
        """All rows, as a list of Rows."""
        return self._rows(Action.Collect)

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterator[Row]:
        """An iterator over all rows (fetched in one result)."""
        return iter(self.collect())

    def take(self, num: int) -> List[Row]:
        """The first ``num`` rows."""
        if not isinstance(num, int) or isinstance(num, bool):
            raise _type_error("NOT_INT", "num", num)
        return self._rows(Action.Take, max(0, num))

    def tail(self, num: int) -> List[Row]:
        """The last ``num`` rows, in order (Spark also brings every partition's last rows to the driver).

        Parameters
        ----------
        num : int
            How many rows.

        Returns
        -------
        list
            A list of :class:`Row`.

        Examples
        --------
        >>> spark.range(0, 10, 1, 3).tail(2)
        [Row(id=8), Row(id=9)]
        """
        if not isinstance(num, int) or isinstance(num, bool):
            raise _type_error("NOT_INT", "num", num)
        if num <= 0:
            return []
        return self.collect()[-num:]

    def head(self, n: Optional[int] = None) -> Union[Optional[Row], List[Row]]:
        """``head()`` the first Row (or None); ``head(n)`` a list of the first n Rows."""
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self) -> Optional[Row]:
        return self.head()  # type: ignore[return-value]

    def isEmpty(self) -> bool:
        return len(self.take(1)) == 0

    def count(self) -> int:
        """The number of rows."""
        return int(self._execute(Action.Count).Count())

    def toArrow(self) -> "pyarrow.Table":
        """All rows as a pyarrow Table (timestamps as ``timestamp[us, tz=UTC]``)."""
        return results.arrow_table(self._execute(Action.Collect))

    def toPandas(self) -> "pandas.DataFrame":
        """All rows as a pandas DataFrame, with PySpark's dtypes: integer columns holding nulls become float64,
        boolean ones object, dates stay ``datetime.date`` objects, timestamps are naive ``datetime64[ns]`` wall-clock
        times of the session time zone, as PySpark gives them.
        Uses Arrow unless ``spark.sql.execution.arrow.pyspark.enabled`` is false. Struct columns hold ``dict``s
        through Arrow and :class:`Row`s without it, as PySpark's default ``structHandlingMode`` ("legacy") gives."""
        if self._session.conf._arrow_enabled():
            zone = self._session._conf_cache.get("spark.sql.session.timeZone", "UTC")
            return results.table_to_pandas(results.arrow_table(self._execute(Action.Collect)), zone)
        tuples = results.pickled_rows(self._execute(Action.Collect, fmt=ResultFormat.PickledRows))
        converters = [struct_value_converter(f.dataType) for f in self._schema.fields]
        if any(c is not None for c in converters):
            tuples = [tuple(v if c is None else c(v) for c, v in zip(converters, t)) for t in tuples]
        return results.records_to_pandas(tuples, self.columns, [f.dataType.typeName() for f in self._schema.fields])

    def show(self, n: int = 20, truncate: Union[bool, int] = True, vertical: bool = False) -> None:
        """Prints the first ``n`` rows as a table (``truncate``: True = cells cut at 20 characters, or a width)."""
        print(self._show_string(n, truncate, vertical))

    def _show_string(self, n: int = 20, truncate: Union[bool, int] = True, vertical: bool = False) -> str:
        if not isinstance(n, int) or isinstance(n, bool):
            raise _type_error("NOT_INT", "n", n)
        if not isinstance(vertical, bool):
            raise _type_error("NOT_BOOL", "vertical", vertical)
        if isinstance(truncate, bool):
            width = 20 if truncate else 0
        else:
            try:
                width = int(truncate)
            except (TypeError, ValueError):
                raise _type_error("NOT_BOOL", "truncate", truncate) from None
        text = self._execute(Action.Show, n, width, vertical).Text()
        return text.decode("utf-8") if text else ""

    def _repr_html_(self) -> str:
        """An HTML table of the first rows, for notebooks (``spark.sql.repl.eagerEval.maxNumRows``, default 20;
        cells cut at ``spark.sql.repl.eagerEval.truncate``, default 20 characters)."""
        conf = self._session._conf_cache
        max_rows = int(conf.get("spark.sql.repl.eagerEval.maxNumRows", 20))
        width = int(conf.get("spark.sql.repl.eagerEval.truncate", 20))
        rows = self.take(max_rows + 1)
        more = len(rows) > max_rows
        rows = rows[:max_rows]

        def cell(v: Any) -> str:
            s = _spark_text(v)
            if 0 < width < len(s):
                s = s[: width - 3] + "..." if width >= 4 else s[:width]
            return html.escape(s)

        out = ["<table border='1'>\n"]
        out.append("<tr><th>%s</th></tr>\n" % "</th><th>".join(html.escape(c) for c in self.columns))
        for r in rows:
            out.append("<tr><td>%s</td></tr>\n" % "</td><td>".join(cell(v) for v in r))
        out.append("</table>\n")
        if more:
            out.append("only showing top %d %s\n" % (max_rows, "row" if max_rows == 1 else "rows"))
        return "".join(out)


def _spark_text(v: Any) -> str:
    """A value as Spark prints it in a table cell."""
    from ._utils.temporal import format_double

    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return format_double(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_spark_text(x) for x in v) + "]"
    if hasattr(v, "isoformat") and hasattr(v, "hour"):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        return s + ("." + f"{v.microsecond:06d}".rstrip("0") if v.microsecond else "")
    return str(v)


def _schema_of(schema_table: Any) -> StructType:
    from .._protocol.schema_codec import decode_schema
    from .types import schema_from_protocol

    return schema_from_protocol(decode_schema(schema_table))
