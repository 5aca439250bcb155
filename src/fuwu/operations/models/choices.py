"""The vocabulary of 4.2.2 and the complaint-handling steps of ISO 10002."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RequestKind(models.TextChoices):
    REQUEST = "request", pgettext_lazy("customer request kind", "Request")
    ENQUIRY = "enquiry", _("Enquiry")
    COMPLAINT = "complaint", _("Complaint")
    COMPLIMENT = "compliment", _("Compliment")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", pgettext_lazy("priority", "High")
    NORMAL = "normal", pgettext_lazy("priority", "Normal")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    MESSAGE = "message", _("Message or chat")
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Website or app")
    LETTER = "letter", _("Letter")
    OTHER = "other", pgettext_lazy("channel", "Other")


class RequestStatus(models.TextChoices):
    """A request, enquiry or compliment is received, responded to and closed; a
    complaint goes through every step (ISO 10002: receive, acknowledge, assess,
    investigate, respond, communicate the decision, close)."""

    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSESSED = "assessed", _("Assessed")
    INVESTIGATED = "investigated", _("Investigated")
    RESPONDED = "responded", _("Responded")
    DECIDED = "decided", _("Decision communicated")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")


OPEN_STATUSES = frozenset(set(RequestStatus.values) - {RequestStatus.CLOSED})


class Confirmation(models.TextChoices):
    """What the customer said at closure."""

    SATISFIED = "satisfied", _("Satisfied")
    DISSATISFIED = "dissatisfied", _("Not satisfied")
    NO_ANSWER = "no_answer", _("Could not be asked")


class EventKind(models.TextChoices):
    """A line of a request's timeline."""

    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSESSED = "assessed", _("Assessed")
    INVESTIGATED = "investigated", _("Investigated")
    RESPONDED = "responded", _("Responded")
    DECIDED = "decided", _("Decision communicated")
    CLOSED = "closed", pgettext_lazy("request event", "Closed")
    TRANSFERRED = "transferred", _("Transferred")
    ESCALATED = "escalated", _("Escalated")
    ERASED = "erased", _("Customer identity erased")
