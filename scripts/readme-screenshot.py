"""Retake docs/screenshot.png (the caseload) from a running `make run` (demo data loaded).

Usage: .venv/bin/python scripts/readme-screenshot.py [http://127.0.0.1:8000]
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{BASE}/accounts/login/")
    page.get_by_label("Email").fill("clinician@demo.test")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.goto(f"{BASE}/dashboard/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT))
    browser.close()
print(OUT)
