/* The worked example, live (computation page): pixels, weights, biases and a temperature in;
   scores, exponentials, probabilities and the ratio of the two leading classes out. */
(function () {
  "use strict";
  var L = window.LastLayer, M = L.maths, F = L.fmt, ui = L.ui, el = ui.el;
  var SUB = "₀₁₂₃₄₅₆₇₈₉";

  L.mount("worked", function (root, data) {
    var s = data.strings, n = data.x.length, k = data.classes.length;
    var state = {};
    function initial() {
      state.x = data.x.slice();
      state.W = data.W.map(function (r) { return r.slice(); });
      state.b = data.b.slice();
      state.T = data.temperature.value;
    }
    initial();

    // The image: one square per pixel, its brightness the pixel's value (0 black, 1 white), as
    // in the page's figure of the image, in either colour scheme.
    var rowsN = data.shape[0], colsN = data.shape[1], cell = 40;
    var svg = el("svg:svg", { viewBox: "0 0 " + colsN * cell + " " + rowsN * cell, role: "img", "aria-label": s.image, class: "ll-worked__image" });
    var squares = data.x.map(function (_, i) {
      var r = Math.floor(i / colsN), c = i % colsN;
      var rect = el("svg:rect", { x: c * cell, y: r * cell, width: cell, height: cell, class: "ll-cell-line" });
      svg.appendChild(rect);
      return rect;
    });
    var controls = el("div", { class: "ll-widget__controls" }, [el("p", { class: "ll-widget__sub", text: s.pixels }), svg]);
    var pixelRows = data.x.map(function (v, i) {
      var spec = Object.assign({}, data.pixel, { value: v });
      var row = ui.slider(spec, s.pixel + " x" + SUB[i + 1], function (val) { state.x[i] = val; update(); });
      row.classList.add("ll-widget__pixel");
      row.dataset.i = String(i);
      controls.appendChild(row);
      return row;
    });
    var tRow = ui.slider(data.temperature, s.temperature, function (v) { state.T = v; update(); });
    tRow.classList.add("ll-widget__temperature");
    controls.appendChild(tRow);

    // Weights and biases: a table of number inputs, one column per class.
    var wBody = el("tbody");
    var wInputs = [], bInputs = [];
    // A typed value outside the weights' range, or none, is not used: the field says so (a
    // message the reader sees and a screen reader hears) and keeps the last good value, which
    // it shows again when the reader leaves it.
    var lo = data.weight.min, hi = data.weight.max;
    var invalid = el("p", { class: "ll-widget__invalid", role: "status" });
    function numberInput(v, label, onChange) {
      var input = el("input", { type: "number", min: lo, max: hi, step: data.weight.step, value: v, "aria-label": label, class: "ll-widget__number" });
      var good = v;
      input.addEventListener("input", function () {
        var val = Number(input.value);
        var ok = input.value.trim() !== "" && Number.isFinite(val) && val >= lo && val <= hi;
        input.setAttribute("aria-invalid", ok ? "false" : "true");
        ui.setText(invalid, ok ? "" : F.format(s.range, { label: label, min: F.num(lo, 1), max: F.num(hi, 1) }));
        if (ok) { good = val; onChange(val); }
      });
      input.addEventListener("change", function () {
        if (input.getAttribute("aria-invalid") === "true") {
          input.value = good;
          input.setAttribute("aria-invalid", "false");
        }
      });
      input.setGood = function (val) { good = val; input.value = val; };
      return input;
    }
    for (var i = 0; i <= n; i++) {
      var tr = el("tr", {}, [el("th", { scope: "row", text: i < n ? "x" + SUB[i + 1] : s.bias })]);
      for (var j = 0; j < k; j++) {
        (function (i, j) {
          var label = i < n ? "w" + SUB[i + 1] + SUB[j + 1] + F.format(s.paren, { text: data.classes[j] }) : s.bias + " b" + SUB[j + 1] + F.format(s.paren, { text: data.classes[j] });
          var input = numberInput(i < n ? state.W[i][j] : state.b[j], label, function (v) {
            if (i < n) state.W[i][j] = v;
            else state.b[j] = v;
            update();
          });
          if (i < n) (wInputs[i] = wInputs[i] || [])[j] = input;
          else bInputs[j] = input;
          tr.appendChild(el("td", {}, [input]));
        })(i, j);
      }
      wBody.appendChild(tr);
    }
    var head = el("tr", {}, [el("td")].concat(data.classes.map(function (c) { return el("th", { scope: "col", text: c }); })));
    var weights = el("details", { class: "ll-widget__weights" }, [
      el("summary", { text: s.weights }),
      el("table", { class: "ll-widget__table ll-widget__wtable" }, [el("thead", {}, [head]), wBody]),
    ]);
    controls.appendChild(weights);
    controls.appendChild(invalid);
    function setWeights() {
      wInputs.forEach(function (row, i) { row.forEach(function (inp, j) { inp.setGood(state.W[i][j]); }); });
      bInputs.forEach(function (inp, j) { inp.setGood(state.b[j]); });
    }
    var shared = ui.share(root, "worked", {
      x: { length: n, min: data.pixel.min, max: data.pixel.max,
        get: function () { return state.x; },
        set: function (v) { state.x = v.slice(); pixelRows.forEach(function (row, i) { row.set(v[i]); }); } },
      W: { length: n * k, min: data.weight.min, max: data.weight.max,
        get: function () { return [].concat.apply([], state.W); },
        set: function (v) { state.W = state.W.map(function (row, i) { return v.slice(i * k, i * k + k); }); setWeights(); } },
      b: { length: k, min: data.weight.min, max: data.weight.max,
        get: function () { return state.b; }, set: function (v) { state.b = v.slice(); setWeights(); } },
      T: { length: 1, min: data.temperature.min, max: data.temperature.max,
        get: function () { return [state.T]; }, set: function (v) { state.T = v[0]; tRow.set(v[0]); } },
    }, function () { update(true); }, s);
    controls.appendChild(ui.button(s.reset, function () {
      initial();
      pixelRows.forEach(function (row, i) { row.set(state.x[i]); });
      tRow.set(state.T);
      setWeights();
      ui.setText(invalid, "");
      update();
    }, { class: "md-button ll-widget__button ll-widget__reset" }));
    controls.appendChild(shared.control);

    // Outputs.
    var body = el("tbody");
    var cells = data.classes.map(function (name, j) {
      var z = el("td", { class: "ll-num ll-z" }), e = el("td", { class: "ll-num ll-exp" }), p = el("td", { class: "ll-num ll-p" });
      var bar = el("span", { class: "ll-bar ll-fill-" + j });
      var tr = el("tr", { "data-cls": String(j) }, [el("th", { scope: "row", text: name }), z, e, p, el("td", { class: "ll-barcell" }, [bar])]);
      body.appendChild(tr);
      return { z: z, e: e, p: p, bar: bar };
    });
    var sumCell = el("td", { class: "ll-num ll-expsum" }), psum = el("td", { class: "ll-num ll-psum" });
    var foot = el("tfoot", {}, [el("tr", {}, [el("th", { scope: "row", text: s.sum }), el("td"), sumCell, psum, el("td")])]);
    var table = el("table", { class: "ll-widget__table ll-widget__probs" }, [
      el("thead", {}, [el("tr", {}, [
        el("th", { scope: "col", text: s["class"] }), el("th", { scope: "col", text: s.z }), el("th", { scope: "col", text: s.exp }),
        el("th", { scope: "col", text: s.p }), el("th", { scope: "col" }, [el("span", { class: "ll-sr", text: s.p })]),
      ])]),
      body,
      foot,
    ]);
    var ratio = el("p", { class: "ll-widget__ratio" });
    var liveRegion = ui.live();
    root.appendChild(el("div", { class: "ll-widget__grid" }, [controls, el("div", { class: "ll-widget__out" }, [table, ratio])]));
    root.appendChild(liveRegion);

    function update(quiet) {
      if (!quiet) shared.later();
      squares.forEach(function (sq, i) {
        var v = Math.max(0, Math.min(1, state.x[i]));
        var fill = "color-mix(in srgb, #ffffff " + (100 * v).toFixed(1) + "%, #000000)";
        if (sq.llFill !== fill) sq.style.fill = sq.llFill = fill;
      });
      var z = M.linear(state.x, state.W, state.b);
      var p = M.softmax(z, state.T);
      cells.forEach(function (c, j) { ui.setBar(c.bar, p[j]); });
      ui.readout(root, quiet ? readQuiet : read);
    }
    function readQuiet() { read(true); }
    /** The numbers: at once, or during a drag when ui.readout lets them. */
    function read(quiet) {
      var z = M.linear(state.x, state.W, state.b);
      var p = M.softmax(z, state.T);
      var zt = z.map(function (v) { return v / state.T; });
      var e = zt.map(Math.exp);
      var shownP = F.parts(p);  // probabilities that add up to the shown 1.00
      cells.forEach(function (c, j) {
        ui.setValue(c.z, z[j], F.num(z[j]));
        ui.setValue(c.e, e[j], F.big(e[j]));
        ui.setValue(c.p, p[j], shownP[j]);
      });
      var total = e.reduce(function (a, v) { return a + v; }, 0);
      ui.setValue(sumCell, total, F.big(total));
      ui.setValue(psum, 1, F.num(p.reduce(function (a, v) { return a + v; }, 0)));
      var order = p.map(function (_, j) { return j; }).sort(function (a, b) { return z[b] - z[a]; });
      var a = order[0], b = order[1];
      var r = Math.exp((z[a] - z[b]) / state.T);
      ui.setText(ratio, F.format(s.ratio, { i: data.classes[a], j: data.classes[b], zi: F.num(z[a]), zj: z[b] < 0 ? "(" + F.num(z[b]) + ")" : F.num(z[b]) }) + " = " + F.big(r));
      ui.put(ratio, "data-value", String(r));
      ui.put(ratio, "data-pair", a + "," + b);
      if (!quiet) liveRegion.say(F.format(s.announce, { cls: data.classes[a], p: F.pct(p[a]) }));
    }
    if (!shared.restore()) update(true);
  });
})();
