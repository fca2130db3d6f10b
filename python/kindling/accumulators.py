"""Accumulators (``sc.accumulator``): variables tasks can only add to, read on the driver.

The driver registers each accumulator under an id. Pickled into a task, it arrives in the worker as a zeroed copy;
what the task adds travels back with its result (one update list per successful task attempt) and is merged into
the driver's value when the action returns, as in Spark.
"""

from __future__ import annotations

import itertools
import pickle
import threading
from typing import Any, Dict, Generic, List, Tuple, TypeVar

__all__ = ["Accumulator", "AccumulatorParam"]

T = TypeVar("T")

_ids = itertools.count()
_lock = threading.Lock()
#: Driver side: every live accumulator of this process, by id.
_driver_registry: Dict[int, "Accumulator"] = {}
#: Worker side: the accumulators the running task's functions unpickled.
_task_registry: Dict[int, "Accumulator"] = {}


class AccumulatorParam(Generic[T]):
    """How values of an accumulator's type are added: ``zero(value)`` and ``addInPlace(value1, value2)``."""

    def zero(self, value: T) -> T:
        raise NotImplementedError

    def addInPlace(self, value1: T, value2: T) -> T:
        raise NotImplementedError


class _AddingParam(AccumulatorParam):
    def __init__(self, zero_value: Any) -> None:
        self.zero_value = zero_value

    def zero(self, value: Any) -> Any:
        return self.zero_value

    def addInPlace(self, value1: Any, value2: Any) -> Any:
        value1 += value2
        return value1


INT_ACCUMULATOR_PARAM = _AddingParam(0)
FLOAT_ACCUMULATOR_PARAM = _AddingParam(0.0)
COMPLEX_ACCUMULATOR_PARAM = _AddingParam(0.0j)


def _deserialize(aid: int, zero_value: Any, accum_param: AccumulatorParam) -> "Accumulator":
    acc = Accumulator(aid, zero_value, accum_param, _in_task=True)
    _task_registry[aid] = acc
    return acc


class Accumulator(Generic[T]):
    """A shared variable tasks add to with ``add`` / ``+=``; only the driver reads ``value``.

    Examples
    --------
    >>> acc = spark.sparkContext.accumulator(0)
    >>> spark.sparkContext.parallelize([1, 2, 3, 4]).foreach(lambda x: acc.add(x))
    >>> acc.value
    10
    """

    def __init__(self, aid: int, value: T, accum_param: AccumulatorParam, _in_task: bool = False) -> None:
        self.aid = aid
        self._value = value
        self.accum_param = accum_param
        self._in_task = _in_task
        if not _in_task:
            with _lock:
                _driver_registry[aid] = self

    def __reduce__(self) -> Tuple[Any, ...]:
        return _deserialize, (self.aid, self.accum_param.zero(self._value), self.accum_param)

    @property
    def value(self) -> T:
        if self._in_task:
            raise RuntimeError("Accumulator.value cannot be accessed inside tasks")
        return self._value

    @value.setter
    def value(self, value: T) -> None:
        if self._in_task:
            raise RuntimeError("Accumulator.value cannot be accessed inside tasks")
        self._value = value

    def add(self, term: T) -> None:
        """Adds ``term`` to this accumulator's value."""
        self._value = self.accum_param.addInPlace(self._value, term)

    def __iadd__(self, term: T) -> "Accumulator[T]":
        self.add(term)
        return self

    def __str__(self) -> str:
        return str(self._value)

    def __repr__(self) -> str:
        return f"Accumulator<id={self.aid}, value={self._value}>"


def _new(value: Any, accum_param: Any = None) -> Accumulator:
    if accum_param is None:
        if isinstance(value, bool) or not isinstance(value, (int, float, complex)):
            raise TypeError(f"No default accumulator param for type {type(value).__name__}; pass accum_param.")
        accum_param = (INT_ACCUMULATOR_PARAM if isinstance(value, int) else
                       FLOAT_ACCUMULATOR_PARAM if isinstance(value, float) else COMPLEX_ACCUMULATOR_PARAM)
    return Accumulator(next(_ids), value, accum_param)


# ---- worker side


def begin_task() -> None:
    """Forgets the previous task's accumulators (each task unpickles fresh, zeroed copies)."""
    _task_registry.clear()


def task_updates() -> bytes:
    """What this task added, pickled for the engine to pass back to the driver (empty when nothing was used)."""
    if not _task_registry:
        return b""
    return pickle.dumps([(aid, acc._value) for aid, acc in _task_registry.items()], protocol=pickle.HIGHEST_PROTOCOL)


# ---- driver side


def apply_updates(blobs: List[bytes]) -> None:
    """Merges the updates of an action's successful tasks into the driver's accumulators."""
    for blob in blobs:
        for aid, value in pickle.loads(blob):
            acc = _driver_registry.get(aid)
            if acc is not None:
                acc._value = acc.accum_param.addInPlace(acc._value, value)
