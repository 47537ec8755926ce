"""Ingest rate, peak memory and report time of ``ehealth report`` on synthetic statements.

    .venv/bin/python benchmarks/report.py [--statements 1000000] [--keep DIR]

The statements are made with the project's own builders (`xapi.statements.LearnerSession`)
from the real modules of ``modules/``: each simulated learner takes the modules in turn (the
initialized, experienced per page, answered per question, completed, passed or failed,
terminated statements the runtime sends), answering right with a probability that grows with
an ability drawn per learner and falls with a difficulty drawn per question; a few leave a
module half done. About 300 statements per learner, as the issue estimates.

The statements are written to an NDJSON file first (not measured); then a fresh Python process
ingests the file into a new store and writes the report, so that its peak resident memory
(``ru_maxrss``) is that of ingest and report alone. Printed: statements, file size, ingest
seconds and statements/s, report seconds, peak memory. Aim (issue 17): 1 M statements in
under a minute on a 2-core machine, under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BASE = "https://formation.example.org/xapi"


def generate(path: Path, count: int, seed: int = 17) -> int:
    """Write ``count`` statements to ``path`` (NDJSON); returns the number of learners."""
    from ehealth_content import (
        LikertQuestion,
        MultipleChoiceQuestion,
        SingleChoiceQuestion,
        TrueFalseQuestion,
        load_module,
    )
    from xapi.statements import Choice, LearnerSession, Question, Score

    rng = random.Random(seed)
    modules = []
    for source in sorted((REPO / "modules").glob("*/module.md")):
        module, _ = load_module(source)
        assert module is not None, source
        questions = []
        for q in module.questions:
            if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
                kind = "choice"
                key = "[,]".join(c.id for c in q.choices if c.correct)
                wrong = [c.id for c in q.choices if not c.correct] or ["z"]
                built = Question(
                    q.id,
                    kind,
                    q.prompt.plain[:250],
                    [key],
                    competency=q.competency,
                    choices=[Choice(c.id, c.text.plain) for c in q.choices],
                )
            elif isinstance(q, TrueFalseQuestion):
                key, wrong = str(q.answer).lower(), [str(not q.answer).lower()]
                built = Question(q.id, "true-false", q.prompt.plain[:250], [key], competency=q.competency)
            elif isinstance(q, LikertQuestion):
                continue
            else:
                key, wrong = "=", ["x"]
                built = Question(q.id, "fill-in", q.prompt.plain[:250], [], competency=q.competency)
            questions.append((built, key, wrong, rng.gauss(0, 1), q.page_id))
        modules.append((module, questions))
    start = datetime(2026, 9, 1, tzinfo=timezone.utc)
    written = learners = 0
    with path.open("w", encoding="utf-8") as out:
        while written < count:
            learners += 1
            name = f"etudiant-{learners:06d}"
            ability = rng.gauss(0.8, 1)
            clock = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 80))
            for module, questions in modules:
                session = LearnerSession(
                    BASE,
                    {"account": {"homePage": "https://ent.example.fr", "name": name}},
                    module.id,
                    module_title=module.title,
                    course_id="socle-2026",
                    domain=module.domain,
                    registration=str(uuid.uuid4()),
                )
                batch = [session.initialized()]
                quits = rng.random() < 0.08
                right = 0
                for page in module.pages:
                    batch.append(session.experienced(page.id, title=page.title))
                    for built, key, wrong, difficulty, page_id in questions:
                        if page_id != page.id:
                            continue
                        ok = rng.random() < 1 / (1 + pow(2.718281828, difficulty - ability))
                        right += ok
                        batch.append(
                            session.answered(
                                built, key if ok else rng.choice(wrong), success=ok, duration=rng.uniform(8, 90)
                            )
                        )
                    if quits and rng.random() < 0.3:
                        break
                else:
                    quits = False
                score = Score(right, 0, max(1, len(questions)))
                if not quits:
                    batch.append(session.completed(duration=rng.uniform(1800, 7200)))
                    passed = score.scaled >= module.mastery_score / 100
                    batch.append(session.passed(score) if passed else session.failed(score))
                batch.append(session.terminated(duration=rng.uniform(1800, 7200)))
                for statement in batch:
                    clock += timedelta(seconds=rng.randrange(5, 120))
                    statement["id"] = str(uuid.uuid4())
                    statement["timestamp"] = clock.isoformat().replace("+00:00", "Z")
                    out.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")))
                    out.write("\n")
                    written += 1
                    if written >= count:
                        return learners
    return learners


def measure(path: Path, work: Path) -> dict[str, float]:
    """Ingest and report in this process; run in a child so that ru_maxrss is theirs."""
    from xapi.report import Settings, Store, read_sources, write_report

    modules, _ = read_sources([REPO / "modules"])
    key = b"benchmark-key-not-secret-32bytes"
    began = time.perf_counter()
    with Store.open(work / "store.duckdb", key) as store:
        result = store.ingest_file(path)
        ingested = time.perf_counter()
        write_report(
            store, work / "out", modules=modules, settings=Settings(as_of=datetime(2026, 12, 1, tzinfo=timezone.utc))
        )
        reported = time.perf_counter()
        again = store.ingest_file(path)
        incremental = time.perf_counter()
    return {
        "read": result.read,
        "added": result.added,
        "ingest_s": ingested - began,
        "report_s": reported - ingested,
        "reread_added": again.added,
        "reread_s": incremental - reported,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Keep the statements and the store in this folder.")
    parser.add_argument(
        "--check",
        action="store_true",
        help="Exit 1 when the aim is missed (ingest < 60 s and peak < 1 GB per million).",
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.measure.parent)))
        return
    with tempfile.TemporaryDirectory(prefix="ehealth-report-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        path = work / "statements.ndjson"
        began = time.perf_counter()
        learners = generate(path, args.statements)
        made = time.perf_counter() - began
        print(
            f"generated {args.statements:,} statements for {learners:,} learners in {made:.1f} s "
            f"({path.stat().st_size / 1e6:,.0f} MB of NDJSON)"
        )
        for name in ("store.duckdb", "store.duckdb.wal"):
            (work / name).unlink(missing_ok=True)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        if child.returncode != 0:
            sys.exit(child.stderr)
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        rate = figures["read"] / figures["ingest_s"]
        print(f"ingest:  {figures['ingest_s']:.1f} s, {rate:,.0f} statements/s ({figures['added']:,} stored)")
        print(f"report:  {figures['report_s']:.1f} s (HTML, every table as CSV and Parquet)")
        print(f"re-read of the same file: {figures['reread_s']:.1f} s, {figures['reread_added']} added")
        print(f"peak memory (ingest + report process): {figures['peak_mb']:,.0f} MB")
        scale = args.statements / 1_000_000
        met = figures["ingest_s"] < 60 * scale and figures["peak_mb"] < 1024
        print(f"aim: < 60 s per million statements on 2 cores, < 1024 MB -> {'met' if met else 'NOT met'}")
        if args.check and not met:
            sys.exit(1)


if __name__ == "__main__":
    main()
