"""The seams between tbkit's parts: no import cycles, no private name used outside its module, SQL only in
tbkit/store/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tbkit"
SQL = re.compile(r"\bexecute(many|script)?\(|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|PRAGMA|CREATE TABLE)\s")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """Every tbkit module ``name`` imports anywhere: top level, functions, ``if TYPE_CHECKING:``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from pkg import sub` imports the submodule when there is one, else pkg itself
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


def ancestors(name: str) -> list[str]:
    """The packages whose ``__init__`` importing ``name`` runs first: ``a.b.c`` -> ``a``, ``a.b``."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def with_parents(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each import also runs the ``__init__`` of every package above its target, except those of the
    importer's own packages (already running when it runs): add those edges."""
    out: dict[str, set[str]] = {}
    for name, targets in graph.items():
        own = set(ancestors(name))
        parents = {p for t in targets for p in ancestors(t) if p in graph and p not in own and p != name}
        out[name] = targets | parents
    return out


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return with_parents({name: imported(name, path, set(found)) for name, path in found.items()})


def test_the_import_graph_sees_type_checking_and_relative_imports() -> None:
    graph = import_graph()
    # a TYPE_CHECKING-only import, a relative one up two levels and one of a sibling module
    assert "tbkit.converters.uplink" in graph["tbkit.store.changes"]
    assert "tbkit.store" in graph["tbkit.integration.write"]
    assert "tbkit.integration.downlink" in graph["tbkit.integration.write"]


def test_an_import_counts_the_init_of_each_package_above_its_target() -> None:
    # replay -> integration.payloads used to run integration/__init__ -> pipeline -> replay
    graph = {"t.replay": {"t.sub.rules"}, "t.sub": {"t.sub.flow"}, "t.sub.flow": {"t.replay"}, "t.sub.rules": set()}
    assert find_cycle(graph) is None
    assert find_cycle(with_parents(graph)) == ["t.replay", "t.sub", "t.sub.flow", "t.replay"]
    # a module's own packages are not its imports' parents (they are running already)
    assert with_parents({"t.sub.flow": {"t.sub.rules"}, "t.sub": set(), "t.sub.rules": set()})["t.sub.flow"] == {
        "t.sub.rules"
    }
    real = import_graph()
    assert "tbkit.integration" in real["tbkit.frames"]  # frames imports tbkit.integration.events only


def test_find_cycle_reports_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_tbkit_has_no_import_cycles_even_counting_type_checking_imports() -> None:
    assert find_cycle(import_graph()) is None


def sql_lines() -> list[str]:
    hits = []
    for name, path in modules().items():
        if name == "tbkit.store" or name.startswith("tbkit.store."):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if SQL.search(line):
                hits.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    return hits


def test_the_sql_pattern_catches_queries_and_calls() -> None:
    assert SQL.search('conn.execute("x")') and SQL.search('"SELECT id FROM keys"')
    assert SQL.search("INSERT INTO t VALUES (1)") and not SQL.search("select a converter")


def test_sql_lives_only_in_the_store() -> None:
    assert sql_lines() == []


def test_an_undeclared_error_log_fails_the_test(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    tests = Path(__file__).resolve().parent
    shutil.copy(
        tests / "conftest.py", tmp_path / "conftest.py"
    )  # it imports tests.seeds: the repository is on the path
    (tmp_path / "test_logs.py").write_text(
        "import logging\nimport pytest\n\n"
        "def test_quiet():\n    logging.getLogger('x').warning('only a warning')\n\n"
        "def test_loud():\n    logging.getLogger('x').error('boom')\n\n"
        "@pytest.mark.error_logs(r'^bo+m$')\ndef test_declared():\n    logging.getLogger('x').error('boom')\n\n"
        "@pytest.mark.error_logs(r'other')\ndef test_declared_other():\n    logging.getLogger('x').error('boom')\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rE",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "-W",
            "ignore::pytest.PytestUnknownMarkWarning",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tests.parent)},
    )
    errors = sorted(line.split()[1] for line in done.stdout.splitlines() if line.startswith("ERROR test_logs.py"))
    assert errors == ["test_logs.py::test_declared_other", "test_logs.py::test_loud"], done.stdout


# -- private names ---------------------------------------------------------------------------------
# The one justified exception: the mini-racer shim binds contexts to tbkit's engine loop with
# mini-racer's private API, in that one module, pinned by tests/converters/test_miniracer_shim.py.
PRIVATE_ALLOWED = {
    ("tbkit.converters._miniracer", "py_mini_racer._mini_racer", "_make_context"),
    ("tbkit.converters._miniracer", "py_mini_racer._context", "Context"),
}


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_home(module: str) -> str | None:
    """The package a private module belongs to (``a.b._c.d`` -> ``a.b``), or None for a public path."""
    parts = module.split(".")
    first = next((i for i, part in enumerate(parts) if private(part)), None)
    return None if first is None else ".".join(parts[:first])


def private_uses(name: str, source: str) -> list[str]:
    """``obj._x`` on anything but ``self``/``cls``/``super()``, ``from m import _x``, and names from a
    private module (``_m``) outside the package that holds it, in module ``name``'s source."""
    package = name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and private(node.attr):
            owner = node.value
            mine = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            mine = mine or (isinstance(owner, ast.Call) and ast.unparse(owner.func) == "super")
            if not mine:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level]
                module = ".".join([*anchor, *([module] if module else [])])
            home = private_home(module)
            outside = home is not None and not (package + ".").startswith(home + ".")
            for alias in node.names:
                if (private(alias.name) or outside) and (name, module, alias.name) not in PRIVATE_ALLOWED:
                    found.append(f"{node.lineno}: from {module} import {alias.name}")
    return found


def test_the_private_name_check_finds_reach_ins() -> None:
    source = (
        "from .feed import _kernel_loop\n"
        "from tbkit.converters._batcher import Batcher\n"
        "from ._base import short\n"
        "def f(kit, conv):\n"
        "    kit._lock = conv._script\n"
        "    self._ok, cls._ok, super()._ok\n"
    )
    assert private_uses("tbkit.ui.panel", source) == [
        "1: from tbkit.ui.feed import _kernel_loop",
        "2: from tbkit.converters._batcher import Batcher",
        "5: kit._lock",
        "5: conv._script",
    ]


def test_no_private_name_is_used_outside_its_module() -> None:
    uses = {name: private_uses(name, path.read_text(encoding="utf-8")) for name, path in modules().items()}
    assert {name: found for name, found in uses.items() if found} == {}
