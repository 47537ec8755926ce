/* eHealth xAPI transport for the cmi5 and xapi packages (loaded before ehealth.js, only by them).
 * It gives ehealth.js an LMS adapter (start/save/record/visit/terminate, docs/architecture.md §5):
 * the launch (cmi5: fetch token, LMS.LaunchData, learner preferences; xapi: auth in the URL),
 * the statements, the saved state document, and an outbox that loses nothing: every statement
 * gets its id here, waits in localStorage, and is PUT with that id, in order, until the LRS
 * acknowledges it. No credential is ever part of the package or written to localStorage.
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
  var VERB_FR = {
    initialized: "a commencé", experienced: "a consulté", answered: "a répondu", completed: "a terminé",
    passed: "a réussi", failed: "a échoué", terminated: "a quitté"
  };
  // Retries: 0.5 s doubling to 15 s, each delay drawn in [½, 1] of it so that many learners
  // cut off together do not come back in step.
  var RETRY_FIRST = 500;
  var RETRY_MAX = 15000;

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
      set: function (key, value) { try { window[area].setItem(key, JSON.stringify(value)); } catch (err) { /* full or private: keep going */ } }
    };
  }
  var local = store("localStorage");
  var session = store("sessionStorage");

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== undefined; }).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
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

  /* ---------- Outbox: statements in localStorage until the LRS says it has them ---------- */

  function outbox(key, send) {
    var failures = 0;
    var timer = null;
    var busy = false;
    var idle = [];
    var box = { online: true, onchange: null };

    function queue() { return local.get(key) || []; }
    function drop(id) { local.set(key, queue().filter(function (s) { return s.id !== id; })); }
    function changed(online) {
      if (box.online !== online) { box.online = online; if (box.onchange) box.onchange(online); }
    }

    // One request at a time, oldest first: the LRS receives statements in the order they were made.
    function next() {
      if (busy || timer) return;
      var head = queue()[0];
      if (!head) { idle.splice(0).forEach(function (resolve) { resolve(true); }); return; }
      busy = true;
      send(head, false).then(function (status) {
        // 409: this id is stored already, from an attempt whose answer never came back.
        // 400: the LRS will never take it; set aside so that it does not block the rest.
        if (status !== 200 && status !== 204 && status !== 409 && status !== 400) throw new Error(String(status));
        if (status === 400) local.set(key + ":rejected", (local.get(key + ":rejected") || []).concat([head]));
        drop(head.id);
        failures = 0;
        changed(true);
      }).then(function () { busy = false; next(); }, function () {
        busy = false;
        failures++;
        changed(false);
        var wait = Math.min(RETRY_MAX, RETRY_FIRST * Math.pow(2, failures - 1));
        timer = setTimeout(function () { timer = null; next(); }, wait * (0.5 + Math.random() / 2));
      });
    }

    box.add = function (statement) {
      local.set(key, queue().concat([{ id: statement.id, body: JSON.stringify(statement) }]));
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
    // The page is going away: hand what is left to the browser, which may finish the requests.
    box.lastChance = function () { queue().forEach(function (s) { send(s, true); }); };
    window.addEventListener("online", function () { box.flush(); });
    return box;
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
    if (!p.endpoint || !actor || (cmi5 ? !(p.fetch && p.registration && p.activityId) : !p.auth)) return Promise.resolve(null);
    var endpoint = p.endpoint.replace(/\/?$/, "/");
    var activityId = p.activityId || data.module.activityBase;
    var agent = JSON.stringify(actor);
    var mine = "ehealth:" + (p.registration || data.module.id) + ":" + activityId;
    var sessionKey = "ehealth:session:" + (p.fetch || mine);
    var own = session.get(sessionKey) || {};
    var auth = cmi5 ? (own.token ? "Basic " + own.token : null) : p.auth;

    function request(method, path, params, body, keepalive) {
      var headers = { "X-Experience-API-Version": VERSION, Authorization: auth };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      return fetch(endpoint + path + "?" + query(params), {
        method: method, headers: headers, body: body, keepalive: !!keepalive, credentials: "omit", cache: "no-store"
      });
    }
    function json(path, params) {
      return request("GET", path, params).then(function (r) {
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
      return fetch(p.fetch, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (r) { return r.json(); })
        .then(function (answer) {
          if (!answer || !answer["auth-token"]) throw new Error("fetch: no auth-token");
          own.token = answer["auth-token"];
          session.set(sessionKey, own);
          auth = "Basic " + own.token;
        });
    }

    var launch = { launchMode: "Normal", contextTemplate: {} };
    var prefs = {};
    var saved = local.get(mine) || {};
    var box = outbox("ehealth:outbox:" + (p.registration || mine), function (item, keepalive) {
      return request("PUT", "statements", { statementId: item.id }, item.body, keepalive).then(function (r) { return r.status; });
    });

    function optionalDocument(listPath, params, idKey, id) {
      // List first: asking for a document that does not exist answers 404, which browsers
      // report as an error in the console even though it is the normal first launch.
      return json(listPath, params).then(function (ids) {
        if (!Array.isArray(ids) || ids.indexOf(id) < 0) return null;
        var one = Object.assign({}, params);
        one[idKey] = id;
        return json(listPath, one);
      }).catch(function () { return null; });
    }

    return token().then(function () {
      return cmi5 ? json("activities/state", stateParams("LMS.LaunchData")) : launch;
    }).then(function (launchData) {
      launch = launchData;
      var statePromise = optionalDocument("activities/state", stateParams(undefined), "stateId", STATE_ID);
      var prefsPromise = cmi5 ? optionalDocument("agents/profile", { agent: agent }, "profileId", "cmi5LearnerPreferences") : null;
      return Promise.all([statePromise, prefsPromise]);
    }).then(function (found) {
      var remote = found[0];
      prefs = found[1] || {};
      if (remote && (!saved.at || remote.at >= saved.at)) saved = remote;
      return adapter();
    }).catch(function () { return null; });

    function adapter() {
      var mode = launch.launchMode || "Normal";
      var normal = mode === "Normal";
      var mastery = typeof launch.masteryScore === "number" ? launch.masteryScore : null;
      var masteryScaled = mastery !== null ? mastery : data.module.mastery / 100;
      var lms = {
        kind: data.target, errors: [], review: !normal, readOnly: mode === "Review" || !!own.terminated,
        saved: saved.state || "", bookmark: saved.page || "", returnURL: launch.returnURL || null,
        mastery: mastery !== null ? Math.round(mastery * 10000) / 100 : null, lang: null
      };
      String(prefs.languagePreference || "").split(",").some(function (tag) {
        var primary = tag.trim().slice(0, 2).toLowerCase();
        if (primary === "fr" || primary === "en") { lms.lang = primary; return true; }
        return false;
      });
      var done = { completed: !!saved.completed, passed: !!saved.passed };
      var started = own.started || Date.now();
      var stateBusy = false;
      var stateNext = null;

      box.onchange = function (online) { if (lms.onStatus) lms.onStatus(online ? "" : "offline"); };

      function verb(name) {
        var display = { "en-US": name };
        if (data.module.lang.slice(0, 2) === "fr") display["fr-FR"] = VERB_FR[name];
        return { id: ADL + name, display: display };
      }
      function statement(name, object, result, defined, extra, grouping) {
        var context = JSON.parse(JSON.stringify(launch.contextTemplate || {}));
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
        box.add(s);
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
        if (stateBusy) { stateNext = doc; return; }
        stateBusy = true;
        // Last write wins: a newer state replaces one still waiting; the copy in this
        // browser covers a failure until the next save.
        request("PUT", "activities/state", stateParams(STATE_ID), JSON.stringify(doc)).catch(function () {})
          .then(function () {
            stateBusy = false;
            if (stateNext) { var next = stateNext; stateNext = null; writeState(next); }
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
        var r = { response: f.response, duration: tools.duration(latencyMs) };
        if (result !== "neutral") r.success = result === "correct";
        statement("answered", {
          objectType: "Activity", id: data.module.activityBase + "/questions/" + encodeURIComponent(q.id), definition: definition
        }, r, false, null, skills(q));
      };

      lms.terminate = function (text, bookmark, outcome, leaving) {
        if (own.terminated) { if (leaving) box.lastChance(); return; }
        lms.save(text, bookmark, outcome);
        judge(outcome, true);
        own.terminated = true;
        remember();
        statement("terminated", auObject(), { duration: duration() }, true);
        if (leaving) box.lastChance(); else box.flush();
      };

      // Leave for the LMS once everything is delivered (or after a few seconds: what is left
      // stays in localStorage and goes with the next launch).
      lms.exit = function () {
        if (lms.onStatus) lms.onStatus("sending");
        var leave = function () { if (lms.returnURL) window.location.assign(lms.returnURL); };
        Promise.race([box.flush(), new Promise(function (resolve) { setTimeout(resolve, 5000); })]).then(leave, leave);
      };

      lms.pending = box.pending;
      box.flush();
      if (!own.initialized) {
        own.initialized = true;
        own.started = started;
        remember();
        statement("initialized", auObject(), null, true);
      }
      return lms;
    }
  }

  window.ehealthXapi = { connect: connect, uuid: uuid };
})();
