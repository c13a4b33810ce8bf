"""The progress rules are pure Python: using them loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_using_the_progress_core_loads_no_django() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from trellis.core.progress import ClientSnapshot, rank_clients\n"
        "rank_clients([ClientSnapshot(client_id='c1', name='Avery', plan_review_date="
        "date(2025, 1, 6))], today=date(2025, 1, 6))\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
