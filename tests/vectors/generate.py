"""Write ``scoring.json``: scoring cases computed by ``ehealth_content.scoring``, for the browser.

Each case is ``{question, response, points, state, record}``: the question as the runtime
receives it (embedded JSON), a response in the runtime's form (JSON: sets become sorted
lists), the points and result state Python gives, and the RESPONSE part of the saved-state
record (docs/architecture.md §3). The browser tests replay every case and must agree.

    .venv/bin/python -m tests.vectors.generate      # after changing scoring or this file
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from ehealth_content import Question, check
from ehealth_content.scoring import Response, question_points, result_state
from packager.data import number, question_data
from packager.state import Answer, encode_record

HERE = Path(__file__).parent
MODULE = HERE / "module.md"
OUTPUT = HERE / "scoring.json"

# Question id → responses worth checking, each an edge the runtime could get wrong.
CASES: dict[str, list[Response]] = {
    "unique": ["b", "a", "c", None],
    "unique-ids": ["7", "z"],
    "multiple-tout": [{"a", "c"}, {"a"}, {"a", "b", "c"}, set(), {"a", "b", "c", "d"}],
    "multiple-partiel": [{"a", "c"}, {"a"}, {"a", "b"}, set(), {"b", "d"}, {"a", "b", "c", "d"}],
    "vrai-faux": [False, True],
    "texte": [
        "Paracétamol",
        "paracetamol",
        "  PARACÉTAMOL  ",
        "acetaminophene",
        "para cétamol",
        "Paracétamol\u00a0",
        "ibuprofène",
        "",
    ],
    "texte-exact": ["CNIL", "cnil", " CNIL", "C.N.I.L."],
    # Final punctuation and spacing tolerated (issue 13): the same vectors for Python and the browser.
    "texte-phrase": [
        "équipe de soins.",
        "Équipe  de\u00a0soins !",
        " equipe de soins\u202f?",
        "équipe de soins…",
        "l’équipe de soins",
        "l'équipe de soins.",
        "équipe de soin",
        "équipe, de soins",
        "?",
        "...",
    ],
    "nombre": [
        "5",
        "5,5",
        "5.5",
        "4,5",
        "4.49",
        "5.51",
        "5,50",
        " 5 ",
        "+5",
        "5.0000001",
        "abc",
        "",
        "1e1",
        "5,",
        ",5",
    ],
    "nombre-pourcent": ["196", "204", "195,99", "204.01", "2 00", "200"],
    "intervalle": ["-1.5", "-1,5", "2.25", "2,26", "0", "-1.51", ".5", "-.5"],
    "appariement": [
        {"a": "1", "b": "2", "c": "3"},
        {"a": "1", "b": "3", "c": "2"},
        {"a": "4"},
        {},
        {"a": "2", "b": "1", "c": "4"},
        {"a": "1", "b": "2"},
    ],
    "ordre": [["a", "b", "c", "d"], ["b", "a", "c", "d"], ["d", "c", "b", "a"], ["a", "b", "d", "c"]],
    "avis": ["1", "4"],
    "lot-3": [list("abcdefghij"), list("jihgfedcba"), list("bacdefghij")],
    # 0, 1, 2, 3 and 5 discordances; a count other than 'expect' (refused by the player) scores.
    "debit-unites": [
        "125 mL/h",
        "125 ml/h",
        "125mL/h",
        "0,125 L/h",
        "0.1275 l/h",
        "41,67 gouttes/min",
        "42 gtt/min",
        "125 ml par heure",
        "1 25 mL/h",
        "125",
        "125 L/h",
        "125 mg",
        "125 xyz",
        "abc mL/h",
        "",
        "−125 mL/h",
        "-125 mL/h",
        "125 mL/h/h/h",
        "125 %",
    ],
    "dose-chiffres": ["2,5 mL", "2.46 ml", "2,55 mL", "2,56 mL", "2450 µL", "2 449 µl", "2,5", "2.5 ul", " 2,5 ML "],
    "tcs-douleur": ["1", "2", "3", "4", "5"],
    "menu-long": ["Naloxone", "naloxone", " NALOXONE ", "paracetamol", "Ibuprofène", "nalox"],
    "qrp-edn": [
        {"a", "c"},
        {"a"},
        {"a", "c", "d"},
        {"a", "b"},
        {"b", "d"},
        {"b", "d", "e"},
        set(),
        {"a", "b", "c", "d", "e"},
    ],
    # kfp: found / key features; over ``select`` = 0; danger zero or one share off per danger.
    "kfp-zero": [{"a", "b", "e"}, {"a", "b"}, {"a"}, {"a", "b", "c"}, {"a", "d"}, {"a", "b", "d", "e"}, set()],
    "kfp-penalite": [{"a", "c"}, {"a", "b"}, {"a", "b", "c"}, {"b", "d"}, {"a", "e"}, {"c"}, {"a", "c", "e"}],
    # hotspot: inside a rectangle, a circle, a polygon (edges included), outside, the corners.
    "zone": ["10,10", "50,30", "51,30", "150,70", "150,71", "100,75", "100,59", "60,90", "61,89", "0,0", "200,100"],
}


def runtime_form(response: Response) -> Any:
    """The response as the browser holds it: sets as sorted lists, mappings as objects."""
    if isinstance(response, Mapping):
        return dict(sorted(response.items()))
    if isinstance(response, (set, frozenset)):
        return sorted(response)
    if isinstance(response, Collection) and not isinstance(response, str):
        return list(response)
    return response


def cases() -> Iterator[dict[str, Any]]:
    module = check(MODULE)
    questions: dict[str, Question] = {q.id: q for q in module.questions}
    for question_id, responses in CASES.items():
        question = questions[question_id]
        for response in responses:
            record = encode_record(question, Answer(1, response))
            yield {
                "question": question_data(question),
                "response": runtime_form(response),
                "points": number(round(question_points(question, response), 6)),
                "state": result_state(question, response),
                "record": record[4:],
            }


def render() -> str:
    return json.dumps(list(cases()), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
