"""The template library core is pure Python: using it loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_using_the_library_core_loads_no_django() -> None:
    code = (
        "import sys\n"
        "from trellis.core.library import builtin_templates, rank_for_client, search_templates\n"
        "templates = builtin_templates().values()\n"
        "search_templates(templates, query='worry')\n"
        "rank_for_client(templates, diagnoses=['F41.1'], presenting_problem='worry')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
