"""The clinical core is pure Python: no Django, no other part of Trellis (one test for the
whole core; `lint-imports` checks the same contract in `make test`)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "trellis" / "core"


def _modules() -> list[str]:
    return sorted(
        ".".join(("trellis", "core", *path.relative_to(CORE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for path in CORE.rglob("*.py")
    )


def test_no_core_module_names_django_or_another_part_of_trellis() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                outside = name.startswith("trellis.") and not name.startswith("trellis.core")
                if name.split(".")[0] == "django" or outside:
                    offenders.append(f"{path.relative_to(CORE)}: {name}")
    assert offenders == []


def test_importing_and_using_every_core_module_loads_no_django() -> None:
    modules = _modules()
    assert len(modules) > 20
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from trellis.core.measures import builtin_instruments, score, change\n"
        "phq9 = builtin_instruments()['PHQ-9']\n"
        "score(phq9, [0] * 9); change(phq9, 18, 9)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
