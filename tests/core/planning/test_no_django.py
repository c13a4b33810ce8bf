"""The planning rules are pure Python: using them loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_using_the_planning_core_loads_no_django() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from trellis.core.planning import PlanView, check_plan, resolve_deadline\n"
        "check_plan(PlanView(status='active', start_date=date(2025, 1, 6), review_date=None,"
        " strengths='', has_safety_plan=False, risk_flagged=False), today=date(2025, 1, 6))\n"
        "resolve_deadline('within 12 weeks', start=date(2025, 1, 6))\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
