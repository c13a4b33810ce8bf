"""The SMART analyzer is pure Python: importing and using it loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_using_the_analyzer_loads_no_django() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from trellis.core.smart import analyze, deadline_to_date\n"
        "analyze('Reduce worry so that GAD-7 drops by 60% within 12 weeks', problem='GAD')\n"
        "deadline_to_date('12 weeks', date(2026, 1, 1))\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
