"""``SparkContext`` (``spark.sparkContext``): the entry point of the RDD API, broadcast variables and accumulators,
plus the facts about the engine PySpark programs commonly read.

``parallelize`` pickles a Python list here on the client and hands the blocks to the engine; ``spark.range``
creates its rows in the engine with no Python involved. Both exist so the difference can be measured.
"""

from __future__ import annotations

import os
import pickle
import re
from typing import TYPE_CHECKING, Any, Iterable, List, Optional

from ._gen.kindling.protocol.Body import Body
from ._gen.kindling.protocol.BroadcastOp import BroadcastOp
from .errors import PySparkValueError
from .rdd import PARALLELIZE_BATCH, RDD

if TYPE_CHECKING:
    from .accumulators import Accumulator, AccumulatorParam
    from .broadcast import Broadcast
    from .sql.session import SparkSession

__all__ = ["SparkContext"]

_LOG_LEVELS = ("ALL", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN")


class SparkContext:
    """The RDD side of a session.

    Examples
    --------
    >>> sc = spark.sparkContext
    >>> sc.parallelize(range(5), 2).map(lambda x: x * x).sum()
    30
    """

    def __init__(self, session: "SparkSession") -> None:
        self._session = session

    # ------------------------------------------------------------------ facts

    @property
    def appName(self) -> str:
        return self._session.conf.get("spark.app.name")

    @property
    def master(self) -> str:
        return self._session.conf.get("spark.master")

    @property
    def version(self) -> str:
        return self._session.version

    @property
    def defaultParallelism(self) -> int:
        """Task slots: ``spark.default.parallelism`` if set, else the N of ``local[N]`` (``local[*]``: the cores)."""
        raw = self._session.conf.get("spark.default.parallelism", None)
        if raw:
            return int(raw)
        master = self.master.strip()
        if master == "local":
            return 1
        m = re.fullmatch(r"local\[(\*|\d+)(?:,\s*\d+)?\]", master)
        if m and m.group(1) != "*":
            return int(m.group(1))
        return os.cpu_count() or 1

    @property
    def defaultMinPartitions(self) -> int:
        return min(self.defaultParallelism, 2)

    def setLogLevel(self, logLevel: str) -> None:
        """Sets the engine's log level (``spark.log.level``): ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN."""
        level = str(logLevel).upper()
        if level not in _LOG_LEVELS:
            raise PySparkValueError(f"Invalid log level {logLevel!r}; expected one of {', '.join(_LOG_LEVELS)}.",
                                    "INVALID_LOG_LEVEL", {"logLevel": str(logLevel)})
        self._session.conf.set("spark.log.level", level)

    def setJobDescription(self, value: Optional[str]) -> None:
        """Describes the jobs this session runs next (shown in job events); None clears it."""
        if value is None:
            self._session.conf.unset("spark.job.description")
        else:
            self._session.conf.set("spark.job.description", str(value))

    def getLocalProperty(self, key: str) -> Optional[str]:
        return self._session.conf.get(key, None)

    def cancelAllJobs(self) -> None:
        """Cancels the job this session is running (call it from another thread); the action raises."""
        self._session._client.cancel_inflight()

    def stop(self) -> None:
        """Stops the session (and the engine it launched)."""
        self._session.stop()

    # ------------------------------------------------------------------ RDDs

    def parallelize(self, c: Iterable[Any], numSlices: Optional[int] = None) -> RDD:
        """An RDD of the elements of ``c``, cut into ``numSlices`` contiguous partitions. The elements are pickled
        here and sent to the engine (a ``range`` is not: each partition's part is computed in a worker).

        >>> spark.sparkContext.parallelize([1, 2, 3, 4, 5], 2).glom().collect()
        [[1, 2], [3, 4, 5]]
        >>> spark.sparkContext.parallelize(range(0, 6, 2), 3).collect()
        [0, 2, 4]
        """
        n = int(numSlices) if numSlices is not None else self.defaultParallelism
        if n <= 0:
            raise PySparkValueError(f"Number of slices must be positive, got {n}.", "VALUE_NOT_POSITIVE",
                                    {"arg_name": "numSlices", "arg_value": str(n)})
        if isinstance(c, range):
            return self._range_rdd(c, n)
        data = c if isinstance(c, list) else list(c)
        size = len(data)
        pids: List[int] = []
        blocks: List[bytes] = []
        for i in range(n):
            part = data[size * i // n: size * (i + 1) // n]
            for j in range(0, len(part), PARALLELIZE_BATCH):
                pids.append(i)
                blocks.append(pickle.dumps(part[j:j + PARALLELIZE_BATCH], protocol=pickle.HIGHEST_PROTOCOL))
        return self._from_blocks(pids, blocks, n, "ParallelCollectionRDD", "parallelize")

    def _from_blocks(self, pids: List[int], blocks: List[bytes], n: int, op: str, site: str) -> RDD:
        import pyarrow as pa

        from .rdd import _route_blocks

        table = pa.table({"pid": pa.array(pids, type=pa.int32()), "data": pa.array(blocks, type=pa.binary())})
        return RDD(_route_blocks(self._session, self._session.createDataFrame(table), n), self, op=op, site=site)

    def _range_rdd(self, r: range, n: int) -> RDD:
        size = len(r)
        start, step = r.start, r.step

        def part(split: int, _: Iterable[Any]) -> Iterable[int]:
            lo = size * split // n
            hi = size * (split + 1) // n
            return iter(range(start + lo * step, start + hi * step, step))

        return self._from_blocks([], [], n, "ParallelCollectionRDD", "parallelize").mapPartitionsWithIndex(part)

    def range(self, start: int, end: Optional[int] = None, step: int = 1, numSlices: Optional[int] = None) -> RDD:
        """An RDD of ints from ``start`` to ``end`` (exclusive), each partition computed in a worker.

        >>> spark.sparkContext.range(5).collect()
        [0, 1, 2, 3, 4]
        """
        if end is None:
            start, end = 0, start
        return self.parallelize(range(start, end, step), numSlices)

    def emptyRDD(self) -> RDD:
        """An RDD with no elements and no partitions.

        (The engine holds it as one empty partition, which nothing reads: unions leave it out.)

        >>> sc = spark.sparkContext
        >>> sc.emptyRDD().collect(), sc.emptyRDD().getNumPartitions()
        ([], 0)
        """
        rdd = self._from_blocks([], [], 1, "EmptyRDD", "emptyRDD")
        rdd._num_partitions = 0
        rdd._empty = True
        return rdd

    def union(self, rdds: List[RDD]) -> RDD:
        """The partitions of every RDD in ``rdds``, in order.

        >>> sc = spark.sparkContext
        >>> sc.union([sc.parallelize([1]), sc.parallelize([2, 3])]).collect()
        [1, 2, 3]
        """
        if not rdds:
            raise PySparkValueError("union() needs at least one RDD.", "CANNOT_BE_EMPTY", {"item": "rdds"})
        out = rdds[0]
        for r in rdds[1:]:
            out = out.union(r)
        return out

    # ------------------------------------------------------------------ shared variables

    def broadcast(self, value: Any) -> "Broadcast":
        """A read-only ``value`` pickled once and shipped once to each Python worker that needs it.

        >>> b = spark.sparkContext.broadcast([10, 20])
        >>> spark.sparkContext.parallelize([0, 1]).map(lambda i: b.value[i]).collect()
        [10, 20]
        """
        from .broadcast import Broadcast

        return Broadcast(self, value)

    def accumulator(self, value: Any, accum_param: Optional["AccumulatorParam"] = None) -> "Accumulator":
        """A variable tasks add to and the driver reads (ints, floats, complex; others with ``accum_param``).

        >>> acc = spark.sparkContext.accumulator(0)
        >>> spark.sparkContext.parallelize(range(5)).foreach(lambda x: acc.add(x))
        >>> acc.value
        10
        """
        from .accumulators import _new

        return _new(value, accum_param)

    def _register_broadcast(self, bid: int, data: bytes) -> None:
        from ._client import requests as rq
        from ._client.local_data import bytes_payload

        payload = bytes_payload(
            data,
            lambda d: rq.broadcast(BroadcastOp.Register, bid, data=d),
            lambda path, size: rq.broadcast(BroadcastOp.Register, bid, shm_name=path, shm_size=size),
        )
        try:
            self._session._client.call(Body.BroadcastRequest, payload.build, Body.Ack)
        finally:
            payload.cleanup()

    def _unpersist_broadcast(self, bid: int, destroy: bool) -> None:
        from ._client import requests as rq

        op = BroadcastOp.Destroy if destroy else BroadcastOp.Unpersist
        self._session._client.call(Body.BroadcastRequest, rq.broadcast(op, bid), Body.Ack)
