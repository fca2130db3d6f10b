"""Python RDDs: distributed collections of arbitrary Python objects, as PySpark's ``pyspark.rdd``.

The engine cannot read Python objects: it holds an RDD as a DataFrame with one ``data: binary`` column whose values
are pickled blocks (lists of objects), moves those blocks through shuffles and caches, and runs every function on
them in the Python workers (eval type NON_UDF). Consecutive narrow functions (``map``, ``filter``,
``mapPartitions``, …) are composed here on the client into one function, so a chain of them costs one pass in one
worker (PySpark's ``PipelinedRDD``). A shuffle runs ``partitionFunc`` (``portable_hash`` by default) in the worker,
which emits ``(partition id, block)`` pairs; the engine only routes the blocks to their partitions.
"""

from __future__ import annotations

import heapq
import itertools
import operator
import os
import pickle
import random
import sys
from collections import defaultdict
from functools import reduce as _reduce
from typing import TYPE_CHECKING, Any, Callable, Dict, Hashable, Iterable, Iterator, List, Optional, Tuple, Union

from ._client import requests as rq
from ._client import results
from ._gen.kindling.protocol.Action import Action
from ._gen.kindling.protocol.AnalyzeKind import AnalyzeKind
from .broadcast import dumps_command
from .rdd_io import IN_PICKLED, IN_ROWS, OUT_KEYED, OUT_PICKLED, OUT_ROWS

if TYPE_CHECKING:
    from .statcounter import StatCounter
    from .context import SparkContext
    from .sql.dataframe import DataFrame
    from .sql.types import StructType

__all__ = ["RDD", "PipelinedRDD", "portable_hash", "ResultIterable", "StorageLevel"]

#: PySpark's eval type number of RDD functions.
NON_UDF = 0
#: Objects per pickled block when the client slices a list for ``parallelize`` (PySpark's default batch size).
PARALLELIZE_BATCH = 1024

_rdd_ids = itertools.count()


def portable_hash(x: Hashable) -> int:
    """PySpark's hash for partitioning: ``hash`` with a fixed recipe for tuples and 0 for None. Workers run with
    ``PYTHONHASHSEED`` set (the client's, or 0), so string keys land in the same partitions on every run.

    >>> portable_hash(None)
    0
    >>> portable_hash((1, 2)) == portable_hash((1, 2))
    True
    """
    if "PYTHONHASHSEED" not in os.environ:
        raise RuntimeError("Randomness of hash of string should be disabled via PYTHONHASHSEED")
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for i in x:
            h ^= portable_hash(i)
            h *= 1000003
            h &= sys.maxsize
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    return hash(x)


class StorageLevel:
    """Where persisted blocks live, as PySpark names the levels. The engine keeps every persisted RDD or DataFrame in
    memory whatever the level; ``DataFrame.storageLevel`` reports the level it was persisted with.

    Examples
    --------
    >>> from kindling import StorageLevel
    >>> str(StorageLevel.MEMORY_AND_DISK_DESER), StorageLevel.DISK_ONLY == StorageLevel(True, False, False, False)
    ('Disk Memory Deserialized 1x Replicated', True)
    """

    def __init__(self, useDisk: bool, useMemory: bool, useOffHeap: bool, deserialized: bool, replication: int = 1) -> None:
        self.useDisk = useDisk
        self.useMemory = useMemory
        self.useOffHeap = useOffHeap
        self.deserialized = deserialized
        self.replication = replication

    def __repr__(self) -> str:
        return f"StorageLevel({self.useDisk}, {self.useMemory}, {self.useOffHeap}, {self.deserialized}, {self.replication})"

    def __str__(self) -> str:
        return ("Disk " * self.useDisk + "Memory " * self.useMemory + "OffHeap " * self.useOffHeap
                + ("Deserialized " if self.deserialized else "Serialized ") + f"{self.replication}x Replicated")

    def _key(self) -> tuple:
        return (self.useDisk, self.useMemory, self.useOffHeap, self.deserialized, self.replication)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, StorageLevel) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


StorageLevel.NONE = StorageLevel(False, False, False, False)  # type: ignore[attr-defined]
StorageLevel.DISK_ONLY = StorageLevel(True, False, False, False)  # type: ignore[attr-defined]
StorageLevel.DISK_ONLY_2 = StorageLevel(True, False, False, False, 2)  # type: ignore[attr-defined]
StorageLevel.DISK_ONLY_3 = StorageLevel(True, False, False, False, 3)  # type: ignore[attr-defined]
StorageLevel.MEMORY_ONLY = StorageLevel(False, True, False, False)  # type: ignore[attr-defined]
StorageLevel.MEMORY_ONLY_2 = StorageLevel(False, True, False, False, 2)  # type: ignore[attr-defined]
StorageLevel.MEMORY_AND_DISK = StorageLevel(True, True, False, False)  # type: ignore[attr-defined]
StorageLevel.MEMORY_AND_DISK_2 = StorageLevel(True, True, False, False, 2)  # type: ignore[attr-defined]
StorageLevel.OFF_HEAP = StorageLevel(True, True, True, False, 1)  # type: ignore[attr-defined]
StorageLevel.MEMORY_AND_DISK_DESER = StorageLevel(True, True, False, True)  # type: ignore[attr-defined]


class ResultIterable:
    """The values of one key after ``groupByKey`` / ``cogroup``: iterable, with ``len``."""

    def __init__(self, data: List[Any]) -> None:
        self.data = data
        self.index = 0
        self.maxindex = len(data)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"ResultIterable({self.data!r})"


class Partitioner:
    """How a shuffled RDD's keys are spread: equal partitioners let ``partitionBy`` skip a second shuffle."""

    def __init__(self, numPartitions: int, partitionFunc: Callable[[Any], int]) -> None:
        self.numPartitions = numPartitions
        self.partitionFunc = partitionFunc

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Partitioner) and self.numPartitions == other.numPartitions
                and self.partitionFunc == other.partitionFunc)

    def __call__(self, k: Any) -> int:
        return self.partitionFunc(k) % self.numPartitions


def _dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


class RDD:
    """A Resilient Distributed Dataset of Python objects, held by the engine as pickled blocks.

    Examples
    --------
    >>> sc = spark.sparkContext
    >>> sc.parallelize([1, 2, 3, 4], 2).map(lambda x: x * 10).collect()
    [10, 20, 30, 40]
    """

    def __init__(self, df: Optional["DataFrame"], ctx: "SparkContext", kind: str = IN_PICKLED, *,
                 op: str = "RDD", site: str = "RDD", deps: Tuple[Tuple["RDD", bool], ...] = ()) -> None:
        self._df_handle = df
        self.ctx = ctx
        self._kind = kind
        self.is_cached = False
        self.partitioner: Optional[Partitioner] = None
        self._id = next(_rdd_ids)
        self._name: Optional[str] = None
        self._op = op
        self._site = site
        self._deps = deps
        self._num_partitions: Optional[int] = None
        self._empty = False  # sc.emptyRDD(): no partitions

    # ------------------------------------------------------------------ plumbing

    @property
    def _jdf(self) -> "DataFrame":
        """The engine DataFrame of this RDD (its ``data`` column holds the pickled blocks)."""
        assert self._df_handle is not None
        return self._df_handle

    @property
    def _session(self):
        return self.ctx._session

    def _pickled(self) -> "RDD":
        """This RDD as pickled blocks (a ``df.rdd`` of rows is converted by one pass in a worker)."""
        return self if self._kind == IN_PICKLED else self.map(lambda r: r)

    def _collect_blocks(self) -> List[Any]:
        return _unpickle_blocks(self._pickled()._jdf)

    def _defaultReducePartitions(self) -> int:
        raw = self._session.conf.get("spark.default.parallelism", None)
        return int(raw) if raw else self.getNumPartitions()

    def id(self) -> int:
        """A unique id of this RDD within the session."""
        return self._id

    def name(self) -> Optional[str]:
        return self._name

    def setName(self, name: str) -> "RDD":
        self._name = name
        return self

    @property
    def context(self) -> "SparkContext":
        return self.ctx

    def __repr__(self) -> str:
        return f"{self._name or self._op}[{self._id}] at {self._site}"

    def getNumPartitions(self) -> int:
        """The number of partitions.

        >>> spark.sparkContext.parallelize([1, 2, 3], 3).getNumPartitions()
        3
        """
        if self._num_partitions is None:
            self._num_partitions = int(self._jdf._analyze(AnalyzeKind.NumPartitions).NumPartitions())
        return self._num_partitions

    # ------------------------------------------------------------------ persistence

    def cache(self) -> "RDD":
        """Keeps the computed blocks in the engine's memory for later actions."""
        return self.persist()

    def persist(self, storageLevel: Any = None) -> "RDD":
        self.is_cached = True
        self._jdf.cache()
        return self

    def unpersist(self, blocking: bool = False) -> "RDD":
        self.is_cached = False
        self._jdf.unpersist()
        return self

    def toDebugString(self) -> bytes:
        """The lineage of this RDD, a shuffle starting each indented block (as bytes, like PySpark).

        >>> print(spark.sparkContext.parallelize([(1, 1)], 2).reduceByKey(lambda a, b: a + b).toDebugString().decode())
        ... # doctest: +ELLIPSIS
        (2) PythonRDD[...] at reduceByKey []
         |  ShuffledRDD[...] at partitionBy []
         +-(2) PairwiseRDD[...] at reduceByKey []
            |  ParallelCollectionRDD[...] at parallelize []
        """
        lines: List[str] = []

        def visit(rdd: "RDD", prefix: str, head: str) -> None:
            cached = " CachedPartitions" if rdd.is_cached else ""
            lines.append(f"{head}{rdd!r} []{cached}")
            for parent, shuffle in rdd._deps:
                if shuffle:  # a new stage: indented, with its partition count
                    visit(parent, prefix + "   ", f"{prefix} +-({parent.getNumPartitions()}) ")
                else:
                    visit(parent, prefix, f"{prefix} |  ")

        visit(self, "", f"({self.getNumPartitions()}) ")
        return "\n".join(lines).encode("utf-8")

    # ------------------------------------------------------------------ narrow transformations

    def mapPartitionsWithIndex(self, f: Callable[[int, Iterator[Any]], Iterable[Any]],
                               preservesPartitioning: bool = False) -> "RDD":
        """Applies ``f(partition_index, iterator)`` to each partition.

        >>> spark.sparkContext.parallelize([1, 2, 3, 4], 2).mapPartitionsWithIndex(lambda i, it: [(i, sum(it))]).collect()
        [(0, 3), (1, 7)]
        """
        return PipelinedRDD(self, f, preservesPartitioning, site=_caller())

    def mapPartitions(self, f: Callable[[Iterator[Any]], Iterable[Any]], preservesPartitioning: bool = False) -> "RDD":
        """Applies ``f(iterator)`` to each partition.

        >>> spark.sparkContext.parallelize([1, 2, 3, 4], 2).mapPartitions(lambda it: [sum(it)]).collect()
        [3, 7]
        """
        def func(_: int, iterator: Iterator[Any]) -> Iterable[Any]:
            return f(iterator)

        return PipelinedRDD(self, func, preservesPartitioning, site=_caller(), label=_label(f))

    def map(self, f: Callable[[Any], Any], preservesPartitioning: bool = False) -> "RDD":
        """Applies ``f`` to every element.

        >>> spark.sparkContext.parallelize([1, 2, 3]).map(lambda x: x * 2).collect()
        [2, 4, 6]
        """
        def func(_: int, iterator: Iterator[Any]) -> Iterable[Any]:
            return map(f, iterator)

        return PipelinedRDD(self, func, preservesPartitioning, site=_caller(), label=_label(f))

    def flatMap(self, f: Callable[[Any], Iterable[Any]], preservesPartitioning: bool = False) -> "RDD":
        """Applies ``f`` to every element and flattens the results.

        >>> spark.sparkContext.parallelize(["a b", "c"]).flatMap(str.split).collect()
        ['a', 'b', 'c']
        """
        def func(_: int, iterator: Iterator[Any]) -> Iterable[Any]:
            return itertools.chain.from_iterable(map(f, iterator))

        return PipelinedRDD(self, func, preservesPartitioning, site=_caller(), label=_label(f))

    def filter(self, f: Callable[[Any], bool]) -> "RDD":
        """The elements for which ``f`` is true.

        >>> spark.sparkContext.parallelize(range(6)).filter(lambda x: x % 2 == 0).collect()
        [0, 2, 4]
        """
        def func(_: int, iterator: Iterator[Any]) -> Iterable[Any]:
            return filter(f, iterator)

        return PipelinedRDD(self, func, True, site=_caller(), label=_label(f))

    def glom(self) -> "RDD":
        """Each partition as one list.

        >>> spark.sparkContext.parallelize([1, 2, 3, 4], 2).glom().collect()
        [[1, 2], [3, 4]]
        """
        return self.mapPartitions(lambda it: [list(it)])

    def keyBy(self, f: Callable[[Any], Any]) -> "RDD":
        """Pairs ``(f(x), x)``."""
        return self.map(lambda x: (f(x), x))

    def keys(self) -> "RDD":
        return self.map(lambda kv: kv[0])

    def values(self) -> "RDD":
        return self.map(lambda kv: kv[1])

    def mapValues(self, f: Callable[[Any], Any]) -> "RDD":
        """Applies ``f`` to each value of a pair RDD, keeping keys and partitioning.

        >>> spark.sparkContext.parallelize([("a", 1)]).mapValues(lambda v: v + 1).collect()
        [('a', 2)]
        """
        return self.map(lambda kv: (kv[0], f(kv[1])), True)

    def flatMapValues(self, f: Callable[[Any], Iterable[Any]]) -> "RDD":
        """Pairs ``(k, w)`` for every ``w`` in ``f(v)``."""
        return self.flatMap(lambda kv: ((kv[0], x) for x in f(kv[1])), True)

    def sample(self, withReplacement: bool, fraction: float, seed: Optional[int] = None) -> "RDD":
        """A random sample: each element kept with probability ``fraction`` (or drawn a Poisson number of times)."""
        if fraction < 0.0:
            raise ValueError(f"Negative fraction value: {fraction}")
        base = seed if seed is not None else random.randrange(sys.maxsize)

        def func(split: int, iterator: Iterator[Any]) -> Iterator[Any]:
            rng = random.Random(base ^ split)
            for x in iterator:
                if withReplacement:
                    # Poisson(fraction) copies, by inversion.
                    k, p, u = 0, pow(2.718281828459045, -fraction), rng.random()
                    s = p
                    while u > s:
                        k += 1
                        p *= fraction / k
                        s += p
                    for _ in range(k):
                        yield x
                elif rng.random() < fraction:
                    yield x

        return self.mapPartitionsWithIndex(func, True)

    # ------------------------------------------------------------------ engine-side transformations

    def union(self, other: "RDD") -> "RDD":
        """This RDD's partitions followed by ``other``'s.

        >>> sc = spark.sparkContext
        >>> sc.parallelize([1, 2], 1).union(sc.parallelize([3], 1)).collect()
        [1, 2, 3]
        """
        # An emptyRDD has no partitions in Spark: a union with it is the other side (with the other's partitioning).
        if getattr(other, "_empty", False):
            return self
        if getattr(self, "_empty", False):
            return other
        a, b = self._pickled(), other._pickled()
        df = self._session._transform(rq.set_op(a._jdf._id, b._jdf._id, False, False))
        return RDD(df, self.ctx, op="UnionRDD", site=_caller(), deps=((a, False), (b, False)))

    def coalesce(self, numPartitions: int, shuffle: bool = False) -> "RDD":
        """Fewer partitions without a shuffle (or any number with ``shuffle=True``)."""
        if numPartitions <= 0:
            raise ValueError("Number of partitions must be positive.")
        src = self._pickled()
        df = self._session._transform(rq.repartition(src._jdf._id, numPartitions, shuffle, []))
        return RDD(df, self.ctx, op="CoalescedRDD" if not shuffle else "ShuffledRDD", site=_caller(),
                   deps=((src, shuffle),))

    def repartition(self, numPartitions: int) -> "RDD":
        """Exactly ``numPartitions`` partitions, blocks spread round-robin by the engine."""
        return self.coalesce(numPartitions, shuffle=True)

    def partitionBy(self, numPartitions: Optional[int], partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        """A pair RDD shuffled so that each key's pairs are in partition ``partitionFunc(key) % numPartitions``.

        >>> pairs = spark.sparkContext.parallelize([(1, "a"), (2, "b"), (3, "c")]).partitionBy(2)
        >>> sorted(pairs.glom().collect()[0])
        [(2, 'b')]
        """
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        partitioner = Partitioner(numPartitions, partitionFunc)
        if self.partitioner == partitioner:
            return self
        n = numPartitions

        def add_shuffle_key(_: int, iterator: Iterator[Any]) -> Iterator[Tuple[int, bytes]]:
            buckets: Dict[int, List[Any]] = defaultdict(list)
            held = 0
            for k, v in iterator:
                buckets[partitionFunc(k) % n].append((k, v))
                held += 1
                if held >= 65536:  # bound the memory a map task holds
                    for pid, items in buckets.items():
                        yield pid, _dumps(items)
                    buckets.clear()
                    held = 0
            for pid, items in buckets.items():
                yield pid, _dumps(items)

        keyed = PipelinedRDD(self, add_shuffle_key, site=_caller(), op="PairwiseRDD")
        df = _route_blocks(self._session, keyed._map_df(OUT_KEYED), n)
        rdd = RDD(df, self.ctx, op="ShuffledRDD", site="partitionBy", deps=((keyed, True),))
        rdd.partitioner = partitioner
        return rdd

    # ------------------------------------------------------------------ shuffles built in Python

    def combineByKey(self, createCombiner: Callable[[Any], Any], mergeValue: Callable[[Any, Any], Any],
                     mergeCombiners: Callable[[Any, Any], Any], numPartitions: Optional[int] = None,
                     partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        """Combines each key's values: locally per partition first, then across partitions after a shuffle."""
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

        def combine_locally(iterator: Iterator[Any]) -> Iterable[Any]:
            acc: Dict[Any, Any] = {}
            for k, v in iterator:
                acc[k] = mergeValue(acc[k], v) if k in acc else createCombiner(v)
            return acc.items()

        locally = self.mapPartitions(combine_locally, preservesPartitioning=True)
        shuffled = locally.partitionBy(numPartitions, partitionFunc)

        def merge_combiners(iterator: Iterator[Any]) -> Iterable[Any]:
            acc: Dict[Any, Any] = {}
            for k, c in iterator:
                acc[k] = mergeCombiners(acc[k], c) if k in acc else c
            return acc.items()

        out = shuffled.mapPartitions(merge_combiners, preservesPartitioning=True)
        out._site = _caller()
        return out

    def reduceByKey(self, func: Callable[[Any, Any], Any], numPartitions: Optional[int] = None,
                    partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        """Merges each key's values with ``func``.

        >>> rdd = spark.sparkContext.parallelize([("a", 1), ("b", 1), ("a", 1)])
        >>> sorted(rdd.reduceByKey(lambda a, b: a + b).collect())
        [('a', 2), ('b', 1)]
        """
        return self.combineByKey(lambda x: x, func, func, numPartitions, partitionFunc)

    def foldByKey(self, zeroValue: Any, func: Callable[[Any, Any], Any], numPartitions: Optional[int] = None,
                  partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        import copy

        return self.combineByKey(lambda v: func(copy.deepcopy(zeroValue), v), func, func, numPartitions, partitionFunc)

    def aggregateByKey(self, zeroValue: Any, seqFunc: Callable[[Any, Any], Any], combFunc: Callable[[Any, Any], Any],
                       numPartitions: Optional[int] = None, partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        import copy

        return self.combineByKey(lambda v: seqFunc(copy.deepcopy(zeroValue), v), seqFunc, combFunc, numPartitions,
                                 partitionFunc)

    def groupByKey(self, numPartitions: Optional[int] = None, partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        """Each key with the iterable of its values.

        >>> rdd = spark.sparkContext.parallelize([("a", 1), ("b", 1), ("a", 2)])
        >>> sorted((k, sorted(v)) for k, v in rdd.groupByKey().collect())
        [('a', [1, 2]), ('b', [1])]
        """
        def append(xs: List[Any], x: Any) -> List[Any]:
            xs.append(x)
            return xs

        def extend(xs: List[Any], ys: List[Any]) -> List[Any]:
            xs.extend(ys)
            return xs

        grouped = self.combineByKey(lambda x: [x], append, extend, numPartitions, partitionFunc)
        return grouped.mapValues(ResultIterable)

    def distinct(self, numPartitions: Optional[int] = None) -> "RDD":
        """The distinct elements.

        >>> sorted(spark.sparkContext.parallelize([1, 1, 2, 3, 3]).distinct().collect())
        [1, 2, 3]
        """
        return self.map(lambda x: (x, None)).reduceByKey(lambda x, _: x, numPartitions).map(lambda x: x[0])

    def groupBy(self, f: Callable[[Any], Any], numPartitions: Optional[int] = None,
                partitionFunc: Callable[[Any], int] = portable_hash) -> "RDD":
        """The elements grouped by ``f(element)``: ``(key, iterable of elements)`` pairs.

        >>> rdd = spark.sparkContext.parallelize([1, 1, 2, 3, 5, 8])
        >>> sorted((k, sorted(v)) for k, v in rdd.groupBy(lambda x: x % 2).collect())
        [(0, [2, 8]), (1, [1, 1, 3, 5])]
        """
        return self.map(lambda x: (f(x), x)).groupByKey(numPartitions, partitionFunc)

    def subtractByKey(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        """The pairs of this RDD whose key is not in ``other``.

        >>> sc = spark.sparkContext
        >>> x = sc.parallelize([("a", 1), ("b", 4), ("b", 5), ("a", 2)])
        >>> sorted(x.subtractByKey(sc.parallelize([("a", 3), ("c", None)])).collect())
        [('b', 4), ('b', 5)]
        """
        def only_left(kv: Tuple[Any, Tuple[ResultIterable, ResultIterable]]) -> bool:
            return bool(kv[1][0]) and not kv[1][1]

        return self.cogroup(other, numPartitions).filter(only_left).flatMapValues(lambda vs: vs[0])

    def subtract(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        """The elements of this RDD that are not in ``other`` (duplicates kept).

        >>> sc = spark.sparkContext
        >>> sorted(sc.parallelize([("a", 1), ("b", 4), ("b", 5), ("a", 3)]).subtract(sc.parallelize([("a", 3), ("c", None)])).collect())
        [('a', 1), ('b', 4), ('b', 5)]
        """
        return self.map(lambda x: (x, True)).subtractByKey(other.map(lambda x: (x, True)), numPartitions).keys()

    def intersection(self, other: "RDD") -> "RDD":
        """The distinct elements in both RDDs.

        >>> sc = spark.sparkContext
        >>> sorted(sc.parallelize([1, 10, 2, 3, 4, 5]).intersection(sc.parallelize([1, 6, 2, 3, 7, 8])).collect())
        [1, 2, 3]
        """
        return (self.map(lambda v: (v, None)).cogroup(other.map(lambda v: (v, None)))
                .filter(lambda kv: bool(kv[1][0]) and bool(kv[1][1])).keys())

    def cartesian(self, other: "RDD") -> "RDD":
        """Every pair ``(a, b)`` of an element of this RDD and one of ``other``, in ``n × m`` partitions.

        Partition ``i·m + j`` pairs partition ``i`` of this RDD with partition ``j`` of ``other``, as Spark's
        CartesianRDD does: each side's partitions are sent to the partitions that need them by one shuffle.

        >>> sc = spark.sparkContext
        >>> sorted(sc.parallelize([1, 2]).cartesian(sc.parallelize(["x", "y"])).collect())
        [(1, 'x'), (1, 'y'), (2, 'x'), (2, 'y')]
        """
        n, m = self.getNumPartitions(), other.getNumPartitions()
        if n == 0 or m == 0:
            return self.ctx.emptyRDD()

        def left(i: int, it: Iterable[Any]) -> Iterator[Tuple[int, Tuple[int, List[Any]]]]:
            items = list(it)
            return ((i * m + j, (0, items)) for j in range(m))

        def right(j: int, it: Iterable[Any]) -> Iterator[Tuple[int, Tuple[int, List[Any]]]]:
            items = list(it)
            return ((i * m + j, (1, items)) for i in range(n))

        def pairs(it: Iterable[Tuple[int, Tuple[int, List[Any]]]]) -> Iterator[Tuple[Any, Any]]:
            sides: Dict[int, List[Any]] = {0: [], 1: []}
            for _, (side, items) in it:
                sides[side].extend(items)
            return ((a, b) for a in sides[0] for b in sides[1])

        both = self.mapPartitionsWithIndex(left).union(other.mapPartitionsWithIndex(right))
        out = both.partitionBy(n * m, lambda pid: pid).mapPartitions(pairs)
        out._site = _caller()
        return out

    def zipWithUniqueId(self) -> "RDD":
        """Pairs each element with a unique id: ``k``, ``n + k``, ``2n + k``… in partition ``k`` of ``n`` (no job).

        >>> spark.sparkContext.parallelize(["a", "b", "c", "d", "e"], 3).zipWithUniqueId().collect()
        [('a', 0), ('b', 1), ('c', 4), ('d', 2), ('e', 5)]
        """
        n = self.getNumPartitions()

        def func(k: int, it: Iterable[Any]) -> Iterator[Tuple[Any, int]]:
            for i, v in enumerate(it):
                yield v, i * n + k

        return self.mapPartitionsWithIndex(func)

    def _grouped_with(self, other: "RDD", numPartitions: Optional[int]) -> "RDD":
        """Each key with its tagged values from both sides: ``(0, v)`` from this RDD, ``(1, w)`` from ``other``."""
        tagged = self.mapValues(lambda v: (0, v)).union(other.mapValues(lambda v: (1, v)))
        return tagged.groupByKey(numPartitions)

    def cogroup(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        """For each key, the iterables of its values in this RDD and in ``other``."""
        def dispatch(seq: Iterable[Tuple[int, Any]]) -> Tuple[ResultIterable, ResultIterable]:
            left, right = _split_tagged(seq)
            return ResultIterable(left), ResultIterable(right)

        return self._grouped_with(other, numPartitions).mapValues(dispatch)

    def _join(self, other: "RDD", numPartitions: Optional[int], keep_left: bool, keep_right: bool) -> "RDD":
        def dispatch(seq: Iterable[Tuple[int, Any]]) -> Iterator[Tuple[Any, Any]]:
            left, right = _split_tagged(seq)
            if keep_left and not right:
                right.append(None)
            if keep_right and not left:
                left.append(None)
            return ((v, w) for v in left for w in right)

        return self._grouped_with(other, numPartitions).flatMapValues(dispatch)

    def join(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        """Pairs ``(k, (v, w))`` for every match of keys.

        >>> sc = spark.sparkContext
        >>> sorted(sc.parallelize([("a", 1), ("b", 4)]).join(sc.parallelize([("a", 2), ("a", 3)])).collect())
        [('a', (1, 2)), ('a', (1, 3))]
        """
        return self._join(other, numPartitions, False, False)

    def leftOuterJoin(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        """As ``join``, keeping this RDD's unmatched keys with ``None``."""
        return self._join(other, numPartitions, True, False)

    def rightOuterJoin(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        return self._join(other, numPartitions, False, True)

    def fullOuterJoin(self, other: "RDD", numPartitions: Optional[int] = None) -> "RDD":
        return self._join(other, numPartitions, True, True)

    def sortByKey(self, ascending: bool = True, numPartitions: Optional[int] = None,
                  keyfunc: Callable[[Any], Any] = lambda x: x) -> "RDD":
        """Sorts a pair RDD by key: range-partitioned on sampled bounds, each partition sorted.

        >>> spark.sparkContext.parallelize([(3, "c"), (1, "a"), (2, "b")], 2).sortByKey().collect()
        [(1, 'a'), (2, 'b'), (3, 'c')]
        """
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

        def sort_partition(iterator: Iterator[Any]) -> Iterable[Any]:
            return sorted(iterator, key=lambda kv: keyfunc(kv[0]), reverse=not ascending)

        if numPartitions == 1:
            src = self.coalesce(1) if self.getNumPartitions() > 1 else self
            return src.mapPartitions(sort_partition, True)

        # The bounds of the range partitions come from a sample of the keys, as PySpark takes it.
        size = self.count()
        if size == 0:
            return self
        fraction = min(numPartitions * 20.0 / max(size, 1), 1.0)
        samples = sorted(self.sample(False, fraction, 1).map(lambda kv: kv[0]).collect(), key=keyfunc)
        bounds = [samples[int(len(samples) * (i + 1) / numPartitions)] for i in range(numPartitions - 1)] if samples else []
        import bisect

        def range_partitioner(k: Any) -> int:
            p = bisect.bisect_left([keyfunc(b) for b in bounds], keyfunc(k))
            return p if ascending else numPartitions - 1 - p

        return self.partitionBy(numPartitions, range_partitioner).mapPartitions(sort_partition, True)

    def sortBy(self, keyfunc: Callable[[Any], Any], ascending: bool = True, numPartitions: Optional[int] = None) -> "RDD":
        """Sorts by ``keyfunc`` of each element.

        >>> spark.sparkContext.parallelize(["bb", "a", "ccc"]).sortBy(len).collect()
        ['a', 'bb', 'ccc']
        """
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    def zipWithIndex(self) -> "RDD":
        """Pairs each element with its position (runs a job to count the partitions first).

        >>> spark.sparkContext.parallelize(["a", "b", "c"], 2).zipWithIndex().collect()
        [('a', 0), ('b', 1), ('c', 2)]
        """
        starts = [0]
        if self.getNumPartitions() > 1:
            counts = self.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
            for c in counts[:-1]:
                starts.append(starts[-1] + c)

        def func(k: int, iterator: Iterator[Any]) -> Iterator[Tuple[Any, int]]:
            for i, v in enumerate(iterator, starts[k]):
                yield v, i

        return self.mapPartitionsWithIndex(func)

    # ------------------------------------------------------------------ actions

    def collect(self) -> List[Any]:
        """All elements, in partition order.

        >>> spark.sparkContext.parallelize([1, 2, 3]).collect()
        [1, 2, 3]
        """
        if self._kind == IN_ROWS:
            return self._jdf.collect()
        return self._collect_blocks()

    def collectAsMap(self) -> Dict[Any, Any]:
        return dict(self.collect())

    def count(self) -> int:
        """The number of elements.

        >>> spark.sparkContext.parallelize(range(10), 3).count()
        10
        """
        return self.mapPartitions(lambda it: [sum(1 for _ in it)]).sum()

    def take(self, num: int) -> List[Any]:
        """The first ``num`` elements, scanning as few partitions as it can.

        As in Spark, the engine runs the first partition, then more (4× as many, or as many as the rows found
        so far suggest) until ``num`` elements are there; each partition stops reading after ``num``.

        >>> spark.sparkContext.parallelize(range(100), 4).take(3)
        [0, 1, 2]
        """
        if num <= 0:
            return []
        if self._kind == IN_ROWS:
            return self._jdf.limit(num).collect()

        # One block per element, so the engine's row limit counts elements.
        def first(_: int, it: Iterable[Any]) -> Iterable[Tuple[int, bytes]]:
            for x in itertools.islice(it, num):
                yield 0, _dumps([x])

        return _unpickle_blocks(PipelinedRDD(self, first, label="take")._map_df(OUT_KEYED).select("data").limit(num))

    def first(self) -> Any:
        rs = self.take(1)
        if rs:
            return rs[0]
        raise ValueError("RDD is empty")

    def isEmpty(self) -> bool:
        return self.getNumPartitions() == 0 or len(self.take(1)) == 0

    def reduce(self, f: Callable[[Any, Any], Any]) -> Any:
        """Reduces the elements with a commutative, associative ``f``.

        >>> spark.sparkContext.parallelize([1, 2, 3, 4]).reduce(lambda a, b: a + b)
        10
        """
        def func(iterator: Iterator[Any]) -> Iterable[Any]:
            it = iter(iterator)
            try:
                initial = next(it)
            except StopIteration:
                return []
            return [_reduce(f, it, initial)]

        vals = self.mapPartitions(func).collect()
        if vals:
            return _reduce(f, vals)
        raise ValueError("Can not reduce() empty RDD")

    def fold(self, zeroValue: Any, op: Callable[[Any, Any], Any]) -> Any:
        """Folds each partition from ``zeroValue``, then the partition results."""
        def func(iterator: Iterator[Any]) -> Iterable[Any]:
            acc = zeroValue
            for x in iterator:
                acc = op(acc, x)
            return [acc]

        return _reduce(op, self.mapPartitions(func).collect(), zeroValue)

    def aggregate(self, zeroValue: Any, seqOp: Callable[[Any, Any], Any], combOp: Callable[[Any, Any], Any]) -> Any:
        """Aggregates each partition with ``seqOp`` from ``zeroValue``, then combines them with ``combOp``.

        >>> spark.sparkContext.parallelize([1, 2, 3, 4], 2).aggregate((0, 0), lambda a, x: (a[0] + x, a[1] + 1),
        ...     lambda a, b: (a[0] + b[0], a[1] + b[1]))
        (10, 4)
        """
        def func(iterator: Iterator[Any]) -> Iterable[Any]:
            acc = zeroValue
            for x in iterator:
                acc = seqOp(acc, x)
            return [acc]

        return _reduce(combOp, self.mapPartitions(func).collect(), zeroValue)

    def sum(self) -> Any:
        """>>> spark.sparkContext.parallelize([1.0, 2.0, 3.0]).sum()
        6.0
        """
        return self.mapPartitions(lambda it: [sum(it)]).fold(0, operator.add)

    def max(self, key: Optional[Callable[[Any], Any]] = None) -> Any:
        return self.reduce(max if key is None else lambda a, b: max(a, b, key=key))

    def min(self, key: Optional[Callable[[Any], Any]] = None) -> Any:
        return self.reduce(min if key is None else lambda a, b: min(a, b, key=key))

    def mean(self) -> float:
        """The mean of the elements (NaN for an empty RDD, as PySpark's StatCounter).

        >>> spark.sparkContext.parallelize([1, 2, 3]).mean()
        2.0
        """
        def func(iterator: Iterator[Any]) -> Iterable[Tuple[int, float]]:
            n, s = 0, 0.0
            for x in iterator:
                n += 1
                s += x
            return [(n, s)]

        n, s = _reduce(lambda a, b: (a[0] + b[0], a[1] + b[1]), self.mapPartitions(func).collect(), (0, 0.0))
        return s / n if n else float("nan")

    def stats(self) -> "StatCounter":
        """Count, mean, variance, min and max in one pass (merged per partition).

        >>> spark.sparkContext.parallelize([1.0, 2.0, 3.0, 4.0], 2).stats()
        (count: 4, mean: 2.5, stdev: 1.118033988749895, max: 4.0, min: 1.0)
        """
        from .statcounter import StatCounter

        parts = self.mapPartitions(lambda it: [StatCounter(it)]).collect()
        return _reduce(lambda a, b: a.mergeStats(b), parts, StatCounter())

    def variance(self) -> float:
        """The population variance of the elements."""
        return self.stats().variance()

    def stdev(self) -> float:
        """The population standard deviation of the elements."""
        return self.stats().stdev()

    def sampleVariance(self) -> float:
        """The sample variance (dividing by n - 1)."""
        return self.stats().sampleVariance()

    def sampleStdev(self) -> float:
        """The sample standard deviation (dividing by n - 1)."""
        return self.stats().sampleStdev()

    def countByValue(self) -> Dict[Any, int]:
        """How many times each element occurs.

        >>> sorted(spark.sparkContext.parallelize([1, 2, 1, 2, 2]).countByValue().items())
        [(1, 2), (2, 3)]
        """
        def count_partition(iterator: Iterator[Any]) -> Iterable[Dict[Any, int]]:
            counts: Dict[Any, int] = defaultdict(int)
            for x in iterator:
                counts[x] += 1
            return [counts]

        def merge(a: Dict[Any, int], b: Dict[Any, int]) -> Dict[Any, int]:
            for k, v in b.items():
                a[k] += v
            return a

        parts = self.mapPartitions(count_partition).collect()
        return _reduce(merge, parts, defaultdict(int))

    def countByKey(self) -> Dict[Any, int]:
        """How many pairs each key has."""
        return self.map(lambda kv: kv[0]).countByValue()

    def foreach(self, f: Callable[[Any], None]) -> None:
        """Runs ``f`` on every element (in the workers)."""
        def func(iterator: Iterator[Any]) -> Iterable[Any]:
            for x in iterator:
                f(x)
            return iter([])

        self.mapPartitions(func).count()

    def foreachPartition(self, f: Callable[[Iterator[Any]], None]) -> None:
        """Runs ``f`` on every partition's iterator (in the workers)."""
        def func(iterator: Iterator[Any]) -> Iterable[Any]:
            r = f(iterator)
            try:
                return iter(r)  # type: ignore[arg-type]
            except TypeError:
                return iter([])

        self.mapPartitions(func).count()

    def top(self, num: int, key: Optional[Callable[[Any], Any]] = None) -> List[Any]:
        """The ``num`` largest elements, largest first."""
        def topn(iterator: Iterator[Any]) -> Iterable[List[Any]]:
            yield heapq.nlargest(num, iterator, key=key)

        return heapq.nlargest(num, itertools.chain.from_iterable(self.mapPartitions(topn).collect()), key=key)

    def takeOrdered(self, num: int, key: Optional[Callable[[Any], Any]] = None) -> List[Any]:
        """The ``num`` smallest elements, in order."""
        def smallest(iterator: Iterator[Any]) -> Iterable[List[Any]]:
            yield heapq.nsmallest(num, iterator, key=key)

        return heapq.nsmallest(num, itertools.chain.from_iterable(self.mapPartitions(smallest).collect()), key=key)

    # ------------------------------------------------------------------ DataFrames

    def toDF(self, schema: Union["StructType", str, List[str], None] = None, sampleRatio: Optional[float] = None) -> "DataFrame":
        """This RDD of tuples/Rows/dicts as a DataFrame (``spark.createDataFrame(rdd, schema)``).

        >>> spark.sparkContext.parallelize([(1, "a"), (2, "b")]).toDF(["id", "name"]).collect()
        [Row(id=1, name='a'), Row(id=2, name='b')]
        """
        return self._session.createDataFrame(self, schema, sampleRatio)

    def _to_df(self, struct: "StructType") -> "DataFrame":
        """Runs a worker pass turning objects into Arrow rows of ``struct``."""
        rows = PipelinedRDD(self, lambda _, it: it, site="toDF")
        return rows._map_df(OUT_ROWS, struct)


class PipelinedRDD(RDD):
    """A narrow function over a parent: consecutive ones compose into one function and one worker pass."""

    def __init__(self, prev: RDD, func: Callable[[int, Iterator[Any]], Iterable[Any]], preservesPartitioning: bool = False,
                 *, site: str = "RDD", op: str = "PythonRDD", label: Optional[str] = None) -> None:
        if isinstance(prev, PipelinedRDD) and prev._is_pipelinable():
            prev_func = prev.func

            def pipeline(split: int, iterator: Iterator[Any]) -> Iterable[Any]:
                return func(split, prev_func(split, iterator))

            self.func = pipeline
            self._source: RDD = prev._source
            base_deps = prev._deps
        else:
            self.func = func
            self._source = prev
            base_deps = ((prev, False),)
        super().__init__(None, prev.ctx, IN_PICKLED, op=op, site=site, deps=base_deps)
        self._label = label or getattr(func, "__name__", "<lambda>")
        self.preservesPartitioning = preservesPartitioning
        self.partitioner = prev.partitioner if preservesPartitioning else None

    def _is_pipelinable(self) -> bool:
        return not self.is_cached

    def _map_df(self, out_kind: str, struct: Optional["StructType"] = None) -> "DataFrame":
        from .sql._expr import PythonUdf
        from .sql.types import BinaryType, IntegerType, NullType, StructField, StructType

        command, bids = dumps_command((self.func, self._source._kind, out_kind))
        if out_kind == OUT_PICKLED:
            struct = StructType([StructField("data", BinaryType(), False)])
        elif out_kind == OUT_KEYED:
            struct = StructType([StructField("pid", IntegerType(), False), StructField("data", BinaryType(), False)])
        assert struct is not None
        udf = PythonUdf(self._label, NON_UDF, command, NullType(), (), True, bids)
        return self._session._transform(rq.map_in_python(self._source._jdf._id, udf, struct))

    @property
    def _jdf(self) -> "DataFrame":
        if self._df_handle is None:
            self._df_handle = self._map_df(OUT_PICKLED)
        return self._df_handle

    def getNumPartitions(self) -> int:
        # Narrow: as many partitions as the source, without building this pass's plan.
        if self._num_partitions is None:
            self._num_partitions = self._source.getNumPartitions()
        return self._num_partitions


def _unpickle_blocks(df: "DataFrame") -> List[Any]:
    """Collects ``df``'s ``data`` column of pickled blocks and returns their elements in order."""
    table = results.arrow_table(df._execute(Action.Collect))
    out: List[Any] = []
    for chunk in table.column("data").chunks:
        for blob in chunk.to_pylist():
            out.extend(pickle.loads(blob))
    return out


def _split_tagged(seq: Iterable[Tuple[int, Any]]) -> Tuple[List[Any], List[Any]]:
    left: List[Any] = []
    right: List[Any] = []
    for n, v in seq:
        (left if n == 0 else right).append(v)
    return left, right


def _route_blocks(session: Any, df: "DataFrame", numPartitions: int) -> "DataFrame":
    """Sends each ``(pid, data)`` row of ``df`` to partition ``pid`` and keeps the blocks only."""
    from .sql.functions import col

    routed = session._transform(rq.repartition(df._id, numPartitions, True, [col("pid")._expr], by_partition_id=True))
    return routed.select("data")


def _label(f: Any) -> str:
    return getattr(f, "__name__", None) or type(f).__name__


def _caller() -> str:
    """The public RDD method that made an RDD (for ``toDebugString``): the first frame of this module's API."""
    frame = sys._getframe(1)
    names = []
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    public = [n for n in names if not n.startswith("_")]
    return public[-1] if public else "RDD"
