"""The seams between tbkit's parts: no import cycles, and SQL only in tbkit/store/."""

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
    import shutil
    import subprocess
    import sys

    tests = Path(__file__).resolve().parent
    for name in ("conftest.py", "seeds.py"):
        shutil.copy(tests / name, tmp_path / name)
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
    )
    errors = sorted(line.split()[1] for line in done.stdout.splitlines() if line.startswith("ERROR test_logs.py"))
    assert errors == ["test_logs.py::test_declared_other", "test_logs.py::test_loud"], done.stdout
