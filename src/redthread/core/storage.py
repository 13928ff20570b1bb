"""Uploaded files: a storage that turns a full or read-only disk into a clear, Swedish refusal."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)


class UploadFailed(Exception):
    """The file could not be written (disk full, read-only, permissions)."""


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        try:
            saved: str = super()._save(name, content)  # type: ignore[misc]
            return saved
        except OSError as error:
            logger.error("upload storage failed for %s: %s", name, error)
            raise UploadFailed(str(error)) from error
