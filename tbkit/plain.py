"""Values from pandas and numpy as the plain Python values ThingsBoard has types for.

A DataFrame hands out numpy scalars (``df.t.max()`` is a ``numpy.int64``), which JSON cannot
encode. :func:`plain` turns numpy and pandas scalars (and arrays, Series) into ``bool``, ``int``,
``float`` or ``str``, inside dicts and lists too. ThingsBoard's values are BOOLEAN, LONG, DOUBLE,
STRING and JSON, with no date type: a date or time (``pandas.Timestamp``, ``datetime``,
``numpy.datetime64``) is refused with what to pass instead. Nothing here imports numpy or pandas.

>>> plain({"a": [1, "x", None]})
{'a': [1, 'x', None]}
>>> plain(True)
True
"""

from __future__ import annotations

import datetime
from typing import Any

__all__ = ["plain"]

_BUILTIN = (bool, int, float, str, type(None))


def plain(value: object, where: str = "value") -> Any:
    """``value`` with numpy and pandas values made plain Python; :class:`TypeError` naming ``where``
    for a value ThingsBoard has no type for."""
    kind = type(value)
    if kind in _BUILTIN:
        return value
    if isinstance(value, dict):
        return {plain(k, f"{where} key"): plain(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, datetime.timedelta) or kind.__name__ == "timedelta64":
        raise TypeError(
            f"{where}: {kind.__name__} {value} is a duration, and ThingsBoard has no value type for one: "
            "pass a number (value.total_seconds(), say)"
        )
    if isinstance(value, (datetime.date, datetime.time)) or kind.__name__ in ("datetime64", "NaTType"):
        raise TypeError(
            f"{where}: {kind.__name__} {value} is a date or time, and ThingsBoard has no value type for one: "
            "pass text (value.isoformat()) or epoch milliseconds (int(value.timestamp() * 1000))"
        )
    if kind.__name__ == "NAType":
        raise TypeError(f"{where}: a missing value (pandas NA) has no ThingsBoard value: leave the key out")
    if kind.__module__.split(".")[0] in ("numpy", "pandas") and hasattr(value, "tolist"):
        return plain(value.tolist(), where)  # numpy scalars and arrays, pandas Series: Python values
    for base in (int, float, str):  # a subclass of one (an IntEnum, say): its plain value
        if isinstance(value, base):
            return base(value)
    raise TypeError(
        f"{where}: {kind.__name__} is not a value ThingsBoard stores: use bool, int, float, str, "
        "or a dict or list of them"
    )
