"""PySpark's ``pyspark.sql`` names over the Kindling engine: change only the imports of a PySpark program.

>>> from kindling.sql import SparkSession, functions as F
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()
"""

from . import functions, types
from .catalog import Catalog
from .column import Column
from .conf import RuntimeConfig
from .context import SparkContext
from .dataframe import DataFrame
from .readwriter import DataFrameReader, DataFrameWriter
from .group import GroupedData
from .session import SparkSession
from .types import Row
from .window import Window, WindowSpec

__all__ = [
    "SparkSession",
    "DataFrame",
    "DataFrameReader",
    "DataFrameWriter",
    "GroupedData",
    "Column",
    "Row",
    "Catalog",
    "Window",
    "WindowSpec",
    "RuntimeConfig",
    "SparkContext",
    "functions",
    "types",
]
