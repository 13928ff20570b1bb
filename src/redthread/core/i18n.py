"""The English catalogue of every app, kept complete.

Swedish is the source language of the UI: msgids are Swedish, and each app's
``locale/en/LC_MESSAGES/django.po`` translates every one of them.

    python -m redthread.core.i18n update   # extract (needs GNU gettext) and compile
    python -m redthread.core.i18n apply F  # fill untranslated entries from a JSON file
    python -m redthread.core.i18n check    # every msgid translated, .mo up to date
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
LANGUAGE = "en"


def app_dirs() -> list[Path]:
    return sorted(p for p in PACKAGE.iterdir() if p.is_dir() and (p / "apps.py").exists())


def catalogue(app: Path) -> Path:
    return app / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def _manage(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "redthread.settings", "DEBUG": "1"}
    # The console script, not ``python -m``: an app's own rules.py must not shadow the package.
    command = Path(sys.executable).parent / "redthread"
    subprocess.run([str(command), *args], cwd=cwd, env=env, check=True)  # noqa: S603


def update() -> None:
    for app in app_dirs():
        sources = [p for p in app.rglob("*") if p.suffix in {".py", ".html", ".txt"}]
        if not any(
            "translate" in p.read_text(errors="ignore") or "gettext" in p.read_text(errors="ignore")
            for p in sources
        ):
            continue
        (app / "locale").mkdir(exist_ok=True)
        _manage(["makemessages", "-l", LANGUAGE, "--no-location", "--no-obsolete"], cwd=app)
        _manage(["compilemessages", "-l", LANGUAGE], cwd=app)


def problems() -> list[str]:
    """Untranslated or fuzzy entries, and compiled catalogues that lag their source."""
    import polib

    found = []
    for app in app_dirs():
        po_path = catalogue(app)
        if not po_path.exists():
            continue
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                found.append(f"{po_path}: fuzzy: {entry.msgid!r}")
            elif not entry.translated():
                found.append(f"{po_path}: untranslated: {entry.msgid!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            found.append(f"{mo_path}: missing; run `make messages`")
            continue
        mo = polib.mofile(str(mo_path))
        compiled = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
        }
        for entry in po.translated_entries():
            key = (entry.msgctxt, entry.msgid)
            value = (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
            if compiled.get(key) != value:
                found.append(f"{mo_path}: out of date for {entry.msgid!r}; run `make messages`")
                break
    return found


def apply(path: Path) -> None:
    """Fill untranslated entries from a JSON object {Swedish msgid: English text}.

    A plural entry takes a list: [singular, plural].
    """
    import json

    import polib

    translations = json.loads(path.read_text())
    for app in app_dirs():
        po_path = catalogue(app)
        if not po_path.exists():
            continue
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.translated() or entry.msgid not in translations:
                continue
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()
        po.save_as_mofile(str(po_path.with_suffix(".mo")))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "apply":
        apply(Path(sys.argv[2]))
    found = problems()
    for line in found:
        print(line)
    sys.exit(1 if found else 0)
