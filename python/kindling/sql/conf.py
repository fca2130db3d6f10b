"""``spark.conf``: the session's runtime configuration, kept in the engine (one round trip per call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional, Union

from .._gen.kindling.protocol.Body import Body
from .._gen.kindling.protocol.ConfigOp import ConfigOp
from .._client import requests as rq
from ..errors import KindlingException, PySparkTypeError

if TYPE_CHECKING:
    from .session import SparkSession

__all__ = ["RuntimeConfig"]


class _NoValueType:
    def __repr__(self) -> str:
        return "<no value>"


_NoValue = _NoValueType()

# Static SQL confs: fixed when the session starts (PySpark's isModifiable is False for them).
_STATIC_PREFIXES = (
    "spark.sql.warehouse.dir", "spark.sql.catalogImplementation", "spark.sql.extensions",
    "spark.sql.globalTempDatabase", "spark.sql.queryExecutionListeners", "spark.sql.cache.serializer",
    "spark.sql.streaming.ui", "spark.sql.ui.", "spark.sql.hive.", "spark.sql.event.truncate.length",
    "spark.sql.legacy.sessionInitWithConfigDefaults", "spark.sql.sources.disabledJdbcConnProviderList",
)


def _to_str(value: Any) -> Optional[str]:
    """As PySpark's ``to_str``: booleans as ``true``/``false``, None stays None, anything else ``str()``."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return None
    return str(value)


def _check_key(key: Any, name: str = "key") -> None:
    if not isinstance(key, str):
        raise PySparkTypeError(error_class="NOT_STR", message_parameters={"arg_name": name, "arg_type": type(key).__name__})


class RuntimeConfig:
    """User-facing configuration: ``spark.conf.set("spark.sql.shuffle.partitions", 4)``."""

    def __init__(self, session: "SparkSession") -> None:
        self._session = session

    def _request(self, op: int, key: Optional[str] = None, value: Optional[str] = None,
                 default: Optional[str] = None):
        client = self._session._client
        return client.call(Body.ConfigRequest, rq.config(op, key, value, default), Body.ConfigResponse)

    def set(self, key: str, value: Union[str, int, bool]) -> None:
        """Sets a config; the value is stored as a string (booleans as ``true``/``false``)."""
        _check_key(key)
        text = _to_str(value)
        if text is None:
            raise PySparkTypeError(error_class="NOT_STR", message_parameters={"arg_name": "value", "arg_type": "NoneType"})
        self._request(ConfigOp.Set, key, text)
        self._session._conf_cache[key] = text

    def get(self, key: str, default: Union[Optional[str], _NoValueType] = _NoValue) -> Optional[str]:
        """The value of ``key``; ``default`` when it is unset. Without a default, an unknown unset key raises
        (``SQL_CONF_NOT_FOUND``); with ``default=None`` it returns None."""
        _check_key(key)
        if default is _NoValue or default is None:
            try:
                resp = self._request(ConfigOp.Get, key)
            except KindlingException as err:
                if default is None and (err.getErrorClass() or "").startswith("SQL_CONF_NOT_FOUND"):
                    return None
                raise
        else:
            _check_key(default, "default")
            resp = self._request(ConfigOp.Get, key, default=_to_str(default))
        if resp.ValuesLength() == 0:
            return None if default is _NoValue else default  # type: ignore[return-value]
        v = resp.Values(0).Value()
        return v.decode("utf-8") if v is not None else None

    def unset(self, key: str) -> None:
        """Resets ``key`` to its default."""
        _check_key(key)
        self._request(ConfigOp.Unset, key)
        self._session._conf_cache.pop(key, None)

    def isModifiable(self, key: str) -> bool:
        """Whether ``key`` can change at runtime: SQL confs (``spark.sql.*``) except the static ones."""
        _check_key(key)
        return key.startswith("spark.sql.") and not key.startswith(_STATIC_PREFIXES)

    @property
    def getAll(self) -> Dict[str, str]:
        """Every config set in this session, as a dict (a property, as in PySpark 4)."""
        resp = self._request(ConfigOp.GetAll)
        out: Dict[str, str] = {}
        for i in range(resp.ValuesLength()):
            kv = resp.Values(i)
            v = kv.Value()
            out[kv.Key().decode("utf-8")] = v.decode("utf-8") if v is not None else None  # type: ignore[assignment]
        return out

    def _arrow_enabled(self) -> bool:
        """``spark.sql.execution.arrow.pyspark.enabled`` (default true). Only this client writes its session's
        confs, so the value it last set is the engine's value."""
        v = self._session._conf_cache.get("spark.sql.execution.arrow.pyspark.enabled", "true")
        return str(v).strip().lower() == "true"
