"""Broadcast variables (``sc.broadcast``): a read-only value pickled once on the driver, registered with the
engine, and shipped to each Python worker the first time one of its tasks needs it.

A task's function refers to a broadcast by id only (``Broadcast.__reduce__``); while a command is pickled the ids
it refers to are recorded, so the engine knows which values the task's worker must hold.
"""

from __future__ import annotations

import itertools
import pickle
import threading
from typing import TYPE_CHECKING, Any, Dict, Generic, Optional, Set, Tuple, TypeVar

import cloudpickle

if TYPE_CHECKING:
    from .context import SparkContext

__all__ = ["Broadcast"]

T = TypeVar("T")

_ids = itertools.count()
_pickling = threading.local()
#: Worker side: id → (version, pickled value, unpickled value or _UNSET).
_worker_values: Dict[int, list] = {}
_UNSET = object()


def _from_id(bid: int) -> "Broadcast":
    b = Broadcast.__new__(Broadcast)
    b._id = bid
    b._sc = None
    b._value = _UNSET
    b._destroyed = False
    return b


def dumps_command(obj: Any) -> Tuple[bytes, Tuple[int, ...]]:
    """cloudpickles a task's function, returning the bytes and the ids of the broadcasts it refers to."""
    seen: Set[int] = set()
    outer = getattr(_pickling, "ids", None)
    _pickling.ids = seen
    try:
        data = cloudpickle.dumps(obj)
    finally:
        _pickling.ids = outer
    if outer is not None:
        outer.update(seen)
    return data, tuple(sorted(seen))


class Broadcast(Generic[T]):
    """A read-only value available in every task through ``.value``.

    Examples
    --------
    >>> b = spark.sparkContext.broadcast({"a": 1, "b": 2})
    >>> spark.sparkContext.parallelize(["a", "b", "a"]).map(lambda k: b.value[k]).collect()
    [1, 2, 1]
    >>> b.unpersist()
    """

    def __init__(self, sc: "SparkContext", value: T) -> None:
        self._id = next(_ids)
        self._sc = sc
        self._value = value
        self._destroyed = False
        sc._register_broadcast(self._id, cloudpickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    @property
    def id(self) -> int:
        return self._id

    def __reduce__(self) -> Tuple[Any, ...]:
        if self._destroyed:
            raise RuntimeError(f"Attempted to use Broadcast({self._id}) after it was destroyed.")
        ids = getattr(_pickling, "ids", None)
        if ids is not None:
            ids.add(self._id)
        return _from_id, (self._id,)

    @property
    def value(self) -> T:
        if self._value is not _UNSET:
            if self._destroyed:
                raise RuntimeError(f"Attempted to use Broadcast({self._id}) after it was destroyed.")
            return self._value  # type: ignore[return-value]
        entry = _worker_values.get(self._id)
        if entry is None:
            raise RuntimeError(f"Broadcast({self._id}) was not sent to this worker.")
        if entry[2] is _UNSET:
            entry[2] = pickle.loads(entry[1])
            entry[1] = b""
        return entry[2]

    def unpersist(self, blocking: bool = False) -> None:
        """Drops the workers' copies; a later task that uses the value is sent it again."""
        if self._sc is None:
            raise RuntimeError("Broadcast can only be unpersisted in driver")
        self._sc._unpersist_broadcast(self._id, destroy=False)

    def destroy(self, blocking: bool = False) -> None:
        """Forgets the value everywhere; using it afterwards fails."""
        if self._sc is None:
            raise RuntimeError("Broadcast can only be destroyed in driver")
        self._sc._unpersist_broadcast(self._id, destroy=True)
        self._destroyed = True

    def __repr__(self) -> str:
        return f"Broadcast({self._id})"


# ---- worker side


def install(bid: int, version: int, data: bytes) -> None:
    """Stores a broadcast value the engine sent with a task (unpickled on first use)."""
    current = _worker_values.get(bid)
    if current is None or current[0] != version:
        _worker_values[bid] = [version, data, _UNSET]
