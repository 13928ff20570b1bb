"""Synpunkter och felanmälan: categories, service requests, their handling and privacy."""

from redthread.feedback.models.access import Open311Key, RateLimitBucket
from redthread.feedback.models.case import Channel, Kind, ServiceRequest, State
from redthread.feedback.models.catalogue import AnswerTemplate, Category
from redthread.feedback.models.handling import Answer, Note, Photo
from redthread.feedback.models.privacy import ErasureRecord

__all__ = [
    "Answer",
    "AnswerTemplate",
    "Category",
    "Channel",
    "ErasureRecord",
    "Kind",
    "Note",
    "Open311Key",
    "Photo",
    "RateLimitBucket",
    "ServiceRequest",
    "State",
]
