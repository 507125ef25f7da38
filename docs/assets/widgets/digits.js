/* The digit sketchpad (templates page): draw on the 8×8 grid of the digits data (pointer,
   touch or keyboard) or load a held-out digit; the site's trained linear classifier scores
   it live, with the contribution maps w_j ⊙ x of the two leading classes. */
(function () {
  "use strict";
  var L = window.LastLayer, M = L.maths, F = L.fmt, ui = L.ui, el = ui.el, put = ui.put;

  function ink(v, colour) {
    return "color-mix(in srgb, " + colour + " " + (100 * Math.max(0, Math.min(1, v))).toFixed(1) + "%, var(--ll-bg))";
  }
  /** Sets a cell's fill only when it changes: a stroke changes one cell of 64, and every
      style write costs a style recalculation. */
  function fill(rect, value) {
    if (rect.llFill === value) return;
    rect.llFill = value;
    rect.style.fill = value;
  }

  L.mount("digits", function (root, data) {
    var s = data.strings, side = data.side, cell = 30, k = data.classes.length;
    var x = data.heldout[data.initial].slice();
    var cursor = { r: 0, c: 0 }, pen = 1;

    var svg = el("svg:svg", {
      viewBox: "0 0 " + side * cell + " " + side * cell, tabindex: "0", role: "application",
      "aria-label": s.grid, class: "ll-digits__grid",
    });
    var cells = x.map(function (_, i) {
      var rect = el("svg:rect", { x: (i % side) * cell, y: Math.floor(i / side) * cell, width: cell, height: cell, class: "ll-cell-line" });
      svg.appendChild(rect);
      return rect;
    });
    var cursorRect = el("svg:rect", { width: cell - 3, height: cell - 3, class: "ll-cursor", visibility: "hidden" });
    svg.appendChild(cursorRect);

    function paint(i, v) {
      if (x[i] === v) return;
      x[i] = v;
      update();
    }
    var box = null; // the grid's box, measured once per stroke (measuring forces a layout)
    window.addEventListener("scroll", function () { box = null; }, { passive: true });
    function cellAt(event) {
      if (!box) box = svg.getBoundingClientRect();
      var c = Math.floor(((event.clientX - box.left) / box.width) * side);
      var r = Math.floor(((event.clientY - box.top) / box.height) * side);
      return r >= 0 && r < side && c >= 0 && c < side ? r * side + c : -1;
    }
    var drawing = false;
    svg.addEventListener("pointerdown", function (e) {
      drawing = true;
      box = null;
      svg.setPointerCapture(e.pointerId);
      var i = cellAt(e);
      if (i >= 0) paint(i, pen);
      e.preventDefault();
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drawing) return;
      var i = cellAt(e);
      if (i >= 0) paint(i, pen);
    });
    ["pointerup", "pointercancel"].forEach(function (type) {
      svg.addEventListener(type, function () { drawing = false; });
    });
    function showCursor() {
      cursorRect.setAttribute("x", cursor.c * cell + 1.5);
      cursorRect.setAttribute("y", cursor.r * cell + 1.5);
    }
    svg.addEventListener("focus", function () { cursorRect.setAttribute("visibility", "visible"); });
    svg.addEventListener("blur", function () { cursorRect.setAttribute("visibility", "hidden"); });
    svg.addEventListener("keydown", function (e) {
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[e.key]) {
        cursor.r = Math.max(0, Math.min(side - 1, cursor.r + moves[e.key][0]));
        cursor.c = Math.max(0, Math.min(side - 1, cursor.c + moves[e.key][1]));
        showCursor();
        liveRegion.say(F.format(s.cursor, { r: cursor.r + 1, c: cursor.c + 1 }));
      } else if (e.key === " " || e.key === "Enter") {
        paint(cursor.r * side + cursor.c, 1);
      } else if (e.key === "Delete" || e.key === "Backspace") {
        paint(cursor.r * side + cursor.c, 0);
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
    var controls = el("div", { class: "ll-widget__controls" }, [
      svg,
      el("div", { class: "ll-digits__tools" }, [penButton, eraserButton, clear]),
      el("div", { class: "ll-digits__loadrow" }, [el("label", { for: selectId, text: s.load }), select]),
    ]);

    var body = el("tbody");
    var rows = data.classes.map(function (name, j) {
      var p = el("td", { class: "ll-num ll-p" });
      var bar = el("span", { class: "ll-bar" });
      var tr = el("tr", { "data-cls": String(j) }, [el("th", { scope: "row", text: name }), p, el("td", { class: "ll-barcell" }, [bar])]);
      body.appendChild(tr);
      return { tr: tr, p: p, bar: bar };
    });
    var table = el("table", { class: "ll-widget__table ll-widget__probs ll-digits__probs" }, [
      el("caption", { text: s.probs }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: s["class"] }), el("th", { scope: "col", text: "ŷ" }), el("th", { scope: "col" }, [el("span", { class: "ll-sr", text: "ŷ" })])])]),
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
    var liveRegion = ui.live();
    root.appendChild(el("div", { class: "ll-widget__grid" }, [
      controls,
      el("div", { class: "ll-widget__out" }, [table, el("div", { class: "ll-digits__maps" }, maps.map(function (m) { return m.fig; }))]),
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
          fill(rect, ink(Math.abs(c) / top, c >= 0 ? "var(--ll-pos)" : "var(--ll-neg)"));
        });
      });
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
      if (!quiet) liveRegion.say(F.format(s.announce, { cls: data.classes[order[0]], p: F.pct(p[order[0]]) }));
    }
    update(true);
  });
})();
