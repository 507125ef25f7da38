/* The geometric playground (geometry page): the toy data in the plane; the reader drags the
   query point and the tips of the normal vectors w_j, shifts biases, contrasts a per-class
   gain with a global scale, adds one vector to every w_j, and trains the layer by gradient
   descent (the same steps as lastlayer.widgets.train). */
(function () {
  "use strict";
  var L = window.LastLayer, M = L.maths, F = L.fmt, ui = L.ui, el = ui.el, put = ui.put;
  var SUB = "₀₁₂₃₄₅₆₇₈₉";
  var SIZE = 360, PAD = 10;

  /** The convex polygon `poly` cut to the half-plane a·p + c ≥ 0 (Sutherland–Hodgman). */
  function clip(poly, a, c) {
    var out = [];
    for (var i = 0; i < poly.length; i++) {
      var p = poly[i], q = poly[(i + 1) % poly.length];
      var fp = a[0] * p[0] + a[1] * p[1] + c, fq = a[0] * q[0] + a[1] * q[1] + c;
      if (fp >= 0) out.push(p);
      if ((fp >= 0) !== (fq >= 0)) {
        var t = fp / (fp - fq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
    return out;
  }
  /** The part of the line w·p + b = 0 inside the square [−B, B]², or null. */
  function segment(w, b, B) {
    var n2 = w[0] * w[0] + w[1] * w[1];
    if (n2 === 0) return null;
    var p0 = [(-b * w[0]) / n2, (-b * w[1]) / n2], d = [-w[1], w[0]];
    var lo = -Infinity, hi = Infinity;
    for (var axis = 0; axis < 2; axis++) {
      if (d[axis] === 0) {
        if (Math.abs(p0[axis]) > B) return null;
        continue;
      }
      var t1 = (-B - p0[axis]) / d[axis], t2 = (B - p0[axis]) / d[axis];
      lo = Math.max(lo, Math.min(t1, t2));
      hi = Math.min(hi, Math.max(t1, t2));
    }
    if (lo >= hi) return null;
    return [[p0[0] + lo * d[0], p0[1] + lo * d[1]], [p0[0] + hi * d[0], p0[1] + hi * d[1]]];
  }

  /** Path data of a circle (one attribute to set per move, where a <circle> takes two). */
  function ring(c, r) {
    return "M" + (c[0] - r).toFixed(2) + "," + c[1].toFixed(2) + "a" + r + "," + r + " 0 1,0 " + 2 * r + ",0a" + r + "," + r + " 0 1,0 " + -2 * r + ",0Z";
  }
  /** Path data of the segment from a to b, or "" for none. */
  function line(a, b) {
    return a ? "M" + a[0].toFixed(2) + "," + a[1].toFixed(2) + "L" + b[0].toFixed(2) + "," + b[1].toFixed(2) : "";
  }
  /** Sets an attribute only when its value changes: each set costs a style and layout pass. */

  L.mount("geometry", function (root, data) {
    var s = data.strings, k = data.classes.length, B = data.box;
    // The data set trained on: the page's clusters (the default) or one of data.datasets that no
    // linear layer fits perfectly. L0 is its Lipschitz constant before λ (the step size's unit).
    var sets = data.datasets, setIndex = 0, X = sets[0].X, y = sets[0].y, L0 = sets[0].lipschitz0;
    var unit = (SIZE - 2 * PAD) / (2 * B);
    function px(p) { return [PAD + (p[0] + B) * unit, PAD + (B - p[1]) * unit]; }
    var st = {};
    function reset() {
      st.W = data.W.map(function (r) { return r.slice(); });
      st.b = data.b.slice();
      st.gain = data.classes.map(function () { return data.gain.value; });
      st.scale = data.scale.value;
      st.q = data.query.slice();
      st.l2 = data.l2.value;
      st.rate = data.rate.value;
      st.steps = 0;
      st.curve = [];  // [steps, loss] while training, drawn under the training controls
    }
    reset();
    function factor(j) { return st.scale * st.gain[j]; }
    function eff() {
      return {
        W: st.W.map(function (row) { return row.map(function (v, j) { return v * factor(j); }); }),
        b: st.b.map(function (v, j) { return v * factor(j); }),
      };
    }
    function setEff(W, b) {
      st.W = W.map(function (row) { return row.map(function (v, j) { return v / factor(j); }); });
      st.b = b.map(function (v, j) { return v / factor(j); });
    }

    // ---------------------------------------------------------------- the plot
    var clipId = ui.uid("clip");
    var svg = el("svg:svg", { viewBox: "0 0 " + SIZE + " " + SIZE, class: "ll-geometry__plot", role: "group", "aria-label": s.plot });
    var defs = el("svg:defs", {}, [el("svg:clipPath", { id: clipId }, [el("svg:rect", { x: PAD, y: PAD, width: SIZE - 2 * PAD, height: SIZE - 2 * PAD })])]);
    svg.appendChild(defs);
    var back = el("svg:g", { "clip-path": "url(#" + clipId + ")", "aria-hidden": "true" });
    svg.appendChild(back);
    for (var g = -Math.floor(B); g <= Math.floor(B); g++) {
      var a = px([g, -B]), c = px([g, B]), d = px([-B, g]), e = px([B, g]);
      back.appendChild(el("svg:line", { x1: a[0], y1: a[1], x2: c[0], y2: c[1], class: g === 0 ? "ll-axis" : "ll-gridline" }));
      back.appendChild(el("svg:line", { x1: d[0], y1: d[1], x2: e[0], y2: e[1], class: g === 0 ? "ll-axis" : "ll-gridline" }));
    }
    // The plane shaded by the winning probability: the class colour, deeper where the layer is
    // surer, so a global scale (a temperature) shows. A small canvas, smoothed as it is scaled.
    var SHADE = 72;
    var shade = el("canvas", { width: SHADE, height: SHADE, class: "ll-geometry__shade" });
    back.insertBefore(el("svg:foreignObject", { x: PAD, y: PAD, width: SIZE - 2 * PAD, height: SIZE - 2 * PAD }, [shade]), back.firstChild);
    var shadeCtx = shade.getContext("2d"), shadeImg = shadeCtx.createImageData(SHADE, SHADE), rgb = [];
    function classColours() {
      rgb = regions.map(function (poly) {
        var m = getComputedStyle(poly).fill.match(/[\d.]+/g) || [0, 0, 0];
        return [+m[0], +m[1], +m[2]];
      });
    }
    /** Alpha (0-255) of a cell whose winning probability is p: faint at a tie, deep when sure. */
    function shadeAlpha(p) { return Math.round(255 * (0.05 + 0.3 * (p - 1 / k) / (1 - 1 / k))); }
    var zs = new Float64Array(k);
    function drawShade(E) {
      var px4 = shadeImg.data;
      for (var r = 0; r < SHADE; r++) {
        for (var c = 0; c < SHADE; c++) {
          // Inline softmax, no arrays: this runs for every cell of every animation frame.
          var x = -B + ((c + 0.5) * 2 * B) / SHADE, yy = B - ((r + 0.5) * 2 * B) / SHADE;
          var top = 0, best = -Infinity, j;
          for (j = 0; j < k; j++) {
            zs[j] = E.W[0][j] * x + E.W[1][j] * yy + E.b[j];
            if (zs[j] > best) { best = zs[j]; top = j; }
          }
          var sum = 0;
          for (j = 0; j < k; j++) sum += Math.exp(zs[j] - best);
          var o = 4 * (r * SHADE + c);
          px4[o] = rgb[top][0];
          px4[o + 1] = rgb[top][1];
          px4[o + 2] = rgb[top][2];
          px4[o + 3] = shadeAlpha(1 / sum);  // the winner's probability
        }
      }
      shadeCtx.putImageData(shadeImg, 0, 0);
    }
    var regions = data.classes.map(function (_, j) {
      var poly = el("svg:polygon", { class: "ll-region ll-c" + j, "data-cls": String(j) });
      back.appendChild(poly);
      return poly;
    });
    var points = el("svg:g", {});
    var MARK = [
      function (p) { return el("svg:circle", { cx: p[0], cy: p[1], r: 3.6 }); },
      function (p) { return el("svg:rect", { x: p[0] - 3.2, y: p[1] - 3.2, width: 6.4, height: 6.4 }); },
      function (p) { return el("svg:polygon", { points: [p[0], p[1] - 4.2, p[0] - 3.8, p[1] + 2.8, p[0] + 3.8, p[1] + 2.8].join(" ") }); },
    ];
    function drawPoints() {
      while (points.firstChild) points.removeChild(points.firstChild);
      X.forEach(function (xy, r) {
        var m = MARK[y[r] % MARK.length](px(xy));
        m.setAttribute("class", "ll-point ll-c" + y[r]);
        points.appendChild(m);
      });
    }
    drawPoints();
    back.appendChild(points);
    var zeros = data.classes.map(function (_, j) {
      var path = el("svg:path", { class: "ll-zero ll-c" + j, d: "" });
      back.appendChild(path);
      return path;
    });
    var dists = data.classes.map(function (_, j) {
      var path = el("svg:path", { class: "ll-dist ll-c" + j, d: "" });
      back.appendChild(path);
      return path;
    });
    var arrows = data.classes.map(function (_, j) {
      var path = el("svg:path", { class: "ll-arrow ll-c" + j, d: "" });
      back.appendChild(path);
      return path;
    });
    svg.appendChild(el("svg:rect", { x: PAD, y: PAD, width: SIZE - 2 * PAD, height: SIZE - 2 * PAD, class: "ll-frame", "aria-hidden": "true" }));

    /** A draggable point: pointer (mouse, pen, touch) and arrow keys; get() and set(p) in plot units. */
    function handle(cls, get, set, labelOf, dot) {
      var node = el("svg:g", { class: "ll-handle " + cls, tabindex: "0", role: "button", "aria-roledescription": s.drag });
      // Placed by the circles' path data, not a transform on the group: a transform that changes
      // every frame makes Chromium re-layerize the whole page each frame.
      var circles = [[el("svg:path", { class: "ll-hit" }), 16]];
      if (dot) circles.push([el("svg:path", { class: "ll-query" }), 5]);
      circles.push([el("svg:path", { class: "ll-ring" }), 8]);
      circles.forEach(function (circle) { node.appendChild(circle[0]); });
      function toPlot(event) {
        var pt = svg.createSVGPoint();
        pt.x = event.clientX;
        pt.y = event.clientY;
        var local = pt.matrixTransform(svg.getScreenCTM().inverse());
        return [(local.x - PAD) / unit - B, B - (local.y - PAD) / unit];
      }
      function clamp(p) { return [Math.max(-B, Math.min(B, p[0])), Math.max(-B, Math.min(B, p[1]))]; }
      function inside(p) { return Math.abs(p[0]) <= B && Math.abs(p[1]) <= B; }
      var dragging = false;
      // touch-action does not reach SVG children: keep a finger on a handle from panning the page.
      node.addEventListener("touchstart", function (event) { event.preventDefault(); }, { passive: false });
      node.addEventListener("pointerdown", function (event) {
        dragging = true;
        node.setPointerCapture(event.pointerId);
        node.classList.add("ll-dragging");
        node.focus();
        event.preventDefault();
      });
      node.addEventListener("pointermove", function (event) {
        if (!dragging) return;
        set(clamp(toPlot(event)));
        update();
      });
      ["pointerup", "pointercancel"].forEach(function (type) {
        node.addEventListener(type, function () {
          dragging = false;
          node.classList.remove("ll-dragging");
        });
      });
      node.addEventListener("keydown", function (event) {
        var step = data.keystep * (event.shiftKey ? 5 : 1);
        var moves = { ArrowUp: [0, step], ArrowDown: [0, -step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] };
        if (!moves[event.key]) return;
        var p = get(), moved = [p[0] + moves[event.key][0], p[1] + moves[event.key][1]];
        // Keys keep a handle in the plot; one outside it (a tip grown past the box) moves from
        // where it really is, not back to the edge.
        set(inside(p) ? clamp(moved) : moved);
        update();
        event.preventDefault();
      });
      /** Moves the handle; with `readout`, also its label and data-x/y. */
      node.place = function (readout) {
        // A tip outside the plot is drawn pinned to the plot's edge where its arrow leaves it,
        // marked as such (dashed ring); its real position stays in the label and data-x/y.
        var p = get(), out = !inside(p), far = Math.max(Math.abs(p[0]), Math.abs(p[1]));
        var xy = px(out ? [(p[0] * B) / far, (p[1] * B) / far] : p);
        circles.forEach(function (circle) { put(circle[0], "d", ring(xy, circle[1])); });
        put(node, "data-pinned", out ? "true" : "false");
        if (!readout) return;
        put(node, "aria-label", labelOf() + F.format(s.paren, { text: F.num(p[0]) + ", " + F.num(p[1]) }) + s.stop + s.keys);
        put(node, "data-x", String(p[0]));
        put(node, "data-y", String(p[1]));
      };
      svg.appendChild(node);
      return node;
    }
    var tips = data.classes.map(function (name, j) {
      return handle(
        "ll-tip ll-tip-" + j,
        function () { var E = eff(); return [E.W[0][j], E.W[1][j]]; },
        function (p) { st.W[0][j] = p[0] / factor(j); st.W[1][j] = p[1] / factor(j); },
        function () { return F.format(s.tip, { cls: name }); }
      );
    });
    var query = handle("ll-query-handle", function () { return st.q.slice(); }, function (p) { st.q = p; }, function () { return s.query; }, true);

    // ---------------------------------------------------------------- controls
    var controls = el("div", { class: "ll-widget__controls" });
    var biasRows = data.classes.map(function (name, j) {
      var spec = Object.assign({}, data.bias, { value: st.b[j] });
      var row = ui.slider(spec, F.format(s.bias, { cls: name }), function (v) { st.b[j] = v; update(); });
      row.classList.add("ll-geometry__bias");
      row.dataset.cls = String(j);
      controls.appendChild(row);
      return row;
    });
    var gainClass = 0;
    var selId = ui.uid("gainclass");
    var select = el("select", { id: selId, class: "ll-geometry__gainclass" }, data.classes.map(function (name, j) { return el("option", { value: String(j), text: name }); }));
    var gainRow = ui.slider(data.gain, s.gain, function (v) { st.gain[gainClass] = v; syncSliders(); update(); });
    gainRow.classList.add("ll-geometry__gain");
    select.addEventListener("change", function () {
      gainClass = Number(select.value);
      gainRow.set(st.gain[gainClass]);
    });
    controls.appendChild(el("div", { class: "ll-digits__loadrow" }, [el("label", { for: selId, text: s.gainclass }), select]));
    controls.appendChild(gainRow);
    var scaleRow = ui.slider(data.scale, s.scale, function (v) { st.scale = v; update(); });
    scaleRow.classList.add("ll-geometry__scale");
    controls.appendChild(scaleRow);
    controls.appendChild(el("div", { class: "ll-digits__tools" }, [
      ui.button(s.add + F.format(s.paren, { text: F.num(data.common[0]) + ", " + F.num(data.common[1]) }), function () {
        var E = eff();
        E.W[0] = E.W[0].map(function (v) { return v + data.common[0]; });
        E.W[1] = E.W[1].map(function (v) { return v + data.common[1]; });
        setEff(E.W, E.b);
        update();
      }, { class: "md-button ll-widget__button ll-geometry__add" }),
      ui.button(s.reset, function () {
        stop();
        reset();
        useSet(0);
        select.value = "0";
        gainClass = 0;
        gainRow.set(st.gain[0]);
        scaleRow.set(st.scale);
        l2Row.set(st.l2);
        rateRow.set(st.rate);
        syncSliders();
        update();
      }, { class: "md-button ll-widget__button ll-widget__reset" }),
    ]));
    function syncSliders() {
      biasRows.forEach(function (row, j) { row.set(Math.max(data.bias.min, Math.min(data.bias.max, st.b[j]))); });
    }

    // The set-up in the page's address (core.js ui.share): weights and biases as the reader
    // left them, before gain and scale, the gains, the global scale, the query point, λ and the
    // step size. Weights may lie beyond the plot (a pinned tip), so their range is wide.
    var FAR = 100;
    var shared = ui.share(root, "geometry", {
      W: { length: 2 * k, min: -FAR, max: FAR,
        get: function () { return st.W[0].concat(st.W[1]); },
        set: function (v) { st.W = [v.slice(0, k), v.slice(k)]; } },
      b: { length: k, min: -FAR, max: FAR, get: function () { return st.b.slice(); }, set: function (v) { st.b = v.slice(); } },
      g: { length: k, min: data.gain.min, max: data.gain.max,
        get: function () { return st.gain.slice(); }, set: function (v) { st.gain = v.slice(); gainRow.set(st.gain[gainClass]); } },
      s: { length: 1, min: data.scale.min, max: data.scale.max,
        get: function () { return [st.scale]; }, set: function (v) { st.scale = v[0]; scaleRow.set(v[0]); } },
      q: { length: 2, min: -B, max: B, get: function () { return st.q.slice(); }, set: function (v) { st.q = v.slice(); } },
      l2: { length: 1, min: data.l2.min, max: data.l2.max,
        get: function () { return [st.l2]; }, set: function (v) { st.l2 = v[0]; l2Row.set(v[0]); } },
      d: { length: 1, min: 0, max: sets.length - 1,
        get: function () { return [setIndex]; }, set: function (v) { useSet(Math.round(v[0])); } },
      r: { length: 1, min: data.rate.min, max: data.rate.max,
        get: function () { return [st.rate]; }, set: function (v) { st.rate = v[0]; rateRow.set(v[0]); } },
    }, function () { syncSliders(); update(true); }, s);
    controls.appendChild(shared.control);

    // Training.
    var stepBtn = ui.button(s.step, function () { trainSteps(1); update(); }, { class: "md-button ll-widget__button ll-geometry__step" });
    var runLabel = function () { return ui.reducedMotion() ? F.format(s.runbatch, { n: data.batch }) : s.run; };
    var runBtn = ui.button(runLabel(), function () {
      if (timer !== null) return stop();
      if (ui.reducedMotion()) {
        trainSteps(data.batch); // no animation: the result at once
        update();
        return;
      }
      runBtn.textContent = s.pause;
      runBtn.setAttribute("aria-pressed", "true");
      root.dataset.running = "true";
      release = ui.isolate(root);
      var started = st.steps;
      delete root.dataset.settled;
      settledOut.textContent = "";
      (function frame() {
        var before = objectiveNow();
        trainSteps(data.perframe, true);
        update(true, true);
        // Stop by itself once the loss has settled: a frame that lowers it by less than
        // data.settled would change nothing the reader can see.
        if (before - objectiveNow() < data.settled) {
          root.dataset.settled = String(st.steps);
          timer = null;
          stop();
          var said = F.format(s.settled, { n: st.steps, tol: data.settled_text });
          settledOut.textContent = said;  // seen; the live region says it to a screen reader
          liveRegion.say(said);
          return;
        }
        timer = st.steps - started < data.maxsteps ? requestAnimationFrame(frame) : (stop(), null);
      })();
    }, { class: "md-button ll-widget__button ll-geometry__run", "aria-pressed": "false" });
    var timer = null, release = function () {};
    function stop() {
      if (timer !== null) cancelAnimationFrame(timer);
      timer = null;
      delete root.dataset.running;
      release();
      syncSliders();
      runBtn.textContent = runLabel();
      runBtn.setAttribute("aria-pressed", "false");
      update();
    }
    function startRandom() {
      stop();
      st.gain = st.gain.map(function () { return 1; });
      st.scale = 1;
      gainRow.set(1);
      scaleRow.set(1);
      st.W = data.start.W.map(function (r) { return r.slice(); });
      st.b = data.start.b.slice();
      st.steps = 0;
      st.curve = [];
      syncSliders();
      update();
    }
    var scramble = ui.button(s.scramble, startRandom, { class: "md-button ll-widget__button ll-geometry__scramble" });
    /** Trains on data set i from now on (its points drawn); the weights are left as they are. */
    function useSet(i) {
      setIndex = i;
      X = sets[i].X;
      y = sets[i].y;
      L0 = sets[i].lipschitz0;
      setSelect.value = String(i);
      drawPoints();
    }
    var setId = ui.uid("dataset");
    var setSelect = el("select", { id: setId, class: "ll-geometry__dataset" }, sets.map(function (d, i) {
      return el("option", { value: String(i), text: s["data_" + d.id] });
    }));
    // Another data set starts training afresh, from the random weights.
    setSelect.addEventListener("change", function () {
      stop();
      useSet(Number(setSelect.value));
      startRandom();
    });
    var l2Row = ui.slider(data.l2, s.l2, function (v) { st.l2 = v; update(); });
    l2Row.classList.add("ll-geometry__l2");
    /** n gradient steps; `animating`: the sliders follow in update()'s next readout. */
    var rateRow = ui.slider(data.rate, s.rate, function (v) { st.rate = v; shared.later(); });
    rateRow.classList.add("ll-geometry__rate");
    function objectiveNow() { var E = eff(); return M.objective(E.W, E.b, X, y, st.l2); }
    function trainSteps(n, animating) {
      var E = eff(), lr = st.rate / (L0 + st.l2);
      var P = { W: E.W, b: E.b };
      if (!st.curve.length) st.curve.push([st.steps, M.objective(E.W, E.b, X, y, st.l2)]);
      for (var t = 0; t < n; t++) P = M.trainStep(P.W, P.b, X, y, st.l2, lr);
      setEff(P.W, P.b);
      st.steps += n;
      st.curve.push([st.steps, M.objective(P.W, P.b, X, y, st.l2)]);
      if (!animating) syncSliders();
    }
    // The loss curve: loss against steps since training started, scaled to its own range.
    var CW = 240, CH = 64, CP = 4;
    var settledOut = el("p", { class: "ll-geometry__settled", "aria-hidden": "true" });
    var curveLine = el("svg:polyline", { class: "ll-geometry__curve-line", points: "" });
    var curve = el("svg:svg", { viewBox: "0 0 " + CW + " " + CH, class: "ll-geometry__curve", role: "img", "aria-label": s.curve_empty }, [
      el("svg:rect", { x: 0.5, y: 0.5, width: CW - 1, height: CH - 1, class: "ll-geometry__curve-frame" }),
      curveLine,
    ]);
    function drawCurve() {
      var pts = st.curve;
      curve.style.display = pts.length < 2 ? "none" : "";  // no empty frame before training
      if (pts.length < 2) {
        put(curveLine, "points", "");
        put(curve, "aria-label", s.curve_empty);
        return;
      }
      var s0 = pts[0][0], s1 = pts[pts.length - 1][0], lo = Infinity, hi = -Infinity;
      pts.forEach(function (p) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); });
      var span = hi - lo || 1;
      put(curveLine, "points", pts.map(function (p) {
        return (CP + ((p[0] - s0) / (s1 - s0)) * (CW - 2 * CP)).toFixed(1) + "," + (CP + ((hi - p[1]) / span) * (CH - 2 * CP)).toFixed(1);
      }).join(" "));
      put(curve, "aria-label", F.format(s.curve, { n: s1 - s0, first: F.num(pts[0][1], 4), last: F.num(pts[pts.length - 1][1], 4) }));
    }
    var stepsOut = el("dd", { class: "ll-geometry__steps" }), lossOut = el("dd", { class: "ll-geometry__loss" }), accOut = el("dd", { class: "ll-geometry__acc" });
    var train = el("fieldset", { class: "ll-geometry__train" }, [
      el("legend", { text: s.train }),
      el("div", { class: "ll-digits__loadrow" }, [el("label", { for: setId, text: s.dataset }), setSelect]),
      el("div", { class: "ll-digits__tools" }, [stepBtn, runBtn, scramble]),
      l2Row,
      rateRow,
      el("dl", { class: "ll-widget__stats" }, [el("dt", { text: s.steps }), stepsOut, el("dt", { text: s.loss }), lossOut, el("dt", { text: s.accuracy }), accOut]),
      curve,
      settledOut,
    ]);

    // Table of the query point's distances, scores and probabilities.
    var body = el("tbody");
    var cells = data.classes.map(function (name, j) {
      var tr = el("tr", { "data-cls": String(j) }, [el("th", { scope: "row" }, [el("span", { class: "ll-swatch ll-fill-" + j }), name])]);
      var out = {};
      ["norm", "d", "z", "p"].forEach(function (key) {
        out[key] = el("td", { class: "ll-num ll-" + key });
        tr.appendChild(out[key]);
      });
      out.tr = tr;
      body.appendChild(tr);
      return out;
    });
    var table = el("table", { class: "ll-widget__table ll-geometry__table" }, [
      el("thead", {}, [el("tr", {}, [s["class"], s.norm, s.d, s.z, s.p].map(function (t) { return el("th", { scope: "col", text: t }); }))]),
      body,
    ]);
    var liveRegion = ui.live();
    root.appendChild(el("div", { class: "ll-widget__grid" }, [el("div", { class: "ll-geometry__view" }, [svg, table]), el("div", {}, [controls, train])]));
    root.appendChild(liveRegion);

    // While training animates or the reader drags, the plot is redrawn every frame but the
    // numbers (table, loss, sliders, labels) at most every ui.readoutMs: they cannot be read at
    // 60 Hz, and their text changes lay out the widget again each frame (most of a frame on a
    // phone-class CPU). See ui.readout in core.js.
    var readAt = -Infinity;
    /** Redraws; `quiet`: no announcement; `animating`: a training frame (numbers throttled). */
    function update(quiet, animating) {
      var E = eff();
      if (!animating || !rgb.length) classColours();  // the scheme may have changed
      drawShade(E);
      var corners = [[-B, -B], [B, -B], [B, B], [-B, B]];
      for (var j = 0; j < k; j++) {
        var poly = corners;
        for (var i = 0; i < k && poly.length; i++) {
          if (i === j) continue;
          poly = clip(poly, [E.W[0][j] - E.W[0][i], E.W[1][j] - E.W[1][i]], E.b[j] - E.b[i]);
        }
        put(regions[j], "points", poly.map(function (p) { var q = px(p); return q[0].toFixed(3) + "," + q[1].toFixed(3); }).join(" "));
        var w = [E.W[0][j], E.W[1][j]];
        var seg = segment(w, E.b[j], B);
        put(zeros[j], "d", seg ? line(px(seg[0]), px(seg[1])) : "");
        var nw = M.norm(w), o = px([0, 0]);
        if (!(nw > 0)) {
          // w = 0 (a tip dropped on the origin): no hyperplane, no distance, no arrow to draw.
          put(dists[j], "d", "");
          put(arrows[j], "d", "");
          continue;
        }
        var dj = M.signedDistance(st.q, w, E.b[j]);
        var foot = [st.q[0] - (dj * w[0]) / nw, st.q[1] - (dj * w[1]) / nw];
        put(dists[j], "d", line(px(st.q), px(foot)));
        put(arrows[j], "d", line(o, px(w)));
      }
      tips.forEach(function (h) { h.place(false); });
      query.place(false);
      if (!animating) {
        readAt = -Infinity;
        if (!quiet) shared.later();
        return ui.readout(root, quiet ? readQuiet : read);
      }
      var now = performance.now();
      if (now - readAt < ui.readoutMs) return;
      readAt = now;
      syncSliders();
      read(quiet);
    }
    function readQuiet() { read(true); }
    function read(quiet) {
      var E = eff();
      var z = M.linear(st.q, E.W, E.b), p = M.softmax(z);
      var shownP = F.parts(p);  // probabilities that add up to 1.00 as shown
      cells.forEach(function (c, j) {
        var w = [E.W[0][j], E.W[1][j]];
        ui.setValue(c.norm, M.norm(w), F.num(M.norm(w)));
        var nw = M.norm(w), dj = nw > 0 ? M.signedDistance(st.q, w, E.b[j]) : NaN;
        ui.setValue(c.d, nw > 0 ? dj : "", nw > 0 ? F.num(dj) : "\u2014");  // w = 0: no hyperplane, no distance
        ui.setValue(c.z, z[j], F.num(z[j]));
        ui.setValue(c.p, p[j], shownP[j]);
        put(c.tr, "data-w", JSON.stringify(w));
        put(c.tr, "data-b", String(E.b[j]));
      });
      tips.forEach(function (h) { h.place(true); });
      query.place(true);
      ui.setValue(stepsOut, st.steps, String(st.steps));
      var loss = M.objective(E.W, E.b, X, y, st.l2), acc = M.accuracy(E.W, E.b, X, y);
      ui.setValue(lossOut, loss, F.num(loss, 4));
      ui.setValue(accOut, acc, F.pct(acc) + "%");
      drawCurve();
      var top = M.argmax(z);
      put(root, "data-prediction", String(top));
      if (!quiet) liveRegion.say(F.format(s.announce, { x: F.num(st.q[0]), y: F.num(st.q[1]), cls: data.classes[top], p: F.pct(p[top]) }));
    }
    if (!shared.restore()) update(true);
    // The theme's colour toggle changes the class colours: shade the plane again in the new ones.
    new MutationObserver(function () { if (timer === null) update(true); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  });
})();
