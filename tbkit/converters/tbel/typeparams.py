"""``ParserContext.lastTypeParameters``: the type arguments MVEL's compiler carries from one accessor to the next.

When ``PropertyVerifier`` resolves a method whose generic result is parameterized (``HashMap.values()`` is a
``Collection<V>``, ``hexToBytes`` a ``List<Byte>``), it records the result's type arguments in the parser
context, and nothing clears them but another such method, the end of a block (``popVariableScope``) or their
use: a later property of a map or collection that is no member of its class (``m.key``, ``list.length``) takes
the first argument as its class, ``(Class) parm``. When that argument is a type variable (``V``) the cast fails
and the script does not compile (``ClassCastException``), however far apart the two accessors are. An inline
map or list is verified twice (``InlineCollectionNode`` parses, then optimizes its items), so a map literal
``{a: m.key, b: m.values()}`` fails too. A function body is compiled in a context of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tbkit.converters.tbel.jtypes import JType
from tbkit.converters.tbel.jvm import type_arg

__all__ = ["COMPILE_CLASS", "LastTypeParameters"]

COMPILE_CLASS: dict[JType, str] = {
    JType.MAP: "java.util.HashMap",
    JType.LIST: "java.util.List",
    JType.ARRAY_LIST: "java.util.ArrayList",
    JType.COLLECTION: "java.util.Collection",
    JType.SET: "java.util.Set",
    JType.EXEC_LIST: "org.mvel2.execution.ExecutionArrayList",  # hexToBytes(s): its length() is a getter
    JType.EXEC_MAP: "org.mvel2.execution.ExecutionHashMap",
    JType.EXEC_SET: "org.mvel2.execution.ExecutionLinkedHashSet",
}
"""The class MVEL's compiler has for a map or collection of each static type (an inline map is a ``HashMap``)."""

_NOT_A_CLASS = ("TypeVariableImpl", "WildcardTypeImpl", "GenericArrayTypeImpl")


def _cast_message(impl: str) -> str:
    return (
        f"java.lang.ClassCastException: class {impl} cannot be cast to class java.lang.Class ({impl} and "
        "java.lang.Class are in module java.base of loader 'bootstrap')"
    )


@dataclass
class LastTypeParameters:
    """The first recorded type argument ("class:<name>" or the ``Type``'s class), and recorders for replays."""

    first: str | None = None
    taken: str | None = None
    _logs: list[list[str | None]] = field(default_factory=list)

    def _apply(self, event: str | None) -> str | None:
        """One event: a method result's type argument (recorded), or None (a property read that takes it)."""
        for log in self._logs:
            log.append(event)
        if event is not None:
            self.first = event
            return None
        taken, self.first = self.first, None
        if taken is not None and taken.rsplit(".", 1)[-1] in _NOT_A_CLASS:
            return _cast_message(taken)
        return None

    def method(self, owner: str, name: str, nparams: int) -> None:
        """``owner.name`` with ``nparams`` parameters resolved: records its result's type argument, if any."""
        arg = type_arg(owner, name, nparams)
        if arg is not None:
            self._apply(arg)

    def read(self, receiver: JType) -> str | None:
        """A property that is no member read from a value of static type ``receiver``: the compile error, if any
        (then :attr:`taken` is the class the property is given, None for Object)."""
        self.taken = None
        if receiver not in COMPILE_CLASS:
            return None
        first = self.first
        error = self._apply(None)
        if error is None and first is not None and first.startswith("class:") and not self._logs:
            # in an inline collection the second verification, after this one took them, gives Object
            self.taken = first[6:]
        return error

    def clear(self) -> None:
        """The end of a block."""
        self.first = None

    def start(self) -> None:
        """Start recording the events of an inline collection's items."""
        self._logs.append([])

    def replay(self) -> str | None:
        """Stop recording and apply the recorded events again (the second verification): the error, if any."""
        events = self._logs.pop()
        error = None
        for event in events:
            error = self._apply(event) or error
            if error:
                return error
        return None
