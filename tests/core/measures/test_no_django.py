"""The clinical core is pure Python: nothing under trellis/core imports Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[3] / "trellis" / "core"


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_under_core_imports_django() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert files
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] == "django"
    ]
    assert offenders == []


def test_importing_and_using_the_measures_core_loads_no_django() -> None:
    code = (
        "import sys\n"
        "from trellis.core.measures import builtin_instruments, score, change\n"
        "phq9 = builtin_instruments()['PHQ-9']\n"
        "score(phq9, [0] * 9); change(phq9, 18, 9)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
