"""The answers move into their evaluation's row (ADR 0041): `Evaluation.answered` holds
[[question id, value, text], ...] in the order they were stored, and `measurement_answer`
becomes a view that unfolds it, one row per answer, so every read keeps joining and
grouping answers as rows. A submission then writes one row instead of one per answer.

Digests and rollups are unchanged: both were computed from the same values.
Going back recreates the table from the view (with new ids)."""

from django.db import migrations, models

from fuwu.measurement.models.answer_view import ANSWER_VIEW

FILL = {
    "postgresql": """
        UPDATE measurement_evaluation e SET answered = a.given
        FROM (
            SELECT evaluation_id,
                   jsonb_agg(jsonb_build_array(question_id, value, text) ORDER BY id) AS given
            FROM measurement_answer GROUP BY evaluation_id
        ) a
        WHERE a.evaluation_id = e.id
    """,
    "sqlite": """
        UPDATE measurement_evaluation SET answered = (
            SELECT json_group_array(json_array(question_id, value, text)) FROM (
                SELECT question_id, value, text FROM measurement_answer
                WHERE evaluation_id = measurement_evaluation.id ORDER BY id
            )
        )
        WHERE id IN (SELECT evaluation_id FROM measurement_answer)
    """,
}

def into_the_evaluation(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in FILL:
        raise RuntimeError(f"Fuwu runs on PostgreSQL or SQLite, not {vendor}")
    schema_editor.execute(FILL[vendor])
    schema_editor.execute("DROP TABLE measurement_answer")
    schema_editor.execute(ANSWER_VIEW[vendor])


def back_into_a_table(apps, schema_editor):
    columns = "organization_id, created_at, updated_at, evaluation_id, question_id, value, text"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM measurement_answer ORDER BY id")
        rows = cursor.fetchall()
    schema_editor.execute("DROP VIEW measurement_answer")
    schema_editor.create_model(apps.get_model("measurement", "Answer"))  # as at 0011
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO measurement_answer ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)", rows
        )


class Migration(migrations.Migration):

    dependencies = [
        ('measurement', '0011_rollup_cells'),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluation',
            name='answered',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='answers given'),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(into_the_evaluation, back_into_a_table)],
            state_operations=[
                migrations.AlterModelTable(name='answer', table='measurement_answer'),
                migrations.AlterModelOptions(
                    name='answer',
                    options={'managed': False, 'ordering': ['evaluation', 'question__order'], 'verbose_name': 'answer', 'verbose_name_plural': 'answers'},
                ),
            ],
        ),
    ]
