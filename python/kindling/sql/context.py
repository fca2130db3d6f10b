"""``SparkContext`` lives in :mod:`kindling.context` (as ``pyspark.SparkContext``); re-exported for old imports."""

from ..context import SparkContext

__all__ = ["SparkContext"]
