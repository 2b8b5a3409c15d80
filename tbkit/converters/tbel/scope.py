"""Variable scopes of a TBEL script: which names each function declares, assigns and types.

TBEL creates a variable on first assignment, so names assigned without ``var`` are declared
by the code generator at the top of the innermost function that does not already see them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS

__all__ = ["Scope", "build_scope", "collect_functions", "declared_in", "names_in"]


@dataclass
class Scope:
    """Names visible in one function body (``parent`` is the enclosing function)."""

    parent: Scope | None
    declared: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)
    typed: dict[str, str] = field(default_factory=dict)

    def sees(self, name: str) -> bool:
        """True when the name is a variable of this function or an enclosing one."""
        s: Scope | None = self
        while s is not None:
            if name in s.declared or name in s.assigned:
                return True
            s = s.parent
        return False

    def type_of(self, name: str) -> str | None:
        """Declared Java type of a variable (None for untyped ``var``)."""
        s: Scope | None = self
        while s is not None:
            if name in s.declared or name in s.assigned:
                return s.typed.get(name)
            s = s.parent
        return None

    def implicit(self) -> list[str]:
        """Names assigned in this function that no enclosing function already sees."""
        outer = self.parent
        return sorted(x for x in self.assigned - self.declared if outer is None or not outer.sees(x))


_NODE_FIELDS: dict[type, tuple[str, ...]] = {}


def _node_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that can hold nodes (its other fields are names, numbers, flags)."""
    fields = _NODE_FIELDS.get(cls)
    if fields is None:
        kinds = ("Expr", "Stmt", "Block")
        fields = _NODE_FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if any(t in str(f.type) for t in kinds)
        )
    return fields


def _children(node: object) -> Iterator[object]:
    for value in (getattr(node, name) for name in _node_fields(type(node))):
        if isinstance(value, n.Node):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, n.Node):
                    yield item
                elif isinstance(item, tuple):
                    yield from (x for x in item if isinstance(x, (n.Node, list)))


def _walk(node: object) -> Iterator[object]:
    """Depth-first walk that does not enter nested function bodies."""
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        if isinstance(cur, n.FuncDef):
            continue
        for child in _children(cur):
            if isinstance(child, list):
                stack.extend(x for x in child if isinstance(x, n.Node))
            else:
                stack.append(child)


def collect_functions(body: list[n.Stmt]) -> set[str]:
    """Names of all functions defined anywhere in the script."""
    names: set[str] = set()
    stack: list[object] = list(body)
    while stack:
        cur = stack.pop()
        if isinstance(cur, n.FuncDef) and cur.name not in TBUTILS_IMPORTS:
            names.add(cur.name)
        for child in _children(cur):
            stack.extend(child if isinstance(child, list) else [child])
    return names


def build_scope(
    body: list[n.Stmt], params: list[str], parent: Scope | None, typed: dict[str, str] | None = None
) -> Scope:
    """Collect declarations and assignments of one function body (nested functions excluded)."""
    scope = Scope(parent, declared=set(params), typed=dict(typed or {}))
    for stmt in body:
        for node in _walk(stmt):
            if isinstance(node, n.VarDecl):
                for name, _ in node.decls:
                    scope.declared.add(name)
                    if node.type is not None:
                        scope.typed[name] = node.type
                    else:
                        scope.typed.pop(name, None)
            elif isinstance(node, n.ForEach):
                scope.declared.add(node.var)
            elif isinstance(node, n.Assign) and isinstance(node.target, n.Name):
                scope.assigned.add(node.target.name)
            elif isinstance(node, n.Update) and isinstance(node.target, n.Name):
                scope.assigned.add(node.target.name)
    return scope


def _walk_all(nodes: object) -> Iterator[object]:
    for node in nodes if isinstance(nodes, list) else [nodes]:
        yield from _walk(node)


def declared_in(nodes: object) -> set[str]:
    """Names declared (``var``, typed, ``for`` heads, ``foreach`` items) in statements, nested functions excluded."""
    out: set[str] = set()
    for node in _walk_all(nodes):
        if isinstance(node, n.VarDecl):
            out.update(name for name, _ in node.decls)
        elif isinstance(node, n.ForEach):
            out.add(node.var)
    return out


def names_in(nodes: object) -> list[str]:
    """Every name read or written in statements or expressions, in source order, nested functions excluded."""
    found: list[tuple[int, int, str]] = []
    for node in _walk_all(nodes):
        if isinstance(node, n.Name):
            found.append((node.line, node.col, node.name))
        elif isinstance(node, n.VarDecl):
            found.extend((node.line, node.col, name) for name, _ in node.decls)
    return [name for _, _, name in sorted(found)]
