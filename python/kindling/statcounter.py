"""Running count, mean, variance, min and max of numbers, mergeable across partitions (PySpark's StatCounter).

The variance uses Welford's update and Chan's merge, so one pass over each partition is numerically stable.
"""

from __future__ import annotations

import math
from typing import Iterable, Optional


class StatCounter:
    """Statistics of the values given so far; ``merge`` adds one value, ``mergeStats`` another counter.

    >>> s = StatCounter([1.0, 2.0, 3.0, 4.0])
    >>> (s.count(), s.mean(), s.variance(), s.sampleVariance(), s.min(), s.max())
    (4, 2.5, 1.25, 1.6666666666666667, 1.0, 4.0)
    """

    def __init__(self, values: Optional[Iterable[float]] = None) -> None:
        self.n = 0
        self.mu = 0.0
        self.m2 = 0.0
        self.maxValue = float("-inf")
        self.minValue = float("inf")
        for v in values or ():
            self.merge(v)

    def merge(self, value: float) -> "StatCounter":
        delta = value - self.mu
        self.n += 1
        self.mu += delta / self.n
        self.m2 += delta * (value - self.mu)
        self.maxValue = max(self.maxValue, value)
        self.minValue = min(self.minValue, value)
        return self

    def mergeStats(self, other: "StatCounter") -> "StatCounter":
        if not isinstance(other, StatCounter):
            raise TypeError(f"Can only merge StatCounter but got {type(other)}")
        if other is self:
            return self.mergeStats(other.copy())
        if other.n == 0:
            return self
        if self.n == 0:
            self.n, self.mu, self.m2 = other.n, other.mu, other.m2
            self.maxValue, self.minValue = other.maxValue, other.minValue
            return self
        delta = other.mu - self.mu
        total = self.n + other.n
        self.mu = (self.mu * self.n + other.mu * other.n) / total
        self.m2 += other.m2 + delta * delta * self.n * other.n / total
        self.n = total
        self.maxValue = max(self.maxValue, other.maxValue)
        self.minValue = min(self.minValue, other.minValue)
        return self

    def copy(self) -> "StatCounter":
        c = StatCounter()
        c.n, c.mu, c.m2, c.maxValue, c.minValue = self.n, self.mu, self.m2, self.maxValue, self.minValue
        return c

    def count(self) -> int:
        return self.n

    def mean(self) -> float:
        return self.mu if self.n else float("nan")

    def sum(self) -> float:
        return self.n * self.mu

    def min(self) -> float:
        return self.minValue

    def max(self) -> float:
        return self.maxValue

    def variance(self) -> float:
        """The population variance (NaN when empty)."""
        return self.m2 / self.n if self.n else float("nan")

    def sampleVariance(self) -> float:
        """The sample variance, dividing by n - 1 (NaN with fewer than two values)."""
        return self.m2 / (self.n - 1) if self.n > 1 else float("nan")

    def stdev(self) -> float:
        return math.sqrt(self.variance())

    def sampleStdev(self) -> float:
        return math.sqrt(self.sampleVariance())

    def asDict(self, sample: bool = False) -> dict:
        return {"count": self.count(), "mean": self.mean(), "sum": self.sum(), "min": self.min(), "max": self.max(),
                "stdev": self.sampleStdev() if sample else self.stdev(),
                "variance": self.sampleVariance() if sample else self.variance()}

    def __repr__(self) -> str:
        return f"(count: {self.count()}, mean: {self.mean()}, stdev: {self.stdev()}, max: {self.max()}, min: {self.min()})"
