"""The view behind `Answer` (ADR 0041): one row per element of an evaluation's
`answered`, [[question id, value or null, text], ...]. Ids are the evaluation's times
10,000 plus the answer's place (an instrument has tens of questions, never 10,000).

Created by migration 0012 on a database that goes through the migrations, and by
`fuwu.core.schema.create_views` on one whose schema is created at once."""

ANSWER_VIEW = {
    "postgresql": """
        CREATE OR REPLACE VIEW measurement_answer AS
        SELECT e.id * 10000 + a.n AS id, e.organization_id, e.created_at, e.updated_at,
               e.id AS evaluation_id, (a.item ->> 0)::bigint AS question_id,
               (a.item ->> 1)::smallint AS value, COALESCE(a.item ->> 2, '') AS text
        FROM measurement_evaluation e
        CROSS JOIN LATERAL jsonb_array_elements(e.answered) WITH ORDINALITY AS a(item, n)
    """,
    "sqlite": """
        CREATE VIEW IF NOT EXISTS measurement_answer AS
        SELECT e.id * 10000 + a.key + 1 AS id, e.organization_id, e.created_at, e.updated_at,
               e.id AS evaluation_id, json_extract(a.value, '$[0]') AS question_id,
               json_extract(a.value, '$[1]') AS value,
               COALESCE(json_extract(a.value, '$[2]'), '') AS text
        FROM measurement_evaluation e, json_each(e.answered) AS a
    """,
}
