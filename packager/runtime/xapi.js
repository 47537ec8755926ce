/* eHealth xAPI transport for the cmi5 and xapi packages (loaded before ehealth.js, only by them).
 * It gives ehealth.js an LMS adapter (start/save/record/visit/terminate, docs/architecture.md §5):
 * the launch (cmi5: fetch token, LMS.LaunchData, learner preferences; xapi: auth in the URL),
 * the statements, the saved state document, and one outbox per session: every statement gets
 * its id here, waits in localStorage, and is POSTed with that id, in order, with that session's
 * token only. Terminated goes last and only when nothing else of the session can still arrive.
 * No credential is ever part of the package or written to localStorage.
 * Hand-written ES2019, no dependency. */
(function () {
  "use strict";

  var VERSION = "1.0.3";
  var ADL = "http://adlnet.gov/expapi/verbs/";
  var CMI5 = "https://w3id.org/xapi/cmi5/context/";
  var CATEGORY = CMI5 + "categories/cmi5";
  var MOVEON = CMI5 + "categories/moveon";
  var SESSION = CMI5 + "extensions/sessionid";
  var MASTERY = CMI5 + "extensions/masteryscore";
  var STATE_ID = "ehealth-state";
  var PREFS_ID = "cmi5LearnerPreferences";
  var VERB_FR = {
    initialized: "a commencé", experienced: "a consulté", answered: "a répondu", completed: "a terminé",
    passed: "a réussi", failed: "a échoué", terminated: "a quitté"
  };
  // Retries: 0.5 s doubling to 15 s, each delay drawn in [½, 1] of it so that many learners
  // cut off together do not come back in step.
  var RETRY_FIRST = 500;
  var RETRY_MAX = 15000;
  // Statements no session can deliver any more, kept for support (newest last, bounded).
  var SET_ASIDE = "ehealth:undeliverable";
  var SET_ASIDE_MAX = 200;
  // Browsers allow 64 KiB of keepalive bodies in flight per page: what pagehide may hand over.
  var KEEPALIVE_BUDGET = 60000;

  function uuid() {
    // getRandomValues exists on plain http too, unlike randomUUID.
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function store(area) {
    return {
      get: function (key) { try { return JSON.parse(window[area].getItem(key)); } catch (err) { return null; } },
      set: function (key, value) { try { window[area].setItem(key, JSON.stringify(value)); } catch (err) { /* full or private: keep going */ } },
      remove: function (key) { try { window[area].removeItem(key); } catch (err) { /* private mode */ } },
      keys: function (prefix) {
        var found = [];
        try {
          for (var i = 0; i < window[area].length; i++) {
            var k = window[area].key(i);
            if (k && k.indexOf(prefix) === 0) found.push(k);
          }
        } catch (err) { /* storage disabled: nothing to find */ }
        return found;
      }
    };
  }
  var local = store("localStorage");
  var session = store("sessionStorage");

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== undefined; }).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
  }

  /** ``raw`` as an absolute http(s) URL, else null. Launch data comes from outside: a
   * ``javascript:`` or ``data:`` URL (in any case, with spaces or tabs) would run in the module's
   * origin, so the URL parser decides the scheme, as navigation would. */
  function webUrl(raw, base) {
    if (typeof raw !== "string" || !raw) return null;
    var url;
    try { url = base ? new URL(raw, base) : new URL(raw); } catch (err) { return null; }
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  }

  // Template values are never overwritten (cmi5 §10): lists are extended, objects completed.
  function merge(into, from) {
    Object.keys(from).forEach(function (k) {
      if (Array.isArray(into[k]) && Array.isArray(from[k])) into[k] = into[k].concat(from[k]);
      else if (into[k] && typeof into[k] === "object" && from[k] && typeof from[k] === "object") merge(into[k], from[k]);
      else if (!(k in into)) into[k] = from[k];
    });
    return into;
  }

  function setAside(items, status, answer) {
    if (!items.length) return;
    var kept = (local.get(SET_ASIDE) || []).concat(items.map(function (s) {
      return { id: s.id, verb: s.verb, status: status, answer: String(answer || "").slice(0, 300), body: s.body };
    }));
    local.set(SET_ASIDE, kept.slice(-SET_ASIDE_MAX));
  }

  /* ---------- Outbox: one session's statements, in localStorage until the LRS has them ---------- */

  /**
   * ``send(items, keepalive)`` → Promise of {status, text}: the items POSTed as one request.
   * ``ready(item)`` → Promise: when the item may go (terminated waits for the state document).
   * ``quiet()`` → true when no other request of the session is in flight.
   */
  function outbox(key, send, ready, quiet) {
    var failures = 0;
    var timer = null;
    var busy = null;
    var flying = null;
    var idle = [];
    var box = { online: true, onchange: null, closed: false };

    function queue() { return local.get(key) || []; }
    function keep(items) { if (items.length) local.set(key, items); else local.remove(key); }
    function drop(id) { keep(queue().filter(function (s) { return s.id !== id; })); }
    function changed(online) {
      if (box.online !== online) { box.online = online; if (box.onchange) box.onchange(online); }
    }

    // One request at a time, oldest first: the LRS receives statements in the order they were made.
    function next() {
      if (busy || timer || box.closed) return;
      var head = queue()[0];
      if (!head) { idle.splice(0).forEach(function (resolve) { resolve(true); }); return; }
      busy = head;
      ready(head).then(function () {
        if (box.closed) throw new Error("closed");
        // Marked before the request: if the page dies now, the LRS may have it.
        keep(queue().map(function (s) { if (s.id === head.id) s.tried = true; return s; }));
        flying = head;
        return send([head], true);
      }).then(function (answer) {
        var status = answer.status;
        // 409: this id is stored already, from an attempt whose answer never came back.
        // 400/401/403: the LRS or LMS will never take it (the answer says why): set aside
        // so that it does not block the rest of the session.
        if (status === 400 || status === 401 || status === 403) setAside([head], status, answer.text);
        else if (status !== 200 && status !== 204 && status !== 409) throw new Error(String(status));
        drop(head.id);
        failures = 0;
        changed(true);
      }).then(function () { busy = flying = null; next(); }, function () {
        busy = flying = null;
        if (box.closed) return;
        failures++;
        changed(false);
        var wait = Math.min(RETRY_MAX, RETRY_FIRST * Math.pow(2, failures - 1));
        timer = setTimeout(function () { timer = null; next(); }, wait * (0.5 + Math.random() / 2));
      });
    }

    box.add = function (item) {
      keep(queue().concat([item]));
      next();
    };
    /** Send now (cutting a retry wait short); resolves once the outbox is empty. */
    box.flush = function () {
      var done = new Promise(function (resolve) { idle.push(resolve); });
      if (timer) { clearTimeout(timer); timer = null; }
      next();
      return done;
    };
    box.pending = function () { return queue().length; };

    /**
     * The page is going away: hand what is pending to the browser once, as one keepalive POST,
     * in order. The request in flight is not sent again. Initialized must arrive first and
     * terminated last: with a request still in flight, the batch could overtake it, so
     * nothing goes behind an initialized in flight and terminated waits (the LMS abandons
     * the session, or a reload of this session sends it).
     */
    box.leave = function () {
      if (box.closed) return;
      box.closed = true;
      if (timer) { clearTimeout(timer); timer = null; }
      var items = queue();
      var inFlight = flying ? flying.id : null;
      var budget = KEEPALIVE_BUDGET - (flying ? flying.body.length : 0);
      var batch = [];
      var blocked = flying && flying.verb === "initialized";
      items.some(function (s) {
        if (s.id === inFlight) return false;
        if (blocked || (s.verb === "terminated" && (inFlight || !quiet()))) return true;
        budget -= s.body.length + 1;
        if (budget < 0) return true;
        batch.push(s);
        return false;
      });
      var ids = batch.map(function (s) { return s.id; });
      keep(items.map(function (s) { if (s.id === inFlight || ids.indexOf(s.id) >= 0) s.handed = true; return s; }));
      if (!batch.length) return;
      // Still there if the page lives on (a pagehide without unload): the answer settles them.
      send(batch, true).then(function (answer) {
        var status = answer.status;
        if (status === 400 || status === 401 || status === 403) setAside(batch, status, answer.text);
        else if (status !== 200 && status !== 204 && status !== 409) return;
        keep(queue().filter(function (s) { return ids.indexOf(s.id) < 0; }));
      }, function () {});
    };
    /** At load: statements handed to the browser by an earlier page of this session most
     * probably arrived; sending them again could duplicate a cmi5-defined verb. */
    box.settleHanded = function () {
      var items = queue();
      var handed = items.filter(function (s) { return s.handed; });
      setAside(handed, 0, "handed over at pagehide");
      keep(items.filter(function (s) { return !s.handed; }));
    };
    window.addEventListener("online", function () { box.flush(); });
    return box;
  }

  function stateContent(doc) { return JSON.stringify([doc.state, doc.page, !!doc.completed, !!doc.passed]); }

  /* ---------- Interaction components, read from the question's own markup ---------- */

  function letter(i) { return String.fromCharCode(97 + i); }

  /** choices / scale / source / target of ``q`` with the texts the learner saw, in source
   * order (the page may have shuffled them). Nothing is embedded twice: the texts are the
   * labels of the form. */
  function components(q, lang) {
    var form = document.querySelector('form[data-question-id="' + CSS.escape(q.id) + '"]');
    function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }
    function labelOf(control) {
      return control && control.id ? text(form.querySelector('label[for="' + CSS.escape(control.id) + '"]')) : "";
    }
    function item(id, label) { var d = {}; d[lang] = label || id; return { id: id, description: d }; }
    function byValue(value) { return form && form.querySelector('input[value="' + CSS.escape(value) + '"]'); }
    function byName(name) { return form && form.querySelector('select[name="' + CSS.escape(name) + '"]'); }
    function range(n, f) { var a = []; for (var i = 0; i < n; i++) a.push(f(i)); return a; }
    switch (q.type) {
      case "single":
      case "multiple":
      case "kfp":
        return { choices: q.choices.map(function (c) { return item(c.id, labelOf(byValue(c.id))); }) };
      case "likert":
        return { scale: range(q.scale, function (i) { return item(String(i + 1), labelOf(byValue(String(i + 1)))); }) };
      case "tcs":
        return { scale: range(5, function (i) { return item(String(i + 1), labelOf(byValue(String(i + 1)))); }) };
      case "ordering":
        return { choices: range(q.items, function (i) { return item(letter(i), labelOf(byName(letter(i)))); }) };
      case "matching": {
        var first = byName("a");
        return {
          source: range(q.lefts, function (i) { return item(letter(i), labelOf(byName(letter(i)))); }),
          target: range(q.rights, function (i) {
            var option = first && first.querySelector('option[value="' + (i + 1) + '"]');
            return item(String(i + 1), text(option));
          })
        };
      }
      default:
        return {};
    }
  }

  /* ---------- The adapter ---------- */

  function launchParams() {
    var p = new URLSearchParams(window.location.search);
    var get = function (name) { return p.get(name) || undefined; };
    return {
      endpoint: get("endpoint"), fetch: get("fetch"), auth: get("auth"), actor: get("actor"),
      registration: get("registration"), activityId: get("activityId") || get("activity_id")
    };
  }

  function outboxPrefix(registration, activityId) {
    return "ehealth:outbox:" + encodeURIComponent(registration) + ":" + encodeURIComponent(activityId) + ":";
  }

  /**
   * Connect for ``data.target`` (cmi5 or xapi). Resolves to an adapter for ehealth.js, or to
   * null when the page was not launched by an LMS (then ehealth.js keeps state in this browser).
   * ``tools``: {duration(ms) → ISO 8601, interaction(q, response, true) → type/response/correct}.
   */
  function connect(data, tools) {
    var cmi5 = data.target === "cmi5";
    var p = launchParams();
    var actor;
    try { actor = JSON.parse(p.actor); } catch (err) { actor = null; }
    var endpointUrl = webUrl(p.endpoint);
    var fetchUrl = webUrl(p.fetch);
    if (!endpointUrl || !actor || (cmi5 ? !(fetchUrl && p.registration && p.activityId) : !p.auth)) return Promise.resolve(null);
    var endpoint = endpointUrl.replace(/\/?$/, "/");
    var activityId = p.activityId || data.module.activityBase;
    var agent = JSON.stringify(actor);
    var mine = "ehealth:" + (p.registration || data.module.id) + ":" + activityId;
    var sessionKey = "ehealth:session:" + (fetchUrl || mine);
    var own = session.get(sessionKey) || {};
    var auth = cmi5 ? (own.token ? "Basic " + own.token : null) : p.auth;

    function request(method, path, params, body, keepalive) {
      var headers = { "X-Experience-API-Version": VERSION, Authorization: auth };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      return fetch(endpoint + path + "?" + query(params), {
        method: method, headers: headers, body: body, keepalive: !!keepalive, credentials: "omit", cache: "no-store"
      });
    }
    /** GET a document: its JSON, or null when it does not exist (404). */
    function json(path, params) {
      return request("GET", path, params).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(path + " " + r.status);
        return r.json();
      });
    }
    function stateParams(stateId) {
      return { activityId: activityId, agent: agent, registration: p.registration, stateId: stateId };
    }

    function token() {
      if (auth) return Promise.resolve();
      // One-time URL: POSTed once per session; the token then lives in sessionStorage only,
      // so that a reload keeps it and closing the tab forgets it.
      return fetch(fetchUrl, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (r) { return r.json(); })
        .then(function (answer) {
          if (!answer || !answer["auth-token"]) throw new Error("fetch: no auth-token");
          own.token = answer["auth-token"];
          session.set(sessionKey, own);
          auth = "Basic " + own.token;
        });
    }

    function stateDocument() {
      // List first: asking for a document that does not exist answers 404, which browsers
      // report as an error in the console even though it is the normal first launch.
      return json("activities/state", stateParams(undefined)).then(function (ids) {
        return Array.isArray(ids) && ids.indexOf(STATE_ID) >= 0 ? json("activities/state", stateParams(STATE_ID)) : null;
      }).catch(function () { return null; });
    }

    // A session that ended (terminated) has nothing to ask the LMS: the token is spent.
    // What it knew is kept in sessionStorage for a read-only view after a reload.
    var launched;
    if (own.terminated && own.launch) {
      launched = Promise.resolve([own.launch, own.prefs || {}, null]);
    } else {
      launched = token().then(function () {
        // cmi5 §10 and §11: the launch data, then always the learner preferences (404 is the
        // normal "none"), both before any statement.
        if (!cmi5) return [{ launchMode: "Normal", contextTemplate: {} }, {}];
        return Promise.all([
          json("activities/state", stateParams("LMS.LaunchData")),
          json("agents/profile", { agent: agent, profileId: PREFS_ID })
        ]);
      }).then(function (found) {
        if (!found[0]) throw new Error("no LMS.LaunchData");
        own.launch = found[0];
        own.prefs = found[1] || {};
        session.set(sessionKey, own);
        return stateDocument().then(function (remote) { return [found[0], found[1] || {}, remote]; });
      });
    }

    return launched.then(function (found) {
      return adapter(found[0], found[1], found[2]);
    }).catch(function () { return null; });

    function adapter(launch, prefs, remote) {
      var template = launch.contextTemplate || {};
      var sessionId = cmi5 ? String((template.extensions || {})[SESSION] || fetchUrl) : "xapi";
      var prefix = outboxPrefix(p.registration || mine, activityId);
      var saved = local.get(mine) || {};
      if (remote && (!saved.at || remote.at >= saved.at)) saved = remote;
      var done = { completed: !!saved.completed, passed: !!saved.passed };
      var stateBusy = false;
      var stateNext = null;
      var stateWaiters = [];
      // What the LMS holds (as far as this page knows), to skip writing it again.
      var lastWritten = remote && saved === remote ? stateContent(remote) : null;

      // Statements of other sessions of this AU never go with this session's token: their
      // session is over (terminated or abandoned by the LMS). They are set aside; a completed or
      // passed that never left this browser is judged again in this session.
      local.keys(prefix).concat(local.get("ehealth:outbox:" + p.registration) ? ["ehealth:outbox:" + p.registration] : [])
        .forEach(function (k) {
          if (k === prefix + sessionId) return;
          var left = local.get(k) || [];
          left.forEach(function (s) {
            if (s.tried || s.handed) return;
            if (s.verb === "completed") done.completed = false;
            if (s.verb === "passed") done.passed = false;
          });
          setAside(left, 0, "session ended");
          local.remove(k);
        });

      function stateIdle() {
        return stateBusy ? new Promise(function (resolve) { stateWaiters.push(resolve); }) : Promise.resolve();
      }
      var box = outbox(prefix + sessionId, function (items, keepalive) {
        // Always POST to the same URL, the id inside: the browser's CORS preflight for it is
        // then cached, so the keepalive batch of pagehide needs no preflight while the page dies.
        var body = items.length === 1 ? items[0].body : "[" + items.map(function (s) { return s.body; }).join(",") + "]";
        return request("POST", "statements", {}, body, keepalive)
          .then(function (r) { return r.text().then(function (text) { return { status: r.status, text: text }; }); });
      }, function (item) {
        return item.verb === "terminated" ? stateIdle() : Promise.resolve();
      }, function () { return !stateBusy; });
      box.settleHanded();

      var mode = launch.launchMode || "Normal";
      var normal = mode === "Normal";
      var mastery = typeof launch.masteryScore === "number" ? launch.masteryScore : null;
      var masteryScaled = mastery !== null ? mastery : data.module.mastery / 100;
      var returnURL = webUrl(launch.returnURL, window.location.href);
      var returnRefused = !!launch.returnURL && !returnURL;
      var lms = {
        kind: data.target, errors: [], review: !normal, readOnly: mode === "Review" || !!own.terminated,
        saved: saved.state || "", bookmark: saved.page || "", returnURL: returnURL,
        mastery: mastery !== null ? Math.round(mastery * 10000) / 100 : null, lang: null,
        audio: prefs.audioPreference === "off" ? "off" : prefs.audioPreference === "on" ? "on" : null
      };
      String(prefs.languagePreference || "").split(",").some(function (tag) {
        var primary = tag.trim().slice(0, 2).toLowerCase();
        if (primary === "fr" || primary === "en") { lms.lang = primary; return true; }
        return false;
      });
      // cmi5 §11.2: audio off means no sound from the module's media, even if it has some.
      if (lms.audio === "off") {
        document.querySelectorAll("audio, video").forEach(function (media) { media.muted = true; });
      }
      var started = own.started || Date.now();

      box.onchange = function (online) { if (lms.onStatus) lms.onStatus(online ? "" : "offline"); };

      function verb(name) {
        var display = { "en-US": name };
        if (data.module.lang.slice(0, 2) === "fr") display["fr-FR"] = VERB_FR[name];
        return { id: ADL + name, display: display };
      }
      function statement(name, object, result, defined, extra, grouping) {
        var context = JSON.parse(JSON.stringify(template));
        var mineCtx = { contextActivities: {} };
        if (grouping && grouping.length) mineCtx.contextActivities.grouping = grouping;
        if (p.registration) context.registration = p.registration;
        if (defined && cmi5) {
          mineCtx.contextActivities.category = [{ id: CATEGORY }];
          if (result && ("success" in result || "completion" in result)) mineCtx.contextActivities.category.push({ id: MOVEON });
        }
        if (!defined) mineCtx.contextActivities.parent = [{ id: activityId, objectType: "Activity" }];
        if (extra) mineCtx.extensions = extra;
        if (!Object.keys(mineCtx.contextActivities).length) delete mineCtx.contextActivities;
        merge(context, mineCtx);
        if (!context.language) context.language = data.module.lang;
        var s = { id: uuid(), actor: actor, verb: verb(name), object: object, context: context, timestamp: stamp() };
        if (result) s.result = result;
        box.add({ id: s.id, verb: name, body: JSON.stringify(s) });
        return s;
      }
      function auObject() {
        if (cmi5) return { objectType: "Activity", id: activityId };
        return {
          objectType: "Activity", id: activityId,
          definition: { type: "http://adlnet.gov/expapi/activities/module", name: langMap(data.module.title) }
        };
      }
      // cmi5 orders a session's statements by timestamp: two in the same millisecond (failed
      // then terminated) must still read in the order they were made.
      var lastStamp = 0;
      function stamp() {
        lastStamp = Math.max(Date.now(), lastStamp + 1);
        return new Date(lastStamp).toISOString();
      }
      function langMap(text) { var m = {}; m[data.module.lang] = text; return m; }
      function duration() { return tools.duration(Date.now() - started); }
      function remember() { session.set(sessionKey, own); }

      function writeState(doc) {
        local.set(mine, doc);
        // The same content again (a save at pagehide after the last answer) needs no request.
        var content = stateContent(doc);
        if (content === lastWritten) return;
        if (stateBusy) { stateNext = doc; return; }
        if (box.closed) return;
        stateBusy = true;
        lastWritten = content;
        // Last write wins: a newer state replaces one still waiting; the copy in this
        // browser covers a failure until the next save.
        request("PUT", "activities/state", stateParams(STATE_ID), JSON.stringify(doc), true)
          .then(function (r) { if (!r.ok) lastWritten = null; }, function () { lastWritten = null; })
          .then(function () {
            stateBusy = false;
            if (stateNext) { var next = stateNext; stateNext = null; writeState(next); }
            if (!stateBusy) stateWaiters.splice(0).forEach(function (resolve) { resolve(); });
          });
      }

      function judge(outcome, final) {
        if (!normal || own.judged || !outcome.completed) return;
        var scaled = Math.round(outcome.score * 100) / 10000;
        var passed = scaled >= masteryScaled;
        // Passed is final; failed waits for the end of the session, as remaining attempts
        // may still raise the score (one of passed/failed per session, cmi5 §9.3).
        if (!passed && !final) return;
        if (passed && done.passed) return;
        own.judged = true;
        remember();
        var extra = {};
        if (mastery !== null) extra[MASTERY] = mastery;
        statement(passed ? "passed" : "failed", auObject(), {
          score: { scaled: scaled, raw: outcome.score, min: 0, max: 100 }, success: passed, duration: duration()
        }, true, mastery !== null ? extra : null);
        if (passed) done.passed = true;
      }

      lms.start = function () { return true; };

      lms.save = function (text, bookmark, outcome) {
        if (own.terminated || !normal) return;
        if (outcome.completed && !done.completed) {
          done.completed = true;
          statement("completed", auObject(), { completion: true, duration: duration() }, true);
        }
        judge(outcome, false);
        writeState({ format: 1, state: text, page: bookmark, completed: done.completed, passed: done.passed, at: Date.now() });
      };
      lms.commit = function () { box.flush(); };

      lms.visit = function (pageId, title) {
        if (own.terminated || lms.readOnly) return;
        statement("experienced", {
          objectType: "Activity", id: data.module.activityBase + "/pages/" + encodeURIComponent(pageId),
          definition: { type: "http://activitystrea.ms/schema/1.0/page", name: langMap(title || pageId) }
        }, null, false);
      };

      // The answer's competency and the module's domain, as <base>/competencies/<id> and
      // <base>/domains/<id> (<base>: activityBase without /modules/<module>), so that any LRS
      // query can group answers by them (docs/architecture.md §5, xapi/statements.py).
      function skills(q) {
        var base = data.module.activityBase.replace(/\/modules\/[^\/]*$/, "");
        var segment = function (id) {
          return encodeURIComponent(id).replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
        };
        var objective = { type: "http://adlnet.gov/expapi/activities/objective" };
        // A programme's own framework has its own tree (docs/competency-framework.md).
        if (data.module.framework) base += "/frameworks/" + segment(data.module.framework);
        var found = [];
        if (q.competency) found.push({ objectType: "Activity", id: base + "/competencies/" + segment(q.competency), definition: objective });
        if (data.module.domain) found.push({ objectType: "Activity", id: base + "/domains/" + segment(data.module.domain), definition: objective });
        return found;
      }

      lms.record = function (q, response, result, latencyMs) {
        if (own.terminated || lms.readOnly) return;
        var f = tools.interaction(q, response, true);
        var definition = { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: f.type };
        if (q.description) definition.description = langMap(q.description);
        if (f.correct.length) definition.correctResponsesPattern = f.correct;
        merge(definition, components(q, data.module.lang));
        var r = { duration: tools.duration(latencyMs) };
        // A response with no value in the interaction's format (a numeric answer in a unit
        // that is not accepted) is left out: xAPI's response is a string, never null.
        if (f.response !== null && f.response !== undefined) r.response = f.response;
        if (result !== "neutral") r.success = result === "correct";
        statement("answered", {
          objectType: "Activity", id: data.module.activityBase + "/questions/" + encodeURIComponent(q.id), definition: definition
        }, r, false, null, skills(q));
      };

      lms.terminate = function (text, bookmark, outcome, leaving) {
        if (!own.terminated) {
          lms.save(text, bookmark, outcome);
          judge(outcome, true);
          own.terminated = true;
          remember();
          // Queued behind everything of the session; sent once the state document is written.
          statement("terminated", auObject(), { duration: duration() }, true);
          if (returnRefused && lms.onStatus) lms.onStatus("return_ignored");
        }
        if (leaving) box.leave(); else box.flush();
      };

      // Leave for the LMS once everything is delivered (or after a few seconds: what is left
      // stays in localStorage, set aside by the next launch).
      lms.exit = function () {
        if (!lms.returnURL) { if (lms.onStatus) lms.onStatus("return_ignored"); return; }
        if (lms.onStatus) lms.onStatus("sending");
        var leave = function () { window.location.assign(lms.returnURL); };
        Promise.race([box.flush(), new Promise(function (resolve) { setTimeout(resolve, 5000); })]).then(leave, leave);
      };

      /** Statements not yet acknowledged, plus one for a state document on its way. */
      lms.pending = function () { return box.pending() + (stateBusy ? 1 : 0); };
      box.flush();
      if (!own.initialized && !own.terminated) {
        own.initialized = true;
        own.started = started;
        remember();
        statement("initialized", auObject(), null, true);
      }
      return lms;
    }
  }

  window.ehealthXapi = { connect: connect, uuid: uuid, webUrl: webUrl };
})();
