"""``{% load documents %}{% governing_documents goal as docs %}``: what governs an object.

For the pages of apps further down the red thread (a kommunmål, a process): the styrdokument
linked to the object that the viewer may read, with ``documents/_governing.html`` to show them.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from redthread.documents.models import GoverningDocument

register = template.Library()


@register.simple_tag(takes_context=True)
def governing_documents(context: template.Context, obj: models.Model) -> list[GoverningDocument]:
    request = context.get("request")
    user: Any = getattr(request, "user", None) or context.get("user")
    documents = (
        GoverningDocument.objects.governing(obj)
        .current()
        .select_related("decision__body")
        .order_by("-kind", "title")  # VAD before HUR
    )
    if user is None:
        return list(documents.public())
    return list(documents.visible_to(user))
