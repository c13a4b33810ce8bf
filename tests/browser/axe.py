"""axe-core in the browser tests: run it on the page and fail on what a user would trip on.

axe-core is a pinned npm devDependency (package.json, package-lock.json at the repo root),
installed into node_modules/ by `make install-test` with `npm ci`. Nothing is downloaded
while the tests run: the script is read from disk and injected into the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What fails a test: a serious or critical violation. Moderate and minor ones are reported
# by axe but are not, alone, a barrier.
FAILING_IMPACTS = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def axe_source() -> str:
    """The pinned axe-core script; a missing install says how to get it."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run 'make install-test' (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every violation axe finds on the page once htmx has loaded what it loads on its own
    (WCAG 2.x A and AA, best practice)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "!document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(  # type: ignore[no-any-return]
        """async () => {
            const result = await window.axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                  "wcag22aa", "best-practice"]},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }"""
    )


def describe(violations: list[dict[str, Any]], where: str) -> str:
    """A readable failure: per rule its impact, what it asks and the elements that fail it."""
    lines = [f"axe found serious or critical violations on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {node['target']}  — {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS]


def sideways_scroll(page: Any) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the window)."""
    return page.evaluate(  # type: ignore[no-any-return]
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def wide_elements(page: Any) -> list[str]:
    """The elements that stick out past the right edge, to say what makes a page too wide."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
            const width = document.documentElement.clientWidth, out = [];
            for (const el of document.querySelectorAll("body *")) {
                const box = el.getBoundingClientRect();
                if (box.right > width + 1 && box.width > 0 && !el.closest(".table-scroll")) {
                    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                        (el.className && typeof el.className === "string"
                            ? "." + el.className.trim().split(/\\s+/).join(".") : "");
                    out.push(name + " right=" + Math.round(box.right));
                }
                if (out.length >= 10) break;
            }
            return out;
        }"""
    )


def check_page(page: Any, where: str) -> list[str]:
    """Problems on this page at its current size: axe's serious and critical violations, and
    a sideways scroll on a phone. An empty list means it passed."""
    problems: list[str] = []
    found = serious(axe_violations(page))
    if found:
        problems.append(describe(found, where))
    if page.viewport_size["width"] <= PHONE["width"]:
        extra = sideways_scroll(page)
        if extra > 0:
            problems.append(
                f"{where} scrolls sideways by {extra}px; too wide: {', '.join(wide_elements(page))}"
            )
    return problems
