"""A test LMS for cmi5 (and xapi) packages: launches, State and Agent Profile APIs, and a
statements gate that checks every statement against the cmi5 rules before forwarding it to the
real test LRS (``tests/support/lrs.py``), which has no State API of its own.

    with TestLMS(lrs.endpoint) as lms:
        launch = lms.launch_cmi5(AU_ID, package_url, mastery=0.7, return_url=...)
        page.goto(launch.url)
        ...
        assert launch.problems == []

What it checks (cmi5 spec §7–§11, "requirements list"): credentials (the token fetched once),
actor, registration, session id, context template, cmi5 category and moveOn category, object
ids, timestamps in UTC, durations, result properties per verb, masteryScore and the passed /
failed judgement, launch modes, and the order (initialized first, nothing after terminated, no
verb twice, once per registration for completed and passed). Each problem is kept as a sentence
in ``Launch.problems``; statements sent after terminated are refused (403), as an LMS must.

``outage`` makes statement requests fail, to test that nothing is lost: ``"refuse"`` answers 503
without forwarding; ``"lost-answer"`` forwards then answers 503, so the LRS holds a statement the
browser believes lost (it must re-send the same id, and the LRS must not store it twice).
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import http.server
import json
import re
import secrets
import threading
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Any, Self

from xapi.validation import iter_problems

__all__ = ["CMI5_DEFINED", "Launch", "TestLMS"]

CMI5 = "https://w3id.org/xapi/cmi5/context/"
CATEGORY = CMI5 + "categories/cmi5"
MOVEON = CMI5 + "categories/moveon"
SESSION = CMI5 + "extensions/sessionid"
MASTERY = CMI5 + "extensions/masteryscore"
ADL = "http://adlnet.gov/expapi/verbs/"
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
    fetched: int = 0
    """How many times the fetch URL was POSTed."""
    statements: list[dict[str, Any]] = field(default_factory=list)
    """Statements accepted for this session, in arrival order (first delivery of each id)."""
    bodies: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    terminated: bool = False

    def verbs(self) -> list[str]:
        return [s["verb"]["id"].removeprefix(ADL) for s in self.statements]


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
        self.lock = threading.Lock()
        self._launches: list[Launch] = []
        self._fetch: dict[str, Launch] = {}
        self._documents: dict[tuple[str, ...], bytes] = {}
        self._profiles: dict[tuple[str, str], bytes] = {}
        self._by_registration: dict[str, list[Launch]] = {}
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

    # --- launching --------------------------------------------------------------------------

    def launch_cmi5(self, au_id: str, package_url: str, *, mode: str = "Normal", mastery: float | None = None,
                    move_on: str = "CompletedAndPassed", return_url: str | None = None,
                    language: str | None = None, registration: str | None = None) -> Launch:
        """Register (or reuse ``registration``), write LMS.LaunchData, record ``launched``."""
        registration = registration or str(uuid.uuid4())
        actor = {"objectType": "Agent", "name": "Apprenant test",
                 "account": {"homePage": self.base_url, "name": "learner-" + registration[:8]}}
        # cmi5 §8.1: the launch activityId is the LMS's own, never the publisher's AU id, and
        # stays the same for every launch of this AU in this registration.
        activity_id = f"{self.base_url}activities/{registration}/{urllib.parse.quote(au_id, safe='')}"
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
        launch = Launch("cmi5", "", registration, actor, activity_id, au_id, session_id, mode, mastery, token)
        with self.lock:
            self._documents[("state", activity_id, _agent_key(actor), registration, "LMS.LaunchData")] = \
                json.dumps(launch_data).encode()
            if language:
                self._profiles[(_agent_key(actor), "cmi5LearnerPreferences")] = json.dumps(
                    {"languagePreference": language, "audioPreference": "on"}).encode()
            self._fetch[code] = launch
            self._launches.append(launch)
            self._by_registration.setdefault(registration, []).append(launch)
        extensions: dict[str, Any] = {CMI5 + "extensions/launchmode": mode, CMI5 + "extensions/moveon": move_on,
                      CMI5 + "extensions/launchurl": package_url, SESSION: session_id}
        if mastery is not None:
            extensions[MASTERY] = mastery
        launched = {
            "id": str(uuid.uuid4()), "actor": actor,
            "verb": {"id": ADL + "launched",
                     "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": activity_id},
            "context": {"registration": registration, "contextActivities": {
                "grouping": [{"objectType": "Activity", "id": au_id}], "category": [{"id": CATEGORY}]},
                "extensions": extensions},
            "timestamp": _now(),
        }
        status, _ = self._forward("PUT", f"statements?statementId={launched['id']}", json.dumps(launched).encode())
        assert status in (200, 204), f"the LRS refused the launched statement: {status}"
        launch.url = package_url + "?" + urllib.parse.urlencode({
            "endpoint": self.endpoint, "fetch": f"{self.base_url}fetch/{code}", "actor": json.dumps(actor),
            "registration": registration, "activityId": activity_id,
        })
        return launch

    def launch_xapi(self, package_url: str, activity_id: str) -> Launch:
        """A TinCan launch: endpoint, auth, actor and registration in the URL."""
        registration = str(uuid.uuid4())
        actor = {"objectType": "Agent", "account": {"homePage": self.base_url, "name": "tincan-" + registration[:8]}}
        token = base64.b64encode(f"tincan:{secrets.token_hex(12)}".encode()).decode()
        launch = Launch("xapi", "", registration, actor, activity_id, activity_id, "", "Normal", None, token)
        with self.lock:
            self._launches.append(launch)
        launch.url = package_url + "?" + urllib.parse.urlencode({
            "endpoint": self.endpoint, "auth": "Basic " + token, "actor": json.dumps(actor),
            "registration": registration,
        })
        return launch

    def relaunch(self, launch: Launch, package_url: str) -> Launch:
        """A new session of the same AU in the same registration (resume)."""
        return self.launch_cmi5(launch.publisher_id, package_url, mode=launch.mode, mastery=launch.mastery,
                                registration=launch.registration)

    # --- the LRS behind ---------------------------------------------------------------------

    def _forward(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        host, port, base = self._lrs
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request(method, base + path, body=body, headers={
                "Authorization": self.lrs_auth, "X-Experience-API-Version": "1.0.3",
                "Content-Type": "application/json"})
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
                launch.problems.append("the fetch URL was POSTed more than once")
                return {"error-code": "1", "error-text": "the fetch URL has already been used"}
            return {"auth-token": launch.token}

    def document(self, method: str, kind: str, params: dict[str, str], body: bytes,
                 launch: Launch) -> tuple[int, bytes | None]:
        key_base: tuple[str, ...]
        if kind == "state":
            key_base = ("state", params.get("activityId", ""), _agent_key(json.loads(params.get("agent", "{}"))),
                        params.get("registration", ""))
            name = params.get("stateId")
            if launch.kind == "cmi5" and params.get("activityId") != launch.activity_id:
                launch.problems.append(f"State API call for activity {params.get('activityId')}, not the launch's")
            if name == "LMS.LaunchData" and method != "GET":
                launch.problems.append("the AU tried to change LMS.LaunchData")
                return 403, None
        else:
            key_base = ("profile", _agent_key(json.loads(params.get("agent", "{}"))))
            name = params.get("profileId")
            if method != "GET":
                return 403, None  # learner preferences belong to the LMS (cmi5 §11)
        with self.lock:
            if kind == "state":
                store = self._documents
                prefix_len = 4
                keys = [k for k in store if k[:prefix_len] == key_base]
                if name is None:
                    return (200, json.dumps([k[prefix_len] for k in keys]).encode()) if method == "GET" else (400, None)
                key = (*key_base, name)
                if method == "GET":
                    return (200, store[key]) if key in store else (404, None)
                if method == "DELETE":
                    store.pop(key, None)
                    return 204, None
                store[key] = body
                return 204, None
            agent = key_base[1]
            if name is None:
                return 200, json.dumps([p for (a, p) in self._profiles if a == agent]).encode()
            found = self._profiles.get((agent, name))
            return (200, found) if found is not None else (404, None)

    def statement(self, launch: Launch, statement_id: str | None, body: bytes) -> tuple[int, bytes]:
        statement = json.loads(body)
        if not isinstance(statement, dict) or statement_id is None or statement.get("id") != statement_id:
            launch.problems.append("statements must be PUT one by one with the id the AU gave them")
            return 400, b"expected PUT with statementId"
        outage = self.outage
        if outage == "refuse":
            self.failed_requests += 1
            return 503, b"outage"
        with self.lock:
            again = statement_id in launch.bodies or any(statement_id in other.bodies for other in self._launches)
            owner = next((other for other in self._launches if statement_id in other.bodies), launch)
            if again and owner.bodies[statement_id] != body:
                launch.problems.append(f"statement {statement_id} re-sent with a different body")
            if not again:
                if launch.terminated and _verb(statement) and launch.kind == "cmi5":
                    launch.problems.append(f"{_verb(statement)} sent after terminated")
                    return 403, b"the session is terminated"
                launch.problems.extend(self._check(launch, statement))
                launch.bodies[statement_id] = body
                launch.statements.append(statement)
                if _verb(statement) == "terminated":
                    launch.terminated = True
        status, answer = self._forward("PUT", f"statements?statementId={statement_id}", body)
        if outage == "lost-answer":
            self.failed_requests += 1
            return 503, b"answer lost"
        return status, answer

    # --- the cmi5 rules ---------------------------------------------------------------------

    def _check(self, launch: Launch, s: dict[str, Any]) -> list[str]:
        verb = _verb(s)
        where = f"{verb} {s.get('id')}"
        found = [f"{where}: {p.code} at {p.path}: {p.message}" for p in iter_problems(s)]
        if s.get("actor") != launch.actor:
            found.append(f"{where}: actor {s.get('actor')} is not the launch's")
        context = s.get("context") or {}
        if context.get("registration") != launch.registration:
            found.append(f"{where}: registration {context.get('registration')} is not the launch's")
        stamp = str(s.get("timestamp", ""))
        if not stamp.endswith("Z"):
            found.append(f"{where}: timestamp {stamp!r} is not in UTC")
        if launch.kind != "cmi5":
            return found + self._order_xapi(launch, verb)
        extensions = context.get("extensions") or {}
        if extensions.get(SESSION) != launch.session_id:
            found.append(f"{where}: session id {extensions.get(SESSION)} is not the launch's")
        activities = context.get("contextActivities") or {}
        grouping = [a.get("id") for a in activities.get("grouping", [])]
        if launch.publisher_id not in grouping:
            found.append(f"{where}: the context template's publisher id is missing from grouping")
        categories = [a.get("id") for a in activities.get("category", [])]
        result = s.get("result") or {}
        defined = verb in CMI5_DEFINED
        if defined != (CATEGORY in categories):
            found.append(f"{where}: the cmi5 category belongs to cmi5-defined statements only")
        judged = "success" in result or "completion" in result
        if defined and judged != (MOVEON in categories):
            found.append(f"{where}: the moveOn category goes with result.success/completion, and only there")
        if not defined and MOVEON in categories:
            found.append(f"{where}: a cmi5 allowed statement carries the moveOn category")
        if defined:
            found += self._check_defined(launch, s, verb, result, extensions)
        return found + self._order_cmi5(launch, verb, where)

    def _check_defined(self, launch: Launch, s: dict[str, Any], verb: str, result: dict[str, Any],
                       extensions: dict[str, Any]) -> list[str]:
        where = f"{verb} {s.get('id')}"
        found = []
        if (s.get("object") or {}).get("id") != launch.activity_id:
            found.append(f"{where}: the object is not the launch activityId")
        if verb in ("terminated", "completed", "passed", "failed") and not _DURATION.match(
                str(result.get("duration", ""))):
            found.append(f"{where}: duration {result.get('duration')!r} missing or not ISO 8601")
        if ("score" in result) != (verb in ("passed", "failed")):
            found.append(f"{where}: score is for passed/failed only, and they need it here")
        if ("success" in result) != (verb in ("passed", "failed")) or result.get("success", verb == "passed") != (verb == "passed"):
            found.append(f"{where}: result.success must be true on passed, false on failed, absent elsewhere")
        if ("completion" in result) != (verb == "completed") or result.get("completion", True) is not True:
            found.append(f"{where}: result.completion must be true on completed, absent elsewhere")
        if verb in ("passed", "failed"):
            scaled = (result.get("score") or {}).get("scaled")
            if launch.mastery is not None:
                if extensions.get(MASTERY) != launch.mastery:
                    found.append(f"{where}: masteryScore extension {extensions.get(MASTERY)} ≠ {launch.mastery}")
                if isinstance(scaled, int | float) and (scaled >= launch.mastery) != (verb == "passed"):
                    found.append(f"{where}: scaled {scaled} against masteryScore {launch.mastery}")
            elif MASTERY in extensions:
                found.append(f"{where}: masteryScore extension without one from the LMS")
        if launch.mode != "Normal" and verb in ("completed", "passed", "failed"):
            found.append(f"{where}: {verb} in {launch.mode} mode")
        return found

    def _order_cmi5(self, launch: Launch, verb: str, where: str) -> list[str]:
        found = []
        seen = launch.verbs()
        if not seen and verb != "initialized":
            found.append(f"{where}: the first statement of a session must be initialized")
        if verb in CMI5_DEFINED and verb in seen:
            found.append(f"{where}: {verb} twice in one session")
        if verb in ("passed", "failed") and {"passed", "failed"} & set(seen):
            found.append(f"{where}: passed and failed in one session")
        registration = [v for other in self._by_registration.get(launch.registration, []) for v in other.verbs()]
        if verb in ("completed", "passed") and verb in registration:
            found.append(f"{where}: {verb} twice in one registration")
        if verb == "failed" and "passed" in registration:
            found.append(f"{where}: failed after passed in one registration")
        return found

    @staticmethod
    def _order_xapi(launch: Launch, verb: str) -> list[str]:
        seen = launch.verbs()
        if not seen and verb != "initialized":
            return [f"{verb}: the first statement must be initialized"]
        if "terminated" in seen:
            return [f"{verb}: sent after terminated"]
        return []


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
        if resource == "statements" and self.command == "PUT":
            status, answer = lms.statement(launch, params.get("statementId"), body)
            self._answer(status, answer or None)
        elif resource in ("activities/state", "agents/profile"):
            kind = "state" if resource == "activities/state" else "profile"
            status, document = lms.document(self.command, kind, params, body, launch)
            self._answer(status, document)
        else:
            launch.problems.append(f"unexpected request {self.command} {resource}")
            self._answer(405)

    do_GET = do_PUT = do_POST = do_DELETE = _handle
