"""``spark.catalog``: PySpark's Catalog over what Kindling has — one catalog (``spark_catalog``), one database
(``default``), the session's temporary views and the global ones in ``global_temp``."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, NamedTuple, Optional

from ..errors import AnalysisException

if TYPE_CHECKING:
    from .session import SparkSession

__all__ = ["Catalog", "CatalogMetadata", "Database", "Table"]

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
