"""The text of an uploaded file, so the register can be searched by what documents say.

Plain text and Word (through python-docx, already a dependency for generated reports) are
read; for other formats (PDF, OpenDocument, Excel) the title and summary are what is searched.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def extract_text(upload: Any) -> str:
    name = (getattr(upload, "name", "") or "").lower()
    try:
        upload.seek(0)
        if name.endswith(".txt"):
            raw = upload.read()
            return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        if name.endswith(".docx"):
            from docx import Document

            document = Document(upload)
            return "\n".join(p.text for p in document.paragraphs if p.text)
    except (ValueError, UnicodeDecodeError, KeyError, OSError) as error:
        # A file we cannot read is still stored; it is just not searchable by its text.
        logger.info("No text extracted from %s: %s", name, error)
    except Exception as error:  # python-docx raises assorted errors on broken files
        logger.info("No text extracted from %s: %s", name, error)
    finally:
        upload.seek(0)
    return ""
