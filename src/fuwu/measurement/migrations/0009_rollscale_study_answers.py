"""The rollups counted the evaluations of Kano and SERVQUAL studies as satisfaction
responses: empty them and move the watermark back, so that the next refresh (the
worker, or `fuwu rollup-evaluations`) recomputes every day without them. Meanwhile
reads take every evaluation from the raw rows (the tail), so figures stay exact.

The rollups' organization loses its database constraint: a rebuild writes millions
of rows, and the deferred check queued a trigger event for each until the commit."""

import django.db.models.deletion
from django.db import migrations, models


def reset(apps, schema_editor):
    for name in ("EvaluationRollup", "AnswerRollup"):
        apps.get_model("measurement", name).objects.all().delete()
    apps.get_model("measurement", "RollupWatermark").objects.update(last_id=0, refreshed_at=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_seals"), ("measurement", "0008_analysis_review")]

    operations = [
        migrations.RunPython(reset, migrations.RunPython.noop),
        *(
            migrations.AlterField(
                model_name=model,
                name="organization",
                field=models.ForeignKey(
                    db_constraint=False,
                    db_index=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to="core.organization",
                    verbose_name="organization",
                ),
            )
            for model in ("answerrollup", "evaluationrollup")
        ),
    ]
