"""Settings for the test suite: the real settings, with fast hashing, a throwaway
data directory and tasks run immediately."""

import os
import tempfile

_data = os.environ.setdefault("FUWU_DATA_DIR", tempfile.mkdtemp(prefix="fuwu-test-"))
os.makedirs(os.path.join(_data, "static"), exist_ok=True)
os.environ.setdefault("FUWU_SECURE_COOKIES", "0")

from fuwu.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True

# The test databases are created from the models at once, as a new installation's is
# (core/schema.py; tests/conftest.py records the migrations as applied):
# tests/core/test_schema.py proves it the schema the migrations build.
DATABASES["default"]["TEST"] = {"MIGRATE": False}  # noqa: F405
