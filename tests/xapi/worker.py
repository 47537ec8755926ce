"""A separate process for the crash tests: ``python -m tests.xapi.worker emit|flush ...``."""

from __future__ import annotations

import json
import sys

from xapi import LRS, Emitter, RetryPolicy


def statement(registration: str, n: int) -> dict[str, object]:
    return {
        "actor": {
            "account": {
                "homePage": "https://idp.example.fr",
                "name": f"learner-{n % 7}",
            }
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": f"https://formation.example.fr/xapi/modules/m1/pages/p{n}"},
        "context": {"registration": registration},
    }


def main(argv: list[str]) -> int:
    command, endpoint, outbox = argv[0], argv[1], argv[2]
    with LRS(endpoint, username="test", password="test") as lrs:
        emitter = Emitter(lrs, outbox, batch_size=int(argv[3]), retry=RetryPolicy(base=0.05, cap=0.5))
        if command == "emit":
            registration, count = argv[4], int(argv[5])
            for n in range(count):
                # Printed only once emit returned: each printed id must be on disk.
                print(emitter.emit(statement(registration, n)), flush=True)
        elif command == "flush":
            result = emitter.flush(timeout=60)
            print(json.dumps({"delivered": result.delivered, "pending": result.pending}))
        emitter.close(flush_timeout=None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
