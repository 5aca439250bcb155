"""The rollups counted the evaluations of Kano and SERVQUAL studies as satisfaction
responses: empty them and move the watermark back, so that the next refresh (the
worker, or `fuwu rollup-evaluations`) recomputes every day without them. Meanwhile
reads take every evaluation from the raw rows (the tail), so figures stay exact."""

from django.db import migrations


def reset(apps, schema_editor):
    for name in ("EvaluationRollup", "AnswerRollup"):
        apps.get_model("measurement", name).objects.all().delete()
    apps.get_model("measurement", "RollupWatermark").objects.update(last_id=0, refreshed_at=None)


class Migration(migrations.Migration):
    dependencies = [("measurement", "0008_analysis_review")]

    operations = [migrations.RunPython(reset, migrations.RunPython.noop)]
