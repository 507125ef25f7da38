/* The digit sketchpad (templates page): draw on the 8×8 grid of the digits data (pointer,
   touch or keyboard) with a brush as thick as the training digits' strokes, or load a
   held-out digit; the site's trained linear classifier scores it live, with the contribution
   maps w_j ⊙ x of the two leading classes in the figures' diverging colours. Pixels that no
   class weighs (the border columns) are hatched. */
(function () {
  "use strict";
  var L = window.LastLayer, M = L.maths, F = L.fmt, ui = L.ui, el = ui.el, put = ui.put;

  function ink(v, colour) {
    return "color-mix(in srgb, " + colour + " " + (100 * Math.max(0, Math.min(1, v))).toFixed(1) + "%, var(--ll-bg))";
  }
  /** The figures' diverging map (lastlayer/style.py), v in [−1, 1]: red below 0, violet
      above, through the stops halfway to the page's background at 0. The stops are set on
      the widget per colour scheme (setDiverging); a browser without light-dark() keeps the
      widget's --ll-neg and --ll-pos. */
  function diverging(v) {
    var a = Math.min(1, Math.abs(v)), side = v < 0 ? "neg" : "pos";
    var end = "var(--ll-w" + side + ", var(--ll-" + side + "))", mid = "var(--ll-w" + side + "mid, var(--ll-" + side + "))";
    if (a <= 0.5) return "color-mix(in srgb, " + mid + " " + (200 * a).toFixed(1) + "%, var(--ll-bg))";
    return "color-mix(in srgb, " + end + " " + (200 * a - 100).toFixed(1) + "%, " + mid + ")";
  }
  function setDiverging(root, stops) {
    if (!(window.CSS && CSS.supports && CSS.supports("color", "light-dark(#000, #fff)"))) return;
    ["neg", "negmid", "posmid", "pos"].forEach(function (name, k) {
      root.style.setProperty("--ll-w" + name, "light-dark(" + stops.light[k] + ", " + stops.dark[k] + ")");
    });
  }
  /** Sets a cell's fill only when it changes: a stroke changes a few cells of 64, and every
      style write costs a style recalculation. */
  function fill(rect, value) {
    if (rect.llFill === value) return;
    rect.llFill = value;
    rect.style.fill = value;
  }

  L.mount("digits", function (root, data) {
    var s = data.strings, side = data.side, cell = 30;
    var x = data.heldout[data.initial].slice();
    var dead = {};
    data.dead.forEach(function (i) { dead[i] = true; });
    var cursor = { r: Math.floor(data.cursor / side), c: data.cursor % side }, pen = 1;
    setDiverging(root, data.diverging);

    var svg = el("svg:svg", {
      viewBox: "0 0 " + side * cell + " " + side * cell, tabindex: "0", role: "application",
      "aria-label": s.grid, class: "ll-digits__grid",
    });
    var cells = x.map(function (_, i) {
      var rect = el("svg:rect", { x: (i % side) * cell, y: Math.floor(i / side) * cell, width: cell, height: cell, class: "ll-cell-line" });
      svg.appendChild(rect);
      return rect;
    });
    // Dead pixels hatched, above the ink: drawing there changes no score.
    data.dead.forEach(function (i) {
      var x0 = (i % side) * cell, y0 = Math.floor(i / side) * cell, d = "";
      for (var t = cell / 3; t < 2 * cell; t += cell / 3) {
        var a = Math.min(t, cell), b = Math.max(0, t - cell);  // the line x + y = t inside the cell
        d += "M" + (x0 + b) + " " + (y0 + a) + "L" + (x0 + a) + " " + (y0 + b);
      }
      svg.appendChild(el("svg:path", { d: d, class: "ll-digits__dead", "data-i": String(i), style: "stroke: var(--ll-muted); stroke-width: 1.5; pointer-events: none" }));
    });
    var cursorRect = el("svg:rect", { width: cell - 3, height: cell - 3, class: "ll-cursor", visibility: "hidden" });
    svg.appendChild(cursorRect);

    /** One segment of a stroke from a to b ([x, y] in pixels from the grid's corner; a === b
        is a dab), as lastlayer.widgets.stroke: the pen darkens each pixel to the brush's ink
        at its centre's distance from the segment, the eraser takes that ink away. */
    var brush = data.brush;
    function stroke(a, b, ink) {
      var dx = b[0] - a[0], dy = b[1] - a[1], length2 = dx * dx + dy * dy, changed = false;
      for (var i = 0; i < x.length; i++) {
        var cx = (i % side) + 0.5, cy = Math.floor(i / side) + 0.5;
        var t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((cx - a[0]) * dx + (cy - a[1]) * dy) / length2));
        var d = Math.hypot(cx - (a[0] + t * dx), cy - (a[1] + t * dy));
        var v = Math.max(0, Math.min(1, (brush.edge - d) / (brush.edge - brush.core)));
        v = Math.floor(v * brush.levels + 0.5) / brush.levels;
        var next = ink ? Math.max(x[i], v) : Math.max(0, x[i] - v);
        if (next !== x[i]) {
          x[i] = next;
          changed = true;
        }
      }
      if (changed) update();
    }
    var box = null; // the grid's box, measured once per stroke (measuring forces a layout)
    window.addEventListener("scroll", function () { box = null; }, { passive: true });
    function pointAt(event) {
      if (!box) box = svg.getBoundingClientRect();
      return [((event.clientX - box.left) / box.width) * side, ((event.clientY - box.top) / box.height) * side];
    }
    var last = null;
    svg.addEventListener("pointerdown", function (e) {
      box = null;
      svg.setPointerCapture(e.pointerId);
      last = pointAt(e);
      stroke(last, last, pen === 1);
      e.preventDefault();
    });
    svg.addEventListener("pointermove", function (e) {
      if (!last) return;
      var p = pointAt(e);
      stroke(last, p, pen === 1);
      last = p;
    });
    ["pointerup", "pointercancel"].forEach(function (type) {
      svg.addEventListener(type, function () { last = null; });
    });
    function showCursor() {
      cursorRect.setAttribute("x", cursor.c * cell + 1.5);
      cursorRect.setAttribute("y", cursor.r * cell + 1.5);
    }
    function dab(ink) {
      var centre = [cursor.c + 0.5, cursor.r + 0.5];
      stroke(centre, centre, ink);
    }
    svg.addEventListener("focus", function () { cursorRect.setAttribute("visibility", "visible"); });
    svg.addEventListener("blur", function () { cursorRect.setAttribute("visibility", "hidden"); });
    svg.addEventListener("keydown", function (e) {
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[e.key]) {
        cursor.r = Math.max(0, Math.min(side - 1, cursor.r + moves[e.key][0]));
        cursor.c = Math.max(0, Math.min(side - 1, cursor.c + moves[e.key][1]));
        showCursor();
        liveRegion.say(F.format(dead[cursor.r * side + cursor.c] ? s.cursor_dead : s.cursor, { r: cursor.r + 1, c: cursor.c + 1 }));
      } else if (e.key === " " || e.key === "Enter") {
        dab(true);
      } else if (e.key === "Delete" || e.key === "Backspace") {
        dab(false);
      } else return;
      e.preventDefault();
    });
    showCursor();

    var penButton = ui.button(s.pen, function () { setPen(1); }, { class: "md-button ll-widget__button ll-digits__pen", "aria-pressed": "true" });
    var eraserButton = ui.button(s.eraser, function () { setPen(0); }, { class: "md-button ll-widget__button ll-digits__eraser", "aria-pressed": "false" });
    function setPen(v) {
      pen = v;
      penButton.setAttribute("aria-pressed", String(v === 1));
      eraserButton.setAttribute("aria-pressed", String(v === 0));
    }
    var clear = ui.button(s.clear, function () {
      x = x.map(function () { return 0; });
      select.value = "";
      update();
    }, { class: "md-button ll-widget__button ll-digits__clear" });
    var selectId = ui.uid("load");
    var select = el("select", { id: selectId, class: "ll-digits__load" }, [el("option", { value: "", text: s.none })].concat(
      data.labels.map(function (d, i) { return el("option", { value: String(i), text: F.format(s.heldout, { d: d }) }); })
    ));
    select.addEventListener("change", function () {
      if (select.value === "") return;
      x = data.heldout[Number(select.value)].slice();
      update();
    });
    // The drawing in the page's address (core.js ui.share), so a teacher can share a digit.
    var shared = ui.share(root, "digits", {
      x: { length: side * side, min: 0, max: 1, get: function () { return x; }, set: function (v) { x = v.slice(); select.value = ""; } },
    }, function () { update(true); }, s);
    var controls = el("div", { class: "ll-widget__controls" }, [
      el("p", { class: "ll-widget__help ll-digits__hint", text: s.hint }),
      svg,
      el("p", { class: "ll-widget__help ll-digits__deadnote", text: s.dead }),
      el("div", { class: "ll-digits__tools" }, [penButton, eraserButton, clear]),
      el("div", { class: "ll-digits__loadrow" }, [el("label", { for: selectId, text: s.load }), select]),
      shared.control,
    ]);

    var body = el("tbody");
    var rows = data.classes.map(function (name, j) {
      var z = el("td", { class: "ll-num ll-z" }), p = el("td", { class: "ll-num ll-p" });
      var b = el("td", { class: "ll-num ll-b", "data-value": String(data.b[j]), text: F.num(data.b[j]) });
      var bar = el("span", { class: "ll-bar" });
      var tr = el("tr", { "data-cls": String(j) }, [el("th", { scope: "row", text: name }), z, b, p, el("td", { class: "ll-barcell" }, [bar])]);
      body.appendChild(tr);
      return { tr: tr, z: z, p: p, bar: bar };
    });
    var table = el("table", { class: "ll-widget__table ll-widget__probs ll-digits__probs" }, [
      el("caption", { text: s.probs }),
      el("thead", {}, [el("tr", {}, [
        el("th", { scope: "col", text: s["class"] }), el("th", { scope: "col", text: s.z }), el("th", { scope: "col", text: s.bias }),
        el("th", { scope: "col", text: "ŷ" }), el("th", { scope: "col" }, [el("span", { class: "ll-sr", text: "ŷ" })]),
      ])]),
      body,
    ]);
    var maps = [];
    for (var t = 0; t < data.top; t++) {
      var mapSvg = el("svg:svg", { viewBox: "0 0 " + side * 12 + " " + side * 12, role: "img", class: "ll-digits__map" });
      var rects = [];
      for (var i = 0; i < side * side; i++) {
        var r = el("svg:rect", { x: (i % side) * 12, y: Math.floor(i / side) * 12, width: 12, height: 12 });
        mapSvg.appendChild(r);
        rects.push(r);
      }
      var caption = el("figcaption", { class: "ll-digits__caption" });
      var fig = el("figure", { class: "ll-digits__contrib" }, [mapSvg, caption]);
      maps.push({ svg: mapSvg, rects: rects, caption: caption, fig: fig });
    }
    // The maps' colour scale: negative, 0, positive (the ramp is decoration; the words say it).
    var ramp = ["var(--ll-wneg, var(--ll-neg))", "var(--ll-wnegmid, var(--ll-neg))", "var(--ll-bg)", "var(--ll-wposmid, var(--ll-pos))", "var(--ll-wpos, var(--ll-pos))"];
    var legend = el("div", { class: "ll-digits__legend", style: "max-width: 17rem; margin-top: 0.4rem; font-size: 0.7rem" }, [
      el("p", { class: "ll-digits__legendtitle", text: s.legend }),
      el("div", { class: "ll-digits__ramp", "aria-hidden": "true", style: "height: 0.7em; border: 0.05rem solid var(--ll-line); background: linear-gradient(to right, " + ramp.join(", ") + ")" }),
      el("div", { class: "ll-digits__ticks", style: "display: grid; grid-template-columns: 1fr auto 1fr; gap: 0.5em" }, [
        el("span", { class: "ll-digits__neg", text: s.negative }), el("span", { text: "0" }),
        el("span", { class: "ll-digits__pos", text: s.positive, style: "text-align: right" }),
      ]),
    ]);
    var liveRegion = ui.live();
    root.appendChild(el("div", { class: "ll-widget__grid" }, [
      controls,
      el("div", { class: "ll-widget__out" }, [table, el("div", { class: "ll-digits__maps" }, maps.map(function (m) { return m.fig; })), legend]),
    ]));
    root.appendChild(liveRegion);

    function update(quiet) {
      cells.forEach(function (rect, i) { fill(rect, ink(x[i], "var(--ll-fg)")); });
      var z = M.linear(x, data.W, data.b);
      var p = M.softmax(z);
      rows.forEach(function (row, j) { ui.setBar(row.bar, p[j]); });
      var order = z.map(function (_, j) { return j; }).sort(function (a, b) { return z[b] - z[a]; });
      rows.forEach(function (row, j) { put(row.bar, "class", "ll-bar" + (j === order[0] ? " ll-fill-0" : "")); });
      // One colour scale for the maps shown: the largest contribution in either is full colour.
      var top = 1e-12;
      maps.forEach(function (m, t) { x.forEach(function (v, i) { top = Math.max(top, Math.abs(data.W[i][order[t]] * v)); }); });
      maps.forEach(function (m, t) {
        var j = order[t];
        m.rects.forEach(function (rect, i) {
          var c = data.W[i][j] * x[i];
          fill(rect, diverging(c / top));
        });
      });
      if (!quiet) shared.later();
      ui.readout(root, quiet ? readQuiet : read);
    }
    function readQuiet() { read(true); }
    /** The numbers and labels: at once, or during a stroke when ui.readout lets them. */
    function read(quiet) {
      put(svg, "data-pixels", JSON.stringify(x));
      var z = M.linear(x, data.W, data.b);
      var p = M.softmax(z);
      var shownP = F.parts(p);  // probabilities that add up to 1.00 as shown
      rows.forEach(function (row, j) {
        put(row.z, "text", F.num(z[j]));
        put(row.z, "data-value", String(z[j]));
        put(row.p, "text", shownP[j]);
        put(row.p, "data-value", String(p[j]));
      });
      var order = z.map(function (_, j) { return j; }).sort(function (a, b) { return z[b] - z[a]; });
      maps.forEach(function (m, t) {
        var j = order[t];
        var text = F.format(s.contrib, { d: data.classes[j], z: F.num(z[j]) });
        put(m.caption, "text", text);
        put(m.svg, "aria-label", text);
        put(m.fig, "data-cls", String(j));
        put(m.fig, "data-value", String(z[j]));
      });
      if (!quiet) liveRegion.say(F.leader(p, data.classes, s));
    }
    if (!shared.restore()) update(true);
  });
})();
