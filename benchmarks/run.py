"""``make bench``: run every ``benchmarks/bench_*.py`` and record the figures.

Each benchmark module runs in its own process against its own database (a SQLite file
under ``var/bench/`` unless ``BENCH_DATABASE_URL`` names another) and prints one JSON
object on its last line of output::

    {"name": "goals", "title": "...", "markdown": "...", "rows": [{...}, ...]}

The runner writes every row to ``benchmarks/results.json`` and replaces the module's
section in ``benchmarks/RESULTS.md`` (between ``<!-- begin NAME -->`` and
``<!-- end NAME -->``), so each area keeps its own figures.

    make bench                 # every benchmark
    make bench ONLY=goals      # one (the module bench_goals.py)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS_MD = HERE / "RESULTS.md"
RESULTS_JSON = HERE / "results.json"
HEADER = """# Benchmark results

Measured with `make bench` on the development machine (2 cores, 24 GiB) unless a section
says otherwise. Each section is rewritten by its own benchmark; see `benchmarks/run.py`.
"""


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


def run_one(module: str) -> dict[str, object]:
    name = module.removeprefix("bench_")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "redthread.settings",
        "DEBUG": "0",
        "REDTHREAD_DEMO": "1",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{bench_dir / (name + '.sqlite3')}"
        ),
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-5000:] + result.stderr[-5000:])
        raise SystemExit(f"benchmark {module} failed")
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def write(reports: list[dict[str, object]]) -> None:
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else HEADER
    for report in reports:
        name = report["name"]
        section = (
            f"<!-- begin {name} -->\n## {report['title']}\n\n"
            f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; "
            f"the run took {report['seconds']} s.\n\n{report['markdown']}\n<!-- end {name} -->"
        )
        pattern = re.compile(
            rf"<!-- begin {re.escape(str(name))} -->.*?<!-- end {re.escape(str(name))} -->", re.S
        )
        text = (
            pattern.sub(lambda _m, s=section: s, text)
            if pattern.search(text)
            else text.rstrip() + "\n\n" + section + "\n"
        )
    RESULTS_MD.write_text(text)
    rows = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else []
    names = {r["name"] for r in reports}
    rows = [row for row in rows if row.get("benchmark") not in names]
    for report in reports:
        for row in report["rows"]:  # type: ignore[attr-defined]
            rows.append({"benchmark": report["name"], **row})
    RESULTS_JSON.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    only = os.environ.get("ONLY", "")
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        modules = [m for m in modules if m == f"bench_{only}"]
        if not modules:
            raise SystemExit(f"No benchmark named {only}: expected benchmarks/bench_{only}.py")
    reports = []
    for module in modules:
        print(f"running {module} ...", flush=True)
        report = run_one(module)
        print(report["markdown"])
        reports.append(report)
    write(reports)
    print(f"wrote {RESULTS_MD.relative_to(ROOT)} and {RESULTS_JSON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
