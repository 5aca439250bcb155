"""Migration 0012 moves the answers of evaluations stored before it into their rows
(ADR 0041): the view then gives every answer back as it was, with its question, value
and text, in the order it was stored. Run on a SQLite file of its own, as an
installation upgrading from the release before would."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

UPGRADE = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "fuwu.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection

from django.db.migrations.executor import MigrationExecutor

# The release before: every app at its latest migration, measurement at 0011.
executor = MigrationExecutor(connection)
leaves = executor.loader.graph.leaf_nodes()
executor.migrate(
    [leaf for leaf in leaves if leaf[0] != "measurement"] + [("measurement", "0011_rollup_cells")]
)
from fuwu.core.models import User
from fuwu.core.services import organization_create, site_create
from fuwu.design import services as design
from fuwu.measurement.services.collection import collection_point_create
from fuwu.measurement.services.evaluations import instrument_create

root = User.objects.create(username="root", is_superuser=True)
org = organization_create(actor=root, data={"name_en": "Lakeside", "slug": "lakeside"})
site = site_create(actor=root, organization=org, data={"code": "H1", "name_en": "Hotel"})
point = design.contact_point_create(actor=root, organization=org, data={
    "code": "FD", "name_en": "Front desk", "stage": "during", "manned": True,
    "channel": "in_person", "status": "active", "sites": [site]})
instrument = instrument_create(actor=root, organization=org, data={
    "name_en": "Front desk", "contact_points": [point]}, questions=[
    {"type": "rating", "text_en": "Friendly?"}, {"type": "text", "text_en": "What went wrong?"}])
cp = collection_point_create(
    actor=root, organization=org, site=site, contact_point=point, instrument=instrument)
version = instrument.current_version_id
q1, q2 = instrument.current_version.questions.order_by("order").values_list("pk", flat=True)
with connection.cursor() as cursor:
    for pk in (7, 8, 9):
        cursor.execute(
            "INSERT INTO measurement_evaluation (id, organization_id, created_at, updated_at, "
            "collection_point_id, site_id, contact_point_id, instrument_version_id, "
            "submission_id, submitted_at, language, channel, visit_id, comment, low, digest) "
            "VALUES (%s, %s, '2026-01-01', '2026-01-01', %s, %s, %s, %s, %s, '2026-01-01', "
            "'en', 'qr', '', '', 0, '')",
            [pk, org.pk, cp.pk, site.pk, point.pk, version, f"s-{pk}"],
        )
    cursor.executemany(
        "INSERT INTO measurement_answer (organization_id, created_at, updated_at, "
        "evaluation_id, question_id, value, text) VALUES (%s, '2026-01-01', '2026-01-01', "
        "%s, %s, %s, %s)",
        [(org.pk, 7, q1, 5, ""), (org.pk, 7, q2, None, "Slow check-in, 慢"),
         (org.pk, 8, q1, 2, "")],
    )
call_command("migrate", interactive=False, verbosity=0)
from fuwu.measurement.models import Answer, Evaluation

print(json.dumps({
    "questions": [q1, q2],
    "answered": dict(Evaluation.objects.order_by("pk").values_list("pk", "answered")),
    "view": list(Answer.objects.order_by("pk").values_list(
        "evaluation_id", "question_id", "value", "text")),
}))
"""


@pytest.mark.program
def test_answers_stored_before_the_move_read_back_as_they_were(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FUWU_", "DATABASE_URL"))}
    env |= {"FUWU_DATA_DIR": str(tmp_path), "FUWU_SECRET_KEY": "migration-test"}
    done = subprocess.run(
        [sys.executable, "-c", UPGRADE], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    moved = json.loads(done.stdout.splitlines()[-1])
    q1, q2 = moved["questions"]
    assert moved["answered"] == {
        "7": [[q1, 5, ""], [q2, None, "Slow check-in, 慢"]],
        "8": [[q1, 2, ""]],
        "9": [],
    }
    assert moved["view"] == [
        [7, q1, 5, ""],
        [7, q2, None, "Slow check-in, 慢"],
        [8, q1, 2, ""],
    ]
