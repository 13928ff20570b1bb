"""Bounds on API query parameters: a huge limit, offset or year is a 422, never a database error."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


class BoundedPagination(LimitOffsetPagination):
    """``limit`` 1–1000 (default 100) and ``offset`` 0–10 000 000."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


#: A year in a query string: one the system can hold (a database date year), for every API.
YEAR_MIN = 2000
YEAR_MAX = 2100
