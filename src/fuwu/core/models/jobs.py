"""When each scheduled job last ran, so several workers fire it only once."""

from django.db import models


class ScheduledJobRun(models.Model):
    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
