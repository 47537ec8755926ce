/* eHealth module runtime: pages, questions, scoring, saved state and the LMS (SCORM 1.2 / 2004,
 * or localStorage when no LMS is found). The interface with the Python packager is fixed in
 * docs/architecture.md: markup (§1), embedded data (§2), saved state (§3).
 * Hand-written ES2019, no framework, no request leaves the package; packages ship it minified
 * (packager/minify.py), so comments here cost learners nothing. */
(function () {
  "use strict";

  /* ---------- Scoring: mirrors ehealth_content/scoring.py, replayed against its vectors ---------- */

  var EPSILON = 1e-9;
  // The EDN rule for multiple answers: credit for 0, 1 and 2 discordances (multiple.py).
  var EDN_CREDIT = [1, 0.5, 0.2];
  var SPACES = /[\s\x1c-\x1f\x85\u00a0\u202f]+/g;
  var DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

  function letter(i) { return String.fromCharCode(97 + i); }

  // Phones type curly apostrophes and dashes: « l’INS » is « l'INS » (as scoring.py reads it).
  var TYPOGRAPHIC = /[\u2019\u2018\u02bc\u2010\u2011\u2013\u2014]/g;

  function normalizeText(text) {
    // Python's casefold() ≈ upper then lower (ß → ss); NFKD then drop combining marks.
    var folded = text.toUpperCase().toLowerCase()
      .replace(TYPOGRAPHIC, function (c) { return c === "\u2019" || c === "\u2018" || c === "\u02bc" ? "'" : "-"; })
      .normalize("NFKD").replace(/\p{Mn}/gu, "");
    var spaced = folded.replace(SPACES, " ").replace(/^ | $/g, "");
    return spaced.replace(/[\s.!?;:,\u2026]+$/, "") || spaced; // final marks: as _answers.py
  }

  function parseDecimal(text) {
    var compact = text.replace(SPACES, "");
    if (!DECIMAL.test(compact)) return null;
    return Number(compact.replace(",", "."));
  }

  function asNumber(response) {
    if (typeof response === "number") return response;
    if (typeof response === "string") return parseDecimal(response);
    return null;
  }

  function asIds(response) {
    if (Array.isArray(response)) return response.map(String);
    if (response && typeof response === "object") return Object.keys(response);
    return [];
  }

  function textMatches(q, typed) {
    if (q.match === "exact") return q.answers.indexOf(typed) >= 0;
    var wanted = normalizeText(typed);
    return q.answers.some(function (a) { return normalizeText(a) === wanted; });
  }

  function isScored(q) { return typeOf(q).scored && q.points > 0; }

  /** Points earned and result state of one response, as ehealth_content.scoring gives them. */
  function score(q, response) {
    if (!typeOf(q).scored) return { points: 0, state: "neutral" };
    var fraction = response === null || response === undefined ? 0 : fractionRight(q, response);
    var state = fraction >= 1 ? "correct" : fraction > 0 ? "partial" : "incorrect";
    return { points: isScored(q) ? q.points * fraction : 0, state: state };
  }

  function moduleScore(shown, earned) {
    var available = 0;
    var got = 0;
    shown.forEach(function (q) {
      if (!isScored(q)) return;
      available += q.points;
      got += earned[q.id] || 0;
    });
    if (available === 0) return 100;
    return Math.floor(got / available * 10000 + 0.5 + EPSILON) / 100;
  }

  /* ---------- Units: mirrors ehealth_content/question_types/_units.py ---------- */
  /* alias → [canonical, dimension, numerator, denominator]; tests/unit/test_numeric_units.py
   * checks this table is Python's UNIT_ATOMS. */
  var UNIT_ATOMS = {
    "µg": ["µg", "mass", 1, 1000],
    "μg": ["µg", "mass", 1, 1000],
    "ug": ["µg", "mass", 1, 1000],
    "mcg": ["µg", "mass", 1, 1000],
    "mg": ["mg", "mass", 1, 1],
    "g": ["g", "mass", 1000, 1],
    "kg": ["kg", "mass", 1000000, 1],
    "µl": ["µL", "volume", 1, 1000],
    "μl": ["µL", "volume", 1, 1000],
    "ul": ["µL", "volume", 1, 1000],
    "ml": ["mL", "volume", 1, 1],
    "cc": ["mL", "volume", 1, 1],
    "cl": ["cL", "volume", 10, 1],
    "dl": ["dL", "volume", 100, 1],
    "l": ["L", "volume", 1000, 1],
    "s": ["s", "time", 1, 3600],
    "sec": ["s", "time", 1, 3600],
    "seconde": ["s", "time", 1, 3600],
    "secondes": ["s", "time", 1, 3600],
    "min": ["min", "time", 1, 60],
    "mn": ["min", "time", 1, 60],
    "minute": ["min", "time", 1, 60],
    "minutes": ["min", "time", 1, 60],
    "h": ["h", "time", 1, 1],
    "heure": ["h", "time", 1, 1],
    "heures": ["h", "time", 1, 1],
    "hour": ["h", "time", 1, 1],
    "hours": ["h", "time", 1, 1],
    "j": ["j", "time", 24, 1],
    "jour": ["j", "time", 24, 1],
    "jours": ["j", "time", 24, 1],
    "day": ["j", "time", 24, 1],
    "days": ["j", "time", 24, 1],
    "gouttes": ["gouttes", "drop", 1, 1],
    "goutte": ["gouttes", "drop", 1, 1],
    "gtt": ["gouttes", "drop", 1, 1],
    "gttes": ["gouttes", "drop", 1, 1],
    "drops": ["gouttes", "drop", 1, 1],
    "drop": ["gouttes", "drop", 1, 1],
    "ui": ["UI", "iu", 1, 1],
    "iu": ["UI", "iu", 1, 1],
    "µmol": ["µmol", "amount", 1, 1000],
    "μmol": ["µmol", "amount", 1, 1000],
    "umol": ["µmol", "amount", 1, 1000],
    "mmol": ["mmol", "amount", 1, 1],
    "mol": ["mol", "amount", 1000, 1]
  };
  var UNIT_PER = /\s+par\s+|\s+per\s+/gi;
  var UNIT_WHITE = /[\s\u00a0\u202f]+/g;
  var NUMBER_PART = /^[+-]?[0-9., \t\u00a0\u202f]*/;

  function parseUnit(text, dropFactor) {
    var key = text.normalize("NFKC").toLowerCase().replace(UNIT_PER, "/").replace(UNIT_WHITE, "");
    // % is a mass concentration: 1 % = 10 mg/mL.
    if (key === "%") return { name: "%", dimension: "mass:1,volume:-1", num: 10, den: 1 };
    var parts = key.split("/");
    if (!key || parts.length > 3) return null;
    var exponents = {};
    var names = [];
    var num = 1;
    var den = 1;
    for (var i = 0; i < parts.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(UNIT_ATOMS, parts[i])) return null;
      var atom = UNIT_ATOMS[parts[i]];
      var dimension = atom[1];
      var atomDen = atom[3];
      if (dimension === "drop" && dropFactor) { dimension = "volume"; atomDen *= dropFactor; }
      exponents[dimension] = (exponents[dimension] || 0) + (i === 0 ? 1 : -1);
      if (i === 0) { num *= atom[2]; den *= atomDen; } else { num *= atomDen; den *= atom[2]; }
      names.push(atom[0]);
    }
    var dims = Object.keys(exponents).filter(function (d) { return exponents[d]; }).sort()
      .map(function (d) { return d + ":" + exponents[d]; }).join(",");
    return { name: names.join("/"), dimension: dims, num: num, den: den };
  }

  function convertUnit(value, unit, to) { return value * (unit.num * to.den) / (unit.den * to.num); }

  /** A number and an optional unit as typed: kind empty, not-a-number, no-unit, unknown-unit or number. */
  function readQuantity(text, dropFactor) {
    var trimmed = String(text).trim();
    if (!trimmed) return { kind: "empty", unitText: "" };
    var numberText = NUMBER_PART.exec(trimmed)[0];
    var rest = trimmed.slice(numberText.length).trim();
    var number = numberText.trim() ? parseDecimal(numberText) : null;
    if (number === null) return { kind: "not-a-number", unitText: rest, numberText: numberText };
    if (!rest) return { kind: "no-unit", number: number, unitText: "", numberText: numberText };
    var unit = parseUnit(rest, dropFactor);
    if (!unit) return { kind: "unknown-unit", number: number, unitText: rest, numberText: numberText };
    return { kind: "number", number: number, unit: unit, unitText: rest, numberText: numberText };
  }

  /** The response as a number in the answer's unit (numeric.py numeric_value), or null. */
  function numericValue(q, response) {
    if (!q.units) return asNumber(response);
    if (typeof response !== "string") return null;
    var quantity = readQuantity(response, q.dropFactor);
    if (quantity.kind !== "number" || q.units.indexOf(quantity.unit.name) < 0) return null;
    return convertUnit(quantity.number, quantity.unit, parseUnit(q.unit, q.dropFactor));
  }

  function inRange(q, value) { return value !== null && !isNaN(value) && q.min - EPSILON <= value && value <= q.max + EPSILON; }

  /* ---------- Saved state codec (docs/architecture.md §3) ---------- */

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  function encodeNumber(n, width) {
    var out = "";
    do { out += DIGITS[n % 64]; n = Math.floor(n / 64); } while (n > 0);
    while (width && out.length < width) out += "0";
    return out;
  }

  function decodeNumber(text) {
    if (!text) return null;
    var n = 0;
    for (var i = text.length - 1; i >= 0; i--) {
      var d = DIGITS.indexOf(text[i]);
      if (d < 0) return null;
      n = n * 64 + d;
    }
    return n;
  }

  // Bit masks digit by digit (6 bits each) so that 100 pages need no big integers.
  function encodeMask(bits) {
    var out = "";
    for (var i = 0; i < bits.length; i += 6) {
      var d = 0;
      for (var j = 0; j < 6 && i + j < bits.length; j++) if (bits[i + j]) d |= 1 << j;
      out += DIGITS[d];
    }
    return out.replace(/0+$/, "") || "0";
  }

  function decodeMask(text, size) {
    var bits = [];
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text[i]);
      if (d < 0) return null;
      for (var j = 0; j < 6; j++) {
        if (d & (1 << j)) {
          if (i * 6 + j >= size) return null;
          bits[i * 6 + j] = true;
        }
      }
    }
    for (var k = 0; k < size; k++) bits[k] = !!bits[k];
    return bits;
  }

  function questionKey(id) {
    var bytes = unescape(encodeURIComponent(id));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return encodeNumber(h & 0x3ffff, 3);
  }

  function factorial(n) { var f = 1; for (var i = 2; i <= n; i++) f *= i; return f; }

  /* ---------- Question types: one entry each, the Python side's twin ---------- */
  /* A type says how it scores a response (fraction right, 0…1), how a response is saved
   * (docs/architecture.md §3) and reported as a SCORM/xAPI interaction, how the form reads and shows
   * it, and how the expected answer is said after the last attempt. tests/browser/test_vectors.py
   * checks that this table has exactly the types ehealth_content knows. */

  function choiceIds(q) { return q.choices.map(function (c) { return c.id; }); }
  function rightIds(q) { return q.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.id; }); }
  function lettersUpTo(n) { var a = []; for (var i = 0; i < n; i++) a.push(letter(i)); return a; }
  function checkedValues(inputs) { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; }); }

  // Radios and checkboxes: one choice (single, likert, truefalse) or several (multiple).
  var oneChecked = {
    read: function (inputs) { var on = checkedValues(inputs); return on.length ? { value: on[0] } : { error: true }; },
    write: function (input, q, response) { input.checked = input.value === String(response); }
  };

  var TYPES = {
    single: {
      scored: true, choiceFeedback: true,
      rows: function (q) { return q.shuffle ? ".choice" : null; },
      fraction: function (q, response) {
        var right = rightIds(q)[0];
        return typeof response === "string" && right !== undefined && response === right ? 1 : 0;
      },
      encode: function (q, response) {
        var pos = choiceIds(q).indexOf(response);
        return pos >= 0 && pos < 64 ? DIGITS[pos] : "";
      },
      decode: function (q, text) {
        var pos = text.length === 1 ? decodeNumber(text) : null;
        return pos !== null && pos < q.choices.length ? q.choices[pos].id : undefined;
      },
      interaction: function (q, response, s) {
        return { type: "choice", response: [].concat(response || []).join(s.sep), correct: [rightIds(q).join(s.sep)] };
      },
      read: oneChecked.read,
      write: oneChecked.write,
      expected: function (q, ui) { return ui.list(rightIds(q).map(ui.label)); }
    },
    multiple: {
      scored: true, choiceFeedback: true,
      rows: function (q) { return q.shuffle ? ".choice" : null; },
      fraction: function (q, response) {
        var checked = asIds(response);
        var agreeing = q.choices.filter(function (c) { return (checked.indexOf(c.id) >= 0) === c.correct; }).length;
        if (q.scoring === "edn") return EDN_CREDIT[q.choices.length - agreeing] || 0;
        if (q.scoring === "partial") return agreeing / q.choices.length;
        return agreeing === q.choices.length ? 1 : 0;
      },
      encode: function (q, response) {
        if (q.choices.length > 30) return "";
        return encodeMask(q.choices.map(function (c) { return response.indexOf(c.id) >= 0; }));
      },
      decode: function (q, text) {
        var bits = text.length <= 5 ? decodeMask(text, q.choices.length) : null;
        if (!bits) return undefined;
        return q.choices.filter(function (c, i) { return bits[i]; }).map(function (c) { return c.id; });
      },
      interaction: function (q, response, s) { return TYPES.single.interaction(q, response, s); },
      read: function (inputs, q) {
        var ids = checkedValues(inputs);
        if (!ids.length) return { error: true };
        // QRP: a count other than the one stated is refused, not scored (the attempt is kept).
        if (q.expect && ids.length !== q.expect) return { error: "expect_mismatch", values: { n: q.expect, checked: ids.length } };
        return { value: ids };
      },
      write: function (input, q, response) { input.checked = response.indexOf(input.value) >= 0; },
      expected: function (q, ui) { return ui.list(rightIds(q).map(ui.label)); }
    },
    truefalse: {
      scored: true,
      fraction: function (q, response) { return response === q.answer ? 1 : 0; },
      encode: function (q, response) { return response ? "1" : "0"; },
      decode: function (q, text) { return text === "1" ? true : text === "0" ? false : undefined; },
      interaction: function (q, response, s) {
        return {
          type: "true-false",
          response: s.is2004 ? String(response) : response ? "t" : "f",
          correct: [s.is2004 ? String(q.answer) : q.answer ? "t" : "f"]
        };
      },
      read: function (inputs) { var on = checkedValues(inputs); return on.length ? { value: on[0] === "true" } : { error: true }; },
      write: oneChecked.write,
      expected: function (q, ui) { return ui.t(q.answer ? "true" : "false"); }
    },
    text: {
      scored: true,
      fraction: function (q, response) { return typeof response === "string" && textMatches(q, response) ? 1 : 0; },
      encode: function (q, response) {
        for (var i = 0; i < q.answers.length && i < 64; i++) {
          if (textMatches({ match: q.match, answers: [q.answers[i]] }, response)) return "=" + DIGITS[i];
        }
        return "x";
      },
      decode: function (q, text) {
        if (text === "x") return null;
        var i = text[0] === "=" && text.length === 2 ? decodeNumber(text[1]) : null;
        return i !== null && i < q.answers.length ? q.answers[i] : undefined;
      },
      interaction: function (q, response, s) {
        // A leading "{" or an embedded "[,]" would read as syntax in 2004; 1.2 allows 255 chars.
        var typed = String(response || "").split("[,]").join(" ").replace(/^\{/, "(").slice(0, 250);
        var prefix = q.match === "exact" ? "{case_matters=true}" : "{case_matters=false}";
        return {
          type: "fill-in",
          response: typed,
          correct: q.answers.slice(0, 10).map(function (a) { return (s.is2004 ? prefix : "") + a.slice(0, 250); })
        };
      },
      read: function (inputs) { var text = inputs[0] ? inputs[0].value : ""; return text.trim() ? { value: text } : { error: true }; },
      write: function (input, q, response) { input.value = response; },
      expected: function (q) { return q.answers[0]; }
    },
    numeric: {
      scored: true,
      fraction: function (q, response) { return inRange(q, numericValue(q, response)) ? 1 : 0; },
      encode: function (q, response) {
        var typed = response;
        if (q.units) {
          // Kept as typed only in the answer's own unit; otherwise the verdict alone.
          var quantity = readQuantity(response, q.dropFactor);
          typed = quantity.unit && quantity.unit.name === q.unit ? quantity.numberText : "";
        }
        typed = typed.replace(SPACES, "").replace(",", ".");
        if (typed && typed.length <= 4 && parseDecimal(typed) !== null) return "n" + typed;
        return score(q, response).state === "correct" ? "=" : "x";
      },
      decode: function (q, text) {
        var unit = q.units ? " " + q.unit : "";
        if (text === "x") return null;
        if (text === "=") return String(q.min) + unit;
        var typed = text.slice(1);
        return text[0] === "n" && typed.length <= 4 && parseDecimal(typed) !== null ? typed + unit : undefined;
      },
      interaction: function (q, response, s) {
        var value = numericValue(q, response);
        var low = decimalText(q.min, s.intDigits);
        var high = decimalText(q.max, s.intDigits);
        var middle = decimalText(q.min === q.max ? q.min : (q.min + q.max) / 2, s.intDigits);
        // With units, the response is said in the answer's unit. A unit that is not accepted
        // gives no number to say: the response is left out, the result says it was wrong. (A
        // fill-in for these alone would give one question two interaction types, which xAPI
        // activity definitions and LMS reports cannot reconcile.)
        // A value the LMS cannot store is left out rather than sent to be refused (and the
        // whole interaction with it, in Moodle).
        return {
          type: "numeric",
          response: decimalText(value, s.intDigits),
          correct: s.is2004 ? (low !== null && high !== null ? [low + "[:]" + high] : [])
            : middle !== null ? [middle] : []
        };
      },
      read: function (inputs, q) {
        var typed = inputs[0] ? inputs[0].value : "";
        if (!q.units) {
          if (!typed.trim()) return { error: "number_required" };
          return parseDecimal(typed) === null ? { error: "not_a_number", values: { typed: typed.trim().slice(0, 40) } }
            : { value: typed.trim() };
        }
        var units = q.units.join(", ");
        var quantity = readQuantity(typed, q.dropFactor);
        if (quantity.kind === "empty") return { error: "number_and_unit_required", values: { units: units } };
        if (quantity.kind === "not-a-number") return { error: "not_a_number", values: { typed: typed.trim().slice(0, 40) } };
        if (quantity.kind === "no-unit") return { error: "unit_missing", values: { units: units } };
        if (quantity.kind === "unknown-unit") return { error: "unit_unknown", values: { unit: quantity.unitText.slice(0, 40), units: units } };
        return { value: typed.trim() };
      },
      // Said after the verdict: the number would be right in the answer's unit, not in the one typed.
      note: function (q, response) {
        if (!q.units || typeof response !== "string") return null;
        var quantity = readQuantity(response, q.dropFactor);
        return quantity.kind === "number" && inRange(q, quantity.number) && !inRange(q, numericValue(q, response))
          ? "wrong_unit" : null;
      },
      write: function (input, q, response, ui) { input.value = ui.lang === "fr" ? response.replace(".", ",") : response; },
      expected: function (q, ui) {
        var unit = q.units ? "\u00a0" + q.unit : "";
        return (q.min === q.max ? ui.number(q.min) : ui.number(q.min) + " – " + ui.number(q.max)) + unit;
      }
    },
    matching: {
      scored: true,
      // Left side a matches right side 1, b matches 2…: listed in that order, the menus would
      // give the answer away. One order for the whole question, never the source order.
      shuffleOptions: true,
      fraction: function (q, response) {
        if (!response || typeof response !== "object" || Array.isArray(response)) return 0;
        var matched = 0;
        for (var i = 0; i < q.lefts; i++) {
          if (String(response[letter(i)]) === String(i + 1)) matched++;
        }
        return matched / q.lefts;
      },
      encode: function (q, response) {
        if (q.lefts > 9 || q.rights > 9) return "";
        var sum = 0;
        for (var l = 0; l < q.lefts; l++) sum += Number(response[letter(l)] || 0) * Math.pow(10, l);
        return encodeNumber(sum);
      },
      decode: function (q, text) {
        var sum = text.length <= 5 ? decodeNumber(text) : null;
        if (sum === null || sum >= Math.pow(10, q.lefts)) return undefined;
        var map = {};
        for (var l = 0; l < q.lefts; l++) {
          var d = Math.floor(sum / Math.pow(10, l)) % 10;
          if (d > q.rights) return undefined;
          if (d) map[letter(l)] = String(d);
        }
        return map;
      },
      interaction: function (q, response, s) {
        var lefts = lettersUpTo(q.lefts);
        return {
          type: "matching",
          response: lefts.filter(function (l) { return response && response[l]; })
            .map(function (l) { return l + s.dot + response[l]; }).join(s.sep),
          correct: [lefts.map(function (l, i) { return l + s.dot + (i + 1); }).join(s.sep)]
        };
      },
      read: function (inputs) {
        var map = {};
        var missing = false;
        inputs.forEach(function (select) { if (select.value) map[select.name] = select.value; else missing = true; });
        return missing ? { error: true } : { value: map };
      },
      write: function (input, q, response) { input.value = response[input.name] || ""; },
      expected: function (q, ui) {
        return ui.list(ui.selects().map(function (select) {
          // Left side a matches right side 1, b matches 2…, whatever order the rows show.
          var right = select.querySelector('option[value="' + (select.name.charCodeAt(0) - 96) + '"]');
          return ui.label(select.name) + " → " + (right ? right.textContent.trim() : "");
        }));
      }
    },
    ordering: {
      scored: true,
      rows: function () { return ".row"; },
      derange: true, // the rows never start in the right order
      fraction: function (q, response) {
        if (!Array.isArray(response) || response.length !== q.items) return 0;
        for (var k = 0; k < q.items; k++) {
          if (String(response[k]) !== letter(k)) return 0;
        }
        return 1;
      },
      encode: function (q, response) {
        if (q.items > 10) return "";
        var order = response.map(function (id) { return id.charCodeAt(0) - 97; });
        var code = 0;
        for (var p = 0; p < order.length; p++) {
          var smaller = 0;
          for (var r = p + 1; r < order.length; r++) if (order[r] < order[p]) smaller++;
          code += smaller * factorial(order.length - 1 - p);
        }
        return encodeNumber(code);
      },
      decode: function (q, text) {
        var code = text.length <= 4 ? decodeNumber(text) : null;
        if (code === null || code >= factorial(q.items)) return undefined;
        var left = lettersUpTo(q.items);
        var order = [];
        for (var p = q.items - 1; p >= 0; p--) {
          var f = factorial(p);
          order.push(left.splice(Math.floor(code / f), 1)[0]);
          code %= f;
        }
        return order;
      },
      interaction: function (q, response, s) {
        return { type: "sequencing", response: (response || []).join(s.sep), correct: [lettersUpTo(q.items).join(s.sep)] };
      },
      read: function (inputs, q) {
        var ranks = inputs.map(function (s) { return { id: s.name, rank: Number(s.value) }; });
        var used = ranks.map(function (r) { return r.rank; }).filter(function (r, i, all) { return r && all.indexOf(r) === i; });
        if (used.length !== q.items) return { error: true };
        ranks.sort(function (a, b) { return a.rank - b.rank; });
        return { value: ranks.map(function (r) { return r.id; }) };
      },
      write: function (input, q, response) { input.value = String(response.indexOf(input.name) + 1); },
      expected: function (q, ui) {
        return ui.list(ui.selects().map(function (select) { return select.name; }).sort().map(ui.label), true);
      }
    },
    likert: {
      scored: false,
      fraction: function () { return 0; },
      encode: function (q, response) {
        var rank = Number(response) - 1;
        return rank >= 0 && rank < 64 ? DIGITS[rank] : "";
      },
      decode: function (q, text) {
        var rank = text.length === 1 ? decodeNumber(text) : null;
        return rank !== null && rank < q.scale ? String(rank + 1) : undefined;
      },
      interaction: function (q, response) { return { type: "likert", response: String(response || ""), correct: [] }; },
      read: oneChecked.read,
      write: oneChecked.write,
      expected: function () { return ""; }
    },
    tcs: {
      // Aggregate scoring (tcs.py): the panel count of the point chosen ÷ the modal point's.
      scored: true,
      fraction: function (q, response) {
        var point = ["1", "2", "3", "4", "5"].indexOf(response);
        return point < 0 ? 0 : q.panel[point] / Math.max.apply(null, q.panel);
      },
      encode: function (q, response) { return TYPES.likert.encode(q, response); },
      decode: function (q, text) { return TYPES.likert.decode({ scale: 5 }, text); },
      interaction: function (q, response) {
        var modal = Math.max.apply(null, q.panel);
        var modes = [];
        q.panel.forEach(function (count, i) { if (count === modal) modes.push(String(i + 1)); });
        // SCORM 2004 allows one correct pattern for likert: given when one point is modal.
        return { type: "likert", response: String(response || ""), correct: modes.length === 1 ? modes : [] };
      },
      read: oneChecked.read,
      write: oneChecked.write,
      expected: function (q, ui) {
        var modal = Math.max.apply(null, q.panel);
        return ui.list(q.panel.map(function (count, i) { return count === modal ? ui.label(String(i + 1)) : null; })
          .filter(function (label) { return label; }));
      },
      // After the last attempt: the learner's point and each point the panel chose, with its
      // count and credit in words. Icons by credit: ✓ all, ◐ part, ✗ none; → all, not chosen.
      mark: function (q, value, chosen, t) {
        var point = ["1", "2", "3", "4", "5"].indexOf(value);
        var count = point < 0 ? 0 : q.panel[point];
        if (!chosen && !count) return null;
        var credit = TYPES.tcs.fraction(q, value);
        var total = q.panel.reduce(function (a, b) { return a + b; }, 0);
        var values = { count: count, total: total, credit: Math.round(credit * 100) };
        var text = t(!count ? "tcs_panel_none" : count === 1 ? "tcs_panel_one" : "tcs_panel", values);
        var kind = credit === 1 ? (chosen ? "right" : "missed") : credit > 0 ? (chosen ? "partial" : "panel") : "wrong";
        return { kind: kind, text: chosen ? t("tcs_yours", { panel: text }) : text };
      }
    },
    longmenu: {
      // A text question whose answer must be an entry of the page's list (longmenu.py).
      scored: true,
      fraction: function (q, response) { return TYPES.text.fraction(asText(q), response); },
      encode: function (q, response) { return TYPES.text.encode(asText(q), response); },
      decode: function (q, text) { return TYPES.text.decode(asText(q), text); },
      interaction: function (q, response, s) { return TYPES.text.interaction(asText(q), response, s); },
      read: function (inputs) {
        var input = inputs[0];
        var typed = input ? input.value.trim() : "";
        if (!typed) return { error: true };
        var wanted = normalizeText(typed);
        var options = input.list ? input.list.options : [];
        for (var i = 0; i < options.length; i++) {
          if (normalizeText(options[i].value) === wanted) return { value: typed };
        }
        return { error: "not_in_list", values: { typed: typed.slice(0, 40) } };
      },
      write: function (input, q, response) { input.value = response; },
      expected: function (q) { return q.answers[0]; }
    },
    kfp: {
      scored: true, choiceFeedback: true,
      rows: function (q) { return q.shuffle ? ".choice" : null; },
      // Key features found over their count; more than ``select`` picked scores 0; a dangerous
      // action scores 0 (danger: zero) or takes one key feature's share (danger: penalty).
      fraction: function (q, response) {
        var picked = asIds(response).filter(function (id, i, all) { return all.indexOf(id) === i; });
        var known = q.choices.filter(function (c) { return picked.indexOf(c.id) >= 0; });
        if (!known.length || known.length > q.select) return 0;
        var keys = q.choices.filter(function (c) { return c.correct; }).length;
        var found = known.filter(function (c) { return c.correct; }).length;
        var harmful = known.filter(function (c) { return c.dangerous; }).length;
        if (harmful && q.danger === "zero") return 0;
        return Math.max(0, (found - harmful) / keys);
      },
      encode: function (q, response) { return TYPES.multiple.encode(q, response); },
      decode: function (q, text) { return TYPES.multiple.decode(q, text); },
      interaction: function (q, response, s) { return TYPES.single.interaction(q, response, s); },
      read: function (inputs, q) {
        var ids = checkedValues(inputs);
        if (!ids.length) return { error: true };
        if (ids.length > q.select) return { error: "kfp_too_many", values: { n: q.select, count: ids.length } };
        return { value: ids };
      },
      write: function (input, q, response) { input.checked = response.indexOf(input.value) >= 0; },
      expected: function (q, ui) { return ui.list(rightIds(q).map(ui.label)); }
    },
    hotspot: {
      scored: true,
      // The point "x,y" in the image's pixels is right inside any zone, edges included.
      fraction: function (q, response) {
        var p = hotspotPoint(q, response);
        return p && q.zones.some(function (z) { return insideZone(z, p[0], p[1]); }) ? 1 : 0;
      },
      encode: function (q, response) {
        var p = hotspotPoint(q, response);
        return p ? encodeNumber(p[0], 2) + encodeNumber(p[1], 2) : "";
      },
      decode: function (q, text) {
        if (text.length !== 4) return undefined;
        var x = decodeNumber(text.slice(0, 2));
        var y = decodeNumber(text.slice(2));
        return x !== null && y !== null && x <= q.width && y <= q.height ? x + "," + y : undefined;
      },
      // SCORM 1.2 has no hotspot interaction: the point goes as fill-in text, with no pattern.
      interaction: function (q, response) {
        return { type: "fill-in", response: response ? String(response) : null, correct: [] };
      },
      read: function (inputs) {
        var point = inputs.filter(function (i) { return i.name === "point"; })[0];
        return point && point.value ? { value: point.value } : { error: "hotspot_required" };
      },
      write: function (input, q, response) {
        var p = hotspotPoint(q, response);
        if (!p) return;
        if (input.name === "point") input.value = p[0] + "," + p[1];
        else if (input.name === "x" || input.name === "y") input.value = String(input.name === "x" ? p[0] : p[1]);
        if (input.name === "point") placeMarker(input.form, q, p[0], p[1]);
      },
      expected: function (q, ui) { return ui.t("hotspot_expected"); }
    }
  };

  function asText(q) { return { match: "normalized", answers: q.answers }; }

  var HOTSPOT_POINT = /^\s*(\d{1,4})\s*,\s*(\d{1,4})\s*$/;

  function hotspotPoint(q, response) {
    var m = typeof response === "string" ? HOTSPOT_POINT.exec(response) : null;
    if (!m) return null;
    var x = Number(m[1]), y = Number(m[2]);
    return x <= q.width && y <= q.height ? [x, y] : null;
  }

  function insideZone(zone, x, y) {
    var v = zone.values;
    if (zone.shape === "rect") return v[0] <= x && x <= v[0] + v[2] && v[1] <= y && y <= v[1] + v[3];
    if (zone.shape === "circle") return (x - v[0]) * (x - v[0]) + (y - v[1]) * (y - v[1]) <= v[2] * v[2];
    var found = false;
    for (var i = 0, n = v.length / 2; i < n; i++) {
      var x1 = v[2 * i], y1 = v[2 * i + 1], x2 = v[(2 * i + 2) % v.length], y2 = v[(2 * i + 3) % v.length];
      var onLine = (x2 - x1) * (y - y1) === (x - x1) * (y2 - y1);
      if (onLine && Math.min(y1, y2) <= y && y <= Math.max(y1, y2) && Math.min(x1, x2) <= x && x <= Math.max(x1, x2)) return true;
      if ((y1 > y) !== (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1)) found = !found;
    }
    return found;
  }

  // The visible crosshair at (x, y) image pixels, placed in percent so that it follows the
  // image at any displayed size.
  function placeMarker(form, q, x, y) {
    var marker = form && form.querySelector(".hotspot-marker");
    if (!marker) return;
    marker.style.left = (100 * x / q.width) + "%";
    marker.style.top = (100 * y / q.height) + "%";
    marker.hidden = false;
  }

  /** The type of a question; a type this runtime does not know is a packaging bug, said loudly. */
  function typeOf(q) {
    if (!Object.prototype.hasOwnProperty.call(TYPES, q.type)) throw new Error("ehealth: unknown question type " + JSON.stringify(q.type));
    return TYPES[q.type];
  }

  function fractionRight(q, response) { return typeOf(q).fraction(q, response); }
  function encodeResponse(q, response) { return typeOf(q).encode(q, response); }

  /** The response a saved record stands for; undefined when it does not fit the question. */
  function decodeResponse(q, text) {
    if (text === "") return null; // count kept, response not recorded
    return typeOf(q).decode(q, text);
  }

  // Pages seen by key, as questions: pages inserted, removed or moved by an update keep them.
  function encodeState(data, state) {
    var pages = data.pages.filter(function (p) { return state.visited[p]; }).map(questionKey).join("");
    var draws = data.pools.map(function (pool) {
      var drawn = state.draws[pool.name] || [];
      return encodeMask(pool.questions.map(function (id) { return drawn.indexOf(id) >= 0; }));
    }).join(".");
    var records = [];
    data.questions.forEach(function (q) {
      var answer = state.answers[q.id];
      if (!answer) return;
      var response = answer.response === null ? "" : encodeResponse(q, answer.response);
      records.push(questionKey(q.id) + DIGITS[Math.min(answer.count, 63)] + response);
    });
    return ["E2", pages, draws, records.join(",")].join("~");
  }

  /** Saved state, or a fresh one; never throws: old or damaged state must not stop a learner. */
  function decodeState(data, text) {
    var state = { visited: {}, draws: {}, answers: {} };
    try {
      var parts = typeof text === "string" ? text.split("~") : [];
      if (parts.length !== 4 || (parts[0] !== "E2" && parts[0] !== "E1")) return state;
      if (parts[0] === "E1") {
        // Pages seen by position, in a page list the state does not name: read only against the
        // list a build with --previous embedded (e1Pages), else dropped; never guessed.
        if (decodeNumber(parts[1]) === null) return state;
        var old = data.e1Pages;
        var bits = old ? decodeMask(parts[1], old.length) : null; // a bit past the list: not that list
        if (bits) old.forEach(function (p, i) { if (bits[i] && data.pages.indexOf(p) >= 0) state.visited[p] = true; });
      } else {
        var pageByKey = Object.create(null); // a key two pages share marks neither (the build refuses it)
        data.pages.forEach(function (p) { var k = questionKey(p); pageByKey[k] = k in pageByKey ? null : p; });
        for (var at = 0; at + 3 <= parts[1].length; at += 3) {
          var seen = pageByKey[parts[1].slice(at, at + 3)];
          if (seen) state.visited[seen] = true;
        }
      }
      var masks = parts[2] ? parts[2].split(".") : [];
      data.pools.forEach(function (pool, i) {
        var drawn = masks[i] === undefined ? null : decodeMask(masks[i], pool.questions.length);
        var ids = drawn ? pool.questions.filter(function (id, k) { return drawn[k]; }) : [];
        if (drawn && ids.length === Math.min(pool.pick, pool.questions.length)) state.draws[pool.name] = ids;
      });
      var byKey = {};
      data.questions.forEach(function (q) { byKey[questionKey(q.id)] = byKey[questionKey(q.id)] || q; });
      (parts[3] ? parts[3].split(",") : []).forEach(function (record) {
        var q = byKey[record.slice(0, 3)];
        var count = record.length >= 4 ? decodeNumber(record[3]) : null;
        if (!q || count === null || count < 1) return;
        var response = decodeResponse(q, record.slice(4));
        if (response !== undefined) state.answers[q.id] = { count: count, response: response };
      });
    } catch (err) {
      return { visited: {}, draws: {}, answers: {} };
    }
    return state;
  }

  /* ---------- Time formats ---------- */

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  // SCORM 1.2 CMITimespan with 2 to 4 hour digits (Moodle rejects other widths).
  function timespan12(ms) {
    var cs = Math.min(Math.round(ms / 10), 9999 * 360000 + 359999);
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var s = Math.floor(cs / 100) % 60;
    return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  // SCORM 2004 duration: no weeks, at most 2 decimals, never ending in P or T.
  function duration2004(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var rest = cs % 6000;
    var seconds = String(Math.floor(rest / 100)) + (rest % 100 ? "." + pad(rest % 100, 2).replace(/0$/, "") : "");
    var out = "PT" + (h ? h + "H" : "") + (m ? m + "M" : "");
    return rest || out === "PT" ? out + seconds + "S" : out;
  }

  // 2004 timestamp, local time without zone, one fractional digit: toISOString() has three.
  function timestamp2004(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) +
      "T" + pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2) +
      "." + Math.floor(date.getMilliseconds() / 100);
  }

  function time12(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /* ---------- LMS adapters ---------- */

  function findApi(name) {
    function climb(win) {
      for (var n = 0; win && n <= 500; n++) {
        try { if (win[name]) return win[name]; } catch (err) { return null; } // cross-origin
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      }
      return null;
    }
    var api = climb(window);
    if (!api) {
      try { if (window.opener) api = climb(window.opener); } catch (err) { api = null; }
    }
    return api;
  }

  // Moodle checks SCORM 2004 decimals (scores, weights, numeric responses) against at most 5
  // integer digits, stricter than the standard: a longer value is refused with error 406.
  var MOODLE_2004_DIGITS = 5;

  // The two SCORM versions differ only in names and formats: one adapter, two vocabularies.
  var SCORM = {
    scorm12: {
      api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError",
      location: "cmi.core.lesson_location", exit: "cmi.core.exit", suspendExit: "suspend",
      normalExit: "", session: "cmi.core.session_time", sessionFormat: timespan12,
      mode: "cmi.core.lesson_mode", score: "cmi.core.score.", wrong: "wrong",
      response: "student_response"
    },
    scorm2004: {
      api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue",
      commit: "Commit", finish: "Terminate", error: "GetLastError",
      location: "cmi.location", exit: "cmi.exit", suspendExit: "suspend",
      normalExit: "normal", session: "cmi.session_time", sessionFormat: duration2004,
      mode: "cmi.mode", score: "cmi.score.", wrong: "incorrect",
      response: "learner_response"
    }
  };

  function scormLms(target, api) {
    var v = SCORM[target];
    var is2004 = target === "scorm2004";
    var started = Date.now();
    var terminated = false;
    var lms = { kind: "scorm", errors: [] };

    function call(method, args) {
      var result = String(api[method].apply(api, args));
      var code = String(api[v.error]());
      if (code !== "0" && code !== "") lms.errors.push(method + "(" + args.join(", ") + ") → " + code);
      return result;
    }
    function set(element, value) { call(v.set, [element, String(value)]); }
    function get(element) { return call(v.get, [element]); }

    // A GetValue the LMS may answer with 403 ("not initialized", 2004) is a normal "none".
    function peek(element) {
      var value = String(api[v.get](element));
      var code = String(api[v.error]());
      return code === "0" || code === "" ? value : "";
    }

    lms.start = function () {
      if (String(api[v.init]("")) !== "true") return false;
      var mode = get(v.mode);
      var normal = !/^(review|browse)$/.test(mode); // some LMSs leave the mode empty
      // A finished attempt (Moodle relaunches it in review mode; other LMSs may relaunch it in
      // normal mode) is shown as it ended, never as a blank quiz that takes answers again.
      lms.finished = normal && (is2004
        ? get("cmi.completion_status") === "completed"
        : /^(passed|failed|completed)$/.test(get("cmi.core.lesson_status")));
      lms.readOnly = mode === "review" || lms.finished;
      lms.review = lms.readOnly || mode === "browse"; // nothing of the attempt is written
      var resumed = lms.readOnly || (is2004 ? get("cmi.entry") === "resume" : normal);
      lms.saved = resumed && mode !== "browse" ? peek("cmi.suspend_data") : "";
      lms.bookmark = lms.saved ? peek(v.location) : "";
      // The LMS's pass mark decides (Moodle's "mastery score overrides status" compares with it).
      var mastery = is2004 ? parseFloat(peek("cmi.scaled_passing_score")) * 100
        : parseFloat(get("cmi.student_data.mastery_score"));
      if (isFinite(mastery) && mastery >= 0 && mastery <= 100) lms.mastery = Math.round(mastery * 100) / 100;
      return true;
    };

    // The score and the final status are written together, once the module is completed:
    // an LMS that derives the status from the score (Moodle's default mastery override) must
    // never see a partial score, or a learner who leaves midway would be failed for good.
    lms.save = function (text, bookmark, outcome) {
      if (terminated || lms.review) return;
      set("cmi.suspend_data", text);
      set(v.location, bookmark);
      set(v.exit, outcome.completed ? v.normalExit : v.suspendExit);
      if (outcome.completed) {
        set(v.score + "min", 0);
        set(v.score + "max", 100);
        set(v.score + "raw", outcome.score);
        if (is2004) set("cmi.score.scaled", Math.round(outcome.score * 100) / 10000);
      }
      if (is2004) {
        set("cmi.completion_status", outcome.completed ? "completed" : "incomplete");
        set("cmi.success_status", outcome.completed ? (outcome.passed ? "passed" : "failed") : "unknown");
      } else {
        set("cmi.core.lesson_status", outcome.completed ? (outcome.passed ? "passed" : "failed") : "incomplete");
      }
    };

    lms.commit = function () { if (!terminated && !lms.readOnly) call(v.commit, [""]); };

    lms.record = function (q, response, result, latencyMs) {
      if (terminated || lms.review) return;
      var n = parseInt(get("cmi.interactions._count"), 10) || 0;
      var base = "cmi.interactions." + n + ".";
      var f = interactionFormats(q, response, is2004, is2004 ? MOODLE_2004_DIGITS : 0);
      set(base + "id", q.id); // id then type first: 2004 answers error 408 otherwise
      set(base + "type", f.type);
      if (is2004) {
        if (q.description) set(base + "description", q.description.slice(0, 250));
        set(base + "timestamp", timestamp2004(new Date()));
        set(base + "latency", duration2004(latencyMs));
      } else {
        set(base + "time", time12(new Date()));
        set(base + "latency", timespan12(latencyMs));
      }
      // Moodle: SCORM 1.2 weights are decimals from -100 to 100, 2004 ones have 5 integer digits.
      var weight = decimalText(q.points, is2004 ? MOODLE_2004_DIGITS : 3);
      if (isScored(q) && weight !== null && (is2004 || q.points <= 100)) set(base + "weighting", weight);
      f.correct.forEach(function (pattern, i) { set(base + "correct_responses." + i + ".pattern", pattern); });
      if (f.response !== null) set(base + v.response, f.response);
      set(base + "result", result === "neutral" ? "neutral" : result === "correct" ? "correct" : v.wrong);
    };

    lms.terminate = function (text, bookmark, outcome) {
      if (terminated) return;
      lms.save(text, bookmark, outcome);
      if (!lms.readOnly) {
        set(v.session, v.sessionFormat(Date.now() - started));
        call(v.commit, [""]);
      }
      terminated = true;
      call(v.finish, [""]);
    };
    return lms;
  }

  /* A number as SCORM and xAPI write decimals: no exponent, at most 18 decimals, and at most
   * ``intDigits`` integer digits (Moodle's SCORM 2004 decimals allow 5); null when it cannot be. */
  function decimalText(n, intDigits) {
    if (typeof n !== "number" || !isFinite(n)) return null;
    var text = String(n);
    if (/e/i.test(text) || /\.\d{19}/.test(text)) {
      if (Math.abs(n) >= 1e21) return null;
      text = n.toFixed(18).replace(/\.?0+$/, "");
    }
    var digits = text.replace(/^-/, "").split(".")[0].length;
    return digits <= (intDigits || Infinity) ? text : null;
  }

  // Interaction type, learner response and correct patterns in the version's syntax; a
  // response that cannot be written within ``intDigits`` integer digits is null.
  function interactionFormats(q, response, is2004, intDigits) {
    var syntax = { is2004: is2004, sep: is2004 ? "[,]" : ",", dot: is2004 ? "[.]" : ".", intDigits: intDigits };
    return typeOf(q).interaction(q, response, syntax);
  }

  function webLms(moduleId) {
    var key = "ehealth:" + moduleId + ":";
    var lms = { kind: "web", errors: [], review: false };
    function read(name) { try { return window.localStorage.getItem(key + name) || ""; } catch (err) { return ""; } }
    function write(name, value) { try { window.localStorage.setItem(key + name, value); } catch (err) { /* private mode: keep going */ } }
    lms.start = function () { lms.saved = read("state"); lms.bookmark = read("page"); return true; };
    lms.save = function (text, bookmark) { write("state", text); write("page", bookmark); };
    lms.commit = function () {};
    lms.record = function () {};
    lms.terminate = function (text, bookmark) { lms.save(text, bookmark); };
    return lms;
  }

  /* ---------- User interface ---------- */

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  // The same new order for every menu of the form, the empty first option kept first; only the
  // display order changes, so what is saved and scored (the values) does not.
  function shuffleOptions(form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = selects.length ? selects[0].options.length - 1 : 0;
    if (count < 2) return;
    var order = [];
    for (var i = 0; i < count; i++) order.push(i);
    do { shuffle(order); } while (order.every(function (v, k) { return v === k; }));
    selects.forEach(function (select) {
      var options = Array.prototype.slice.call(select.options, 1);
      order.forEach(function (k) { select.appendChild(options[k]); });
    });
  }

  /* ---------- Drag and drop for ordering and matching ----------
   * The <select> menus stay the answer (read, saved, reported as before) and the keyboard path;
   * dragging (pointer events: mouse, pen, touch) and the move buttons only set them. */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function all(node, selector) { return Array.prototype.slice.call(node.querySelectorAll(selector)); }

  function announce(form, text) {
    var live = form.querySelector(".moves");
    if (!live) { live = form.appendChild(el("p", "moves visually-hidden")); live.setAttribute("aria-live", "polite"); }
    live.textContent = text;
  }

  function rowLabel(row) { return row.querySelector("label").textContent.replace(/\s+/g, " ").trim(); }

  // ``end(x, y, dropped)`` once the pointer that went down on ``grip`` is released.
  function draggable(grip, follow, end) {
    grip.addEventListener("pointerdown", function (down) {
      if (down.button > 0 || grip.closest("form").querySelector("button:disabled")) return;
      down.preventDefault();
      grip.setPointerCapture(down.pointerId);
      grip.classList.add("dragging");
      function move(e) { follow.style.transform = "translate(" + (e.clientX - down.clientX) + "px," + (e.clientY - down.clientY) + "px)"; }
      function up(e) {
        ["pointermove", "pointerup", "pointercancel"].forEach(function (type, i) { grip.removeEventListener(type, i ? up : move); });
        grip.classList.remove("dragging");
        follow.style.transform = "";
        end(e.clientX, e.clientY, e.type === "pointerup");
      }
      ["pointermove", "pointerup", "pointercancel"].forEach(function (type, i) { grip.addEventListener(type, i ? up : move); });
    });
  }

  function rowAt(rows, x, y) {
    return rows.filter(function (row) {
      var r = row.getBoundingClientRect();
      return y >= r.top && y <= r.bottom && x >= r.left && x <= r.right;
    })[0];
  }

  function arrange(form, q, t) {
    var rows = all(form, ".row");
    if (!rows.length) return;
    if (q.items) {
      rows.forEach(function (row) {
        var select = row.querySelector("select");
        row.querySelector("label").id = select.id + "--label";
        // Moved rows give every menu its rank: the order on screen is the answer.
        var place = function (before) {
          row.parentNode.insertBefore(row, before);
          var now = all(form, ".row");
          now.forEach(function (r, i) { r.querySelector("select").value = String(i + 1); });
          announce(form, t("moved", { item: rowLabel(row), n: now.indexOf(row) + 1, total: now.length }));
        };
        var grip = row.insertBefore(el("span", "grip"), row.firstChild);
        var tools = row.appendChild(el("span", "moves-buttons"));
        [-1, 1].forEach(function (step) {
          var b = tools.appendChild(el("button", step < 0 ? "up" : "down", t(step < 0 ? "move_up" : "move_down")));
          b.type = "button";
          b.setAttribute("aria-describedby", select.id + "--label");
          b.addEventListener("click", function () {
            var other = step < 0 ? row.previousElementSibling : row.nextElementSibling;
            if (!other || !other.classList.contains("row")) return;
            place(step < 0 ? other : other.nextSibling);
            b.focus();
          });
        });
        // The row moves on release: moved while dragged, it would leave the document and lose the pointer.
        draggable(grip, row, function (x, y, dropped) {
          var over = dropped && rowAt(all(form, ".row").filter(function (r) { return r !== row; }), row.getBoundingClientRect().left + 1, y);
          if (over) place(over.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_PRECEDING ? over.nextSibling : over);
        });
      });
      return;
    }
    // Matching: the right sides as tiles to drop on a left side (pointer only: the menus are
    // the same choices for the keyboard and screen readers).
    var bank = rows[0].parentNode.insertBefore(el("div", "bank"), rows[0]);
    bank.setAttribute("aria-hidden", "true");
    Array.prototype.slice.call(rows[0].querySelector("select").options, 1).forEach(function (option) {
      var tile = bank.appendChild(el("span", "tile grip", option.textContent));
      draggable(tile, tile, function (x, y, dropped) {
        var row = dropped && rowAt(rows, x, y);
        if (!row) return;
        row.querySelector("select").value = option.value;
        announce(form, t("matched", { item: rowLabel(row), choice: option.textContent }));
      });
    });
  }

  function formatNumber(n, lang) {
    return String(n).replace(".", lang === "fr" ? "," : ".");
  }

  function start() {
    var root = document.getElementById("ehealth");
    var dataNode = document.getElementById("ehealth-data");
    if (!root || !dataNode) return;
    var data = JSON.parse(dataNode.textContent);
    // cmi5 and xapi packages load runtime/xapi.js first: the launch is asynchronous (token,
    // launch data, saved state), so the module starts once it is known where to report.
    if (XAPI_TARGETS[data.target] && window.ehealthXapi) {
      var tools = { duration: duration2004, interaction: interactionFormats };
      window.ehealthXapi.connect(data, tools).then(function (lms) { run(root, data, lms); },
        function () { run(root, data, null); });
    } else {
      run(root, data, null);
    }
  }

  var XAPI_TARGETS = { cmi5: true, xapi: true };

  function run(root, data, remote) {
    data.pools = data.pools || [];
    var lang = (data.module.lang || "fr").slice(0, 2) === "en" ? "en" : "fr";
    // The words come from the embedded data only (packager/strings.py): one catalogue per language.
    var strings = data.strings || {};
    var t = function (name, values) {
      return String(strings[name] || "").replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
    };
    var questions = {};
    data.questions.forEach(function (q) { questions[q.id] = q; });
    var pages = data.pages.map(function (id) { return root.querySelector('section[data-page-id="' + cssEscape(id) + '"]'); });
    var nav = {
      prev: root.querySelector('[data-nav="prev"]'),
      next: root.querySelector('[data-nav="next"]'),
      finish: root.querySelector('[data-nav="finish"]'),
      exit: root.querySelector('[data-nav="exit"]')
    };
    var results = document.getElementById("ehealth-results");
    var notice = root.querySelector(".lms-notice");
    var progress = root.querySelector("[data-progress], .progress");

    var lms = remote;
    var scormTarget = SCORM[data.target] ? data.target : null;
    if (scormTarget) {
      var api = findApi(SCORM[scormTarget].api);
      if (api) {
        lms = scormLms(scormTarget, api);
        if (!lms.start()) lms = null;
      }
    }
    var fallback = !lms;
    if (!lms) { lms = webLms(data.module.id); lms.start(); }
    if (fallback && data.target !== "web" && notice) notice.textContent = t(XAPI_TARGETS[data.target] ? "no_launch" : "no_lms");
    lms.onStatus = function (key) { if (notice) notice.textContent = key ? t(key) : ""; };
    if (typeof lms.mastery === "number") data.module.mastery = lms.mastery;
    if (lms.lang && lms.lang !== lang && data.ui && data.ui[lms.lang]) {
      // The learner's preferred language (cmi5 learner preferences) for the player's own
      // words; the module's content stays in its language.
      strings = data.ui[lms.lang];
      relabel(root, lms.lang, t);
    }

    var state = decodeState(data, lms.saved);
    data.pools.forEach(function (pool) {
      if (state.draws[pool.name]) return;
      var picked = shuffle(pool.questions.slice()).slice(0, pool.pick);
      state.draws[pool.name] = pool.questions.filter(function (id) { return picked.indexOf(id) >= 0; });
    });
    var shown = data.questions.filter(function (q) {
      return !q.pool || (state.draws[q.pool] || []).indexOf(q.id) >= 0;
    });
    var finished = false;
    var current = Math.max(0, data.pages.indexOf(lms.bookmark));
    var pageShownAt = Date.now();

    root.classList.add("ehealth-running");
    document.documentElement.classList.remove("no-js");

    function outcome() {
      var earned = {};
      var submitted = 0;
      var unanswered = 0;
      shown.forEach(function (q) {
        var a = state.answers[q.id];
        if (a) { earned[q.id] = score(q, a.response).points; submitted++; } else if (isScored(q)) unanswered++;
      });
      var unseen = data.pages.filter(function (p) { return !state.visited[p]; }).length;
      var s = moduleScore(shown, earned);
      var completed = unseen === 0 && unanswered === 0;
      return {
        score: s, completed: completed, passed: completed && s >= data.module.mastery,
        submitted: submitted > 0, unseen: unseen, unanswered: unanswered
      };
    }

    function save(commit) {
      lms.save(encodeState(data, state), data.pages[current], outcome());
      if (commit) lms.commit();
    }

    /* The shell around the pages: cover, page menu, progress bar, results (issue 13). */

    var bar = root.querySelector(".progress-bar");
    var menu = document.getElementById("ehealth-menu");
    var toggle = root.querySelector(".menu-toggle");
    var cover = root.querySelector(".cover");
    var startLink = root.querySelector("[data-start]");
    var menuLinks = menu ? Array.prototype.slice.call(menu.querySelectorAll("a[data-page-link]")) : [];
    var resumeAt = current;
    var ARIA_PAGE = "page"; // aria-current's token, not a word shown to the learner

    function el(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    }

    function answeredAll(pageId) {
      return shown.every(function (q) { return q.page !== pageId || !isScored(q) || state.answers[q.id]; });
    }

    // Where the cover's resume button (cover_resume) leads: the bookmark the launch opened at,
    // else the furthest page seen.
    function resumeIndex() {
      var furthest = resumeAt;
      data.pages.forEach(function (p, i) { if (state.visited[p] && i > furthest) furthest = i; });
      return resumeAt > 0 ? resumeAt : furthest;
    }

    function updateShell() {
      var seen = 0;
      menuLinks.forEach(function (a, i) {
        var id = data.pages[i];
        var mark = !state.visited[id] ? "" : answeredAll(id) ? "done" : "visited";
        if (mark) seen++;
        if (i === current) a.setAttribute("aria-current", ARIA_PAGE); else a.removeAttribute("aria-current");
        a.setAttribute("data-mark", mark);
        a.lastChild.textContent = mark ? " (" + t(mark === "done" ? "page_done" : "page_visited") + ")" : "";
      });
      if (bar) bar.value = seen;
      if (cover) cover.hidden = current !== 0;
      if (startLink) startLink.textContent = t(resumeIndex() > 0 ? "cover_resume" : "cover_start");
    }

    function pageTitle(id) {
      var a = menuLinks[data.pages.indexOf(id)];
      return a ? a.firstChild.textContent : id;
    }

    // A question is named by its prompt as shown (with the page's typography), else its description.
    function promptText(q) {
      var legend = root.querySelector('form[data-question-id="' + cssEscape(q.id) + '"] legend');
      if (!legend) return q.description;
      // The number is a block of its own in the form; in one line of text it needs a separator.
      var number = legend.querySelector(".question-number");
      var head = number ? number.textContent : "";
      var whole = legend.textContent;
      if (head && whole.indexOf(head) === 0) whole = head + " — " + whole.slice(head.length);
      return whole.replace(/\s+/g, " ").trim();
    }

    function pageLink(pageId, q) {
      var text = q ? promptText(q) : pageTitle(pageId);
      var a = el("a", null, text.length > 90 ? text.slice(0, 89) + "…" : text);
      a.href = "#title-" + pageId;
      a.setAttribute("data-page-link", pageId);
      if (q) a.setAttribute("data-question", q.id);
      var li = el("li");
      li.appendChild(a);
      if (q) li.appendChild(document.createTextNode(" — " + pageTitle(pageId)));
      return li;
    }

    function list(title, items) {
      if (!items.length) return;
      results.appendChild(el("h3", null, title));
      var ul = el("ul", "results-list");
      items.forEach(function (li) { ul.appendChild(li); });
      results.appendChild(ul);
    }

    function percent(n) { return formatNumber(Math.floor(n + EPSILON), lang); }

    function banner(kind, text) {
      var box = el("div", "banner banner-" + kind);
      box.appendChild(el("span", "banner-icon")).setAttribute("aria-hidden", String(true));
      box.appendChild(el("p", "verdict", text));
      results.appendChild(box);
    }

    function byCompetency() {
      var totals = {};
      var order = [];
      shown.forEach(function (q) {
        if (!isScored(q) || !q.competency) return;
        if (!totals[q.competency]) { totals[q.competency] = { got: 0, all: 0 }; order.push(q.competency); }
        var a = state.answers[q.id];
        totals[q.competency].all += q.points;
        totals[q.competency].got += a ? score(q, a.response).points : 0;
      });
      return order.map(function (id) {
        var share = totals[id].got / totals[id].all * 100;
        var li = el("li", "competency");
        li.appendChild(el("span", "competency-name", id + " " + ((data.competencies || {})[id] || "")));
        li.appendChild(el("span", "competency-score", t("score_rounded", { score: percent(share) })));
        var gauge = li.appendChild(el("span", "gauge"));
        gauge.setAttribute("aria-hidden", String(true));
        gauge.appendChild(el("span")).style.width = Math.floor(share) + "%";
        return li;
      });
    }

    function showResults() {
      var o = outcome();
      if (!results) return;
      results.textContent = "";
      results.appendChild(el("h2", "results-title", t("results")));
      results.hidden = false;
      if (!o.completed) {
        // "Terminer" before the end: what is left, with links, and the choice to finish anyway.
        banner("todo", t("incomplete"));
        list(t("remaining_pages"), data.pages.filter(function (p) { return !state.visited[p]; })
          .map(function (p) { return pageLink(p); }));
        list(t("remaining_questions"), shown.filter(function (q) { return isScored(q) && !state.answers[q.id]; })
          .map(function (q) { return pageLink(q.page, q); }));
        if (finished || lms.readOnly) { results.appendChild(el("p", null, t("next_new_attempt"))); return; }
        var anyway = results.appendChild(el("button", "secondary", t("finish_anyway")));
        anyway.type = "button";
        anyway.setAttribute("data-nav", "confirm-finish");
        anyway.addEventListener("click", finish);
        return;
      }
      banner(o.passed ? "pass" : "fail", t(o.passed ? "passed" : "failed"));
      var figures = results.appendChild(el("p", "score-line"));
      figures.appendChild(el("strong", "score-big", t("score", { score: percent(o.score) })));
      figures.appendChild(el("span", "mastery", t("mastery", { mastery: formatNumber(data.module.mastery, lang) })));
      if (finished) results.appendChild(el("p", null, t("completed")));
      list(t("by_competency"), byCompetency());
      var missed = shown.filter(function (q) {
        var a = state.answers[q.id];
        return isScored(q) && a && score(q, a.response).state !== "correct";
      });
      list(t("missed"), missed.map(function (q) { return pageLink(q.page, q); }));
      var next = [];
      if (missed.length) next.push(t("next_review"));
      var retry = missed.filter(function (q) { return state.answers[q.id].count < q.attempts; }).length;
      if (!finished && !lms.readOnly) {
        if (retry) next.push(t("next_retry", { n: retry }));
        next.push(t("next_finish"));
      } else {
        next.push(t(o.passed ? "next_passed" : "next_new_attempt"));
      }
      results.appendChild(el("h3", null, t("next_steps")));
      next.forEach(function (line) { results.appendChild(el("p", null, line)); });
    }

    function focusResults() {
      if (!results) return;
      results.setAttribute("tabindex", "-1");
      // Its top (the verdict) in view, under the sticky header, however long the list below.
      results.focus({ preventScroll: true });
      results.scrollIntoView({ block: "start" });
    }

    function finish() {
      finished = true;
      lms.terminate(encodeState(data, state), data.pages[current], outcome());
      root.querySelectorAll("form[data-question-id] input, form[data-question-id] select, form[data-question-id] button")
        .forEach(function (c) { c.disabled = true; });
      if (nav.finish) nav.finish.disabled = true;
      if (nav.exit && lms.exit && lms.returnURL) nav.exit.hidden = false;
      showResults();
      focusResults();
    }

    function menuOpen() { return !!toggle && toggle.getAttribute("aria-expanded") === "true"; }

    function closeMenu(focusToggle) {
      if (!menuOpen()) return;
      toggle.setAttribute("aria-expanded", String(false));
      menu.classList.remove("open");
      if (focusToggle) toggle.focus();
    }

    if (toggle && menu) {
      toggle.addEventListener("click", function () {
        if (menuOpen()) { closeMenu(true); return; }
        toggle.setAttribute("aria-expanded", String(true));
        menu.classList.add("open");
        var here = menu.querySelector('[aria-current="page"]') || menuLinks[0];
        if (here) here.focus();
      });
      root.addEventListener("keydown", function (event) { if (event.key === "Escape" && menuOpen()) closeMenu(true); });
      // A drawer, not a dialog: leaving it (focus or pointer) closes it.
      root.addEventListener("focusin", function (event) {
        if (menuOpen() && !menu.contains(event.target) && event.target !== toggle) closeMenu(false);
      });
      document.addEventListener("click", function (event) {
        if (menuOpen() && !menu.contains(event.target) && !toggle.contains(event.target)) closeMenu(false);
      });
    }

    // Menu entries, the cover's button and the results' links: one page (and question) to show.
    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-page-link], a[data-start]") : null;
      if (!link) return;
      event.preventDefault();
      closeMenu(false);
      var index = link.hasAttribute("data-start") ? resumeIndex() : data.pages.indexOf(link.getAttribute("data-page-link"));
      if (index < 0) return;
      if (index !== current || !link.hasAttribute("data-start")) { go(index, true); save(true); }
      var target = link.hasAttribute("data-question") ?
        root.querySelector('form[data-question-id="' + cssEscape(link.getAttribute("data-question")) + '"]') :
        pages[index] && pages[index].querySelector("h1");
      if (target) { target.setAttribute("tabindex", "-1"); target.focus(); target.scrollIntoView({ block: "start" }); }
    });

    function go(index, focus) {
      current = Math.min(Math.max(index, 0), pages.length - 1);
      pages.forEach(function (section, i) { if (section) section.hidden = i !== current; });
      if (!state.visited[data.pages[current]] && lms.visit) {
        var title = pages[current] && pages[current].querySelector("h1");
        lms.visit(data.pages[current], title ? title.textContent : "");
      }
      state.visited[data.pages[current]] = true;
      var last = current === pages.length - 1;
      if (nav.prev) nav.prev.disabled = current === 0;
      if (nav.next) nav.next.disabled = last;
      if (nav.finish) nav.finish.hidden = !last;
      if (progress) progress.textContent = t("page_progress", { current: current + 1, total: pages.length });
      updateShell();
      if (results) {
        if (last && outcome().completed) showResults(); else if (!finished) results.hidden = true;
      }
      pageShownAt = Date.now();
      if (focus) {
        var heading = pages[current] && pages[current].querySelector("h1, h2");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
        window.scrollTo(0, 0);
      }
    }

    /* Questions: controls in, responses out. */

    function controls(form) { return Array.prototype.slice.call(form.querySelectorAll("input, select, textarea")); }

    function readResponse(form, q) { return typeOf(q).read(controls(form), q); }

    function writeResponse(form, q, response) {
      if (response === null || response === undefined) return;
      var type = typeOf(q);
      controls(form).forEach(function (input) { type.write(input, q, response, { lang: lang }); });
    }

    // Once no attempt is left, the learner is told the right answer in words, read from the
    // form's own labels so that it matches what they saw.
    function labelText(form, id) {
      var label = form.querySelector('label[for="' + cssEscape(form.getAttribute("data-question-id") + "--" + id) + '"]');
      return label ? label.textContent.replace(/\s+/g, " ").trim() : id;
    }

    function expectedAnswer(form, q) {
      return typeOf(q).expected(q, {
        t: t,
        lang: lang,
        label: function (id) { return labelText(form, id); },
        // Items, said as a list once there are several (issue 13): showAnswer lays them out.
        list: function (items, ordered) { items.ordered = !!ordered; return items; },
        number: function (n) { return formatNumber(n, lang); },
        selects: function () { return Array.prototype.slice.call(form.querySelectorAll("select")); }
      });
    }

    function appendTemplate(target, template) {
      if (!template) return;
      var box = document.createElement("div");
      box.appendChild(template.content.cloneNode(true));
      target.appendChild(box);
    }

    // One level below the nearest heading before the form, so that the explanation title sits in the outline.
    function headingBelow(form) {
      var level = 1;
      form.closest("section").querySelectorAll("h1, h2, h3, h4, h5").forEach(function (h) {
        // Another question's own headings (its explanation) are not the outline of this one.
        if (!h.closest("form") && h.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) level = Number(h.tagName[1]);
      });
      return "h" + Math.min(level + 1, 6);
    }

    function showAnswer(form, q, answer) {
      var result = score(q, answer.response);
      var done = answer.count >= q.attempts || result.state === "correct" || result.state === "neutral";
      form.setAttribute("data-state", result.state);
      var left = form.querySelector('[data-meta="attempts"]');
      if (left) left.textContent = t("attempts_left", { n: Math.max(q.attempts - answer.count, 0) });
      var box = form.querySelector('[role="status"]');
      if (box) {
        box.textContent = "";
        // The verdict is always said, in words; the author's feedback adds to it.
        box.appendChild(el("p", "verdict", t(result.state)));
        appendTemplate(box, form.querySelector('template[data-feedback="' + result.state + '"]'));
        var note = typeOf(q).note ? typeOf(q).note(q, answer.response) : null;
        if (note) box.appendChild(el("p", "note", t(note)));
        [].concat(typeOf(q).choiceFeedback ? answer.response || [] : []).forEach(function (id) {
          var own = form.querySelector('template[data-choice-feedback="' + cssEscape(id) + '"]');
          if (!own) return;
          box.appendChild(el("p", "choice-about", t("choice_about", { choice: labelText(form, id) })));
          appendTemplate(box, own);
        });
        if (!done) {
          box.appendChild(el("p", "", t("attempts_left", { n: q.attempts - answer.count })));
        } else {
          if (result.state !== "correct" && result.state !== "neutral") {
            box.appendChild(el("p", "", t("no_attempt_left")));
            var expected = expectedAnswer(form, q);
            var several = Array.isArray(expected) && expected.length > 1;
            box.appendChild(el("p", "expected-answer", t("expected_answer", { answer: several ? "" : String(expected) }).trim()));
            if (several) {
              var list = el(expected.ordered ? "ol" : "ul", "expected-list");
              expected.forEach(function (item) { list.appendChild(el("li", "", item)); });
              box.appendChild(list);
            }
          }
          markChoices(form, q);
          var explanation = form.querySelector("template[data-explanation]");
          if (explanation) {
            box.appendChild(el(headingBelow(form), "explanation-title", t("explanation")));
            appendTemplate(box, explanation);
          }
        }
      }
      controls(form).concat(Array.prototype.slice.call(form.querySelectorAll("button"))).forEach(function (c) {
        c.disabled = done;
      });
      return done;
    }

    // After the last attempt each choice or row says whether it was right, with an icon (CSS)
    // and words for screen readers, tied to its control by aria-describedby.
    function markChoices(form, q) {
      var right = q.choices ? rightIds(q) : typeof q.answer === "boolean" ? [String(q.answer)] : null;
      var words = { right: t("mark_right"), wrong: t("mark_wrong"), missed: t("mark_missed"),
                    rowRight: t("row_right"), rowWrong: t("row_wrong") };
      // Shown words (a type's own mark) are read by everyone; the others only by screen readers.
      function mark(control, kind, text, shown) {
        var holder = control.closest(".choice, .row");
        if (!holder || holder.querySelector(".mark")) return;
        var span = el("span", "mark mark-" + kind);
        span.appendChild(el("span", shown ? "mark-text" : "visually-hidden", text));
        span.id = control.id + "--mark";
        holder.classList.add("is-" + kind);
        holder.appendChild(span);
        control.setAttribute("aria-describedby", span.id);
      }
      var own = typeOf(q).mark;
      controls(form).forEach(function (c) {
        if (own) {
          var said = own(q, c.value, c.checked, t);
          if (said) mark(c, said.kind, said.text, true);
        } else if (right && (c.type === "radio" || c.type === "checkbox")) {
          var expected = right.indexOf(c.value) >= 0;
          if (c.checked) mark(c, expected ? "right" : "wrong", expected ? words.right : words.wrong);
          else if (expected) mark(c, "missed", words.missed);
        } else if (c.tagName === "SELECT" && (q.lefts || q.items)) {
          // Left side (or item) a goes with right side (or rank) 1, b with 2…
          var ok = c.value === String(c.name.charCodeAt(0) - 96);
          mark(c, ok ? "right" : "wrong", ok ? words.rowRight : words.rowWrong);
        }
      });
    }

    function say(form, message) {
      var box = form.querySelector('[role="status"]');
      if (box) box.textContent = message;
    }

    function submit(form, q) {
      var previous = state.answers[q.id];
      if (finished || lms.readOnly || (previous && previous.count >= q.attempts)) return;
      var read = readResponse(form, q);
      if (read.error) { say(form, t(typeof read.error === "string" ? read.error : "answer_required", read.values)); return; }
      var answer = { count: (previous ? previous.count : 0) + 1, response: read.value };
      state.answers[q.id] = answer;
      var done = showAnswer(form, q, answer);
      lms.record(q, answer.response, score(q, answer.response).state, Date.now() - pageShownAt);
      save(true);
      caseSteps.after(form);
      hotspots.refresh();
      if (done) {
        var box = form.querySelector('[role="status"]');
        if (box) { box.setAttribute("tabindex", "-1"); box.focus(); }
      }
      if (current === pages.length - 1 && outcome().completed) showResults();
      updateShell();
    }

    var number = 0;
    root.querySelectorAll("form[data-question-id]").forEach(function (form) {
      var q = questions[form.getAttribute("data-question-id")];
      if (!q) return;
      if (shown.indexOf(q) < 0) { form.hidden = true; form.classList.add("not-drawn"); return; }
      // Numbered among the questions this attempt shows, pool draws applied.
      var numberBox = form.querySelector(".question-number");
      if (numberBox) numberBox.textContent = t("question_number", { n: ++number });
      var left = form.querySelector('[data-meta="attempts"]');
      if (left) left.textContent = t("attempts_left", { n: q.attempts }); // in the learner's language (cmi5)
      var type = typeOf(q);
      var selector = type.rows ? type.rows(q) : null;
      var rows = selector ? Array.prototype.slice.call(form.querySelectorAll(selector)) : [];
      if (rows.length > 1) {
        var order = rows.map(function (r, i) { return i; });
        do { shuffle(order); } while (type.derange && order.every(function (v, i) { return v === i; }));
        var parent = rows[0].parentNode;
        var anchor = rows[rows.length - 1].nextSibling;
        order.forEach(function (i) { parent.insertBefore(rows[i], anchor); });
      }
      if (type.shuffleOptions) shuffleOptions(form);
      if (q.items || q.lefts) arrange(form, q, t);
      var answer = state.answers[q.id];
      if (answer) { writeResponse(form, q, answer.response); showAnswer(form, q, answer); }
      form.addEventListener("submit", function (event) { event.preventDefault(); submit(form, q); });
    });

    // Links inside the module (footnotes and their way back, "#anchor" links) go to the page
    // that holds their target, which may be hidden, and move the focus there.
    root.addEventListener("click", function (event) {
      if (event.defaultPrevented) return; // the menu's, the cover's and the results' links: handled above
      var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
      var target = link && document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var section = target && target.closest("section[data-page-id]");
      if (!section || pages.indexOf(section) < 0) return;
      event.preventDefault();
      if (pages.indexOf(section) !== current) { go(pages.indexOf(section), false); save(true); }
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "center" });
    });

    if (nav.prev) nav.prev.addEventListener("click", function () { go(current - 1, true); save(true); });
    if (nav.next) nav.next.addEventListener("click", function () { go(current + 1, true); save(true); });
    if (nav.finish) nav.finish.addEventListener("click", function () {
      // Before the end, "Terminer" says what is left instead of ending the attempt.
      if (!outcome().completed && !lms.readOnly && !finished) { showResults(); focusResults(); return; }
      finish();
    });
    if (nav.exit) nav.exit.addEventListener("click", function () { nav.exit.disabled = true; lms.exit(); });
    window.addEventListener("pagehide", function () {
      lms.terminate(encodeState(data, state), data.pages[current], outcome(), true);
    });
    if (lms.readOnly) {
      // Review, or a finished attempt: the learner sees the saved answers but cannot change them.
      root.querySelectorAll("form[data-question-id] input, form[data-question-id] select, form[data-question-id] button")
        .forEach(function (c) { c.disabled = true; });
    }
    var modeKey = lms.readOnly ? (lms.finished ? "attempt_finished" : "mode_review") : lms.review ? "mode_browse" : "";
    if (modeKey) showModeNotice(root, t(modeKey));

    var caseSteps = caseStepper(root, function (id) {
      var q = questions[id];
      var a = state.answers[id];
      if (!q) return true;
      if (!a) return false;
      var verdict = score(q, a.response).state;
      return a.count >= q.attempts || verdict === "correct" || verdict === "neutral";
    }, function (id) { return !!state.answers[id]; }, lms.readOnly, t);
    caseSteps.update();
    var hotspots = hotspotForms(root, questions);
    hotspots.refresh();
    go(current, false);
    if (lms.readOnly && outcome().completed) showResults();
    save(true);
    api_.lms = lms;
    api_.state = function () { return encodeState(data, state); };
  }

  /* Cases (dossiers progressifs, docs/package-contract.md): a step shows once every question of
     the steps before it is done (right, or no attempt left). A done question is read-only, so
     an answer cannot change once the step that follows it is seen. The steps shown follow from
     the saved answers alone: resuming returns to the current step and the state holds nothing more.
     A step holding an answer is shown whatever comes before it: a new version may have added a
     question to an earlier step (compat C203), and the learner, or a teacher reviewing the
     attempt, must still see every answer given. Read-only (review), nothing can be answered: a
     shown question left blank says so, and the steps never reached stay hidden. */
  function caseStepper(root, isDone, hasAnswer, readOnly, t) {
    var cases = Array.prototype.slice.call(root.querySelectorAll(".case[data-case-id]"));
    function children(box, selector) {
      return Array.prototype.slice.call(box.children).filter(function (c) { return c.matches(selector); });
    }
    function ids(step) {
      return Array.prototype.slice.call(step.querySelectorAll("form[data-question-id]")).map(function (form) {
        return form.getAttribute("data-question-id");
      });
    }
    function stepDone(step) { return ids(step).every(isDone); }
    // Shows the steps due and hides the others; returns how many steps it newly showed.
    function update() {
      var shownNow = 0;
      cases.forEach(function (box) {
        var steps = children(box, ".case-step");
        var reached = 0; // the last step answered in: it and every step before it show
        steps.forEach(function (step, i) { if (ids(step).some(hasAnswer)) reached = i; });
        var open = true;
        var waiting = false;
        steps.forEach(function (step, i) {
          var show = open || i <= reached;
          if (show && step.hidden) shownNow++;
          step.hidden = !show;
          waiting = waiting || !show;
          open = open && stepDone(step);
          if (show && readOnly) notAnswered(step);
        });
        children(box, ".case-waiting").forEach(function (p) {
          p.hidden = !waiting;
          if (readOnly) p.textContent = t("case_not_reached");
        });
      });
      return shownNow;
    }
    function notAnswered(step) {
      step.querySelectorAll("form[data-question-id]").forEach(function (form) {
        var id = form.getAttribute("data-question-id");
        var box = form.querySelector('[role="status"]');
        if (box && !hasAnswer(id) && !isDone(id)) box.textContent = t("case_not_answered");
      });
    }
    // After a submission in ``form``: a step newly shown is said in the form's feedback, which
    // is a live region, so that a keyboard or screen-reader user knows to read on.
    function after(form) {
      if (!update()) return;
      var box = form.querySelector('[role="status"]');
      if (!box) return;
      var p = document.createElement("p");
      p.className = "case-next";
      p.textContent = t("case_next_step");
      box.appendChild(p);
    }
    return { update: update, after: after };
  }

  /* Hotspot questions: a click or tap on the image, or the two sliders (keyboard, screen
     reader: they say a position, never where the zones are), set the point "x,y" in the
     image's pixels. Once the question is over and was missed, the zones are outlined. */
  function hotspotForms(root, questions) {
    var forms = Array.prototype.slice.call(root.querySelectorAll('form[data-type="hotspot"]'));
    forms.forEach(function (form) {
      var q = questions[form.getAttribute("data-question-id")];
      var image = form.querySelector(".hotspot-frame img");
      var point = form.querySelector('input[name="point"]');
      var sliders = { x: form.querySelector('input[name="x"]'), y: form.querySelector('input[name="y"]') };
      if (!q || !image || !point || !sliders.x || !sliders.y) return;
      function set(x, y) {
        point.value = x + "," + y;
        placeMarker(form, q, x, y);
      }
      function fromSliders() { set(Number(sliders.x.value), Number(sliders.y.value)); }
      sliders.x.addEventListener("input", fromSliders);
      sliders.y.addEventListener("input", fromSliders);
      image.addEventListener("click", function (event) {
        if (sliders.x.disabled) return;
        var box = image.getBoundingClientRect();
        if (!box.width || !box.height) return;
        var x = Math.round((event.clientX - box.left) * q.width / box.width);
        var y = Math.round((event.clientY - box.top) * q.height / box.height);
        x = Math.min(Math.max(x, 0), q.width);
        y = Math.min(Math.max(y, 0), q.height);
        sliders.x.value = String(x);
        sliders.y.value = String(y);
        set(x, y);
      });
    });
    function outline(form, q) {
      var frame = form.querySelector(".hotspot-frame");
      if (!frame || frame.querySelector("svg")) return;
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 " + q.width + " " + q.height);
      svg.setAttribute("preserveAspectRatio", "none");
      svg.setAttribute("role", "presentation");  // drawn for the eye: the feedback says it in words
      svg.setAttribute("class", "hotspot-zones");
      q.zones.forEach(function (z) {
        var v = z.values;
        var shape = document.createElementNS(ns, z.shape === "rect" ? "rect" : z.shape === "circle" ? "circle" : "polygon");
        if (z.shape === "rect") { shape.setAttribute("x", v[0]); shape.setAttribute("y", v[1]); shape.setAttribute("width", v[2]); shape.setAttribute("height", v[3]); }
        else if (z.shape === "circle") { shape.setAttribute("cx", v[0]); shape.setAttribute("cy", v[1]); shape.setAttribute("r", v[2]); }
        else {
          var pts = [];
          for (var i = 0; i < v.length; i += 2) pts.push(v[i] + "," + v[i + 1]);
          shape.setAttribute("points", pts.join(" "));
        }
        svg.appendChild(shape);
      });
      frame.appendChild(svg);
    }
    function refresh() {
      forms.forEach(function (form) {
        var q = questions[form.getAttribute("data-question-id")];
        var submit = form.querySelector('button[type="submit"]');
        var state = form.getAttribute("data-state");
        if (q && state && state !== "correct" && submit && submit.disabled) outline(form, q);
      });
    }
    return { refresh: refresh };
  }

  // Said once, above the module, for as long as the launch lasts: unlike the LMS notice, no
  // later status message replaces it.
  function showModeNotice(root, text) {
    var notice = document.createElement("p");
    notice.className = "mode-notice";
    notice.setAttribute("role", "note");
    notice.textContent = text;
    var header = root.querySelector("header");
    if (header) header.appendChild(notice); else root.insertBefore(notice, root.firstChild);
  }

  function relabel(root, lang, t) {
    var words = { prev: "previous", next: "next", finish: "finish", exit: "exit" };
    Object.keys(words).forEach(function (which) {
      var button = root.querySelector('[data-nav="' + which + '"]');
      if (button) { button.textContent = t(words[which]); button.lang = lang; }
    });
    root.querySelectorAll('form[data-question-id] button[type="submit"]').forEach(function (b) {
      b.textContent = t("submit");
      b.lang = lang;
    });
    root.querySelectorAll('[data-meta="several"], [data-meta="attempts"]').forEach(function (s) {
      if (s.getAttribute("data-meta") === "several") s.textContent = t("several_answers");
      s.lang = lang;
    });
  }

  function cssEscape(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id; }

  var api_ = {
    types: Object.keys(TYPES),
    score: score,
    moduleScore: moduleScore,
    normalizeText: normalizeText,
    parseDecimal: parseDecimal,
    encodeState: encodeState,
    decodeState: decodeState,
    questionKey: questionKey,
    encodeResponse: encodeResponse,
    decodeResponse: decodeResponse,
    formats: { timespan12: timespan12, duration2004: duration2004, timestamp2004: timestamp2004,
               interaction: interactionFormats }
  };
  window.ehealth = api_;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
