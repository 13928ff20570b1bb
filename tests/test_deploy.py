"""Production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys


def test_check_deploy_reports_no_issues_with_production_settings() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "REDTHREAD_DEMO", "PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "SECRET_KEY": "k" * 20 + "Q7x!vR2#pL9zW4@mN8$bT6&cY3^hJ5*dF1",
            "ALLOWED_HOSTS": "rodatraden.mjolby.example",
            "DATABASE_URL": "sqlite:////tmp/redthread-deploy-check.sqlite3",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "redthread.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
