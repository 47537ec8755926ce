"""Reading back what the test LRS holds, to count statements by id."""

from __future__ import annotations

import collections
import json

import httpx

HEADERS = {"X-Experience-API-Version": "1.0.3", "Authorization": "Basic dGVzdDp0ZXN0"}


def ids_by_registration(endpoint: str, registration: str) -> collections.Counter[str]:
    """How many times each statement id appears for ``registration``, following ``more``."""
    counts: collections.Counter[str] = collections.Counter()
    base = endpoint.split("/xAPI/")[0]
    url: str | None = endpoint + "statements"
    params: dict[str, str] | None = {"registration": registration, "limit": "200"}
    with httpx.Client(headers=HEADERS, timeout=30) as client:
        while url:
            answer = client.get(url, params=params)
            answer.raise_for_status()
            page = json.loads(answer.text)
            counts.update(s["id"] for s in page["statements"])
            more = page.get("more")
            url, params = (base + more, None) if more else (None, None)
    return counts
