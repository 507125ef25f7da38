/* Softmax by hand (why-softmax page): scores, temperature and a common shift; probabilities,
   log-sum-exp against max, the textbook formula's overflow and the two-class sigmoid. */
(function () {
  "use strict";
  var L = window.LastLayer, M = L.maths, F = L.fmt, ui = L.ui, el = ui.el;

  L.mount("softmax", function (root, data) {
    var s = data.strings, k = data.scores.length;
    var state = { raw: data.scores.map(function (sp) { return sp.value; }), fourth: data.fourth, T: data.temperature.value, c: data.shift.value };

    var controls = el("div", { class: "ll-widget__controls" });
    var rows = data.scores.map(function (spec, j) {
      var row = ui.slider(spec, s.score + " z" + "₁₂₃₄"[j] + F.format(s.paren, { text: data.classes[j] }), function (v) {
        state.raw[j] = v;
        update();
      });
      row.classList.add("ll-widget__score");
      row.dataset.cls = String(j);
      controls.appendChild(row);
      return row;
    });
    var boxId = ui.uid("fourth");
    var box = el("input", { type: "checkbox", id: boxId, class: "ll-widget__fourth" });
    box.checked = state.fourth;
    box.addEventListener("change", function () {
      state.fourth = box.checked;
      update();
    });
    controls.appendChild(el("div", { class: "ll-widget__check" }, [box, el("label", { for: boxId, text: s.fourth })]));
    // Temperature on a log scale (its stops come from lastlayer/widgets.py): from near one-hot
    // to near uniform, each key step multiplying T by the same factor.
    var tRow = ui.slider(data.temperature, s.temperature, function (v) { state.T = v; update(); });
    tRow.classList.add("ll-widget__temperature");
    var cRow = ui.slider(data.shift, s.shift, function (v) { state.c = v; update(); }, 0);
    cRow.classList.add("ll-widget__shift");
    controls.appendChild(tRow);
    controls.appendChild(cRow);
    var shared = ui.share(root, "softmax", {
      z: { length: k, min: data.scores[0].min, max: data.scores[0].max,
        get: function () { return state.raw; },
        set: function (v) { state.raw = v.slice(); rows.forEach(function (row, j) { row.set(v[j]); }); } },
      T: { length: 1, min: data.temperature.min, max: data.temperature.max,
        get: function () { return [state.T]; }, set: function (v) { state.T = v[0]; tRow.set(v[0]); } },
      c: { length: 1, min: data.shift.min, max: data.shift.max,
        get: function () { return [state.c]; }, set: function (v) { state.c = v[0]; cRow.set(v[0]); } },
      four: { length: 1, min: 0, max: 1,
        get: function () { return [state.fourth ? 1 : 0]; }, set: function (v) { state.fourth = box.checked = v[0] === 1; } },
    }, function () { update(true); }, s);
    var reset = ui.button(s.reset, function () {
      data.scores.forEach(function (sp, j) { state.raw[j] = sp.value; rows[j].set(sp.value); });
      state.T = data.temperature.value; tRow.set(state.T);
      state.c = data.shift.value; cRow.set(state.c);
      state.fourth = box.checked = data.fourth;
      update();
    }, { class: "md-button ll-widget__button ll-widget__reset" });
    controls.appendChild(reset);
    controls.appendChild(shared.control);

    var body = el("tbody");
    var table = el("table", { class: "ll-widget__table ll-widget__probs" }, [
      el("caption", { text: s.probs }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: s["class"] }), el("th", { scope: "col", text: "z / T" }), el("th", { scope: "col", text: "ŷ" }), el("th", { scope: "col" }, [el("span", { class: "ll-sr", text: "ŷ" })])])]),
      body,
    ]);
    var cells = data.classes.map(function (name, j) {
      var zt = el("td", { class: "ll-num ll-zt" }), p = el("td", { class: "ll-num ll-p" });
      var bar = el("span", { class: "ll-bar ll-fill-" + j });
      var tr = el("tr", { "data-cls": String(j) }, [el("th", { scope: "row", text: name }), zt, p, el("td", { class: "ll-barcell" }, [bar])]);
      body.appendChild(tr);
      return { tr: tr, zt: zt, p: p, bar: bar };
    });

    // One row per statistic (a div groups its dt and dd): the value sits at the right of its
    // label and drops below it when the two do not fit side by side, as at phone width.
    function stat(label, cls) {
      var dd = el("dd", { class: cls });
      return { row: el("div", { class: "ll-widget__stat" }, [el("dt", { text: label }), dd]), dd: dd };
    }
    var lse = stat(s.lse, "ll-lse"), mx = stat(s.max, "ll-max"), naive = stat(s.naive, "ll-naive");
    var sig = stat(s.sigmoid, "ll-sigmoid"), two = stat(s.twosoft, "ll-two");
    var dl = el("dl", { class: "ll-widget__stats ll-widget__stats--rows" }, [lse, mx, naive, sig, two].map(function (t) { return t.row; }));
    var liveRegion = ui.live();

    var out = el("div", { class: "ll-widget__out" }, [table, dl]);
    root.appendChild(el("div", { class: "ll-widget__grid" }, [controls, out]));
    root.appendChild(liveRegion);

    /** Redraws the bars now and the numbers when ui.readout lets it (at once unless dragging). */
    function update(quiet) {
      if (!quiet) shared.later();
      var n = state.fourth ? k : k - 1;
      ui.setHidden(rows[k - 1], !state.fourth);
      var z = state.raw.slice(0, n).map(function (v) { return v + state.c; });
      var p = M.softmax(z, state.T);
      cells.forEach(function (c, j) {
        ui.setHidden(c.tr, j >= n);
        if (j < n) ui.setBar(c.bar, p[j]);
      });
      ui.readout(root, quiet ? readQuiet : read);
    }
    function readQuiet() { read(true); }
    function read(quiet) {
      var n = state.fourth ? k : k - 1;
      var z = state.raw.slice(0, n).map(function (v) { return v + state.c; });
      var p = M.softmax(z, state.T);
      var shownP = F.parts(p);  // probabilities that add up to 1.00 as shown
      cells.forEach(function (c, j) {
        if (j >= n) return;
        ui.setValue(c.zt, z[j] / state.T, F.num(z[j] / state.T));
        ui.setValue(c.p, p[j], shownP[j]);
      });
      ui.setValue(lse.dd, M.logSumExp(z, state.T), F.num(M.logSumExp(z, state.T)));
      ui.setValue(mx.dd, M.max(z) / state.T, F.num(M.max(z) / state.T));
      var q = M.softmaxNaive(z, state.T);
      // Broken: an ∞ or NaN, or outputs that no longer add up to 1 (each e^(z/T) fits in a double
      // but their sum overflows to ∞, and every output becomes 0).
      var broken = q.some(function (v) { return !Number.isFinite(v); }) || Math.abs(q.reduce(function (a, v) { return a + v; }, 0) - 1) > 1e-9;
      var shown = "(" + q.map(function (v) { return F.num(v); }).join(", ") + ")";
      // The textbook formula fails two ways: e^(z/T) or its sum overflows to ∞ (large scores), or every
      // e^(z/T) underflows to 0 (all scores very negative) and 0/0 is NaN.
      var why = M.max(z) / state.T > 0 ? s.overflow : s.underflow;
      ui.setText(naive.dd, broken ? shown + s.colon + why : shown);
      ui.put(naive.dd, "data-value", JSON.stringify(q.map(function (v) { return Number.isFinite(v) ? v : null; })));
      naive.dd.classList.toggle("ll-bad", broken);
      var sg = M.sigmoid((z[0] - z[1]) / state.T);
      ui.setValue(sig.dd, sg, F.num(sg));
      var p2 = M.softmax([z[0], z[1]], state.T)[0];
      ui.setValue(two.dd, p2, F.num(p2));
      if (!quiet) liveRegion.say(F.leader(p, data.classes.slice(0, n), s));
    }
    if (!shared.restore()) update(true);
  });
})();
