"""How an RDD task's objects travel between the engine and a Python worker (shared by client and worker)."""

#: Input: pickled blocks in a ``data`` column (each a pickled list of objects), or a DataFrame's rows as ``Row``s.
IN_PICKLED = "pickled"
IN_ROWS = "rows"
#: Output: pickled blocks; ``(partition id, block)`` pairs for a shuffle; rows of a declared schema (``toDF``).
OUT_PICKLED = "pickled"
OUT_KEYED = "keyed"
OUT_ROWS = "rows"
