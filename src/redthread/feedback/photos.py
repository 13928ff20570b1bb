"""Photos from the public: checked for type and size, and stripped of metadata.

A phone photo carries EXIF: the camera, the time and often the GPS position of the
person's home. Every photo is decoded and encoded anew without any metadata, turned
upright first, and scaled down to a size a handläggare needs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 3
MAX_SIDE = 2560
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


class PhotoError(ValueError):
    """A file that is not a photo we accept; the message says what to do."""


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def clean_photo(upload: Any) -> CleanPhoto:
    """The photo re-encoded without metadata, or ``PhotoError`` with a Swedish message."""
    name = upload.name or ""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise PhotoError(
            _("Bilden %(name)s är större än 5 MB. Förminska den och försök igen.") % {"name": name}
        )
    try:
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in FORMATS:
                raise PhotoError(
                    _("%(name)s är inte en JPEG- eller PNG-bild. Välj en sådan bild.")
                    % {"name": name}
                )
            if width * height > MAX_PIXELS:
                raise PhotoError(
                    _("Bilden %(name)s har för många bildpunkter. Förminska den och försök igen.")
                    % {"name": name}
                )
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise PhotoError(
            _("%(name)s kunde inte läsas som en bild. Välj en JPEG- eller PNG-bild.")
            % {"name": name}
        ) from None
    assert kind is not None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    content_type, extension = FORMATS[kind]
    out = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=85, optimize=True)
    else:
        image.save(out, format="PNG", optimize=True)
    return CleanPhoto(out.getvalue(), content_type, extension, image.width, image.height)
