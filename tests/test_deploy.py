"""Production settings: unsafe ones stop the server with the variable named, and
.env.example, loaded as it is with a real key, passes Django's deploy checks cleanly."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from trellis.deploy import production_problems

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / ".env.example"


def example_env() -> dict[str, str]:
    """The variables of .env.example, as a shell sourcing it would read them."""
    values: dict[str, str] = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, value = line.partition("=")
        values[name.strip()] = value.strip().strip('"')
    return values


def production(**changes: str) -> dict[str, str]:
    env = example_env() | {"SECRET_KEY": secrets.token_urlsafe(50)}
    env.update(changes)
    return env


def test_a_bare_environment_names_every_missing_variable() -> None:
    problems = " ".join(production_problems({}))
    for name in ("SECRET_KEY is not set", "ALLOWED_HOSTS is not set", "SITE_URL"):
        assert name in problems


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"SECRET_KEY": "change-me"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "short-but-random-3f9a"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "a" * 60}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)}, "SECRET_KEY is too weak"),
        ({"DEBUG": "true"}, "DEBUG is on"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is not set"),
        ({"ALLOWED_HOSTS": "plans.example.org,testserver"}, "ALLOWED_HOSTS names 'testserver'"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS names 'testserver' or '*'"),
        ({"SITE_URL": "http://plans.example.org"}, "SITE_URL is not an https:// address"),
    ],
)
def test_each_unsafe_setting_is_refused_by_name(changes: dict[str, str], named: str) -> None:
    problems = production_problems(production(**changes))
    assert len(problems) == 1 and named in problems[0]


def test_the_example_with_a_real_key_passes_and_development_mode_relaxes_it() -> None:
    assert production_problems(production()) == []
    assert production_problems({"TRELLIS_MODE": "development"}) == []


def _run(code: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, *code],
        env=base | env | {"TRELLIS_VAR_DIR": str(tmp_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_server_will_not_load_with_a_missing_key(tmp_path: Path) -> None:
    env = production()
    del env["SECRET_KEY"]
    run = _run(["-c", "import trellis.wsgi"], env, tmp_path)
    assert run.returncode != 0
    assert "SECRET_KEY is not set" in run.stderr
    loaded = _run(["-c", "import trellis.wsgi"], production(), tmp_path)
    assert loaded.returncode == 0, loaded.stderr


def test_check_deploy_prints_no_warnings_with_the_example(tmp_path: Path) -> None:
    run = _run(["-m", "trellis", "check", "--deploy"], production(), tmp_path)
    assert run.returncode == 0, run.stderr
    assert "System check identified no issues" in run.stdout, run.stdout + run.stderr
    assert "WARNINGS" not in run.stdout + run.stderr


def test_every_variable_the_settings_read_is_in_the_example_and_the_readme() -> None:
    source = (ROOT / "trellis" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source))
    read |= {"TRELLIS_MODE", "WEB_CONCURRENCY", "BIND"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert read - set(example_env()) == set()
    assert {name for name in read if f"`{name}`" not in readme} == set()
