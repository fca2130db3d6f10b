"""``spark.read`` (DataFrameReader) and ``df.write`` (DataFrameWriter): Parquet, CSV, JSON lines and text files.

Each method is a docstring and one request: the engine lists the files, infers schemas, reads and writes; this module
only gathers the options, as PySpark's readwriter.py does over the JVM.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from .._gen.kindling.protocol.Body import Body
from ..errors import PySparkTypeError
from . import _readwriter_requests as rwq
from .conf import _to_str
from .types import StructType

if TYPE_CHECKING:
    from .dataframe import DataFrame
    from .session import SparkSession

__all__ = ["DataFrameReader", "DataFrameWriter"]

PathOrPaths = Union[str, List[str]]


def _check_str(value: Any, arg_name: str) -> None:
    if not isinstance(value, str):
        raise PySparkTypeError(error_class="NOT_STR",
                               message_parameters={"arg_name": arg_name, "arg_type": type(value).__name__})


def _local(path: str) -> str:
    """A relative path is the client's: made absolute here, since the engine may run in another directory."""
    _check_str(path, "path")
    if "://" in path or path.startswith("file:"):
        return path
    return os.path.abspath(os.path.expanduser(path))


def _paths(path: Optional[PathOrPaths]) -> List[str]:
    if path is None:
        return []
    if isinstance(path, str):
        return [_local(path)]
    if isinstance(path, (list, tuple)):
        return [_local(p) for p in path]
    raise PySparkTypeError(error_class="NOT_STR_OR_LIST_OF_RDD",
                           message_parameters={"arg_name": "path", "arg_type": type(path).__name__})


class _Options:
    """Options in PySpark's form: keys kept as given (the engine compares them without case), values ``to_str``."""

    def __init__(self) -> None:
        self._options: Dict[str, str] = {}

    def _set(self, key: str, value: Any) -> None:
        _check_str(key, "key")
        v = _to_str(value)
        if v is None:
            return
        for k in list(self._options):
            if k.lower() == key.lower():
                del self._options[k]
        self._options[key] = v

    def _set_all(self, options: Dict[str, Any]) -> None:
        for k, v in options.items():
            self._set(k, v)


class DataFrameReader(_Options):
    """Reads files into a DataFrame: ``spark.read.format("csv").option("header", True).load(path)``.

    Reading a directory reads its data files (names starting with ``_`` or ``.``, such as ``_SUCCESS``, are
    skipped) and ``k=v`` subdirectories become partition columns; glob patterns and several paths work. A path
    that does not exist raises ``AnalysisException`` (``[PATH_NOT_FOUND]``) at the read, as in PySpark.
    """

    def __init__(self, spark: "SparkSession") -> None:
        super().__init__()
        self._spark = spark
        self._format = "parquet"
        self._schema: Optional[Union[StructType, str]] = None

    def format(self, source: str) -> "DataFrameReader":
        """The data source: ``"parquet"`` (the default), ``"csv"``, ``"json"`` or ``"text"``.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(3).write.mode("overwrite").format("json").save(d)
        >>> spark.read.format("json").load(d).orderBy("id").collect()
        [Row(id=0), Row(id=1), Row(id=2)]
        """
        _check_str(source, "source")
        self._format = source
        return self

    def schema(self, schema: Union[StructType, str]) -> "DataFrameReader":
        """The schema to read with (a StructType or a DDL string); no inference runs.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([("1", "a")], "x string, y string").write.mode("overwrite").csv(d)
        >>> spark.read.schema("x int, y string").csv(d).dtypes
        [('x', 'int'), ('y', 'string')]
        """
        if not isinstance(schema, (StructType, str)):
            raise PySparkTypeError(error_class="NOT_STR_OR_STRUCT",
                                   message_parameters={"arg_name": "schema", "arg_type": type(schema).__name__})
        self._schema = schema
        return self

    def option(self, key: str, value: Any) -> "DataFrameReader":
        """One option of the source (``header``, ``sep``, ``inferSchema``, ``mode``, ``multiLine`` …).

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([(1, "a")], "n int, s string").write.mode("overwrite").option("header", True).csv(d)
        >>> spark.read.option("header", True).option("inferSchema", True).csv(d).dtypes
        [('n', 'int'), ('s', 'string')]
        """
        self._set(key, value)
        return self

    def options(self, **options: Any) -> "DataFrameReader":
        """Several options at once.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([(1, "a")], "n int, s string").write.mode("overwrite").csv(d, sep=";", header=True)
        >>> spark.read.options(sep=";", header=True).csv(d).collect()
        [Row(n='1', s='a')]
        """
        self._set_all(options)
        return self

    def load(self, path: Optional[PathOrPaths] = None, format: Optional[str] = None,
             schema: Optional[Union[StructType, str]] = None, **options: Any) -> "DataFrame":
        """Reads ``path`` (a file, a directory, a glob, or a list of them) with the chosen source.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(4).write.mode("overwrite").parquet(d)
        >>> spark.read.load(d).count()
        4
        """
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self._set_all(options)
        s = self._schema
        build = rwq.read_files(self._format, _paths(path),
                               schema=s if isinstance(s, StructType) else None,
                               schema_ddl=s if isinstance(s, str) else None,
                               options=self._options)
        return self._spark._transform(build)

    def parquet(self, *paths: str, **options: Any) -> "DataFrame":
        """Parquet files (written by Kindling, Spark, pyarrow …); the schema comes from a file's footer.

        Examples
        --------
        >>> import tempfile, pyarrow as pa, pyarrow.parquet as pq, os
        >>> d = tempfile.mkdtemp()
        >>> pq.write_table(pa.table({"a": [1, 2], "b": ["x", None]}), os.path.join(d, "t.parquet"))
        >>> spark.read.parquet(d).collect()
        [Row(a=1, b='x'), Row(a=2, b=None)]
        """
        self._set_all(options)
        return self.format("parquet").load(list(paths))

    def csv(self, path: PathOrPaths, schema: Optional[Union[StructType, str]] = None, **options: Any) -> "DataFrame":
        """CSV files. Options as Spark's: ``header``, ``sep``/``delimiter``, ``quote``, ``escape``, ``comment``,
        ``nullValue``, ``emptyValue``, ``inferSchema``, ``mode`` (PERMISSIVE, DROPMALFORMED, FAILFAST),
        ``columnNameOfCorruptRecord``, ``multiLine``, ``lineSep``, ``encoding``, ``dateFormat``, ``timestampFormat``.

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> with open(os.path.join(d, "p.csv"), "w") as f:
        ...     _ = f.write('id,name\\n1,"Smith, Ann"\\n2,\\n')
        >>> spark.read.csv(d, header=True, inferSchema=True).collect()
        [Row(id=1, name='Smith, Ann'), Row(id=2, name=None)]
        """
        if schema is not None:
            self.schema(schema)
        self._set_all(options)
        return self.format("csv").load(path)

    def json(self, path: PathOrPaths, schema: Optional[Union[StructType, str]] = None, **options: Any) -> "DataFrame":
        """JSON lines (``multiLine=True``: one document per file). Without a schema, every record is read to infer
        one: numbers as ``bigint`` or ``double``, objects as structs (fields sorted by name), arrays, NULL-only
        fields as ``string``; malformed records add ``_corrupt_record``.

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> with open(os.path.join(d, "e.json"), "w") as f:
        ...     _ = f.write('{"n": 1, "tags": ["a"]}\\n{"n": 2.5}\\n')
        >>> df = spark.read.json(d)
        >>> df.dtypes
        [('n', 'double'), ('tags', 'array<string>')]
        """
        if schema is not None:
            self.schema(schema)
        self._set_all(options)
        return self.format("json").load(path)

    def text(self, paths: PathOrPaths, wholetext: bool = False, lineSep: Optional[str] = None,
             **options: Any) -> "DataFrame":
        """Text files: one string column ``value``, a row per line (``wholetext=True``: a row per file).

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> with open(os.path.join(d, "t.txt"), "w") as f:
        ...     _ = f.write("hello\\nworld\\n")
        >>> spark.read.text(d).collect()
        [Row(value='hello'), Row(value='world')]
        """
        self._set("wholetext", wholetext)
        self._set("lineSep", lineSep)
        self._set_all(options)
        return self.format("text").load(paths)

    def table(self, tableName: str) -> "DataFrame":
        """The DataFrame of a temporary view, as :meth:`SparkSession.table`."""
        return self._spark.table(tableName)


class DataFrameWriter(_Options):
    """Writes a DataFrame as files: ``df.write.mode("overwrite").partitionBy("k").parquet(path)``.

    A write produces a directory of part files ``part-00000-<uuid>-c000.<ext>`` (one per partition of the
    DataFrame) and ``_SUCCESS``. The files are staged under ``<path>/_temporary`` and moved into place only when
    every task has succeeded, so a failed write leaves no partial output.
    """

    def __init__(self, df: "DataFrame") -> None:
        super().__init__()
        self._df = df
        self._format = "parquet"
        self._mode = "errorifexists"
        self._partition_by: List[str] = []

    def mode(self, saveMode: Optional[str]) -> "DataFrameWriter":
        """``"error"``/``"errorifexists"`` (the default: ``[PATH_ALREADY_EXISTS]`` if the path exists),
        ``"overwrite"``, ``"append"`` or ``"ignore"`` (do nothing if the path exists).

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(2).write.mode("overwrite").parquet(d)
        >>> spark.range(3).write.mode("append").parquet(d)
        >>> spark.read.parquet(d).count()
        5
        """
        if saveMode is not None:
            _check_str(saveMode, "saveMode")
            self._mode = saveMode
        return self

    def format(self, source: str) -> "DataFrameWriter":
        """The data source: ``"parquet"`` (the default), ``"csv"``, ``"json"`` or ``"text"``.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(2).write.format("json").mode("overwrite").save(d)
        >>> sorted(r.id for r in spark.read.json(d).collect())
        [0, 1]
        """
        _check_str(source, "source")
        self._format = source
        return self

    def option(self, key: str, value: Any) -> "DataFrameWriter":
        """One option of the source (``header``, ``sep``, ``compression`` …).

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(1).write.mode("overwrite").option("compression", "zstd").parquet(d)
        >>> spark.read.parquet(d).collect()
        [Row(id=0)]
        """
        self._set(key, value)
        return self

    def options(self, **options: Any) -> "DataFrameWriter":
        """Several options at once.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(1).write.mode("overwrite").options(header=True).csv(d)
        >>> spark.read.options(header=True).csv(d).columns
        ['id']
        """
        self._set_all(options)
        return self

    def partitionBy(self, *cols: Union[str, List[str]]) -> "DataFrameWriter":
        """Hive-style partition directories ``k=v/`` (the columns are left out of the files and come back as
        partition columns on read).

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> df = spark.createDataFrame([(1, "a"), (2, "b")], "v int, k string")
        >>> df.write.mode("overwrite").partitionBy("k").parquet(d)
        >>> spark.read.parquet(d).orderBy("v").collect()
        [Row(v=1, k='a'), Row(v=2, k='b')]
        """
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        for c in cols:
            _check_str(c, "cols")
        self._partition_by = list(cols)  # type: ignore[arg-type]
        return self

    def save(self, path: Optional[str] = None, format: Optional[str] = None, mode: Optional[str] = None,
             partitionBy: Optional[Union[str, List[str]]] = None, **options: Any) -> None:
        """Writes the DataFrame to ``path`` with the chosen source and mode.

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> spark.range(2).write.save(d, format="csv", mode="overwrite")
        >>> "_SUCCESS" in os.listdir(d)
        True
        """
        if format is not None:
            self.format(format)
        self.mode(mode)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self._set_all(options)
        target = path if path is not None else self._options.get("path")
        if target is None:
            from ..errors import PySparkValueError

            raise PySparkValueError("'path' is not specified.", "PATH_NOT_SPECIFIED", {})
        df = self._df
        df._client.call(Body.WriteRequest,
                        rwq.write(df._id, self._format, _local(target), self._mode, self._options, self._partition_by),
                        Body.Ack)

    def parquet(self, path: str, mode: Optional[str] = None, partitionBy: Optional[Union[str, List[str]]] = None,
                compression: Optional[str] = None) -> None:
        """Parquet files, Snappy-compressed unless ``compression`` says otherwise (``none``, ``gzip``, ``zstd`` …).

        Examples
        --------
        >>> import tempfile, pyarrow.parquet as pq
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([(1, "a")], "n int, s string").write.mode("overwrite").parquet(d)
        >>> pq.read_table(d).to_pylist()
        [{'n': 1, 's': 'a'}]
        """
        self._set("compression", compression)
        self.save(path, format="parquet", mode=mode, partitionBy=partitionBy)

    def csv(self, path: str, mode: Optional[str] = None, compression: Optional[str] = None,
            **options: Any) -> None:
        """CSV files. Options as Spark's: ``header``, ``sep``, ``quote``, ``escape``, ``nullValue``, ``emptyValue``,
        ``quoteAll``, ``escapeQuotes``, ``lineSep``. Dates are written ``yyyy-MM-dd``, timestamps
        ``yyyy-MM-dd'T'HH:mm:ss.SSSXXX``.

        Examples
        --------
        >>> import tempfile, glob
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([(1, 'say "hi"')], "n int, s string").coalesce(1).write.mode("overwrite").csv(d)
        >>> print(open(glob.glob(d + "/part-*.csv")[0]).read(), end="")
        1,"say \\"hi\\""
        """
        self._set("compression", compression)
        self._set_all(options)
        self.save(path, format="csv", mode=mode)

    def json(self, path: str, mode: Optional[str] = None, compression: Optional[str] = None,
             **options: Any) -> None:
        """JSON lines: one object per row, NULL fields left out (``ignoreNullFields=False`` keeps them).

        Examples
        --------
        >>> import tempfile, glob
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([(1, None)], "n int, s string").coalesce(1).write.mode("overwrite").json(d)
        >>> print(open(glob.glob(d + "/part-*.json")[0]).read(), end="")
        {"n":1}
        """
        self._set("compression", compression)
        self._set_all(options)
        self.save(path, format="json", mode=mode)

    def text(self, path: str, compression: Optional[str] = None, lineSep: Optional[str] = None) -> None:
        """Text files from a DataFrame of exactly one string column, a line per row.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.createDataFrame([("a",), ("b",)], "value string").write.mode("overwrite").text(d)
        >>> sorted(r.value for r in spark.read.text(d).collect())
        ['a', 'b']
        """
        self._set("compression", compression)
        self._set("lineSep", lineSep)
        self.save(path, format="text")
