"""Kindling: PySpark's API over a Node.js engine.

The Python process is a thin client: DataFrames are handles to engine-side plans. Import the PySpark
names from :mod:`kindling.sql`.
"""

__version__ = "0.1.0"

# PySpark's top-level names (``from pyspark import SparkContext, StorageLevel``), imported lazily so that
# ``import kindling`` stays cheap for the worker daemon.
_LAZY = {
    "SparkContext": ("kindling.context", "SparkContext"),
    "RDD": ("kindling.rdd", "RDD"),
    "StorageLevel": ("kindling.rdd", "StorageLevel"),
    "Broadcast": ("kindling.broadcast", "Broadcast"),
    "Accumulator": ("kindling.accumulators", "Accumulator"),
    "AccumulatorParam": ("kindling.accumulators", "AccumulatorParam"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'kindling' has no attribute {name!r}")
