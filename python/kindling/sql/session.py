"""SparkSession: the entry point, in PySpark's shape. ``getOrCreate()`` launches the Node.js engine (or connects to
a remote one with ``remote("kindling://…")``); every method below is one request to it.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from .._client import Client
from .._client import requests as rq
from .._client.local_data import create_local_data
from .._gen.kindling.protocol.Body import Body
from ..errors import (PySparkRuntimeError, PySparkTypeError, PySparkValueError,
                      SparkConnectionError)
from .conf import RuntimeConfig, _to_str

if TYPE_CHECKING:
    from .catalog import Catalog
    from .readwriter import DataFrameReader
    from .context import SparkContext
    from .dataframe import DataFrame
    from .types import StructType
    from .udf import UDFRegistration

__all__ = ["SparkSession"]

DEFAULT_MASTER = "local[*]"
# Builder options that configure the connection itself, not the engine session.
_CONNECTION_KEYS = ("spark.remote", "spark.kindling.secret")
# Options never re-applied to an already running session.
_STATIC_KEYS = ("spark.master",) + _CONNECTION_KEYS
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class classproperty(property):
    """``SparkSession.builder`` is a fresh Builder on every access, as in PySpark."""

    def __get__(self, instance: Any, owner: Any = None) -> Any:  # type: ignore[override]
        return classmethod(self.fget).__get__(None, owner)()  # type: ignore[arg-type]


class SparkSession:
    """The entry point to Kindling: creates DataFrames, holds the runtime config, stops the engine.

    >>> spark = SparkSession.builder.master("local[2]").appName("demo").getOrCreate()
    >>> spark.range(3).count()
    3
    """

    _active: Optional["SparkSession"] = None
    _lock = threading.RLock()

    class Builder:
        """Collects options, then ``getOrCreate()`` / ``create()``."""

        def __init__(self) -> None:
            self._options: Dict[str, str] = {}
            self._lock = threading.RLock()

        def config(self, key: Optional[str] = None, value: Any = None, conf: Any = None, *,
                   map: Optional[Dict[str, Any]] = None) -> "SparkSession.Builder":
            """Sets an option: ``config("k", "v")``, ``config(map={...})`` or ``config(conf=SparkConf-like)``."""
            with self._lock:
                if conf is not None:
                    for k, v in conf.getAll():
                        self._options[k] = _to_str(v)  # type: ignore[assignment]
                elif map is not None:
                    for k, v in map.items():
                        self._options[k] = _to_str(v)  # type: ignore[assignment]
                elif key is not None:
                    if not isinstance(key, str):
                        raise PySparkTypeError(error_class="NOT_STR",
                                               message_parameters={"arg_name": "key", "arg_type": type(key).__name__})
                    self._options[key] = _to_str(value)  # type: ignore[assignment]
            return self

        def master(self, master: str) -> "SparkSession.Builder":
            """The engine's master URL: ``local``, ``local[N]`` or ``local[*]``."""
            return self.config("spark.master", master)

        def appName(self, name: str) -> "SparkSession.Builder":
            return self.config("spark.app.name", name)

        def remote(self, url: str) -> "SparkSession.Builder":
            """Connects to a running engine, ``kindling://host:port`` or ``kindling:///path/to.sock``; its secret
            comes from ``config("spark.kindling.secret", hex)`` or the KINDLING_SECRET environment variable."""
            return self.config("spark.remote", url)

        def getOrCreate(self) -> "SparkSession":
            """The active session (this builder's options applied to its runtime config), or a new one."""
            with SparkSession._lock:
                session = SparkSession._active
                if session is not None and not session._stopped and session._client.connection.broken is None:
                    for k, v in self._options.items():
                        if k not in _STATIC_KEYS and v is not None:
                            session.conf.set(k, v)
                    return session
                session = self._create_session()
                SparkSession._active = session
                return session

        def create(self) -> "SparkSession":
            """Always a new session: on a remote engine, a new connection with its own config and DataFrames."""
            with SparkSession._lock:
                session = self._create_session()
                if SparkSession._active is None or SparkSession._active._stopped:
                    SparkSession._active = session
                return session

        def _create_session(self) -> "SparkSession":
            opts = {k: v for k, v in self._options.items() if v is not None}
            url = opts.get("spark.remote")
            engine_conf = {k: v for k, v in opts.items() if k not in _CONNECTION_KEYS}
            started = time.perf_counter()
            if url:
                secret = opts.get("spark.kindling.secret") or os.environ.get("KINDLING_SECRET")
                if not secret:
                    raise SparkConnectionError(
                        f"Connecting to {url} needs the engine's secret: set config('spark.kindling.secret', hex) "
                        "or the KINDLING_SECRET environment variable.", "MISSING_SECRET")
                client = Client.connect(url, secret)
                session = SparkSession(client, engine_conf)
                remote_conf = dict(engine_conf)
                remote_conf.pop("spark.master", None)
                host = url.split("://", 1)[-1].split(":")[0]
                if "://" in url and not url.split("://", 1)[1].startswith("/") and host not in _LOOPBACK:
                    # Shared memory works on this machine only: keep results inline for a distant engine.
                    remote_conf.setdefault("spark.kindling.shm.threshold", str(60 * 1024 * 1024))
                for k, v in remote_conf.items():
                    session.conf.set(k, v)
            else:
                master = opts.get("spark.master", DEFAULT_MASTER)
                client = Client.launch(master, engine_conf)
                session = SparkSession(client, engine_conf)
            session._startup_ms = (time.perf_counter() - started) * 1000.0
            return session

    @classproperty
    def builder(cls) -> "SparkSession.Builder":  # type: ignore[misc]
        return cls.Builder()

    def __init__(self, client: Client, conf: Optional[Dict[str, str]] = None) -> None:
        self._client = client
        self._conf_cache: Dict[str, str] = dict(conf or {})
        self._conf = RuntimeConfig(self)
        self._stopped = False
        self._startup_ms: float = 0.0
        self._sc: Optional["SparkContext"] = None
        self._catalog: Optional["Catalog"] = None

    # ------------------------------------------------------------------ session

    @classmethod
    def getActiveSession(cls) -> Optional["SparkSession"]:
        """The session ``getOrCreate()`` returns, or None when there is none (or it was stopped)."""
        s = cls._active
        return s if s is not None and not s._stopped else None

    @classmethod
    def active(cls) -> "SparkSession":
        """The active session; raises when there is none."""
        s = cls.getActiveSession()
        if s is None:
            raise PySparkRuntimeError("No active or default Spark session found. Please create a new Spark session "
                                      "before running the code.", "NO_ACTIVE_OR_DEFAULT_SESSION")
        return s

    def newSession(self) -> "SparkSession":
        """Another session on the same engine: its own config and DataFrames (like PySpark's newSession)."""
        self._check_active()
        client = Client.connect(self._client.address, self._client.secret_hex)
        return SparkSession(client, {})

    @property
    def udf(self) -> "UDFRegistration":
        """Registers Python functions as named UDFs: ``spark.udf.register("f", f, "int")``."""
        from .udf import UDFRegistration

        reg = self.__dict__.get("_udf_registration")
        if reg is None:
            reg = self.__dict__["_udf_registration"] = UDFRegistration(self)
        return reg

    @property
    def conf(self) -> RuntimeConfig:
        return self._conf

    @property
    def version(self) -> str:
        """The engine's version."""
        from .._client.client import CLIENT_VERSION

        return self._client.engine_version or CLIENT_VERSION

    @property
    def sparkContext(self) -> "SparkContext":
        from .context import SparkContext

        if self._sc is None:
            self._sc = SparkContext(self)
        return self._sc

    @property
    def read(self) -> "DataFrameReader":
        """A :class:`DataFrameReader` for files: ``spark.read.parquet(path)``, ``spark.read.csv(path, header=True)``.

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(3).write.mode("overwrite").parquet(d)
        >>> spark.read.parquet(d).count()
        3
        """
        from .readwriter import DataFrameReader

        self._check_active()
        return DataFrameReader(self)

    @property
    def catalog(self) -> "Catalog":
        from .catalog import Catalog

        if self._catalog is None:
            self._catalog = Catalog(self)
        return self._catalog

    def stop(self) -> None:
        """Ends the session; an engine this session launched exits."""
        with SparkSession._lock:
            if SparkSession._active is self:
                SparkSession._active = None
        self._stopped = True
        self._client.stop()

    def __enter__(self) -> "SparkSession":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _check_active(self) -> None:
        if self._stopped:
            raise PySparkRuntimeError(error_class="SESSION_STOPPED")

    # ------------------------------------------------------------------ DataFrames

    def _create_from_rdd(self, rdd: Any, schema: Any, samplingRatio: Optional[float]) -> "DataFrame":
        """An RDD of tuples/Rows/dicts (or atomic values) as a DataFrame: one worker pass writes Arrow rows of the
        schema, inferred from the first 100 elements when not given (PySpark samples the same way)."""
        from . import types as T

        if isinstance(schema, str):
            schema = T._parse_datatype_string(schema)
        if isinstance(schema, tuple):
            schema = list(schema)
        if isinstance(schema, T.DataType) and not isinstance(schema, T.StructType):
            struct = T.StructType([T.StructField("value", schema, True)])
        elif isinstance(schema, T.StructType):
            struct = schema
        else:
            sample = rdd.take(100)
            if not sample:
                raise PySparkValueError("Cannot infer the schema of an empty RDD; pass a schema.",
                                        "CANNOT_INFER_EMPTY_SCHEMA", {})
            struct = T._infer_schema(sample, schema)
            if isinstance(schema, list):
                struct = T.StructType([T.StructField(schema[i] if i < len(schema) else f.name, f.dataType, f.nullable)
                                       for i, f in enumerate(struct.fields)])
        return rdd._to_df(struct)

    def _transform(self, build) -> "DataFrame":
        body = self._client.call(Body.Transform, build, Body.DataFrameHandle)
        return _from_handle(body, self)

    def sql(self, sqlQuery: str, args: Optional[Union[Dict[str, Any], List[Any]]] = None,
            **kwargs: Any) -> "DataFrame":
        """Runs one Spark SQL statement over the session's temporary views and returns its DataFrame.

        The query is parsed and planned by the engine into the same logical plan the DataFrame API builds, so it
        runs through the same analyzer and optimizer. Commands (``CREATE TEMPORARY VIEW``, ``DROP VIEW``) take
        effect at once; ``SHOW TABLES``, ``DESCRIBE`` and ``EXPLAIN`` answer a small DataFrame.

        Parameters
        ----------
        sqlQuery : str
            One SQL statement (a trailing ``;`` is allowed).
        args : dict or list, optional
            Values of the query's parameter markers, bound as literals of the value's type: a dict for named
            markers (``:lo``), a list for positional ones (``?``). A value may be a literal Column (``lit(5)``).
            A marker without a value raises ``UNBOUND_SQL_PARAMETER``; both kinds in one query raise
            ``INVALID_QUERY_MIXED_QUERY_PARAMETERS``.
        **kwargs
            Values for Python-style ``{name}`` fields in the query, as PySpark formats them: a DataFrame becomes
            a temporary view (dropped once the query is analysed), a plain column reference its name, a str a
            quoted SQL string literal, anything else its ``str``.

        Returns
        -------
        DataFrame

        Raises
        ------
        ParseException
            On a syntax error, naming the offending token, its line and position.
        AnalysisException
            On an unknown view, column or function, or a type mismatch.

        Examples
        --------
        >>> spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").createOrReplaceTempView("people")
        >>> spark.sql("SELECT id, upper(s) AS u FROM people WHERE id > 1").collect()
        [Row(id=2, u='B')]
        >>> spark.sql("SELECT count(*) AS n FROM people").first().n
        2
        >>> spark.sql("SELECT s FROM people WHERE id > :lo", args={"lo": 1}).collect()
        [Row(s='b')]
        >>> spark.sql("SELECT id FROM people WHERE s = ? OR id = ?", args=["a", 2]).count()
        2
        >>> df = spark.range(5)
        >>> spark.sql("SELECT {c} FROM {df} WHERE {c} > {lo}", df=df, c=df.id, lo=2).collect()
        [Row(id=3), Row(id=4)]
        """
        from . import _views

        return _views.sql(self, sqlQuery, args, **kwargs)

    def table(self, tableName: str) -> "DataFrame":
        """The DataFrame of a temporary view.

        Parameters
        ----------
        tableName : str
            A session view (``"v"``) or a global one (``"global_temp.v"``).

        Examples
        --------
        >>> spark.range(3).createOrReplaceTempView("three")
        >>> spark.table("three").count()
        3
        """
        from . import _views

        return _views.table(self, tableName)

    def range(self, start: int, end: Optional[int] = None, step: int = 1,
              numPartitions: Optional[int] = None) -> "DataFrame":
        """One ``bigint`` column ``id`` from ``start`` (inclusive) to ``end`` (exclusive); ``range(n)`` is 0..n-1."""
        for name, v in (("start", start), ("end", end), ("step", step), ("numPartitions", numPartitions)):
            if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                raise PySparkTypeError(error_class="NOT_INT",
                                       message_parameters={"arg_name": name, "arg_type": type(v).__name__})
        if end is None:
            start, end = 0, start
        if step == 0:
            raise PySparkValueError("Argument `step` must not be 0.", "VALUE_NOT_ALLOWED", {"arg_name": "step"})
        return self._transform(rq.range_op(start, end, step, numPartitions or 0))

    def createDataFrame(self, data: Any, schema: Union["StructType", str, List[str], None] = None,
                        samplingRatio: Optional[float] = None, verifySchema: bool = True) -> "DataFrame":
        """A DataFrame from a list of tuples/Rows/dicts (or scalars with an atomic schema), a pandas DataFrame or a
        pyarrow Table. ``schema``: a StructType, a DDL string (``"id int, name string"``) or column names."""
        self._check_active()
        from ..rdd import RDD

        if isinstance(data, RDD):
            return self._create_from_rdd(data, schema, samplingRatio)
        payload = create_local_data(data, schema, verifySchema, arrow=self.conf._arrow_enabled())
        try:
            return self._transform(payload.build)
        finally:
            payload.cleanup()


def _from_handle(body: Any, session: "SparkSession") -> "DataFrame":
    # Bound on first use (dataframe.py is imported after this module); an import statement per call costs ~1 µs.
    global _from_handle
    from .dataframe import DataFrame

    _from_handle = DataFrame._from_handle
    return _from_handle(body, session)
