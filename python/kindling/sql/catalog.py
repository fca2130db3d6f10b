"""``spark.catalog``: PySpark's Catalog over what Kindling has — one catalog (``spark_catalog``), one database
(``default``), the session's temporary views and the global ones in ``global_temp``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional

from ..errors import AnalysisException
from ._catalog_more import Column, Function

if TYPE_CHECKING:
    from .session import SparkSession

__all__ = ["Catalog", "CatalogMetadata", "Column", "Database", "Function", "Table"]

_CATALOG = "spark_catalog"
_DATABASE = "default"


class CatalogMetadata(NamedTuple):
    name: str
    description: Optional[str]


class Database(NamedTuple):
    name: str
    catalog: Optional[str]
    description: Optional[str]
    locationUri: str


class Table(NamedTuple):
    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    tableType: str
    isTemporary: bool


class Catalog:
    """Catalog metadata of the session."""

    def __init__(self, session: "SparkSession") -> None:
        self._session = session

    def currentCatalog(self) -> str:
        return _CATALOG

    def setCurrentCatalog(self, catalogName: str) -> None:
        if catalogName != _CATALOG:
            raise AnalysisException(f"Catalog '{catalogName}' plugin class not found: spark.sql.catalog."
                                    f"{catalogName} is not defined.", "CATALOG_NOT_FOUND",
                                    {"catalogName": f"`{catalogName}`"})

    def listCatalogs(self, pattern: Optional[str] = None) -> List[CatalogMetadata]:
        return [CatalogMetadata(_CATALOG, None)] if _matches(_CATALOG, pattern) else []

    def currentDatabase(self) -> str:
        return _DATABASE

    def setCurrentDatabase(self, dbName: str) -> None:
        if dbName != _DATABASE:
            raise _schema_not_found(dbName)

    def listDatabases(self, pattern: Optional[str] = None) -> List[Database]:
        if not _matches(_DATABASE, pattern):
            return []
        return [Database(_DATABASE, _CATALOG, "default database", "")]

    def getDatabase(self, dbName: str) -> Database:
        if dbName not in (_DATABASE, f"{_CATALOG}.{_DATABASE}"):
            raise _schema_not_found(dbName)
        return Database(_DATABASE, _CATALOG, "default database", "")

    def databaseExists(self, dbName: str) -> bool:
        return dbName in (_DATABASE, f"{_CATALOG}.{_DATABASE}")

    def listTables(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Table]:
        """The session's temporary views; with ``dbName="global_temp"``, the global ones first, then the session's.

        Parameters
        ----------
        dbName : str, optional
            ``"default"`` (the default) or ``"global_temp"``.
        pattern : str, optional
            Names to keep: ``*`` matches any characters, ``|`` separates alternatives, case-insensitive.

        Returns
        -------
        list of Table

        Examples
        --------
        >>> spark.range(1).createOrReplaceTempView("listed_view")
        >>> [t.name for t in spark.catalog.listTables(pattern="listed*")]
        ['listed_view']
        >>> spark.catalog.listTables(pattern="listed*")[0].tableType
        'TEMPORARY'
        """
        from . import _views

        out = []
        for name, database, table_type, is_temp in _views.list_tables(self._session, dbName):
            if _matches(name, pattern):
                out.append(Table(name, None, [database] if database else [], None, table_type, is_temp))
        return out

    def tableExists(self, tableName: str, dbName: Optional[str] = None) -> bool:
        """Whether a temporary view of that name exists (``"global_temp.v"`` or ``dbName="global_temp"`` for a
        global one).

        Examples
        --------
        >>> spark.range(1).createOrReplaceTempView("probe_view")
        >>> spark.catalog.tableExists("probe_view"), spark.catalog.tableExists("no_such_view")
        (True, False)
        """
        from . import _views

        return _views.table_exists(self._session, tableName, dbName)

    def dropTempView(self, viewName: str) -> bool:
        """Drops a temporary view of the session.

        Returns
        -------
        bool
            True when the view existed.

        Examples
        --------
        >>> spark.range(1).createOrReplaceTempView("short_lived")
        >>> spark.catalog.dropTempView("short_lived"), spark.catalog.dropTempView("short_lived")
        (True, False)
        """
        from . import _views

        return _views.drop_view(self._session, viewName, global_=False)

    def dropGlobalTempView(self, viewName: str) -> bool:
        """Drops a global temporary view (``global_temp.<viewName>``).

        Returns
        -------
        bool
            True when the view existed.

        Examples
        --------
        >>> spark.range(1).createOrReplaceGlobalTempView("short_lived_g")
        >>> spark.catalog.dropGlobalTempView("short_lived_g")
        True
        """
        from . import _views

        return _views.drop_view(self._session, viewName, global_=True)

    # ------------------------------------------------------------------ caching

    def cacheTable(self, tableName: str, storageLevel: Optional[Any] = None) -> None:
        """Persists a view (lazily: its blocks are kept on its next action), with ``storageLevel`` as
        :meth:`DataFrame.persist` takes it.

        Parameters
        ----------
        tableName : str
            The view's name (``global_temp.v`` for a global one).
        storageLevel : StorageLevel, optional
            Defaults to ``MEMORY_AND_DISK_DESER``.

        Examples
        --------
        >>> spark.range(3).createOrReplaceTempView("cached_view")
        >>> spark.catalog.cacheTable("cached_view")
        >>> spark.catalog.isCached("cached_view")
        True
        >>> spark.catalog.uncacheTable("cached_view")
        """
        from ._catalog_more import cache_table

        cache_table(self._session, tableName, storageLevel)

    def uncacheTable(self, tableName: str) -> None:
        """Drops a view's cached blocks; it is computed again by later actions.

        Examples
        --------
        >>> spark.range(3).createOrReplaceTempView("uncached_view")
        >>> spark.catalog.cacheTable("uncached_view")
        >>> spark.catalog.uncacheTable("uncached_view")
        >>> spark.catalog.isCached("uncached_view")
        False
        """
        from ._catalog_more import uncache_table

        uncache_table(self._session, tableName)

    def isCached(self, tableName: str) -> bool:
        """Whether a view is persisted.

        Examples
        --------
        >>> spark.range(3).createOrReplaceTempView("probe_cached")
        >>> spark.catalog.isCached("probe_cached")
        False
        """
        from ._catalog_more import is_cached

        return is_cached(self._session, tableName)

    def clearCache(self) -> None:
        """Drops every persisted DataFrame and view of the session from the cache.

        Examples
        --------
        >>> spark.range(3).createOrReplaceTempView("cleared_view")
        >>> spark.catalog.cacheTable("cleared_view")
        >>> spark.catalog.clearCache()
        >>> spark.catalog.isCached("cleared_view")
        False
        """
        from ._catalog_more import clear_cache

        clear_cache(self._session)

    def refreshTable(self, tableName: str) -> None:
        """Rebuilds a cached view's blocks lazily (on its next action); TABLE_OR_VIEW_NOT_FOUND for an unknown one.

        Examples
        --------
        >>> spark.range(3).createOrReplaceTempView("refreshed_view")
        >>> spark.catalog.refreshTable("refreshed_view")
        """
        from ._catalog_more import refresh_table

        refresh_table(self._session, tableName)

    def refreshByPath(self, path: str) -> None:
        """Drops the cached blocks of every persisted DataFrame that reads files at or under ``path``; they are
        computed again, from the files as they are then, on their next action. (The list of files a DataFrame reads
        is fixed when it is made: files added later are not picked up.)

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> spark.range(3).write.mode("overwrite").parquet(d)
        >>> df = spark.read.parquet(d).cache()
        >>> df.count()
        3
        >>> spark.catalog.refreshByPath(d)
        >>> df.is_cached, df.count()
        (True, 3)
        """
        from ._catalog_more import refresh_by_path

        refresh_by_path(self._session, path)

    # ------------------------------------------------------------------ columns and functions

    def getTable(self, tableName: str) -> Table:
        """The :class:`Table` of a view (``global_temp.v`` for a global one).

        Examples
        --------
        >>> spark.range(1).createOrReplaceTempView("got_view")
        >>> spark.catalog.getTable("got_view")
        Table(name='got_view', catalog=None, namespace=[], description=None, tableType='TEMPORARY', isTemporary=True)
        """
        from ._catalog_more import get_table

        return get_table(self._session, tableName)

    def listColumns(self, tableName: str, dbName: Optional[str] = None) -> List[Column]:
        """The columns of a view, as PySpark's ``Column`` tuples.

        Parameters
        ----------
        tableName : str
        dbName : str, optional
            ``"global_temp"`` for a global view.

        Returns
        -------
        list of Column

        Examples
        --------
        >>> spark.createDataFrame([(1, "a")], "id int, s string").createOrReplaceTempView("cols_view")
        >>> spark.catalog.listColumns("cols_view")[1]
        Column(name='s', description=None, dataType='string', nullable=True, isPartition=False, isBucket=False, isCluster=False)
        """
        from ._catalog_more import list_columns

        return list_columns(self._session, tableName, dbName)

    def listFunctions(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Function]:
        """The engine's functions: the built-in scalar and aggregate functions (sorted by name), then the
        session's registered Python UDFs. Operators (``+``, ``=``…) are not listed.

        Parameters
        ----------
        dbName : str, optional
            ``"default"`` (the only database).
        pattern : str, optional
            Names to keep: ``*`` any characters, ``|`` alternatives.

        Returns
        -------
        list of Function

        Examples
        --------
        >>> [f.name for f in spark.catalog.listFunctions(pattern="upp*")]
        ['upper']
        """
        from ._catalog_more import list_functions

        if dbName is not None and not self.databaseExists(dbName):
            raise _schema_not_found(dbName)
        return [f for f in list_functions(self._session) if _matches(f.name, pattern)]

    def functionExists(self, functionName: str, dbName: Optional[str] = None) -> bool:
        """Whether a built-in or registered function of that name exists.

        Examples
        --------
        >>> spark.catalog.functionExists("upper"), spark.catalog.functionExists("no_such_fn")
        (True, False)
        """
        from ._catalog_more import function_exists

        return function_exists(self._session, functionName)

    def getFunction(self, functionName: str) -> Function:
        """The :class:`Function` of that name; UNRESOLVED_ROUTINE when there is none.

        Examples
        --------
        >>> spark.catalog.getFunction("count").name
        'count'
        """
        from ._catalog_more import get_function

        return get_function(self._session, functionName)

    def registerFunction(self, name: str, f: Any, returnType: Optional[Any] = None) -> Any:
        """Deprecated alias of :meth:`UDFRegistration.register` (``spark.udf.register``).

        Examples
        --------
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     _ = spark.catalog.registerFunction("plus_two", lambda x: x + 2, "int")
        >>> spark.sql("SELECT plus_two(1) AS v").collect()
        [Row(v=3)]
        """
        import warnings

        warnings.warn("Deprecated in 2.3.0. Use spark.udf.register instead.", FutureWarning)
        return self._session.udf.register(name, f, returnType)


def _schema_not_found(name: str) -> AnalysisException:
    return AnalysisException(
        f"The schema `{name}` cannot be found. Verify the spelling and correctness of the schema and catalog.",
        "SCHEMA_NOT_FOUND", {"schemaName": f"`{name}`"})


def _matches(name: str, pattern: Optional[str]) -> bool:
    """Spark's LIKE-style catalog patterns: ``*`` any characters, ``|`` alternatives, case-insensitive."""
    if pattern is None:
        return True
    import re

    alternatives = [re.escape(p.strip()).replace(r"\*", ".*") for p in pattern.split("|")]
    return re.fullmatch("|".join(alternatives), name, re.IGNORECASE) is not None
