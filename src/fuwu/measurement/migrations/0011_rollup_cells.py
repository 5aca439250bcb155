"""Rollup cells for chain scale (ADR 0031, "Revision"): the coarser levels gain an
all-channels cell, answer rollups store their moments (count, sum, sum of squares,
top-two box, promoters, detractors, effort count and sum) next to the histogram, and
one index serves a site's rows and one contact point's at one site.

The rows already rolled up have neither: empty the rollups and move the watermark
back, so that the next refresh (the worker, or `fuwu rollup-evaluations`) recomputes
every day. Meanwhile reads take every evaluation from the raw rows, so figures stay
exact."""

from django.db import migrations, models


def reset(apps, schema_editor):
    tables = [apps.get_model("measurement", n)._meta.db_table for n in ("EvaluationRollup", "AnswerRollup")]
    if schema_editor.connection.vendor == "postgresql":
        # Millions of rows at chain scale: TRUNCATE rather than DELETE.
        schema_editor.execute(f"TRUNCATE {', '.join(tables)}")
    else:
        for name in ("EvaluationRollup", "AnswerRollup"):
            apps.get_model("measurement", name).objects.all().delete()
    apps.get_model("measurement", "RollupWatermark").objects.update(last_id=0, refreshed_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_seals'),
        ('measurement', '0010_return_visit_channel'),
    ]

    operations = [
        migrations.RunPython(reset, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='answerrollup',
            name='meas_anroll_site_day',
        ),
        migrations.RemoveIndex(
            model_name='evaluationrollup',
            name='meas_evroll_site_day',
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='detractors',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='effort_sum',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='efforts',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='promoters',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='rating_squares',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='rating_sum',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='rating_top',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='ratings',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='answerrollup',
            name='recommendations',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name='answerrollup',
            index=models.Index(fields=['organization', 'span', 'level', 'site_id', 'contact_point_id', 'day'], name='meas_anroll_site_point_day'),
        ),
        migrations.AddIndex(
            model_name='evaluationrollup',
            index=models.Index(fields=['organization', 'span', 'level', 'site_id', 'contact_point_id', 'day'], name='meas_evroll_site_point_day'),
        ),
        migrations.AddIndex(
            model_name="answerrollup",
            index=models.Index(condition=models.Q(("channel", "")), fields=["organization", "span", "level", "day"], name="meas_anroll_all_day"),
        ),
        migrations.AddIndex(
            model_name="evaluationrollup",
            index=models.Index(condition=models.Q(("channel", "")), fields=["organization", "span", "level", "day"], name="meas_evroll_all_day"),
        ),
    ]
