"""Time to check a 1,000-question module, as a ratio to markdown-it-py parsing the same text.

    python benchmarks/check_speed.py [--questions N] [--repeat R]

Both run in this process on the same generated source (a realistic mix of the eight question
types, with content between them); the best of R runs of each is compared, so the ratio holds
from one machine to another.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from markdown_it import MarkdownIt  # noqa: E402

from ehealth_content import load_text  # noqa: E402

QUESTIONS = (
    (
        "type: single\n"
        "prompt: Au sens du RGPD, une donnée de santé est…\n"
        "choices:\n"
        '  - "[x] une catégorie particulière de données"\n'
        '  - "[ ] une donnée publique"\n'
        "  - text: une donnée réservée au médecin\n"
        "    feedback: Le partage dans l'équipe est *encadré*.\n"
        "explanation: Article 9 du RGPD.\n"
    ),
    (
        "type: multiple\n"
        "scoring: partial\n"
        "prompt: Quelles mesures protègent un poste ?\n"
        'choices: ["[x] mises à jour", "[x] MFA", "[ ] post-it", "[ ] mot de passe partagé"]\n'
    ),
    "type: truefalse\nprompt: Le DMP remplace le dossier de chaque professionnel.\nanswer: false\nexplanation: Article R.1111-40 du CSP.\n",
    "type: text\nprompt: Quel identifiant de santé est obligatoire depuis 2021 ?\nanswers: [INS, identité nationale de santé]\n",
    'type: numeric\nprompt: Délai de notification à la CNIL (heures) ?\nanswer: 72\ntolerance: "5%"\nunit: h\n',
    (
        "type: matching\n"
        "prompt: Associez.\n"
        "pairs:\n"
        "  - {left: Téléconsultation, right: consultation à distance}\n"
        "  - {left: Téléexpertise, right: avis d'un confrère}\n"
        "distractors: [vente en ligne]\n"
    ),
    "type: ordering\nprompt: Ordonnez.\nitems: [Isoler le poste, Prévenir, Signaler, Restaurer]\n",
    "type: likert\nprompt: À l'aise ?\nscale: [Non, Un peu, Oui]\n",
)


def generate(questions: int) -> str:
    parts = ["---\nid: speed\ntitle: Vitesse\nversion: 1.0.0\nlang: fr\n---\n"]
    for index in range(questions):
        if index % 10 == 0:
            parts.append(f"\n# Page {index // 10} {{#page-{index // 10}}}\n\n")
        parts.append(
            "Un paragraphe avec du **gras**, un [lien](https://esante.gouv.fr) et une liste :\n\n"
            "- premier point\n- second point\n\n"
        )
        parts.append(f"```quiz\nid: q{index}\n{QUESTIONS[index % len(QUESTIONS)]}```\n\n")
    return "".join(parts)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    source = generate(args.questions)
    today = datetime.date(2026, 11, 29)
    module, diagnostics = load_text(source, today=today)
    assert module is not None and len(module.questions) == args.questions, diagnostics[:3]
    md = MarkdownIt("commonmark")
    baseline = best_of(args.repeat, lambda: md.parse(source))
    check = best_of(args.repeat, lambda: load_text(source, today=today))
    print(f"source: {len(source):,} characters, {args.questions} questions")
    print(f"markdown-it-py parse (baseline): {baseline * 1000:8.1f} ms")
    print(f"ehealth check (load_text):       {check * 1000:8.1f} ms")
    print(f"ratio: {check / baseline:.2f}x (aim <= 3x)")


if __name__ == "__main__":
    main()
