"""WSGI entry point (`fuwu.wsgi:application`) for granian or gunicorn."""

import os
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from fuwu.secret_key import key_problem

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuwu.settings")
application = get_wsgi_application()

# Customers' submissions arrive by the thousand: their common case is answered ahead of
# the middleware and DRF (measurement/fast_route.py, ADR 0033), the rest as always.
from fuwu.measurement.fast_route import with_fast_route  # noqa: E402  (after setup)

application = with_fast_route(application)

if not settings.DEBUG and (problem := key_problem(settings.SECRET_KEY)):
    raise ImproperlyConfigured(
        f"Fuwu will not serve: {problem}. Set FUWU_SECRET_KEY to a long random string "
        "before serving Fuwu (or set FUWU_DEBUG=1 for development)."
    )


def _warm_up_fonts() -> None:
    """Read the PDF fonts in the background once per server process, so the first
    report or manual a user downloads does not pay for it."""
    from fuwu.core.typst import fonts

    fonts()


threading.Thread(target=_warm_up_fonts, name="fuwu-font-warm-up", daemon=True).start()
