"""The English catalogue of every app, kept complete.

Swedish is the source language of the UI: msgids are Swedish, and each app's
``locale/en/LC_MESSAGES/django.po`` translates every one of them.

    python -m redthread.core.i18n update   # extract (needs GNU gettext) and compile
    python -m redthread.core.i18n missing  # the untranslated msgids, as JSON
    python -m redthread.core.i18n apply F  # fill them from a JSON file {msgid: English}
                                           # (and from any app that already translates them)
    python -m redthread.core.i18n check    # every msgid translated, .mo up to date
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _without_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "POT-Creation-Date" not in line)


def update() -> None:
    """Extract each app's strings into its catalogue (GNU gettext), then normalise and compile.

    The catalogue is re-saved through polib so its layout never depends on the gettext
    version, and a file whose only change is the extraction date is left as it was.
    """
    import polib

    for app in app_dirs():
        sources = [p for p in app.rglob("*") if p.suffix in {".py", ".html", ".txt"}]
        texts = (p.read_text(errors="ignore") for p in sources)
        if not any("translate" in t or "gettext" in t for t in texts):
            continue
        (app / "locale").mkdir(exist_ok=True)
        po_path = catalogue(app)
        before = po_path.read_text() if po_path.exists() else ""
        _manage(["makemessages", "-l", LANGUAGE, "--no-location", "--no-obsolete"], cwd=app)
        po = polib.pofile(str(po_path), wrapwidth=0)
        po.save()
        if before and _without_date(po_path.read_text()) == _without_date(before):
            po_path.write_text(before)
            po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))


def known_translations() -> dict[str, object]:
    """Every msgid already translated in some app, so a shared word is translated once."""
    import polib

    known: dict[str, object] = {}
    for app in app_dirs():
        po_path = catalogue(app)
        if po_path.exists():
            for entry in polib.pofile(str(po_path)).translated_entries():
                known[entry.msgid] = (
                    [entry.msgstr_plural[0], entry.msgstr_plural[1]]
                    if entry.msgid_plural
                    else entry.msgstr
                )
    return known


def missing() -> list[object]:
    """Untranslated or fuzzy msgids of every app (a plural as [singular, plural])."""
    import polib

    found: list[object] = []
    for app in app_dirs():
        po_path = catalogue(app)
        if po_path.exists():
            po = polib.pofile(str(po_path))
            for entry in [*po.untranslated_entries(), *po.fuzzy_entries()]:
                item = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else entry.msgid
                if item not in found:
                    found.append(item)
    return found


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

    translations = known_translations()
    if path.exists():
        translations.update(json.loads(path.read_text()))
    for app in app_dirs():
        po_path = catalogue(app)
        if not po_path.exists():
            continue
        po = polib.pofile(str(po_path), wrapwidth=0)
        for entry in po:
            if entry.translated() or entry.msgid not in translations:
                continue
            value: Any = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        po.save()
        po.save_as_mofile(str(po_path.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "apply":
        apply(Path(argv[2]) if len(argv) > 2 else Path("/nonexistent"))
    elif command == "missing":
        import json

        print(json.dumps(missing(), ensure_ascii=False, indent=0))
        return 0
    found = problems()
    if found:
        print(
            f"{len(found)} problems; `python -m redthread.core.i18n missing` lists what to translate."
        )
        for line in found[:20]:
            print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
