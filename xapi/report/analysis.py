"""From stored statements to the report's tables, in SQL run by DuckDB.

Each table is left in the connection as a temporary table of the same name (for CSV and
Parquet export) and returned as rows (for the HTML). Definitions, written once here and in
``docs/reporting.md``:

- a learner *attempted* a module when any statement names it; *completed* / *passed* it when a
  ``completed`` (or ``result.completion``) / ``passed`` statement came; *score* is the best
  scaled score of ``passed``/``failed``; *time spent* sums the durations of ``terminated``
  (each session's length, as the runtime and the builders report it);
- *hours done* counts, for each completed module, its hours from the source (``duration``),
  against the target (28 h);
- a competency's *score* is the share of right answers among its questions, each question's
  last answer counting (as in the module); *mastered* when the score reaches the module's pass
  mark; its *time spent* sums the durations of every answer to its questions;
- a learner is *stuck* when started, short of the target, and silent for ``stuck_days``;
- item statistics use each learner's *first* answer (later tries follow feedback): facility is
  the share right; discrimination is the point-biserial correlation between the item and the
  learner's share right on the module's other items; score groups are the module's thirds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from .roster import RosterEntry
from .sources import ModuleInfo

__all__ = ["Settings", "Table", "Tables", "TABLE_NAMES", "analyse"]

_ADL = "http://adlnet.gov/expapi/verbs/"

TABLE_NAMES = (
    "learners",
    "learner_modules",
    "learner_competencies",
    "cohorts",
    "cohort_modules",
    "cohort_competencies",
    "items",
    "item_choices",
)


@dataclass(frozen=True)
class Settings:
    as_of: dt.datetime
    """"Now" for the report: stuck learners are measured from it."""
    target_hours: float = 28.0
    stuck_days: int = 14
    identify: bool = False
    """Show the roster's identifiers instead of pseudonyms (never the default)."""
    default_mastery: float = 0.8
    """Pass mark of modules whose source is not given."""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Tables:
    by_name: dict[str, Table] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Table:
        return self.by_name[name]


def _load_context(
    db: duckdb.DuckDBPyConnection, modules: Sequence[ModuleInfo], roster: Sequence[RosterEntry] | None
) -> None:
    db.execute(
        "CREATE OR REPLACE TEMP TABLE src_modules (module VARCHAR, file VARCHAR, hours DOUBLE, "
        "domain VARCHAR, mastery DOUBLE)"
    )
    db.execute(
        "CREATE OR REPLACE TEMP TABLE src_questions (module VARCHAR, question VARCHAR, file VARCHAR, "
        "line INTEGER, competency VARCHAR, kind VARCHAR, scored BOOLEAN)"
    )
    db.execute(
        "CREATE OR REPLACE TEMP TABLE src_choices (module VARCHAR, question VARCHAR, choice VARCHAR, "
        "correct BOOLEAN, position INTEGER)"
    )
    db.execute(
        "CREATE OR REPLACE TEMP TABLE roster (learner VARCHAR, ident VARCHAR, programme VARCHAR, "
        "university VARCHAR, year VARCHAR)"
    )
    if modules:
        db.executemany(
            "INSERT INTO src_modules VALUES (?, ?, ?, ?, ?)",
            [(m.module, m.file, m.hours, m.domain, m.mastery) for m in modules],
        )
        questions = [q for m in modules for q in m.questions]
        if questions:
            db.executemany(
                "INSERT INTO src_questions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(q.module, q.question, q.file, q.line, q.competency, q.kind, q.scored) for q in questions],
            )
        choices = [(q.module, q.question, c, ok, i) for q in questions for i, (c, ok) in enumerate(q.choices)]
        if choices:
            db.executemany("INSERT INTO src_choices VALUES (?, ?, ?, ?, ?)", choices)
    if roster:
        db.executemany(
            "INSERT INTO roster VALUES (?, ?, ?, ?, ?)",
            [(e.learner, e.ident, e.programme, e.university, e.year) for e in roster],
        )


def _queries(settings: Settings) -> list[str]:
    shown = "coalesce(r.ident, l.learner)" if settings.identify else "l.learner"
    return [
        # --- per learner and module -------------------------------------------------------
        f"""
        CREATE OR REPLACE TEMP TABLE lm_raw AS
        SELECT learner, module,
               bool_or(verb = '{_ADL}completed' OR coalesce(completion, false)) AS completed,
               bool_or(verb = '{_ADL}passed') AS passed,
               max(scaled) FILTER (WHERE verb IN ('{_ADL}passed', '{_ADL}failed')) AS score,
               coalesce(sum(duration) FILTER (WHERE verb = '{_ADL}terminated'), 0) / 3600.0 AS time_spent_h,
               count(DISTINCT question) FILTER (WHERE verb = '{_ADL}answered') AS questions_answered,
               any_value(domain) FILTER (WHERE domain IS NOT NULL) AS domain,
               min(ts) AS first_seen, max(ts) AS last_seen
        FROM statements WHERE module IS NOT NULL
        GROUP BY learner, module
        """,
        """
        CREATE OR REPLACE TEMP TABLE lm AS
        SELECT l.*, coalesce(s.domain, l.domain) AS module_domain,
               CASE WHEN l.completed THEN coalesce(s.hours, 0) ELSE 0 END AS hours_done,
               coalesce(s.mastery, $mastery) AS mastery
        FROM lm_raw l LEFT JOIN src_modules s USING (module)
        """,
        f"""
        CREATE OR REPLACE TEMP TABLE learner_modules AS
        SELECT {shown} AS learner, l.module, l.module_domain AS domain, true AS attempted, l.completed,
               l.passed, round(l.score, 4) AS score, round(l.time_spent_h, 4) AS time_spent_h,
               l.hours_done, l.questions_answered, l.first_seen, l.last_seen
        FROM lm l LEFT JOIN roster r USING (learner)
        ORDER BY 1, 2
        """,
        # --- per learner and competency ---------------------------------------------------
        f"""
        CREATE OR REPLACE TEMP TABLE last_answers AS
        SELECT s.learner, s.module, s.question, coalesce(s.competency, q.competency) AS competency, s.success,
               sum(s.duration) OVER (PARTITION BY s.learner, s.module, s.question) AS seconds
        FROM statements s LEFT JOIN src_questions q USING (module, question)
        WHERE s.verb = '{_ADL}answered' AND s.success IS NOT NULL AND s.question IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY s.learner, s.module, s.question
                                   ORDER BY s.ts DESC, s.stored DESC NULLS LAST, s.id) = 1
        """,
        """
        CREATE OR REPLACE TEMP TABLE lc AS
        SELECT a.learner, a.module, a.competency, count(*) AS answered,
               count(*) FILTER (WHERE a.success) AS correct,
               count(*) FILTER (WHERE a.success) / count(*) AS score,
               count(*) FILTER (WHERE a.success) / count(*) >= any_value(l.mastery) - 1e-9 AS mastered,
               any_value(l.completed) AS module_completed,
               coalesce(sum(a.seconds), 0) / 3600.0 AS time_spent_h
        FROM last_answers a JOIN lm l USING (learner, module)
        WHERE a.competency IS NOT NULL
        GROUP BY a.learner, a.module, a.competency
        """,
        f"""
        CREATE OR REPLACE TEMP TABLE learner_competencies AS
        SELECT {shown} AS learner, l.module, l.competency, l.answered, l.correct,
               round(l.score, 4) AS score, l.mastered, l.module_completed,
               round(l.time_spent_h, 4) AS time_spent_h
        FROM lc l LEFT JOIN roster r USING (learner)
        ORDER BY 1, 2, 3
        """,
        # --- per learner ------------------------------------------------------------------
        """
        CREATE OR REPLACE TEMP TABLE per_learner AS
        SELECT learner, count(*) AS modules_started, count(*) FILTER (WHERE completed) AS modules_completed,
               count(*) FILTER (WHERE passed) AS modules_passed, sum(hours_done) AS hours_done,
               sum(time_spent_h) AS time_spent_h, max(last_seen) AS last_seen
        FROM lm GROUP BY learner
        """,
        f"""
        CREATE OR REPLACE TEMP TABLE learners_raw AS
        SELECT coalesce(r.learner, p.learner) AS learner, r.ident,
               coalesce(r.programme, '') AS programme, coalesce(r.university, '') AS university,
               coalesce(r.year, '') AS year, r.learner IS NOT NULL AS in_roster,
               coalesce(p.modules_started, 0) AS modules_started,
               coalesce(p.modules_completed, 0) AS modules_completed,
               coalesce(p.modules_passed, 0) AS modules_passed,
               round(coalesce(p.hours_done, 0), 4) AS hours_done,
               round(coalesce(p.time_spent_h, 0), 4) AS time_spent_h,
               p.last_seen,
               CASE WHEN p.learner IS NULL THEN 'not-started'
                    WHEN coalesce(p.hours_done, 0) >= $target - 1e-9 THEN 'done'
                    WHEN p.last_seen < $as_of - to_days({int(settings.stuck_days)}) THEN 'stuck'
                    ELSE 'in-progress' END AS status
        FROM roster r FULL OUTER JOIN per_learner p USING (learner)
        """,
        f"""
        CREATE OR REPLACE TEMP TABLE learners AS
        SELECT {"coalesce(ident, learner)" if settings.identify else "learner"} AS learner, programme,
               university, year, in_roster, modules_started, modules_completed, modules_passed,
               hours_done, $target AS target_hours, time_spent_h, last_seen, status
        FROM learners_raw ORDER BY programme, university, year, learner
        """,
        # --- per cohort -------------------------------------------------------------------
        """
        CREATE OR REPLACE TEMP TABLE cohorts AS
        SELECT programme, university, year, count(*) AS learners,
               count(*) FILTER (WHERE status = 'not-started') AS not_started,
               count(*) FILTER (WHERE status = 'in-progress') AS in_progress,
               count(*) FILTER (WHERE status = 'stuck') AS stuck,
               count(*) FILTER (WHERE status = 'done') AS done,
               round(min(hours_done), 4) AS hours_min,
               round(quantile_cont(hours_done, 0.25), 4) AS hours_q1,
               round(median(hours_done), 4) AS hours_median,
               round(quantile_cont(hours_done, 0.75), 4) AS hours_q3,
               round(max(hours_done), 4) AS hours_max,
               round(avg(hours_done), 4) AS hours_mean,
               list(hours_done ORDER BY hours_done) AS hours_all
        FROM learners GROUP BY ALL ORDER BY programme, university, year
        """,
        """
        CREATE OR REPLACE TEMP TABLE cohort_modules AS
        SELECT x.programme, x.university, x.year, m.module, any_value(x.learners) AS learners,
               count(*) AS attempted, count(*) FILTER (WHERE m.completed) AS completed,
               count(*) FILTER (WHERE m.passed) AS passed,
               round(quantile_cont(m.score, 0.25), 4) AS score_q1, round(median(m.score), 4) AS score_median,
               round(quantile_cont(m.score, 0.75), 4) AS score_q3,
               round(median(m.time_spent_h), 4) AS time_spent_h_median
        FROM lm m JOIN learners_raw l USING (learner)
        JOIN cohorts x ON x.programme = l.programme AND x.university = l.university AND x.year = l.year
        GROUP BY x.programme, x.university, x.year, m.module
        ORDER BY 1, 2, 3, 4
        """,
        """
        CREATE OR REPLACE TEMP TABLE cohort_competencies AS
        SELECT x.programme, x.university, x.year, c.competency, any_value(x.learners) AS learners,
               count(DISTINCT c.learner) AS attempted,
               count(DISTINCT c.learner) FILTER (WHERE c.mastered) AS mastered,
               round(count(DISTINCT c.learner) FILTER (WHERE c.mastered) / any_value(x.learners), 4) AS mastered_share,
               round(median(c.score), 4) AS score_median
        FROM lc c JOIN learners_raw l USING (learner)
        JOIN cohorts x ON x.programme = l.programme AND x.university = l.university AND x.year = l.year
        GROUP BY x.programme, x.university, x.year, c.competency
        ORDER BY 1, 2, 3, 4
        """,
        # --- per question -----------------------------------------------------------------
        f"""
        CREATE OR REPLACE TEMP TABLE first_answers AS
        SELECT learner, module, question, response, correct_pattern, interaction,
               success::INTEGER AS x, duration
        FROM statements
        WHERE verb = '{_ADL}answered' AND success IS NOT NULL AND question IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY learner, module, question
                                   ORDER BY ts, stored NULLS LAST, id) = 1
        """,
        """
        CREATE OR REPLACE TEMP TABLE totals AS
        SELECT learner, module, sum(x) AS total, count(*) AS n,
               ntile(3) OVER (PARTITION BY module ORDER BY sum(x) / count(*), learner) AS grp
        FROM first_answers GROUP BY learner, module
        """,
        """
        CREATE OR REPLACE TEMP TABLE items AS
        SELECT f.module, f.question, q.file, q.line, q.competency, any_value(f.interaction) AS interaction,
               count(*) AS answers, round(avg(f.x), 4) AS facility,
               round(corr(f.x, (t.total - f.x) / (t.n - 1)) FILTER (WHERE t.n > 1), 4) AS discrimination,
               round(median(f.duration), 2) AS median_seconds
        FROM first_answers f JOIN totals t USING (learner, module)
        LEFT JOIN src_questions q USING (module, question)
        GROUP BY f.module, f.question, q.file, q.line, q.competency
        ORDER BY f.module, q.line NULLS LAST, f.question
        """,
        # Choices: from the source; without it, those seen in responses and keys.
        """
        CREATE OR REPLACE TEMP TABLE item_choice_list AS
        SELECT module, question, choice, correct, position FROM src_choices
        UNION ALL
        SELECT module, question, choice, bool_or(is_key), 1000 + row_number() OVER (PARTITION BY module, question ORDER BY choice)
        FROM (
            SELECT module, question, unnest(string_split(response, '[,]')) AS choice, false AS is_key
            FROM first_answers WHERE interaction IN ('choice', 'true-false') AND response IS NOT NULL
            UNION ALL
            SELECT module, question, unnest(string_split(correct_pattern, '[,]')), true
            FROM first_answers WHERE interaction IN ('choice', 'true-false') AND correct_pattern IS NOT NULL
        ) seen
        WHERE (module, question) NOT IN (SELECT (module, question) FROM src_choices)
        GROUP BY module, question, choice
        """,
        """
        CREATE OR REPLACE TEMP TABLE item_choices AS
        SELECT c.module, c.question, c.choice, c.correct,
               round(count(*) FILTER (WHERE list_contains(string_split(f.response, '[,]'), c.choice)) / count(*), 4) AS share,
               round(count(*) FILTER (WHERE t.grp = 1 AND list_contains(string_split(f.response, '[,]'), c.choice))
                     / nullif(count(*) FILTER (WHERE t.grp = 1), 0), 4) AS share_low,
               round(count(*) FILTER (WHERE t.grp = 2 AND list_contains(string_split(f.response, '[,]'), c.choice))
                     / nullif(count(*) FILTER (WHERE t.grp = 2), 0), 4) AS share_middle,
               round(count(*) FILTER (WHERE t.grp = 3 AND list_contains(string_split(f.response, '[,]'), c.choice))
                     / nullif(count(*) FILTER (WHERE t.grp = 3), 0), 4) AS share_high
        FROM item_choice_list c
        JOIN first_answers f USING (module, question)
        JOIN totals t USING (learner, module)
        WHERE f.response IS NOT NULL
        GROUP BY c.module, c.question, c.choice, c.correct, c.position
        ORDER BY c.module, c.question, c.position
        """,
    ]


def analyse(
    db: duckdb.DuckDBPyConnection,
    modules: Sequence[ModuleInfo],
    roster: Sequence[RosterEntry] | None,
    settings: Settings,
) -> Tables:
    """Run every query over the store's ``statements``; the tables stay in ``db`` (temporary)."""
    _load_context(db, modules, roster)
    params = {"mastery": settings.default_mastery, "target": settings.target_hours, "as_of": settings.as_of}
    for sql in _queries(settings):
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        if used:
            db.execute(sql, used)
        else:
            db.execute(sql)
    tables: dict[str, Table] = {}
    for name in TABLE_NAMES:
        result = db.execute(f"SELECT * FROM {name}")
        columns = tuple(d[0] for d in result.description or ())
        tables[name] = Table(name, columns, tuple(result.fetchall()))
    return Tables(tables)
