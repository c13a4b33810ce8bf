"""The clinical core must stay framework-free (DESIGN.md)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "trellis" / "core"


def test_core_never_imports_django() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []
