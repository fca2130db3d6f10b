"""Kindling: PySpark's API over a Node.js engine.

The Python process is a thin client: DataFrames are handles to engine-side plans. Import the PySpark
names from :mod:`kindling.sql`.
"""

__version__ = "0.1.0"
