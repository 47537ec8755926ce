"""A test LMS for cmi5 (and xapi) packages: launches, State and Agent Profile APIs, and a
statements gate that judges every request as ADL's cmi5 player (CATAPULT) does before forwarding
it to the real test LRS (``tests/support/lrs.py``), which has no State API of its own.

    with TestLMS(lrs.endpoint) as lms:
        launch = lms.launch_cmi5(AU_ID, package_url, mastery=0.7, return_url=...)
        page.goto(launch.url)
        ...
        assert launch.problems == []

What it enforces, each problem kept in ``Launch.problems`` as ``"<requirement id>: <what>"``
(ids of the cmi5 requirements list, npm ``@cmi5/requirements``) and the request refused (401,
or 403 once the session is over) without reaching the LRS, as CATAPULT refuses it:

- one session per fetch token: the fetch URL is POSTed once (8.2.1.0-2); once the session is
  terminated, or abandoned because a new session of the same AU started, every request with its
  token answers 403 "Session terminated" (8.1.2.0-2, and 9.3.6.0-2 for a statement after
  abandoned);
- the learner preferences document read (GET, 200 or 404) before any statement (11.0.0.0-3),
  and LMS.LaunchData read before any statement and never written (10.2.1.0-5);
- the actor (8.1.3.0-3), registration (9.6.1.0-1, 8.1.4.0-3) and session id (9.6.3.1-4), the
  context template on every statement (10.2.1.0-6, matched as CATAPULT matches it), UTC
  timestamps (9.7.0.0-2), statement ids (9.1.0.0-1), the cmi5 and moveOn categories
  (9.6.2.x), results per verb (9.5.x), masteryScore (9.6.3.2-2, 9.3.4.0-2), launch modes
  (10.2.2.0-2/3), the order (initialized first 9.3.0.0-4, terminated last 9.3.0.0-5, no
  defined verb twice 9.3.0.0-2, one of passed/failed 9.3.0.0-3, completed and passed once per
  registration 9.3.0.0-6/7), xAPI 1.0.3 and 2.0.0 validity (4.1.0.0-1, ``xapi.validation``),
  and the package contract's interaction components on ``answered`` ("contract").

A re-sent statement (same id, same body) is idempotent while the session is open, as the xAPI
spec makes it. ``outage`` makes statement requests fail, to test that nothing is lost:
``"refuse"`` answers 503 without forwarding; ``"lost-answer"`` forwards then answers 503, so the
LRS holds a statement the browser believes lost (it must re-send the same id, and the LRS must
not store it twice).
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import http.server
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Any, Self

from xapi.validation import iter_problems
from xapi.validation.activities import INTERACTION_TYPES

__all__ = ["ABANDONED", "ADL", "CATEGORY", "CMI5_DEFINED", "SESSION", "Launch", "TestLMS", "template_problems"]

CMI5 = "https://w3id.org/xapi/cmi5/context/"
CATEGORY = CMI5 + "categories/cmi5"
MOVEON = CMI5 + "categories/moveon"
SESSION = CMI5 + "extensions/sessionid"
MASTERY = CMI5 + "extensions/masteryscore"
ADL = "http://adlnet.gov/expapi/verbs/"
ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned"
PREFS_ID = "cmi5LearnerPreferences"
CMI5_DEFINED = {"initialized", "completed", "passed", "failed", "terminated"}
_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")


@dataclass
class Launch:
    """One AU session the LMS started."""

    kind: str
    """``cmi5`` or ``xapi``."""
    url: str
    registration: str
    actor: dict[str, Any]
    activity_id: str
    publisher_id: str
    session_id: str
    mode: str
    mastery: float | None
    token: str
    """What the AU must send after ``Basic``."""
    context_template: dict[str, Any] = field(default_factory=dict)
    fetched: int = 0
    """How many times the fetch URL was POSTed."""
    statements: list[dict[str, Any]] = field(default_factory=list)
    """Statements accepted for this session, in arrival order (first delivery of each id)."""
    bodies: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    launch_data_read: bool = False
    prefs_read: bool = False
    terminated: bool = False
    abandoned: bool = False
    refused: list[tuple[int, str]] = field(default_factory=list)
    """Requests refused by the gate: (status, reason), for diagnostics."""

    def verbs(self) -> list[str]:
        return [s["verb"]["id"].removeprefix(ADL) for s in self.statements]

    @property
    def ended(self) -> bool:
        return self.terminated or self.abandoned


class _Refused(Exception):
    def __init__(self, status: int, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.status = status
        self.problems = problems


class TestLMS:
    """An LMS on 127.0.0.1 in front of the LRS at ``lrs_endpoint`` (``http://…/xAPI/``)."""

    __test__ = False  # not a pytest test class

    def __init__(self, lrs_endpoint: str) -> None:
        parsed = urllib.parse.urlsplit(lrs_endpoint)
        self._lrs = (parsed.hostname or "127.0.0.1", parsed.port or 80, parsed.path)
        # The LMS's own account on the LRS: it must never reach the browser.
        self.lrs_auth = "Basic " + base64.b64encode(b"lms-account:" + secrets.token_hex(8).encode()).decode()
        self.outage: str | None = None
        self.failed_requests = 0
        self.refuse_verbs: set[str] = set()
        """Statements with these verbs are answered 403 (an LMS policy the AU cannot know)."""
        self.lock = threading.Lock()
        self._launches: list[Launch] = []
        self._fetch: dict[str, Launch] = {}
        self._documents: dict[tuple[str, ...], bytes] = {}
        self._profiles: dict[tuple[str, str], bytes] = {}
        self._by_registration: dict[str, list[Launch]] = {}
        self._active = 0
        self._last_request = 0.0
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------------

    def __enter__(self) -> Self:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.lms = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="test-lms", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def endpoint(self) -> str:
        return self.base_url + "xapi/"

    def settle(self, quiet: float = 0.5, limit: float = 15.0) -> None:
        """Wait until no request is being handled and none came for ``quiet`` seconds, counted
        from now at the earliest (at most ``limit``): what a closed page handed to the browser
        has arrived by then, even if the browser sends it a moment after the page is gone."""
        called = time.monotonic()
        deadline = called + limit
        while time.monotonic() < deadline:
            with self.lock:
                idle = self._active == 0 and time.monotonic() - max(called, self._last_request) >= quiet
            if idle:
                return
            time.sleep(0.05)

    def request_started(self) -> None:
        with self.lock:
            self._active += 1
            self._last_request = time.monotonic()

    def request_done(self) -> None:
        with self.lock:
            self._active -= 1
            self._last_request = time.monotonic()

    # --- launching --------------------------------------------------------------------------

    def launch_cmi5(
        self,
        au_id: str,
        package_url: str,
        *,
        mode: str = "Normal",
        mastery: float | None = None,
        move_on: str = "CompletedAndPassed",
        return_url: str | None = None,
        language: str | None = None,
        audio: str = "on",
        preferences: bool = True,
        registration: str | None = None,
    ) -> Launch:
        """Register (or reuse ``registration``), write LMS.LaunchData, record ``launched``.

        A session of the same AU in this registration that is still open is abandoned first
        (cmi5 §9.3.9, as CATAPULT does at launch). ``preferences=False`` leaves the learner
        without a cmi5LearnerPreferences document (the AU then reads a 404).
        """
        registration = registration or str(uuid.uuid4())
        actor = {
            "objectType": "Agent",
            "name": "Apprenant test",
            "account": {"homePage": self.base_url, "name": "learner-" + registration[:8]},
        }
        # cmi5 §8.1: the launch activityId is the LMS's own, never the publisher's AU id, and
        # stays the same for every launch of this AU in this registration.
        activity_id = f"{self.base_url}activities/{registration}/{urllib.parse.quote(au_id, safe='')}"
        for earlier in list(self._by_registration.get(registration, [])):
            if earlier.publisher_id == au_id and not earlier.ended:
                self._abandon(earlier)
        session_id = str(uuid.uuid4())
        token = base64.b64encode(f"au-{session_id[:8]}:{secrets.token_hex(12)}".encode()).decode()
        code = secrets.token_hex(8)
        context_template = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": au_id}]},
            "extensions": {SESSION: session_id},
        }
        launch_data: dict[str, Any] = {"contextTemplate": context_template, "launchMode": mode, "moveOn": move_on}
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url:
            launch_data["returnURL"] = return_url
        launch = Launch(
            "cmi5",
            "",
            registration,
            actor,
            activity_id,
            au_id,
            session_id,
            mode,
            mastery,
            token,
            context_template=context_template,
        )
        with self.lock:
            self._documents[("state", activity_id, _agent_key(actor), registration, "LMS.LaunchData")] = json.dumps(
                launch_data
            ).encode()
            prefs_key = (_agent_key(actor), PREFS_ID)
            if preferences:
                self._profiles[prefs_key] = json.dumps(
                    {"languagePreference": language or "fr-FR", "audioPreference": audio}
                ).encode()
            else:
                self._profiles.pop(prefs_key, None)
            self._fetch[code] = launch
            self._launches.append(launch)
            self._by_registration.setdefault(registration, []).append(launch)
        extensions: dict[str, Any] = {
            CMI5 + "extensions/launchmode": mode,
            CMI5 + "extensions/moveon": move_on,
            CMI5 + "extensions/launchurl": package_url,
            SESSION: session_id,
        }
        if mastery is not None:
            extensions[MASTERY] = mastery
        launched = {
            "id": str(uuid.uuid4()),
            "actor": actor,
            "verb": {"id": ADL + "launched", "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": activity_id},
            "context": {
                "registration": registration,
                "contextActivities": {
                    "grouping": [{"objectType": "Activity", "id": au_id}],
                    "category": [{"id": CATEGORY}],
                },
                "extensions": extensions,
            },
            "timestamp": _now(),
        }
        status, _ = self._forward("PUT", f"statements?statementId={launched['id']}", json.dumps(launched).encode())
        assert status in (200, 204), f"the LRS refused the launched statement: {status}"
        launch.url = (
            package_url
            + "?"
            + urllib.parse.urlencode(
                {
                    "endpoint": self.endpoint,
                    "fetch": f"{self.base_url}fetch/{code}",
                    "actor": json.dumps(actor),
                    "registration": registration,
                    "activityId": activity_id,
                }
            )
        )
        return launch

    def _abandon(self, launch: Launch) -> None:
        """Record ``abandoned`` for a session that never terminated; its token is spent."""
        with self.lock:
            if launch.ended:
                return
            launch.abandoned = True
        statement = {
            "id": str(uuid.uuid4()),
            "actor": launch.actor,
            "verb": {"id": ABANDONED, "display": {"en": "abandoned"}},
            "object": {"objectType": "Activity", "id": launch.activity_id},
            "result": {"duration": "PT0S"},
            "context": {
                "registration": launch.registration,
                "extensions": {SESSION: launch.session_id},
                "contextActivities": {"category": [{"id": CATEGORY}]},
            },
            "timestamp": _now(),
        }
        status, _ = self._forward("PUT", f"statements?statementId={statement['id']}", json.dumps(statement).encode())
        assert status in (200, 204), f"the LRS refused the abandoned statement: {status}"

    def launch_xapi(self, package_url: str, activity_id: str) -> Launch:
        """A TinCan launch: endpoint, auth, actor and registration in the URL."""
        registration = str(uuid.uuid4())
        actor = {"objectType": "Agent", "account": {"homePage": self.base_url, "name": "tincan-" + registration[:8]}}
        token = base64.b64encode(f"tincan:{secrets.token_hex(12)}".encode()).decode()
        launch = Launch("xapi", "", registration, actor, activity_id, activity_id, "", "Normal", None, token)
        with self.lock:
            self._launches.append(launch)
        launch.url = (
            package_url
            + "?"
            + urllib.parse.urlencode(
                {
                    "endpoint": self.endpoint,
                    "auth": "Basic " + token,
                    "actor": json.dumps(actor),
                    "registration": registration,
                }
            )
        )
        return launch

    def relaunch(self, launch: Launch, package_url: str, **options: Any) -> Launch:
        """A new session of the same AU in the same registration (resume)."""
        return self.launch_cmi5(
            launch.publisher_id,
            package_url,
            mode=options.pop("mode", launch.mode),
            mastery=launch.mastery,
            registration=launch.registration,
            **options,
        )

    def sessions(self, registration: str) -> list[Launch]:
        """Every session of ``registration``, in launch order."""
        with self.lock:
            return list(self._by_registration.get(registration, []))

    # --- the LRS behind ---------------------------------------------------------------------

    def _forward(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        host, port, base = self._lrs
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request(
                method,
                base + path,
                body=body,
                headers={
                    "Authorization": self.lrs_auth,
                    "X-Experience-API-Version": "1.0.3",
                    "Content-Type": "application/json",
                },
            )
            answer = conn.getresponse()
            return answer.status, answer.read()
        finally:
            conn.close()

    def lrs_statements(self, registration: str) -> list[dict[str, Any]]:
        """Every statement the LRS holds for ``registration``, oldest first (by timestamp)."""
        query = urllib.parse.urlencode({"registration": registration, "limit": 1000, "ascending": "true"})
        status, body = self._forward("GET", f"statements?{query}", None)
        assert status == 200, (status, body[:300])
        found: list[dict[str, Any]] = json.loads(body)["statements"]
        return sorted(found, key=lambda s: str(s["timestamp"]))

    # --- request handling (called by the handler's threads) ---------------------------------

    def session_for(self, authorization: str | None) -> Launch | None:
        if not authorization or not authorization.startswith("Basic "):
            return None
        token = authorization.removeprefix("Basic ")
        with self.lock:
            return next((launch for launch in self._launches if secrets.compare_digest(launch.token, token)), None)

    def fetch(self, code: str) -> dict[str, str]:
        with self.lock:
            launch = self._fetch.get(code)
            if launch is None:
                return {"error-code": "3", "error-text": "unknown fetch URL"}
            launch.fetched += 1
            if launch.fetched > 1:
                launch.problems.append("8.2.1.0-2: the fetch URL was POSTed more than once (one token per session)")
                return {"error-code": "1", "error-text": "the fetch URL has already been used"}
            return {"auth-token": launch.token}

    def after_end(self, launch: Launch, method: str, resource: str) -> tuple[int, bytes] | None:
        """403 for any request of a session that is over (its token was for that session only)."""
        with self.lock:
            if launch.kind != "cmi5" or not launch.ended:
                return None
            how = "terminated" if launch.terminated else "abandoned"
            rule = "9.3.6.0-2" if launch.abandoned and resource == "statements" else "8.1.2.0-2"
            launch.problems.append(f"{rule}: {method} {resource} after the session was {how}")
            launch.refused.append((403, f"{method} {resource}: session {how}"))
        return 403, f'"Session {how}"'.encode()

    def document(
        self, method: str, kind: str, params: dict[str, str], body: bytes, launch: Launch
    ) -> tuple[int, bytes | None]:
        try:
            agent = json.loads(params.get("agent", "{}"))
        except ValueError:
            return 400, None
        key_base: tuple[str, ...]
        with self.lock:
            if launch.kind == "cmi5" and _agent_key(agent) != _agent_key(launch.actor):
                launch.problems.append(f"8.1.3.0-3: {kind} request for agent {agent}, not the launch actor")
                return 401, None
            if kind == "state":
                key_base = ("state", params.get("activityId", ""), _agent_key(agent), params.get("registration", ""))
                name = params.get("stateId")
                if launch.kind == "cmi5":
                    if params.get("activityId") != launch.activity_id:
                        launch.problems.append(
                            f"8.1.5.0-6: State API call for activity {params.get('activityId')}, not the launch's"
                        )
                    if "registration" in params and params["registration"] != launch.registration:
                        launch.problems.append("8.1.4.0-3: State API call for another registration")
                        return 401, None
                if name == "LMS.LaunchData":
                    if method != "GET":
                        launch.problems.append("10.2.1.0-5: the AU tried to change LMS.LaunchData")
                        return 401, None
                    launch.launch_data_read = True
                store = self._documents
                keys = [k for k in store if k[:4] == key_base]
                if name is None:
                    return (200, json.dumps([k[4] for k in keys]).encode()) if method == "GET" else (400, None)
                key = (*key_base, name)
                if method == "GET":
                    return (200, store[key]) if key in store else (404, None)
                if method == "DELETE":
                    store.pop(key, None)
                    return 204, None
                store[key] = body
                return 204, None
            name = params.get("profileId")
            if method != "GET":
                return 403, None  # learner preferences belong to the LMS (cmi5 §11)
            agent_key = _agent_key(agent)
            if name is None:
                return 200, json.dumps([p for (a, p) in self._profiles if a == agent_key]).encode()
            found = self._profiles.get((agent_key, name))
            if name == PREFS_ID:
                launch.prefs_read = True  # 200 or 404 both count, as in CATAPULT
            return (200, found) if found is not None else (404, None)

    def statements(self, launch: Launch, statement_id: str | None, body: bytes, method: str) -> tuple[int, bytes]:
        """A PUT of one statement or a POST of one or several, judged in order as one request."""
        try:
            parsed = json.loads(body)
        except ValueError:
            return 400, b'"not JSON"'
        batch = parsed if isinstance(parsed, list) and method == "POST" else [parsed]
        raw = [json.dumps(s, sort_keys=True).encode() for s in batch]
        if method == "PUT" and (
            not isinstance(parsed, dict) or statement_id is None or parsed.get("id") != statement_id
        ):
            launch.problems.append("9.1.0.0-1: a PUT statement without the id the AU gave it")
            return 400, b'"expected PUT with statementId"'
        outage = self.outage
        if outage == "refuse":
            self.failed_requests += 1
            return 503, b"outage"
        if any(isinstance(x, dict) and _verb(x) in self.refuse_verbs for x in batch):
            return 403, b'"refused by policy"'
        with self.lock:
            try:
                accepted = self._judge(launch, batch, raw)
            except _Refused as refused:
                launch.problems.extend(refused.problems)
                launch.refused.append((refused.status, "; ".join(refused.problems)))
                return refused.status, json.dumps(refused.problems).encode()
            for statement, canonical in accepted:
                launch.bodies[statement["id"]] = canonical
                launch.statements.append(statement)
                if _verb(statement) == "terminated":
                    launch.terminated = True
        path = "statements" + (f"?statementId={statement_id}" if method == "PUT" else "")
        status, answer = self._forward(method, path, body)
        if outage == "lost-answer":
            self.failed_requests += 1
            return 503, b"answer lost"
        return status, answer

    def _judge(self, launch: Launch, batch: list[Any], raw: list[bytes]) -> list[tuple[dict[str, Any], bytes]]:
        """The statements of one request that are new, or raise _Refused with every problem."""
        if launch.kind == "cmi5" and not launch.prefs_read:
            raise _Refused(401, ["11.0.0.0-3: a statement before the learner preferences were retrieved"])
        if launch.kind == "cmi5" and not launch.launch_data_read:
            raise _Refused(401, ["10.2.1.0-6: a statement before LMS.LaunchData was read"])
        accepted: list[tuple[dict[str, Any], bytes]] = []
        seen = list(launch.statements)
        for statement, canonical in zip(batch, raw, strict=True):
            if not isinstance(statement, dict) or not isinstance(statement.get("id"), str):
                raise _Refused(400, ["9.1.0.0-1: a statement without an id"])
            owner = next((other for other in self._launches if statement["id"] in other.bodies), None)
            if owner is not None:
                if owner.bodies[statement["id"]] != canonical:
                    raise _Refused(409, [f"4.1.0.0-1: statement {statement['id']} re-sent with a different body"])
                continue  # the same statement again: idempotent
            found = self._check(launch, statement, seen)
            if found:
                raise _Refused(401, found)
            seen.append(statement)
            accepted.append((statement, canonical))
        return accepted

    # --- the cmi5 rules ---------------------------------------------------------------------

    def _check(self, launch: Launch, s: dict[str, Any], seen: list[dict[str, Any]]) -> list[str]:
        verb = _verb(s)
        where = f"{verb} {s.get('id')}"
        found = [
            f"4.1.0.0-1: {where}: xAPI {version} {p.code} at {p.path}: {p.message}"
            for version in ("1.0.3", "2.0.0")
            for p in iter_problems(s, version)
        ]
        if s.get("actor") != launch.actor:
            found.append(f"8.1.3.0-3: {where}: actor {s.get('actor')} is not the launch's")
        context = s.get("context") or {}
        if context.get("registration") != launch.registration:
            found.append(f"9.6.1.0-1: {where}: registration {context.get('registration')} is not the launch's")
        stamp = str(s.get("timestamp", ""))
        if not re.search(r"(Z|\+00:?(00)?)$", stamp):
            found.append(f"9.7.0.0-2: {where}: timestamp {stamp!r} is not in UTC")
        if verb == "answered":
            found += _check_interaction(where, s)
        seen_verbs = [_verb(x) for x in seen]
        if launch.kind != "cmi5":
            if not seen_verbs and verb != "initialized":
                found.append(f"9.3.0.0-4: {where}: the first statement must be initialized")
            if "terminated" in seen_verbs:
                found.append(f"9.3.0.0-5: {where}: sent after terminated")
            return found
        extensions = context.get("extensions") or {}
        if extensions.get(SESSION) != launch.session_id:
            found.append(f"9.6.3.1-4: {where}: session id {extensions.get(SESSION)} is not the launch's")
        found += template_problems(where, context, launch.context_template)
        activities = context.get("contextActivities") or {}
        categories = [a.get("id") for a in activities.get("category", [])]
        result = s.get("result") or {}
        defined = verb in CMI5_DEFINED
        if defined != (CATEGORY in categories):
            found.append(f"9.6.2.1-1: {where}: the cmi5 category belongs to cmi5-defined statements only")
        judged = "success" in result or "completion" in result
        if defined and judged and MOVEON not in categories:
            found.append(f"9.6.2.2-1: {where}: the moveOn category goes with result.success/completion")
        if MOVEON in categories and not (defined and judged):
            found.append(f"9.6.2.2-2: {where}: the moveOn category without result.success/completion")
        if defined:
            found += self._check_defined(launch, s, verb, result, extensions)
        return found + self._order_cmi5(launch, verb, where, seen_verbs)

    def _check_defined(
        self, launch: Launch, s: dict[str, Any], verb: str, result: dict[str, Any], extensions: dict[str, Any]
    ) -> list[str]:
        where = f"{verb} {s.get('id')}"
        found = []
        if (s.get("object") or {}).get("id") != launch.activity_id:
            found.append(f"8.1.5.0-6: {where}: the object is not the launch activityId")
        if verb in ("terminated", "completed", "passed", "failed") and not _DURATION.match(
            str(result.get("duration", ""))
        ):
            found.append(f"9.5.4.1-1: {where}: duration {result.get('duration')!r} missing or not ISO 8601")
        if ("score" in result) != (verb in ("passed", "failed")):
            found.append(f"9.5.1.0-2: {where}: score is for passed/failed only, and they need it here")
        if ("success" in result) != (verb in ("passed", "failed")) or result.get("success", verb == "passed") != (
            verb == "passed"
        ):
            found.append(
                f"9.5.2.0-3: {where}: result.success must be true on passed, false on failed, absent elsewhere"
            )
        if ("completion" in result) != (verb == "completed") or result.get("completion", True) is not True:
            found.append(f"9.5.3.0-2: {where}: result.completion must be true on completed, absent elsewhere")
        if verb in ("passed", "failed"):
            scaled = (result.get("score") or {}).get("scaled")
            if launch.mastery is not None:
                if extensions.get(MASTERY) != launch.mastery:
                    found.append(
                        f"9.6.3.2-2: {where}: masteryScore extension {extensions.get(MASTERY)} ≠ {launch.mastery}"
                    )
                if isinstance(scaled, int | float) and (scaled >= launch.mastery) != (verb == "passed"):
                    found.append(f"9.3.4.0-2: {where}: scaled {scaled} against masteryScore {launch.mastery}")
            elif MASTERY in extensions:
                found.append(f"9.6.3.2-2: {where}: masteryScore extension without one from the LMS")
        if launch.mode != "Normal" and verb in ("completed", "passed", "failed"):
            found.append(f"10.2.2.0-{2 if launch.mode == 'Browse' else 3}: {where}: {verb} in {launch.mode} mode")
        return found

    def _order_cmi5(self, launch: Launch, verb: str, where: str, seen: list[str]) -> list[str]:
        found = []
        if not seen and verb != "initialized":
            found.append(f"9.3.0.0-4: {where}: the first statement of a session must be initialized")
        if "terminated" in seen:
            found.append(f"9.3.0.0-5: {where}: sent after terminated")
        if verb in CMI5_DEFINED and verb in seen:
            found.append(f"9.3.0.0-2: {where}: {verb} twice in one session")
        if verb in ("passed", "failed") and {"passed", "failed"} & set(seen):
            found.append(f"9.3.0.0-3: {where}: passed and failed in one session")
        registration = [
            v
            for other in self._by_registration.get(launch.registration, [])
            if other is not launch and other.publisher_id == launch.publisher_id
            for v in other.verbs()
        ] + seen
        if verb == "completed" and verb in registration:
            found.append(f"9.3.0.0-6: {where}: completed twice in one registration")
        if verb == "passed" and verb in registration:
            found.append(f"9.3.0.0-7: {where}: passed twice in one registration")
        return found


def template_problems(where: str, context: dict[str, Any], template: dict[str, Any]) -> list[str]:
    """CATAPULT's reading of 10.2.1.0-6: every template property is in the context, equal; each
    contextActivities list starts with the template's activities (same ids, same positions)."""
    found = []
    for prop, expected in template.items():
        provided = context.get(prop)
        if prop == "contextActivities":
            for kind, activities in expected.items():
                given = (provided or {}).get(kind) or []
                for i, activity in enumerate(activities):
                    if i >= len(given) or given[i].get("id") != activity.get("id"):
                        found.append(f"10.2.1.0-6: {where}: contextActivities.{kind}[{i}] is not the template's")
        elif not isinstance(provided, dict) or any(provided.get(k) != v for k, v in expected.items()):
            found.append(f"10.2.1.0-6: {where}: context.{prop} does not match the template")
    return found


def _check_interaction(where: str, s: dict[str, Any]) -> list[str]:
    """The package contract: the components the interaction type needs, and every id the
    response and the correct patterns use among them."""
    definition = (s.get("object") or {}).get("definition") or {}
    kind = definition.get("interactionType")
    lists = INTERACTION_TYPES.get(str(kind), ())
    found = [f"contract: {where}: {kind} without {key}" for key in lists if not definition.get(key)]
    if found:
        return found
    ids = {key: {c.get("id") for c in definition.get(key, [])} for key in lists}
    response = str((s.get("result") or {}).get("response", ""))
    for text in [response, *definition.get("correctResponsesPattern", [])]:
        if not text:
            continue
        for part in text.split("[,]"):
            if kind == "matching":
                source, _, target = part.partition("[.]")
                if source not in ids["source"] or target not in ids["target"]:
                    found.append(f"contract: {where}: {part!r} is not a source[.]target pair")
            elif kind in ("choice", "sequencing") and part not in ids["choices"]:
                found.append(f"contract: {where}: {part!r} is not one of the choices")
            elif kind == "likert" and part not in ids["scale"]:
                found.append(f"contract: {where}: {part!r} is not on the scale")
    return found


def _verb(statement: dict[str, Any]) -> str:
    return str((statement.get("verb") or {}).get("id", "")).removeprefix(ADL)


def _agent_key(agent: dict[str, Any]) -> str:
    # Agents are equal by their identifier, whatever name or key order the AU sends.
    ifi = {k: agent[k] for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in agent}
    return json.dumps(ifi, sort_keys=True)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Server(http.server.ThreadingHTTPServer):
    lms: TestLMS
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser context closed with a connection open resets it: nothing went wrong.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: bytes | None = None, content_type: str = "application/json") -> None:
        self.send_response(status)
        # The package is served from another origin: the LMS answers CORS as real ones do.
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Experience-API-Version")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body or b"")))
        if body:
            self.send_header("Content-Type", content_type)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_OPTIONS(self) -> None:
        self._answer(204)

    def _handle(self) -> None:
        lms = self.server.lms
        lms.request_started()
        try:
            self._route(lms)
        finally:
            lms.request_done()

    def _route(self, lms: TestLMS) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if url.path.startswith("/fetch/") and self.command == "POST":
            self._answer(200, json.dumps(lms.fetch(url.path.removeprefix("/fetch/"))).encode())
            return
        if not url.path.startswith("/xapi/"):
            self._answer(404)
            return
        if self.headers.get("X-Experience-API-Version") != "1.0.3":
            self._answer(400, b'"X-Experience-API-Version 1.0.3 expected"')
            return
        launch = lms.session_for(self.headers.get("Authorization"))
        if launch is None:
            self._answer(401)
            return
        resource = url.path.removeprefix("/xapi/")
        ended = lms.after_end(launch, self.command, resource)
        if ended is not None:
            self._answer(*ended)
        elif resource == "statements" and self.command in ("PUT", "POST"):
            status, answer = lms.statements(launch, params.get("statementId"), body, self.command)
            self._answer(status, answer or None)
        elif resource in ("activities/state", "agents/profile"):
            kind = "state" if resource == "activities/state" else "profile"
            status, document = lms.document(self.command, kind, params, body, launch)
            self._answer(status, document)
        else:
            with lms.lock:
                launch.problems.append(f"4.1.0.0-1: unexpected request {self.command} {resource}")
            self._answer(405)

    do_GET = do_PUT = do_POST = do_DELETE = _handle
