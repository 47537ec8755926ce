/* A minimal LMS for the browser tests: scorm-again as the API, the package in an iframe.
 * Every call the package makes is recorded with its result and the error code that follows it,
 * so that the tests can check values, order and errors without trusting the package. */
"use strict";

window.lmsLog = { calls: [], logs: [] };

var METHODS = {
  "12": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
         "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
           "GetLastError", "GetErrorString", "GetDiagnostic"]
};

function loadScript(src) {
  return new Promise(function (resolve, reject) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = function () { reject(new Error("cannot load " + src)); };
    document.head.appendChild(script);
  });
}

/* options: {version: "12" | "2004", url: package index.html, preload: flattened cmi or null,
 *           masteryOverride: scorm-again's mastery_override (Moodle's default is on)} */
window.launch = function (options) {
  var is12 = options.version === "12";
  return loadScript(is12 ? "scorm-again/scorm12.js" : "scorm-again/scorm2004.js").then(function () {
    var settings = {
      autocommit: false,
      mastery_override: !!options.masteryOverride,
      logLevel: 4,
      onLogMessage: function (level, message) { window.lmsLog.logs.push([String(level), String(message)]); }
    };
    var real = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    if (options.preload) real.loadFromFlattenedJSON(options.preload);
    var lastError = is12 ? "LMSGetLastError" : "GetLastError";
    var facade = {};
    METHODS[options.version].forEach(function (name) {
      facade[name] = function () {
        var args = Array.prototype.slice.call(arguments).map(String);
        var result = real[name].apply(real, args);
        window.lmsLog.calls.push({ fn: name, args: args, result: String(result), error: String(real[lastError]()) });
        return result;
      };
    });
    window[is12 ? "API" : "API_1484_11"] = facade;
    window.lmsApi = real;
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "Module";
    frame.src = options.url;
    document.body.appendChild(frame);
    return new Promise(function (resolve) { frame.addEventListener("load", function () { resolve(); }); });
  });
};

/* What the LMS keeps of the attempt once the package is done (after its own overrides). */
window.lmsStored = function () {
  return JSON.parse(JSON.stringify(window.lmsApi.cmi));
};

/* The learner closes the module: the frame goes away, the package must see pagehide. */
window.closeSco = function () {
  var frame = document.getElementById("sco");
  if (frame) frame.remove();
};
