/* The explorables' shared core: the layer's maths (as lastlayer/maths.py computes it),
   number formatting (as lastlayer/fmt.py) and small DOM helpers. A classic script, so the
   offline copy works from file:// (browsers load no ES module from there). Every number a
   widget starts from is in the page's inline JSON, exported by lastlayer/widgets.py. */
(function () {
  "use strict";

  // ------------------------------------------------------------ maths
  function max(z) {
    var m = -Infinity;
    for (var i = 0; i < z.length; i++) if (z[i] > m) m = z[i];
    return m;
  }
  function sum(a) {
    var s = 0;
    for (var i = 0; i < a.length; i++) s += a[i];
    return s;
  }
  function argmax(z) {
    var best = 0;
    for (var i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
    return best;
  }
  function scaled(z, T) {
    return T === undefined || T === 1 ? z.slice() : z.map(function (v) { return v / T; });
  }
  /** Stable softmax of z / T: the maximum is subtracted first, so e^x never overflows. */
  function softmax(z, T) {
    var s = scaled(z, T), m = max(s);
    var e = s.map(function (v) { return Math.exp(v - m); });
    var total = sum(e);
    return e.map(function (v) { return v / total; });
  }
  /** The textbook e^z / Σ e^z, which overflows (NaN) for large scores. */
  function softmaxNaive(z, T) {
    var e = scaled(z, T).map(Math.exp);
    var total = sum(e);
    return e.map(function (v) { return v / total; });
  }
  function logSumExp(z, T) {
    var s = scaled(z, T), m = max(s);
    return m + Math.log(sum(s.map(function (v) { return Math.exp(v - m); })));
  }
  function sigmoid(t) {
    return 1 / (1 + Math.exp(-t));
  }
  /** z = Wᵀx + b for x (n), W (n rows of k), b (k). */
  function linear(x, W, b) {
    var z = b.slice();
    for (var i = 0; i < x.length; i++) for (var j = 0; j < z.length; j++) z[j] += x[i] * W[i][j];
    return z;
  }
  function norm(v) {
    return Math.sqrt(sum(v.map(function (a) { return a * a; })));
  }
  function column(W, j) {
    return W.map(function (row) { return row[j]; });
  }
  function signedDistance(x, w, b) {
    return (x[0] * w[0] + x[1] * w[1] + b) / norm(w);
  }
  function crossEntropy(z, label) {
    return logSumExp(z) - z[label];
  }
  /** Mean cross-entropy + (l2/2)·‖W‖², as lastlayer.widgets.objective. */
  function objective(W, b, X, y, l2) {
    var ce = 0, sq = 0;
    for (var r = 0; r < X.length; r++) ce += crossEntropy(linear(X[r], W, b), y[r]);
    W.forEach(function (row) { row.forEach(function (v) { sq += v * v; }); });
    return ce / X.length + 0.5 * l2 * sq;
  }
  function accuracy(W, b, X, y) {
    var right = 0;
    for (var r = 0; r < X.length; r++) if (argmax(linear(X[r], W, b)) === y[r]) right++;
    return right / X.length;
  }
  /** One gradient step, as lastlayer.widgets.train_step: G = (ŷ − y)/N, W −= lr(XᵀG + l2 W), b −= lr ΣG. */
  function trainStep(W, b, X, y, l2, lr) {
    var n = W.length, k = b.length, N = X.length;
    var gW = W.map(function (row) { return row.map(function () { return 0; }); });
    var gb = b.map(function () { return 0; });
    for (var r = 0; r < N; r++) {
      var p = softmax(linear(X[r], W, b));
      p[y[r]] -= 1;
      for (var j = 0; j < k; j++) {
        var g = p[j] / N;
        gb[j] += g;
        for (var i = 0; i < n; i++) gW[i][j] += X[r][i] * g;
      }
    }
    return {
      W: W.map(function (row, i) { return row.map(function (v, j) { return v - lr * (gW[i][j] + l2 * v); }); }),
      b: b.map(function (v, j) { return v - lr * gb[j]; }),
    };
  }

  // ------------------------------------------------------------ formatting (lastlayer/fmt.py)
  var MINUS = "\u2212";
  function num(x, digits) {
    if (digits === undefined) digits = 2;
    if (Number.isNaN(x)) return "NaN";
    if (!Number.isFinite(x)) return (x < 0 ? MINUS : "") + "∞";
    var text = x.toFixed(digits);
    if (/^-?[0.]*$/.test(text)) text = text.replace("-", "");
    return text.replace("-", MINUS);
  }
  /** Large values in scientific notation (3.71 × 10⁸), others as num(). */
  var SUP = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  function big(x, digits) {
    if (!Number.isFinite(x) || Math.abs(x) < 1e5) return num(x, digits);
    var parts = x.toExponential(2).split("e");
    var exp = String(Number(parts[1])).split("").map(function (c) { return SUP[c]; }).join("");
    return num(Number(parts[0]), 2) + " × 10" + exp;
  }
  function pct(p) {
    return num(100 * p, 1);
  }
  /** Numbers meant to add up, rounded so that they add up as shown (largest remainder;
      the same rule as lastlayer/fmt.py's parts()): 0.752, 0.175, 0.073 → 0.75, 0.18, 0.07. */
  function parts(values, digits, total) {
    if (digits === undefined) digits = 2;
    var scale = Math.pow(10, digits), sum = 0, i;
    for (i = 0; i < values.length; i++) sum += values[i];
    if (!values.every(Number.isFinite)) return values.map(function (v) { return num(v, digits); });
    var target = Math.round((total === undefined ? sum : total) * scale);
    var units = values.map(function (v) { return Math.floor(v * scale); });
    var missing = target - units.reduce(function (a, b) { return a + b; }, 0);
    var order = values.map(function (_, j) { return j; }).sort(function (a, b) {
      var ra = values[a] * scale - units[a], rb = values[b] * scale - units[b];
      return rb - ra || a - b;
    });
    if (missing >= 0) for (i = 0; i < missing && i < order.length; i++) units[order[i]] += 1;
    else for (i = 0; i < -missing && i < order.length; i++) units[order[order.length - 1 - i]] -= 1;
    return units.map(function (u) { return num(u / scale, digits); });
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  /** "a, b and c" with the language's joiners (strings.sep, strings.and). */
  function list(items, strings) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(strings.sep) + strings.and + items[items.length - 1];
  }
  /** A value with `digits` significant digits, as Python's "{:#.{digits}g}" without a trailing point: 0.050, 1.1, 20. */
  function sig(x, digits) {
    return x.toPrecision(digits).replace(/\.$/, "").replace("-", MINUS);
  }
  /**
   * The announcement of the most probable class, strings.announce ({cls}, {p}), or, when
   * several classes tie as announced (the same percentage to 0.1), strings.announce_tie with
   * all of them: no class is called the largest when it is not.
   */
  function leader(p, names, strings) {
    var shown = pct(p[argmax(p)]);
    var tied = names.filter(function (_, j) { return pct(p[j]) === shown; });
    if (tied.length === 1) return format(strings.announce, { cls: tied[0], p: shown });
    return format(strings.announce_tie, { cls: list(tied, strings), p: shown });
  }

  // ------------------------------------------------------------ DOM helpers
  var SVGNS = "http://www.w3.org/2000/svg";
  function el(tag, attrs, children) {
    var node = tag.indexOf("svg:") === 0 ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var v = attrs[key];
      if (v === null || v === undefined || v === false) return;
      if (key === "text") node.textContent = v;
      else if (key.indexOf("on") === 0) node.addEventListener(key.slice(2), v);
      else node.setAttribute(key, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  var counter = 0;
  function uid(prefix) {
    counter += 1;
    return "ll-" + prefix + "-" + counter;
  }
  /**
   * A labelled range input with its value shown beside it; onInput(value) on every change.
   * With spec.stops (increasing values, e.g. spaced evenly in log T) the input moves over
   * their indices and the row shows and reports the value itself, with spec.digits
   * significant digits; set(v) takes any value (a shared link's) and puts the thumb at the
   * stop nearest it in log scale.
   */
  function slider(spec, label, onInput, digits) {
    var id = uid("slider"), stops = spec.stops || null;
    function nearest(v) {
      var best = 0;
      for (var i = 1; i < stops.length; i++) if (Math.abs(Math.log(stops[i] / v)) < Math.abs(Math.log(stops[best] / v))) best = i;
      return best;
    }
    var input = stops
      ? el("input", { type: "range", id: id, min: 0, max: stops.length - 1, step: 1, value: nearest(spec.value) })
      : el("input", { type: "range", id: id, min: spec.min, max: spec.max, step: spec.step, value: spec.value });
    var out = el("output", { for: id, class: "ll-widget__value" });
    var current = stops ? spec.value : Number(input.value);
    function show() {
      var v = current, text = stops ? sig(v, spec.digits) : num(v, digits === undefined ? 2 : digits);
      setText(out, text);
      put(out, "data-value", String(v));
      put(input, "aria-valuetext", text);
    }
    input.addEventListener("input", function () {
      current = stops ? stops[Number(input.value)] : Number(input.value);
      readout(input, show);
      onInput(current);
    });
    show();
    var row = el("div", { class: "ll-widget__slider" }, [el("label", { for: id, text: label }), input, out]);
    row.input = input;
    row.set = function (v) {
      input.value = stops ? nearest(v) : v;
      current = stops ? v : Number(input.value);
      show();
    };
    return row;
  }
  function button(text, onClick, attrs) {
    var b = el("button", Object.assign({ type: "button", class: "md-button ll-widget__button" }, attrs || {}), [text]);
    b.addEventListener("click", onClick);
    return b;
  }
  /**
   * A polite live region that announces each change once it has settled: say() keeps the
   * latest text and writes it when the reader has paused for ui.liveMs, and never while a
   * pointer drags inside the widget (a slider's thumb, a stroke): the drag's end settles it.
   * So a drag, or a key held down, is one announcement of where it ended, not one per value
   * passed on the way.
   */
  function live() {
    var region = el("p", { class: "ll-widget__live", "aria-live": "polite", role: "status" });
    var timer = null, pending = null;
    function write() {
      clearTimeout(timer);
      timer = null;
      if (pending === null) return;
      region.textContent = pending;  // even the same text again: each settled change is announced
      pending = null;
    }
    function dragged() {
      var root = region.closest(".ll-widget"), gate = root && root.llReadout;
      return Boolean(gate && gate.on);
    }
    region.say = function (text, now) {
      pending = text;
      clearTimeout(timer);
      if (now) write();
      else if (!dragged()) timer = setTimeout(write, window.LastLayer.ui.liveMs);
    };
    region.settle = function () {
      clearTimeout(timer);
      if (pending !== null) timer = setTimeout(write, window.LastLayer.ui.liveMs);
    };
    return region;
  }
  /**
   * Writes a node's text only when it changes, and into its one text node when it has one: the
   * browser then updates the text in place instead of replacing a node, which is cheaper to lay
   * out and tells the page's MutationObserver (childList) nothing.
   */
  function setText(node, text) {
    var t = node.firstChild;
    if (t && t.nodeType === 3 && !t.nextSibling) {
      if (t.data !== text) t.data = text;
    } else if (node.textContent !== text) node.textContent = text;
  }
  /** Writes an attribute, or with key "text" the text, only when it changes (every write costs
      a style or layout invalidation, even of the same value). */
  function put(node, key, value) {
    if (node["ll" + key] === value) return;
    node["ll" + key] = value;
    if (key === "text") setText(node, value);
    else node.setAttribute(key, value);
  }
  function setHidden(node, hidden) {
    if (node.hidden !== hidden) node.hidden = hidden;
  }
  /** A value shown as text, with the exact number in data-value for the tests. */
  function setValue(node, value, text) {
    setText(node, text);
    put(node, "data-value", String(value));
  }
  /** A probability bar: scaled, not resized, so that moving it lays nothing out. */
  /**
   * The widget's state in the page's address, in a query parameter of its own
   * (?w-<name>=key:v,v;key:v, beside the search's ?h= and the theme's #anchors), so a
   * teacher can share a set-up. fields: {key: {get() -> numbers, set(numbers), min, max,
   * length}}. A link with the parameter restores the state when the widget starts; anything
   * malformed, out of range or of the wrong length leaves the widget at its default.
   * The address follows the widget half a second after the reader stops; "Copy link" writes
   * it at once and copies it.
   */
  /** The widgets on the page that share their state, by name: {root, use(text)}. */
  var shared = {};
  /**
   * A link in the prose that sets a widget (href "?w-<name>=…#widget-<name>", written in
   * Markdown as [text](?w-geometry=s:2#widget-geometry){.ll-set}): a click sets the fields it
   * names, keeps the address in step and scrolls the widget into view, without reloading the
   * page. Without JavaScript, or for a widget not on the page, the link loads that address.
   */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.ll-set");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var url;
    try { url = new URL(link.href); } catch (e) { return; }
    if (url.pathname !== location.pathname) return;
    var done = false, target = null;
    url.searchParams.forEach(function (value, key) {
      var widget = key.indexOf("w-") === 0 && shared[key.slice(2)];
      if (widget && widget.use(value)) {
        done = true;
        target = target || widget.root;
        widget.save();
      }
    });
    if (!done) return;
    event.preventDefault();
    target.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  }, true);

  function share(root, name, fields, apply, strings) {
    var param = "w-" + name, timer = null;
    function encode() {
      return Object.keys(fields).map(function (key) {
        return key + ":" + fields[key].get().map(function (v) { return String(+Number(v).toFixed(4)); }).join(",");
      }).join(";");
    }
    function decode(text) {
      var out = {};
      var parts = String(text).split(";");
      if (parts.length > Object.keys(fields).length) return null;
      for (var i = 0; i < parts.length; i++) {
        var kv = parts[i].split(":");
        var spec = Object.prototype.hasOwnProperty.call(fields, kv[0]) ? fields[kv[0]] : null;
        if (kv.length !== 2 || !spec || out[kv[0]]) return null;
        var values = kv[1].split(",").map(function (v) { return v.trim() === "" ? NaN : Number(v); });
        if (values.length !== spec.length) return null;
        if (!values.every(function (v) { return Number.isFinite(v) && v >= spec.min && v <= spec.max; })) return null;
        out[kv[0]] = values;
      }
      return out;
    }
    /** Sets the fields given in `text` (the parameter's value), leaving the others as they are. */
    function use(text) {
      var values = decode(text);
      if (!values) return false;
      Object.keys(values).forEach(function (key) { fields[key].set(values[key]); });
      apply();
      return true;
    }
    function restore() {
      var given = null;
      try { given = new URLSearchParams(location.search).get(param); } catch (e) { return false; }
      return given !== null && use(given);
    }
    shared[name] = { root: root, use: use, save: function () { save(); } };
    function save() {
      clearTimeout(timer);
      try {
        var url = new URL(location.href);
        url.searchParams.set(param, encode());
        if (url.href !== location.href) history.replaceState(history.state, "", url.href);
      } catch (e) { /* a sandboxed frame or file:// that refuses: the widget works the same */ }
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(save, 500);
    }
    var status = el("span", { class: "ll-widget__copied", role: "status" });
    var copy = button(strings.copy_link, function () {
      save();
      var done = function () { setText(status, strings.copied); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(location.href).then(done, done);
      else done();
    }, { class: "md-button ll-widget__button ll-widget__copy" });
    return { restore: restore, save: save, later: later, encode: encode, decode: decode, control: el("span", { class: "ll-widget__share" }, [copy, status]) };
  }
  function setBar(node, p) {
    var t = "scaleX(" + Math.max(0, Math.min(1, p)).toFixed(4) + ")";
    if (node.llBar !== t) node.style.transform = node.llBar = t;
  }
  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /**
   * While the reader drags inside a widget (or training runs), the article's blocks that are
   * well off screen are not rendered: content-visibility: auto, held at the size each had when
   * the drag began, so nothing moves. Each frame then paints and layerizes the widget and what
   * is on screen instead of the whole page (with the page's math, that was most of a frame on a
   * phone-class CPU). Returns release(), which puts everything back once the reader has paused
   * for ui.holdMs (a drag calls it on pointerup itself): taking the blocks out and putting them
   * back each restyle the whole page, a long frame on a slow CPU, so strokes or drags in quick
   * succession share one isolation and the cost falls where nothing moves.
   */
  var held = null, holdTimer = null;
  function release() {
    clearTimeout(holdTimer);
    if (held) holdTimer = setTimeout(function () { if (held) held(); }, window.LastLayer.ui.holdMs);
  }
  function isolate(root) {
    clearTimeout(holdTimer);
    if (held) return release;
    var article = root.closest("article");
    if (!article || !("contentVisibility" in document.documentElement.style)) return function () {};
    var screen = window.innerHeight, kept = [], above = null;
    var at = function () { return root.getBoundingClientRect().top + window.scrollY; }, was = at();
    Array.prototype.forEach.call(article.children, function (block) {
      if (block.contains(root)) return;
      var box = block.getBoundingClientRect();
      if (box.bottom > -screen && box.top < 2 * screen) return; // on or near the screen: left alone
      // A table too: skipped, it does not keep its height (a phone's card-shaped table grew by
      // ten pixels), and a table is cheap to lay out.
      if (block.tagName === "TABLE") return;
      // contain-intrinsic-size gives the content box: padding and borders come on top.
      var cs = getComputedStyle(block), edges = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"];
      var height = box.height - edges.reduce(function (sum, key) { return sum + parseFloat(cs[key]); }, 0);
      kept.push([block, block.getAttribute("style"), box.width, height]);
      if (box.bottom <= -screen) above = kept[kept.length - 1];
    });
    kept.forEach(function (k) {
      k[0].style.containIntrinsicSize = k[2] + "px " + k[3] + "px";
      k[0].style.contentVisibility = "auto";
    });

    // A skipped block no longer lets its children's margins collapse through its edges, so
    // the blocks above may end up a fraction of a pixel shorter or taller in all; the last
    // one above takes up the difference, and the widget stays exactly where it was.
    var moved = was - at();
    if (above && moved !== 0) above[0].style.containIntrinsicSize = above[2] + "px " + Math.max(0, above[3] + moved) + "px";
    held = function () {
      kept.forEach(function (k) {
        if (!k[1]) k[0].removeAttribute("style");
        else k[0].setAttribute("style", k[1]);
      });
      kept = [];
      held = null;
    };
    return release;
  }
  /**
   * During a drag inside a widget, what the eye follows (bars, lines, regions, handles, a
   * slider's thumb) moves every frame, but the numbers are rewritten at most every
   * ui.readoutMs: digits changing sixty times a second cannot be read, and each text change lays
   * out the widget again (most of a frame's work on a phone-class CPU). When the drag ends they
   * are written at once, so what stays on screen is exact. Keys, clicks and typed values are
   * shown at once.
   */
  function dragging(root) {
    var gate = { on: false, at: -Infinity, due: true, pending: [], timer: null };
    root.llReadout = gate;
    root.addEventListener("pointerdown", function (event) {
      var release = isolate(root);
      var row = event.target.closest(".ll-widget__slider"), thaw = row ? freeze(row) : function () {};
      gate.on = true;
      gate.due = true;
      gate.at = -Infinity;
      function end() {
        document.removeEventListener("pointerup", end, true);
        document.removeEventListener("pointercancel", end, true);
        gate.on = false;
        gate.due = true;
        flush(gate);
        root.querySelectorAll(".ll-widget__live").forEach(function (region) { if (region.settle) region.settle(); });
        thaw();
        if (!root.dataset.running) release();
      }
      document.addEventListener("pointerup", end, true);
      document.addEventListener("pointercancel", end, true);
    }, true);
    // Decided once per input event, before the widget's own handlers (capture phase), so that
    // a slider's value and the numbers it drives change together.
    root.addEventListener("pointermove", function () {
      if (!gate.on) return;
      var now = performance.now();
      gate.due = now - gate.at >= window.LastLayer.ui.readoutMs;
      if (gate.due) {
        gate.at = now;
        flush(gate);
      }
    }, true);
  }
  /**
   * While its thumb is dragged, a slider's row is held at its size and contained (contain:
   * strict): the thumb moving then lays out that row alone, not the page down to it. Returns
   * thaw(), which puts the row back.
   */
  function freeze(row) {
    var style = row.getAttribute("style"), box = row.getBoundingClientRect();
    row.style.width = box.width + "px";
    row.style.height = box.height + "px";
    row.style.contain = "strict";
    return function () {
      if (!style) row.removeAttribute("style");
      else row.setAttribute("style", style);
    };
  }
  function flush(gate) {
    clearTimeout(gate.timer);
    gate.timer = null;
    var writes = gate.pending;
    gate.pending = [];
    writes.forEach(function (write) { write(); });
  }
  /**
   * Runs write() (which writes readouts from the current state) now or, during a drag in the
   * widget around `node` between two due input events, later: at the next due one, when the
   * drag ends, or after ui.readoutMs if the pointer rests.
   */
  function readout(node, write) {
    var root = node.closest(".ll-widget"), gate = root && root.llReadout;
    if (!gate || !gate.on || gate.due) return write();
    if (gate.pending.indexOf(write) < 0) gate.pending.push(write);
    if (gate.timer === null) {
      gate.timer = setTimeout(function () {
        gate.at = performance.now();
        flush(gate);
      }, Math.max(0, gate.at + window.LastLayer.ui.readoutMs - performance.now()));
    }
  }

  /** Fill every container of widget `name` on the page: init(root, data) builds it. */
  function mount(name, init) {
    document.querySelectorAll('.ll-widget[data-widget="' + name + '"]').forEach(function (root) {
      if (root.dataset.ready) return;
      var data = JSON.parse(root.querySelector(".ll-widget__data").textContent);
      var s = data.strings;
      root.setAttribute("role", "group");
      var title = el("p", { class: "ll-widget__title", id: uid("title"), text: s.title });
      root.setAttribute("aria-labelledby", title.id);
      root.appendChild(title);
      root.appendChild(el("p", { class: "ll-widget__help", text: s.help }));
      init(root, data);
      dragging(root);
      root.hidden = false;
      root.dataset.ready = "true";
    });
  }

  window.LastLayer = {
    maths: {
      softmax: softmax,
      softmaxNaive: softmaxNaive,
      logSumExp: logSumExp,
      sigmoid: sigmoid,
      linear: linear,
      norm: norm,
      column: column,
      signedDistance: signedDistance,
      crossEntropy: crossEntropy,
      objective: objective,
      accuracy: accuracy,
      trainStep: trainStep,
      argmax: argmax,
      max: max,
    },
    fmt: { num: num, big: big, pct: pct, parts: parts, format: format, list: list, sig: sig, leader: leader },
    ui: {
      el: el,
      uid: uid,
      slider: slider,
      button: button,
      live: live,
      liveMs: 400,
      setValue: setValue,
      readout: readout,
      readoutMs: 100,
      setText: setText,
      put: put,
      setHidden: setHidden,
      setBar: setBar,
      reducedMotion: reducedMotion,
      isolate: isolate,
      share: share,
      holdMs: 1000,
    },
    mount: mount,
  };
})();
