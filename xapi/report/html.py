"""The report as one self-contained HTML page: inline CSS and SVG, no script, no request.

Every chart is an ``<svg role="img">`` with a title and a description, followed by the table of
its figures, so that screen readers and phones read the same numbers. Pure function: tables in,
text out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from ehealth_content.diagnostics import Diagnostic, format_diagnostic

from .analysis import Tables
from .strings import words

__all__ = ["ReportMeta", "render_html"]

_CSS = """
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--bar:#1f5f99;--key:#1b6e3a;--warn:#8a3b00;--line:#c8c8c8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:68rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin-top:1.5rem}
.note{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .7rem;min-width:8rem}
.cards strong{display:block;font-size:1.3rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
svg{max-width:100%;height:auto;display:block}
svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
.diag{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;white-space:pre-wrap;overflow-wrap:anywhere;
  background:#f6f6f6;border-left:4px solid var(--warn);padding:.5rem;margin:.25rem 0}
.key{color:var(--key);font-weight:600}
@media (max-width:40rem){main{padding:.5rem}table{font-size:.8rem}.cards li{min-width:45%}}
"""


@dataclass(frozen=True)
class ReportMeta:
    lang: str
    generated: dt.datetime
    as_of: dt.datetime
    statements: int
    target_hours: float
    identify: bool = False
    max_rows: int = 2000


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return escape(str(value))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    out = [
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(caption)}"><table>',
        f"<caption>{escape(caption)}</caption><thead><tr>",
    ]
    out += [f'<th scope="col">{escape(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(
            "<tr>"
            + "".join(
                f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>" for i, cell in enumerate(row)
            )
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _bars(ident: str, title: str, desc: str, bars: Sequence[tuple[str, float, str]], maximum: float) -> str:
    """Horizontal bars: (label, value, value as text)."""
    height = 22 * len(bars) + 10
    out = [
        f'<svg viewBox="0 0 600 {height}" width="600" height="{height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d"><title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(desc)}</desc>'
    ]
    for i, (label, value, text) in enumerate(bars):
        y = 5 + 22 * i
        width = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * 330
        out.append(
            f'<text x="0" y="{y + 15}">{escape(label[:28])}</text>'
            f'<rect x="200" y="{y + 3}" width="{width:.1f}" height="15" fill="#1f5f99"/>'
            f'<text x="{206 + width:.1f}" y="{y + 15}">{escape(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _hours_bands(hours: Sequence[float], target: float) -> list[tuple[str, int]]:
    step = max(1.0, target / 7)
    edges = [round(step * i, 2) for i in range(7)]
    bands: list[tuple[str, int]] = []
    for i, low in enumerate(edges):
        high = edges[i + 1] if i + 1 < len(edges) else target
        count = sum(1 for h in hours if low <= h < high - 1e-9)
        bands.append((f"{_num(low, 1)}–{_num(high, 1)} h", count))
    bands.append((f"≥ {_num(target, 1)} h", sum(1 for h in hours if h >= target - 1e-9)))
    return bands


def _cohort_name(row: Mapping[str, Any], w: Mapping[str, str]) -> str:
    parts = [str(row[k]) for k in ("programme", "university", "year") if row[k]]
    return " · ".join(parts) if parts else w["no_cohort"]


def render_html(tables: Tables, flags: Sequence[tuple[Diagnostic, str, str]], meta: ReportMeta) -> str:
    w = words(meta.lang)
    learners = tables["learners"].dicts()
    cohorts = tables["cohorts"].dicts()
    competencies = tables["cohort_competencies"].dicts()
    items = tables["items"].dicts()
    choices = tables["item_choices"].dicts()
    status = {s: w[f"status_{s}"] for s in ("not-started", "in-progress", "stuck", "done")}
    colon = "\u202f: " if meta.lang == "fr" else ": "  # French typography: a thin space before':'.
    body: list[str] = []
    body.append(f"<h1>{escape(w['title'])}</h1>")
    body.append(
        "<p>"
        + escape(
            w["generated"].format(
                when=meta.generated.strftime("%Y-%m-%d %H:%M UTC"),
                as_of=meta.as_of.strftime("%Y-%m-%d"),
                statements=meta.statements,
                learners=len(learners),
            )
        )
        + "</p>"
    )
    body.append(
        f'<p class="note">{escape(w["identified"] if meta.identify else w["privacy"])} {escape(w["files"])}</p>'
    )
    body.append(
        f'<nav aria-label="{escape(w["contents"])}"><ul>'
        f'<li><a href="#cohorts">{escape(w["cohorts"])}</a></li>'
        f'<li><a href="#learners">{escape(w["per_learner"])}</a></li>'
        f'<li><a href="#items">{escape(w["items"])}</a></li></ul></nav>'
    )

    body.append(f'<section aria-labelledby="cohorts"><h2 id="cohorts">{escape(w["cohorts"])}</h2>')
    for index, cohort in enumerate(cohorts):
        name = _cohort_name(cohort, w)
        ident = f"c{index}"
        body.append(
            f'<section aria-labelledby="{ident}"><h3 id="{ident}">{escape(w["cohort"])}{colon}{escape(name)}</h3>'
        )
        cards = [
            (w["learners"], cohort["learners"]),
            (w["not_started"], cohort["not_started"]),
            (w["in_progress"], cohort["in_progress"]),
            (w["stuck"], cohort["stuck"]),
            (w["done"], cohort["done"]),
            (w["median"] + " · " + w["hours_done"], f"{_num(cohort['hours_median'], 1)} h"),
        ]
        body.append(
            '<ul class="cards">'
            + "".join(
                f"<li><strong>{_num(v) if not isinstance(v, str) else escape(v)}</strong>{escape(k)}</li>"
                for k, v in cards
            )
            + "</ul>"
        )
        body.append(
            f"<p>{escape(w['quartiles'])}{colon}{_num(cohort['hours_q1'], 1)} / {_num(cohort['hours_median'], 1)} / "
            f"{_num(cohort['hours_q3'], 1)} h ({escape(w['hours_target'].format(target=_num(meta.target_hours, 1)))})</p>"
        )
        bands = _hours_bands(list(cohort["hours_all"]), meta.target_hours)
        body.append(
            _bars(
                f"{ident}h",
                f"{w['hours_chart']} — {name}",
                w["hours_desc"].format(target=_num(meta.target_hours, 1)),
                [(label, count, str(count)) for label, count in bands],
                max([c for _, c in bands] + [1]),
            )
        )
        body.append(
            _table(
                f"{w['hours_chart']} — {name}",
                [w["range"], w["count"]],
                [(escape(label), str(count)) for label, count in bands],
                {1},
            )
        )
        per_module = [
            m
            for m in tables["cohort_modules"].dicts()
            if (m["programme"], m["university"], m["year"])
            == (cohort["programme"], cohort["university"], cohort["year"])
        ]
        if per_module:
            body.append(
                _table(
                    f"{w['modules']} — {name}",
                    [w["module"], w["attempted"], w["completed"], w["passed"], w["score_median"], w["time_median"]],
                    [
                        (
                            escape(m["module"]),
                            str(m["attempted"]),
                            str(m["completed"]),
                            str(m["passed"]),
                            _pct(m["score_median"]),
                            _num(m["time_spent_h_median"], 2),
                        )
                        for m in per_module
                    ],
                    {1, 2, 3, 4, 5},
                )
            )
        mine = [
            c
            for c in competencies
            if (c["programme"], c["university"], c["year"])
            == (cohort["programme"], cohort["university"], cohort["year"])
        ]
        if mine:
            body.append(
                _bars(
                    f"{ident}c",
                    f"{w['competencies']} — {name}",
                    w["competencies_desc"],
                    [(c["competency"], c["mastered_share"], _pct(c["mastered_share"])) for c in mine],
                    1.0,
                )
            )
            body.append(
                _table(
                    f"{w['competencies']} — {name}",
                    [w["competency"], w["attempted"], w["mastered"], w["share"], w["median"]],
                    [
                        (
                            escape(c["competency"]),
                            str(c["attempted"]),
                            str(c["mastered"]),
                            _pct(c["mastered_share"]),
                            _num(c["score_median"]),
                        )
                        for c in mine
                    ],
                    {1, 2, 3, 4},
                )
            )
        follow = [
            row
            for row in learners
            if (row["programme"], row["university"], row["year"])
            == (cohort["programme"], cohort["university"], cohort["year"])
            and row["status"] in ("not-started", "stuck")
        ]
        body.append(f"<h4>{escape(w['to_follow'])}</h4>")
        if follow:
            body.append(
                _table(
                    f"{w['to_follow']} — {name}",
                    [w["learner"], w["status"], w["hours_done"], w["last_seen"]],
                    [
                        (
                            escape(r["learner"]),
                            escape(status[r["status"]]),
                            _num(r["hours_done"], 1),
                            escape(r["last_seen"].strftime("%Y-%m-%d")) if r["last_seen"] else "–",
                        )
                        for r in follow
                    ],
                    {2},
                )
            )
        else:
            body.append(f"<p>{escape(w['none'])}</p>")
        body.append("</section>")
    body.append("</section>")

    body.append(f'<section aria-labelledby="learners"><h2 id="learners">{escape(w["per_learner"])}</h2>')
    shown = learners[: meta.max_rows]
    body.append(
        _table(
            w["per_learner"],
            [
                w["learner"],
                w["cohort"],
                w["status"],
                w["hours_done"],
                w["modules_completed"],
                w["modules_passed"],
                w["time_spent"],
            ],
            [
                (
                    escape(r["learner"]),
                    escape(_cohort_name(r, w)),
                    escape(status[r["status"]]),
                    _num(r["hours_done"], 1),
                    str(r["modules_completed"]),
                    str(r["modules_passed"]),
                    _num(r["time_spent_h"], 2),
                )
                for r in shown
            ],
            {3, 4, 5, 6},
        )
    )
    if len(learners) > len(shown):
        body.append(f'<p class="note">{escape(w["more_rows"].format(shown=len(shown), total=len(learners)))}</p>')
    body.append("</section>")

    body.append(f'<section aria-labelledby="items"><h2 id="items">{escape(w["items"])}</h2>')
    body.append(f"<p>{escape(w['items_intro'])}</p>")
    if flags:
        body.append(f"<h3>{escape(w['flags'])}</h3>")
        body += [f'<p class="diag">{escape(format_diagnostic(d))}</p>' for d, _, _ in flags]
    if not items:
        body.append(f"<p>{escape(w['no_items'])}</p>")
    flagged: dict[tuple[str, str], list[str]] = {}
    for d, module, question in flags:
        flagged.setdefault((module, question), []).append(w[d.code])
    body.append(
        _table(
            w["items"],
            [
                w["module"],
                w["question"],
                w["competency"],
                w["answers"],
                w["facility"],
                w["discrimination"],
                w["time"],
                w["flag"],
            ],
            [
                (
                    escape(i["module"]),
                    escape(i["question"]),
                    escape(i["competency"] or "–"),
                    str(i["answers"]),
                    _num(i["facility"]),
                    _num(i["discrimination"]),
                    _num(i["median_seconds"], 1),
                    escape(", ".join(flagged.get((i["module"], i["question"]), []))),
                )
                for i in items
            ],
            {3, 4, 5, 6},
        )
    )
    by_item: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in choices:
        by_item.setdefault((c["module"], c["question"]), []).append(c)
    for n, ((module, question), rows) in enumerate(by_item.items()):
        if (module, question) not in flagged:
            continue
        title = f"{w['choices']} — {module} / {question}"
        bars = [
            (f"{c['choice']}{' ✓' if c['correct'] else ''} · {w[g]}", c[f"share_{g}"] or 0.0, _pct(c[f"share_{g}"]))
            for c in rows
            for g in ("low", "middle", "high")
        ]
        body.append(f"<h3>{escape(module)} / {escape(question)}</h3>")
        body.append(_bars(f"i{n}", title, w["choices_desc"], bars, 1.0))
        body.append(
            _table(
                title,
                [w["choice"], w["low"], w["middle"], w["high"]],
                [
                    (
                        escape(c["choice"])
                        + (f' <span class="key">({escape(w["key"])})</span>' if c["correct"] else ""),
                        _pct(c["share_low"]),
                        _pct(c["share_middle"]),
                        _pct(c["share_high"]),
                    )
                    for c in rows
                ],
                {1, 2, 3},
            )
        )
    body.append("</section>")
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(meta.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{escape(w['title'])}</title><style>{_CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
