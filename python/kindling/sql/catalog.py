"""``spark.catalog``: the parts of PySpark's Catalog that hold without SQL tables — one catalog (``spark_catalog``)
with one database (``default``) and, until temporary views arrive, no tables."""

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
        """No tables exist yet (temporary views need SQL support)."""
        if dbName is not None and not self.databaseExists(dbName):
            raise _schema_not_found(dbName)
        return []

    def tableExists(self, tableName: str, dbName: Optional[str] = None) -> bool:
        return False


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
