/* ecosystem map page script.
 * Reads the map data from <script type="application/json" id="eco-map-data">, draws it
 * with vis-network and wires the controls. Every piece of data is put into the page with
 * textContent / DOM properties, never as HTML.
 */
(function () {
  "use strict";
  var t0 = (window.performance && performance.now) ? performance.now() : 0;
  var DATA = JSON.parse(document.getElementById("eco-map-data").textContent);
  // canvas text (labels) only uses a web font that is already loaded: load the embedded
  // Hangul subset first, then draw
  if (DATA.embeddedFont && document.fonts && document.fonts.load) {
    var sample = String(DATA.fontSample || "가");
    Promise.all([document.fonts.load("600 13px \"" + DATA.embeddedFont + "\"", sample),
                 document.fonts.load("12px \"" + DATA.embeddedFont + "\"", sample)])
      .then(main, main);
  } else {
    main();
  }
  function main() {
  var N = DATA.nodes, E = DATA.edges, R = DATA.recommended, META = DATA.meta;
  var n = N.id.length, m = E.s.length, nr = R.s.length;
  var FONT = DATA.fontStack, T = DATA.ui || {};
  function tr(key, fallback) { return T[key] || fallback || key; }
  var BIG = n > 3000 || m > 15000;
  var FADE = "rgba(255,255,255,0.8)";
  var REC_COLOR = "#7A1FA2", BRIDGE_COLOR = "#000000", ART_BORDER = "#000000";
  var isEmbed = document.body.classList.contains("embed");

  // ------------------------------------------------------------------ helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function safeColor(c, fallback) {
    return (typeof c === "string" && /^#[0-9a-fA-F]{6}$/.test(c)) ? c : (fallback || "#a0a0a0");
  }
  function shade(hex, f) {
    var c = safeColor(hex), r = parseInt(c.substr(1, 2), 16), g = parseInt(c.substr(3, 2), 16),
      b = parseInt(c.substr(5, 2), 16);
    r = Math.round(r * f); g = Math.round(g * f); b = Math.round(b * f);
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  function fmt(v) {
    if (v === null || v === undefined || v === "") return "";
    if (typeof v === "number") {
      if (Number.isInteger(v)) return v.toLocaleString("en-US");
      var a = Math.abs(v);
      return a >= 1000 ? v.toFixed(0) : a >= 1 ? v.toFixed(2) : v.toPrecision(3);
    }
    return String(v);
  }
  function keyOf(s) {
    s = String(s === null || s === undefined ? "" : s);
    try { s = s.normalize("NFKC"); } catch (e) { /* old browsers */ }
    return s.toLocaleLowerCase();
  }
  function humanise(s) { return String(s).replace(/_/g, " "); }
  var METRICS = ["anchor_score", "degree", "strength", "pagerank", "betweenness", "eigenvector", "closeness",
                 "harmonic", "coreness", "clustering", "constraint", "effective_size", "partners", "members"];
  function metricName(s) { return (METRICS.indexOf(s) >= 0 && T[s]) || humanise(s); }

  // adjacency (CSR) for neighbourhoods
  var deg = new Int32Array(n + 1);
  for (var j = 0; j < m; j++) { deg[E.s[j] + 1]++; deg[E.t[j] + 1]++; }
  for (var i = 0; i < n; i++) deg[i + 1] += deg[i];
  var fill = deg.slice(0, n), nbr = new Int32Array(2 * m), nbrEdge = new Int32Array(2 * m);
  for (j = 0; j < m; j++) {
    var a = E.s[j], b = E.t[j];
    nbr[fill[a]] = b; nbrEdge[fill[a]++] = j;
    nbr[fill[b]] = a; nbrEdge[fill[b]++] = j;
  }
  var nameKey = N.name.map(keyOf);

  // ------------------------------------------------------------------ state
  var colorings = DATA.colorings || {};
  var modes = Object.keys(colorings);
  var TIME = DATA.time || null, DISPLAY = DATA.display || {};
  var state = {
    colorBy: modes.indexOf(DATA.colorBy) >= 0 ? DATA.colorBy : modes[0],
    showRec: !!(DATA.overlays && DATA.overlays.recommended) && nr > 0,
    showFrag: !!(DATA.overlays && DATA.overlays.fragility),
    labels: true, selected: null, hood: null, allTies: !DISPLAY.backbone, period: null,
    off: { sector: {}, community: {}, type: {} }, minStrength: -Infinity
  };
  // hidden = filtered (by the filters or the time slider) or, for ties, left out of the backbone
  var nodeHidden = new Uint8Array(n), edgeHidden = new Uint8Array(m), edgeFiltered = new Uint8Array(m);
  var inHood = new Uint8Array(n), entrant = new Uint8Array(n);
  var BB = E.bb || [];
  function inBackbone(j) { return BB.length ? !!BB[j] : true; }
  function activeIn(runs, k) {
    if (!runs) return false;
    for (var q = 0; q < runs.length; q++) if (runs[q][0] <= k && k <= runs[q][1]) return true;
    return false;
  }
  // label priority: anchor rank (then size); search hits and the selection go first
  var byPriority = [];
  for (i = 0; i < n; i++) byPriority.push(i);
  byPriority.sort(function (a, b) {
    var ra = N.rank[a] === null ? Infinity : N.rank[a], rb = N.rank[b] === null ? Infinity : N.rank[b];
    return (ra - rb) || (N.size[b] - N.size[a]) || (a - b);
  });
  var priorityOf = new Int32Array(n);
  for (i = 0; i < n; i++) priorityOf[byPriority[i]] = i;
  var searchHits = [];

  function itemOf(mode, i) {
    var c = colorings[mode];
    return c ? c.items[N.cat[mode][i]] : null;
  }
  function nodeColor(i) {
    var item = itemOf(state.colorBy, i);
    return item ? safeColor(item.color) : "#a0a0a0";
  }
  function typeColor(j) {
    var it = DATA.edgeTypes[E.type[j]];
    return safeColor(it && it.color, "#bbbbbb");
  }
  function nodeItem(i) {
    var col = nodeColor(i), art = state.showFrag && N.art[i], isNew = state.period !== null && entrant[i];
    var border = art ? ART_BORDER : (N.focus[i] || isNew ? "#000" : nodeBorder(col));
    return {
      id: i, x: N.x[i], y: N.y[i], size: N.size[i], hidden: !!nodeHidden[i], label: undefined,
      borderWidth: art || N.focus[i] ? 4 : (isNew ? 3.5 : 1),
      color: { background: col, border: border,
               highlight: { background: col, border: "#000" }, hover: { background: col, border: "#000" } }
    };
  }
  function nodeBorder(col) { return shade(col, 0.7); }
  // one colour key: a tie takes a light tint of its partners' shared colour, else neutral grey
  var NEUTRAL = "#B4B4B4", GROUPED = { __other__: 1, __isolated__: 1, unknown: 1 };
  function tint(hex) {
    var c = safeColor(hex), out = "#";
    for (var q = 1; q < 7; q += 2) {
      var v = Math.round(255 - (255 - parseInt(c.substr(q, 2), 16)) * 0.45);
      out += (v < 16 ? "0" : "") + v.toString(16).toUpperCase();
    }
    return out;
  }
  function edgeColor(j) {
    if (state.showFrag && E.bridge[j]) return BRIDGE_COLOR;
    var a = itemOf(state.colorBy, E.s[j]), b = itemOf(state.colorBy, E.t[j]);
    if (META.kind === "overview") return "#888888";
    return (a && a === b && !GROUPED[a.value]) ? tint(a.color) : NEUTRAL;
  }
  function edgeWidth(j) { return E.width[j] + ((state.showFrag && E.bridge[j]) ? 2.5 : 0); }
  function edgeItem(j) {
    var bridge = state.showFrag && E.bridge[j], col = edgeColor(j);
    return {
      id: j, from: E.s[j], to: E.t[j], hidden: !!edgeHidden[j], width: edgeWidth(j),
      color: { color: col, highlight: "#000000", hover: "#000000", opacity: bridge ? 1 : 0.75 }
    };
  }
  function recItem(k) {
    return { id: "r" + k, from: R.s[k], to: R.t[k], dashes: [7, 6], width: 2.5, hidden: !state.showRec,
             color: { color: REC_COLOR, highlight: REC_COLOR, hover: REC_COLOR, opacity: 0.9 },
             physics: false, smooth: false };
  }
  for (j = 0; j < m; j++) if (!state.allTies && !inBackbone(j)) edgeHidden[j] = 1;

  // stretch the precomputed layout (up to 2x on one axis) to the frame's shape, so the
  // drawing fills its frame; stretching only moves partners apart. A frame with no size yet
  // (laid out after this script ran) is shaped at its first real size (see "resize")
  var shaped = false;
  function fitShape() {
    var wrap = document.getElementById("eco-network");
    var W = wrap.clientWidth, H = wrap.clientHeight;
    if (shaped || !(W > 0 && H > 0)) return false;
    shaped = true;
    if (n < 3) return false;
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (var i = 0; i < n; i++) {
      if (N.x[i] < x0) x0 = N.x[i]; if (N.x[i] > x1) x1 = N.x[i];
      if (N.y[i] < y0) y0 = N.y[i]; if (N.y[i] > y1) y1 = N.y[i];
    }
    var bw = x1 - x0, bh = y1 - y0;
    if (!(bw > 0 && bh > 0)) return false;
    var want = W / H, have = bw / bh, cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    if (have < want) { var fx = Math.min(want / have, 2); for (i = 0; i < n; i++) N.x[i] = cx + (N.x[i] - cx) * fx; }
    else { var fy = Math.min(have / want, 2); for (i = 0; i < n; i++) N.y[i] = cy + (N.y[i] - cy) * fy; }
    return true;
  }
  fitShape();

  var nodeArr = new Array(n), edgeArr = new Array(m + nr);
  for (i = 0; i < n; i++) nodeArr[i] = nodeItem(i);
  for (j = 0; j < m; j++) edgeArr[j] = edgeItem(j);
  for (var k = 0; k < nr; k++) edgeArr[m + k] = recItem(k);
  var nodes = new vis.DataSet(nodeArr), edges = new vis.DataSet(edgeArr);

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 0 },
    physics: { enabled: false, solver: "barnesHut", stabilization: false,
               barnesHut: { gravitationalConstant: -2500, springLength: 110, springConstant: 0.03,
                            damping: 0.5, avoidOverlap: 0.1 } },
    nodes: { shape: "dot", borderWidth: 1,
             font: { face: FONT, size: 12, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 6, maxVisible: 16 } } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5,
             arrows: META.directed ? { to: { enabled: true, scaleFactor: 0.45 } } : { to: { enabled: false } } },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
                   navigationButtons: false, keyboard: false, multiselect: false }
  };
  var container = document.getElementById("eco-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  var api = window.ecosystemMap = {
    network: network, nodes: nodes, edges: edges, data: DATA, ready: false, readyMs: null,
    search: search, select: selectNode, state: state
  };

  // ------------------------------------------------------------------ drawing hooks
  // community hulls: convex hull of each community's discs (padded), drawn under the graph
  var hulls = null;
  function convexHull(pts) {
    pts.sort(function (p, q) { return p[0] - q[0] || p[1] - q[1]; });
    function cross(o, a, b) { return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]); }
    var lower = [], upper = [], i;
    for (i = 0; i < pts.length; i++) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], pts[i]) <= 0) lower.pop();
      lower.push(pts[i]);
    }
    for (i = pts.length - 1; i >= 0; i--) {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], pts[i]) <= 0) upper.pop();
      upper.push(pts[i]);
    }
    upper.pop(); lower.pop();
    return lower.concat(upper);
  }
  function computeHulls() {
    var c = colorings.community, out = [];
    if (!c || !N.cat.community) return out;
    var pos = network.getPositions(), groups = {};
    for (var i = 0; i < n; i++) {
      if (nodeHidden[i] || !pos[i]) continue;
      var k = N.cat.community[i], it = c.items[k];
      if (!it || it.value === "unknown" || it.color.toUpperCase() === "#D9D9D9") continue;
      var r = N.size[i] + 10, g = groups[k] || (groups[k] = []);
      for (var a = 0; a < 8; a++) g.push([pos[i].x + r * Math.cos(a * Math.PI / 4), pos[i].y + r * Math.sin(a * Math.PI / 4)]);
    }
    Object.keys(groups).forEach(function (k) {
      if (groups[k].length >= 24) out.push({ color: safeColor(c.items[k].color), pts: convexHull(groups[k]) });
    });
    return out;
  }
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    if (state.hulls) {
      if (!hulls) hulls = computeHulls();
      ctx.save();
      ctx.lineWidth = 2 / network.getScale();
      hulls.forEach(function (h) {
        ctx.beginPath();
        h.pts.forEach(function (p, q) { if (q) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
        ctx.closePath();
        ctx.globalAlpha = 0.12; ctx.fillStyle = h.color; ctx.fill();
        ctx.globalAlpha = 0.45; ctx.strokeStyle = h.color; ctx.stroke();
      });
      ctx.restore();
    }
  });
  network.on("dragEnd", function () { hulls = null; });
  // neighbourhood highlight: fade the whole drawing, then redraw the selected partner, its
  // ties and neighbours on top (O(degree) per frame; no restyling of thousands of items)
  function drawHood(ctx) {
    var sel = state.selected, scale = network.getScale();
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = FADE; ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    // every tie of the selected partner, backbone or not (only filters and time hide them)
    var ids = [sel], q, j;
    for (q = deg[sel]; q < deg[sel + 1]; q++) if (!edgeFiltered[nbrEdge[q]]) ids.push(nbr[q]);
    var recs = [];
    if (state.showRec) for (q = 0; q < nr; q++) if ((R.s[q] === sel || R.t[q] === sel) && !nodeHidden[R.s[q]] && !nodeHidden[R.t[q]]) {
      recs.push(q); ids.push(R.s[q] === sel ? R.t[q] : R.s[q]);
    }
    var pos = network.getPositions(ids);
    ctx.save();
    ctx.lineCap = "round";
    for (q = deg[sel]; q < deg[sel + 1]; q++) {
      j = nbrEdge[q];
      if (edgeFiltered[j]) continue;
      var a = pos[E.s[j]], b = pos[E.t[j]];
      if (!a || !b) continue;
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      var c = edgeColor(j);
      ctx.strokeStyle = c === NEUTRAL ? "#8C8C8C" : c; ctx.lineWidth = Math.max(edgeWidth(j), 1.5 / scale); ctx.stroke();
    }
    ctx.setLineDash([7, 6]);
    recs.forEach(function (k) {
      var a = pos[R.s[k]], b = pos[R.t[k]];
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      ctx.strokeStyle = REC_COLOR; ctx.lineWidth = Math.max(2.5, 2 / scale); ctx.stroke();
    });
    ctx.setLineDash([]);
    for (q = ids.length - 1; q >= 0; q--) {
      var id = ids[q], p = pos[id];
      if (!p) continue;
      var col = nodeColor(id);
      ctx.beginPath(); ctx.arc(p.x, p.y, N.size[id], 0, 2 * Math.PI);
      ctx.fillStyle = col; ctx.fill();
      ctx.lineWidth = (id === sel ? 3 : 1) / Math.min(scale, 1);
      ctx.strokeStyle = id === sel || (state.showFrag && N.art[id]) ? "#000000" : nodeBorder(col); ctx.stroke();
    }
    ctx.restore();
  }

  // ------------------------------------------------------------------ labels that never overlap
  // Candidates in priority order (selection, search hits, then anchor rank); each label is
  // placed under its disc if its box meets no label already placed (and not the toolbar);
  // the first ALT_SPOTS candidates (the top anchors) may also go above the disc, to its
  // right or to its left, so they are named even in a crowd without crowding the map with
  // more names; zooming in makes room for more.
  var LABEL_PX = 13, LABEL_H = 17, MAX_CHARS = 32, MAX_LABELS = 250, CELL = 96, ALT_SPOTS = 25;
  var labelText = new Array(n), labelWidth = new Float32Array(n).fill(-1);
  var placed = [];
  function shortName(i) {
    if (labelText[i] === undefined) {
      var t = String(N.name[i]);
      labelText[i] = t.length > MAX_CHARS ? t.slice(0, MAX_CHARS - 1) + "…" : t;
    }
    return labelText[i];
  }
  function labelCandidates() {
    var out = [], seen = new Uint8Array(n), q;
    function add(i) { if (i !== null && i !== undefined && !seen[i]) { seen[i] = 1; out.push(i); } }
    if (state.selected !== null) {
      add(state.selected);
      searchHits.forEach(function (i) { if (inHood[i]) add(i); });
      var hood = [];
      for (q = 0; q < n; q++) if (inHood[q] && !seen[q]) hood.push(q);
      hood.sort(function (a, b) { return priorityOf[a] - priorityOf[b]; });
      hood.forEach(add);
      return out;
    }
    searchHits.forEach(add);
    for (q = 0; q < n; q++) add(byPriority[q]);
    return out;
  }
  function placeLabels(ctx) {
    placed = [];
    if (!state.labels && state.selected === null) return;
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var canvas = ctx.canvas, pr = (network.canvas && network.canvas.pixelRatio) || 1;
    var W = canvas.width / pr, H = canvas.height / pr;
    var grid = {};
    function cells(b, fn) {
      for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++)
        for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) if (fn(cx + "," + cy)) return true;
      return false;
    }
    function hits(b) {
      return cells(b, function (key) {
        var list = grid[key];
        if (!list) return false;
        for (var q = 0; q < list.length; q++) {
          var o = list[q];
          if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
        }
        return false;
      });
    }
    function keep(b) { cells(b, function (key) { (grid[key] || (grid[key] = [])).push(b); return false; }); }
    var bar = document.getElementById("eco-toolbar");
    if (bar && bar.offsetWidth) {
      var r = bar.getBoundingClientRect(), c = canvas.getBoundingClientRect();
      keep([r.left - c.left - 4, r.top - c.top - 4, r.right - c.left + 4, r.bottom - c.top + 4]);
    }
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.font = "600 " + LABEL_PX + "px " + FONT;
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    var list = labelCandidates(), shown = [], bodyNodes = network.body.nodes, inView = 0;
    for (var q = 0; q < list.length; q++) {
      var i = list[q];
      if (nodeHidden[i]) continue;
      var nd = bodyNodes[i];
      if (!nd) continue;
      var x = nd.x * scale + tx, y = nd.y * scale + ty, rad = N.size[i] * scale;
      if (x < -50 || x > W + 50 || y < -50 || y > H + 50) continue;
      if (x >= 0 && x <= W && y >= 0 && y <= H) inView++;
      if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(shortName(i)).width;
      if (shown.length >= MAX_LABELS) break;
      var w = labelWidth[i] + 6, b = null;
      // under the disc first; where that is taken, above it, then to its right or left
      var spots = [[x - w / 2, y + rad + 2], [x - w / 2, y - rad - 2 - LABEL_H],
                   [x + rad + 3, y - LABEL_H / 2], [x - rad - 3 - w, y - LABEL_H / 2]];
      for (var k = 0; k < (q < ALT_SPOTS ? spots.length : 1) && b === null; k++) {
        var c = [spots[k][0], spots[k][1], spots[k][0] + w, spots[k][1] + LABEL_H];
        if (c[0] >= 0 && c[2] <= W && c[1] >= 0 && c[3] <= H && !hits(c)) b = c;
      }
      if (b === null) continue;
      keep(b); shown.push(i); placed.push(b);
    }
    ctx.lineWidth = 4; ctx.strokeStyle = "rgba(255,255,255,0.95)";
    for (q = 0; q < shown.length; q++) {
      i = shown[q];
      var bx = (placed[q][0] + placed[q][2]) / 2, by = placed[q][1] + 2;
      ctx.strokeText(shortName(i), bx, by);
      ctx.fillStyle = (i === state.selected || searchHits.indexOf(i) >= 0) ? "#000000" : "#1a1a1a";
      ctx.fillText(shortName(i), bx, by);
    }
    ctx.restore();
    api.labelled = shown;
    api.inView = inView;  // partners whose centre is on the canvas now
  }
  network.on("afterDrawing", function (ctx) {
    if (state.selected !== null) drawHood(ctx);
    placeLabels(ctx);
    if (!api.ready) {
      api.ready = true;
      api.readyMs = (window.performance && performance.now) ? performance.now() : null;
      api.buildMs = api.readyMs !== null ? api.readyMs - t0 : null;
      document.getElementById("eco-loading").classList.add("done");
      document.body.setAttribute("data-ready", "1");
    }
  });
  // label boxes drawn now, [[left, top, right, bottom], ...] in canvas pixels (CSS px from
  // the canvas' top-left corner)
  api.labelBoxes = function () { return placed.map(function (b) { return b.slice(); }); };
  api.drawingBox = function () {
    var view = network.body.view, s = view.scale, tx = view.translation.x, ty = view.translation.y;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    var bodyNodes = network.body.nodes;
    for (var i = 0; i < n; i++) {
      if (nodeHidden[i] || !bodyNodes[i]) continue;
      var x = bodyNodes[i].x * s + tx, y = bodyNodes[i].y * s + ty, r = N.size[i] * s;
      if (x - r < x0) x0 = x - r; if (x + r > x1) x1 = x + r;
      if (y - r < y0) y0 = y - r; if (y + r > y1) y1 = y + r;
    }
    return [x0, y0, x1, y1];
  };

  // ------------------------------------------------------------------ tooltip & details
  function row(parent, key, value) {
    if (value === null || value === undefined || value === "") return;
    var r = el("div", "eco-tip-row");
    r.appendChild(el("span", "eco-tip-key", key + ": "));
    r.appendChild(el("span", null, fmt(value)));
    parent.appendChild(r);
  }
  function communityText(i) {
    var it = itemOf("community", i);
    return it ? it.label : (N.community[i] === null ? null : N.community[i]);
  }
  // short tooltip: name, sector and community, role, two or three key numbers
  function nodeTip(i) {
    var box = el("div");
    box.appendChild(el("div", "eco-tip-title", N.name[i]));
    if (META.kind === "overview") {
      row(box, tr("partners"), N.value[i]);
      if (N.link[i]) box.appendChild(el("div", "eco-muted", tr("dblclick")));
      return box;
    }
    var line = [N.sector[i], communityText(i)].filter(function (x) { return x !== null && x !== undefined && x !== ""; });
    if (line.length) box.appendChild(el("div", "eco-tip-row", line.join(" · ")));
    row(box, tr("role"), N.role[i]);
    if (N.rank[i] !== null) row(box, tr("anchor_rank"), "#" + N.rank[i]);
    row(box, tr("ties_here"), deg[i + 1] - deg[i]);
    if (N.metrics.strength) row(box, metricName("strength"), N.metrics.strength[i]);
    box.appendChild(el("div", "eco-muted", tr("tip_click")));
    return box;
  }
  function nodeInfo(i) {
    var box = el("div");
    box.appendChild(el("div", "eco-tip-title", N.name[i]));
    if (META.kind !== "overview") {
      row(box, tr("id"), N.id[i]);
      row(box, tr("sector").toLowerCase(), N.sector[i]);
      row(box, tr("community").toLowerCase(), communityText(i));
    }
    if (N.rank[i] !== null) row(box, tr("anchor_rank"), "#" + N.rank[i]);
    row(box, tr("role"), N.role[i]);
    if (N.why[i]) box.appendChild(el("div", "eco-tip-row", N.why[i]));
    if (N.art[i]) row(box, tr("art_row"), (N.cut[i] === null ? tr("some") : fmt(N.cut[i])) + " " + tr("partner_s"));
    Object.keys(N.metrics).forEach(function (c) { row(box, metricName(c), N.metrics[c][i]); });
    Object.keys(N.attrs).forEach(function (c) { row(box, humanise(c), N.attrs[c][i]); });
    row(box, META.kind === "overview" ? tr("linked") : tr("ties_here"), deg[i + 1] - deg[i]);
    if (N.link[i]) {
      var p = el("div", "eco-tip-row"), a = el("a", null, tr("open_drill"));
      a.setAttribute("href", N.link[i]);
      p.appendChild(a); box.appendChild(p);
    }
    return box;
  }
  function edgeInfo(id) {
    var box = el("div");
    if (typeof id === "string" && id.charAt(0) === "r") {
      var k = +id.slice(1);
      box.appendChild(el("div", "eco-tip-title", tr("rec_title") + ": " + N.name[R.s[k]] + " — " + N.name[R.t[k]]));
      row(box, tr("score"), R.score[k]);
      if (R.why[k]) box.appendChild(el("div", "eco-tip-row", R.why[k]));
      return box;
    }
    var j = +id;
    box.appendChild(el("div", "eco-tip-title", N.name[E.s[j]] + (META.directed ? " → " : " — ") + N.name[E.t[j]]));
    row(box, tr("strength"), E.strength[j]);
    row(box, META.kind === "overview" ? tr("ties") : tr("relations"), E.count[j]);
    var names = E.types[j].map(function (x) { return x >= 0 && DATA.edgeTypes[x] ? DATA.edgeTypes[x].label : "?"; });
    row(box, tr("types"), names.join(", "));
    if (E.bridge[j]) row(box, tr("bridge_row"), (E.cut[j] === null ? tr("some") : fmt(E.cut[j])) + " " + tr("partner_s"));
    return box;
  }
  var tip = document.getElementById("eco-tooltip"), stage = document.getElementById("eco-canvas");
  function showTip(content, pointer) {
    tip.textContent = "";
    tip.appendChild(content);
    tip.hidden = false;
    var x = pointer.DOM.x + 14, y = pointer.DOM.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > stage.clientWidth) x = Math.max(0, pointer.DOM.x - w - 10);
    if (y + h > stage.clientHeight) y = Math.max(0, pointer.DOM.y - h - 10);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) { showTip(nodeTip(p.node), p.pointer); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) { showTip(edgeInfo(p.edge), p.pointer); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  var details = document.getElementById("eco-details"), detailsBody = document.getElementById("eco-details-body");
  function showDetails(i) {
    detailsBody.textContent = "";
    detailsBody.appendChild(nodeInfo(i));
    details.hidden = false;
  }

  // ------------------------------------------------------------------ neighbourhood highlight
  function highlight(i) {
    inHood.fill(0);
    inHood[i] = 1;
    for (var q = deg[i]; q < deg[i + 1]; q++) if (!edgeFiltered[nbrEdge[q]]) inHood[nbr[q]] = 1;
    state.selected = i;
    network.redraw();
  }
  function clearHighlight() {
    inHood.fill(0);
    state.selected = null;
    details.hidden = true;
    network.unselectAll();
    network.redraw();
  }
  api.highlighted = function () {
    var out = [];
    if (state.selected !== null) for (var i = 0; i < n; i++) if (inHood[i]) out.push(i);
    return out;
  };
  function selectNode(i, zoom) {
    if (i === null || i === undefined || i < 0 || i >= n) return;
    highlight(i);
    showDetails(i);
    network.selectNodes([i]);
    if (zoom) {
      viewMoved = true;  // the reader asked for this partner: a resize keeps it in view
      network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
    }
  }
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) selectNode(p.nodes[0], false);
    else if (!p.edges || !p.edges.length) clearHighlight();
  });
  network.on("doubleClick", function (p) {
    if (p.nodes && p.nodes.length && N.link[p.nodes[0]]) window.location.href = N.link[p.nodes[0]];
  });
  document.getElementById("eco-clear").addEventListener("click", clearHighlight);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.selected !== null) clearHighlight();
  });

  // ------------------------------------------------------------------ search by name
  var results = document.getElementById("eco-results");
  function search(query, limit) {
    var q = keyOf(query).trim(), out = [];
    if (!q) return out;
    for (var i = 0; i < n && out.length < (limit || 20); i++) if (nameKey[i].indexOf(q) >= 0) out.push(i);
    if (!out.length) for (i = 0; i < n; i++) if (keyOf(N.id[i]) === q) { out.push(i); break; }
    return out;
  }
  function showResults() {
    var q = document.getElementById("eco-search").value, hits = search(q, 25);
    results.textContent = "";
    searchHits = hits.slice(0, 25);
    network.redraw();
    if (!q.trim()) return;
    if (!hits.length) { results.appendChild(el("li", "eco-muted", tr("no_match"))); return; }
    hits.forEach(function (i) {
      var li = el("li"), btn = el("button", "eco-result");
      btn.type = "button";
      btn.appendChild(el("span", "eco-result-name", N.name[i]));
      var extra = META.kind === "overview" ? fmt(N.value[i]) + " " + tr("partners") : N.sector[i];
      if (nodeHidden[i]) extra += " " + tr("filtered_out");
      btn.appendChild(el("span", "eco-muted", " " + extra));
      btn.addEventListener("click", function () { selectNode(i, true); });
      li.appendChild(btn); results.appendChild(li);
    });
  }
  var searchBox = document.getElementById("eco-search");
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = search(searchBox.value, 1); if (hits.length) selectNode(hits[0], true); }
  });

  // ------------------------------------------------------------------ colour by
  function modeTitle(mode) {
    if (mode === "community" || mode === "sector") return T[mode] || (colorings[mode] && colorings[mode].title) || mode;
    return (colorings[mode] && colorings[mode].title) || humanise(mode || "");
  }
  var colorSelect = document.getElementById("eco-colorby");
  modes.forEach(function (mode) {
    var o = el("option", null, modeTitle(mode));
    o.value = mode; colorSelect.appendChild(o);
  });
  colorSelect.value = state.colorBy;
  colorSelect.addEventListener("change", function () {
    state.colorBy = colorSelect.value;
    refreshNodes(); refreshEdges(); buildLegend();
  });
  function refreshNodes() { var u = []; for (var i = 0; i < n; i++) u.push(nodeItem(i)); nodes.update(u); }
  function refreshEdges() { var u = []; for (var j = 0; j < m; j++) u.push(edgeItem(j)); edges.update(u); }

  // ------------------------------------------------------------------ overlays
  var recBox = document.getElementById("eco-ov-rec"), fragBox = document.getElementById("eco-ov-frag");
  recBox.checked = state.showRec; recBox.disabled = nr === 0;
  if (nr === 0) recBox.parentNode.appendChild(el("span", "eco-muted", " " + tr("none_here")));
  recBox.addEventListener("change", function () {
    state.showRec = recBox.checked;
    var u = []; for (var k = 0; k < nr; k++) u.push({ id: "r" + k, hidden: !state.showRec || nodeHidden[R.s[k]] || nodeHidden[R.t[k]] });
    edges.update(u); buildLegend();
  });
  var anyFrag = false;
  for (i = 0; i < n && !anyFrag; i++) if (N.art[i]) anyFrag = true;
  for (j = 0; j < m && !anyFrag; j++) if (E.bridge[j]) anyFrag = true;
  fragBox.checked = state.showFrag; fragBox.disabled = !anyFrag;
  if (!anyFrag) fragBox.parentNode.appendChild(el("span", "eco-muted", " " + tr("none_here")));
  fragBox.addEventListener("change", function () { state.showFrag = fragBox.checked; refreshNodes(); refreshEdges(); buildLegend(); });
  var hullBox = document.getElementById("eco-ov-hulls");
  state.hulls = false;
  if (!colorings.community || META.kind === "overview") { hullBox.disabled = true; }
  hullBox.addEventListener("change", function () { state.hulls = hullBox.checked; hulls = null; buildLegend(); network.redraw(); });
  api.hullCount = function () { return (hulls || computeHulls()).length; };
  var labelBox = document.getElementById("eco-ov-labels");
  labelBox.addEventListener("change", function () {
    state.labels = labelBox.checked;
    network.redraw();
  });
  var allBox = document.getElementById("eco-ov-all");
  if (allBox) {
    allBox.checked = state.allTies;
    if (!DISPLAY.backbone) allBox.parentNode.style.display = "none";
    allBox.addEventListener("change", function () { state.allTies = allBox.checked; applyFilters(); buildLegend(); });
  }
  var physicsBox = document.getElementById("eco-physics");
  physicsBox.addEventListener("change", function () { network.setOptions({ physics: { enabled: physicsBox.checked } }); });

  // ------------------------------------------------------------------ filters
  function checkList(container, items, group, counts) {
    var list = container.querySelector(".eco-list");
    items.forEach(function (it, idx) {
      var label = el("label"), box = document.createElement("input");
      box.type = "checkbox"; box.checked = true;
      box.setAttribute("data-group", group); box.setAttribute("data-index", String(idx));
      box.addEventListener("change", function () { state.off[group][idx] = !box.checked; applyFilters(); });
      label.appendChild(box);
      var sw = el("span", group === "type" ? "eco-line" : "eco-swatch");
      if (group === "type") sw.style.borderTopColor = safeColor(it.color); else sw.style.backgroundColor = safeColor(it.color);
      label.appendChild(sw);
      // a named community's label already ends with its size
      label.appendChild(el("span", null, it.named && !counts ? it.label
                                          : it.label + " (" + fmt(counts ? counts[idx] : it.count) + ")"));
      list.appendChild(label);
    });
    if (!items.length) container.hidden = true;
  }
  checkList(document.getElementById("eco-f-sector"), (colorings.sector || { items: [] }).items, "sector");
  checkList(document.getElementById("eco-f-community"), (colorings.community || { items: [] }).items, "community");
  checkList(document.getElementById("eco-f-type"), DATA.edgeTypes || [], "type");
  var slider = document.getElementById("eco-minstrength"), sliderValue = document.getElementById("eco-minstrength-value");
  var smin = Infinity, smax = -Infinity;
  for (j = 0; j < m; j++) { var sv = E.strength[j]; if (sv !== null) { if (sv < smin) smin = sv; if (sv > smax) smax = sv; } }
  if (!(smax > smin)) { slider.disabled = true; smin = smax = (isFinite(smin) ? smin : 0); }
  slider.min = String(smin); slider.max = String(smax); slider.value = String(smin);
  slider.step = "any";
  sliderValue.textContent = fmt(smin);
  slider.addEventListener("input", function () {
    sliderValue.textContent = fmt(+slider.value);
    state.minStrength = +slider.value <= smin ? -Infinity : +slider.value;
    applyFilters();
  });
  document.getElementById("eco-reset").addEventListener("click", function () {
    state.off = { sector: {}, community: {}, type: {} }; state.minStrength = -Infinity;
    slider.value = String(smin); sliderValue.textContent = fmt(smin);
    Array.prototype.forEach.call(document.querySelectorAll("#eco-filters input[type=checkbox]"), function (b) { b.checked = true; });
    applyFilters();
  });
  function applyFilters() {
    var nu = [], eu = [], i, j, per = state.period;
    var sec = N.cat.sector, com = N.cat.community;
    for (i = 0; i < n; i++) {
      var h = ((sec && state.off.sector[sec[i]]) || (com && state.off.community[com[i]])) ? 1 : 0;
      if (!h && per !== null && TIME && !activeIn(TIME.nodes[i], per)) h = 1;
      var isNew = (per !== null && TIME && per > 0 && activeIn(TIME.nodes[i], per) && !activeIn(TIME.nodes[i], per - 1)) ? 1 : 0;
      if (h !== nodeHidden[i] || isNew !== entrant[i]) {
        nodeHidden[i] = h; entrant[i] = isNew; nu.push(i);
      }
    }
    for (j = 0; j < m; j++) {
      var tys = E.types[j], typeOn = tys.length === 0;
      for (var q = 0; q < tys.length; q++) if (!state.off.type[tys[q]]) { typeOn = true; break; }
      var st = E.strength[j];
      var f = (nodeHidden[E.s[j]] || nodeHidden[E.t[j]] || !typeOn || (st !== null && st < state.minStrength)
               || (per !== null && TIME && !activeIn(TIME.edges[j], per))) ? 1 : 0;
      edgeFiltered[j] = f;
      var hh = (f || (!state.allTies && !inBackbone(j))) ? 1 : 0;
      if (hh !== edgeHidden[j]) { edgeHidden[j] = hh; eu.push({ id: j, hidden: !!hh }); }
    }
    nu = nu.map(nodeItem);
    for (var k = 0; k < nr; k++) eu.push({ id: "r" + k, hidden: !state.showRec || !!nodeHidden[R.s[k]] || !!nodeHidden[R.t[k]] });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    hulls = null;
    updateStats();
  }

  // ------------------------------------------------------------------ legend (same rules as the styling)
  var legend = document.getElementById("eco-legend");
  function legendTitle(parent, text) { parent.appendChild(el("div", "eco-legend-title", text)); }
  function legendItem(parent, swatch, text) {
    var r = el("div", "eco-legend-item");
    r.appendChild(swatch); r.appendChild(el("span", "eco-legend-label", text));
    parent.appendChild(r);
    return r;
  }
  // the time slider (dated data): the network as of each period, entrants ringed
  function setPeriod(k) {
    if (!TIME) return;
    var P = TIME.periods.length;
    state.period = (k === null || k === undefined || k < 0 || k >= P) ? null : k;
    if (timeSlider) timeSlider.value = String(state.period === null ? P : state.period);
    if (timeLabel) timeLabel.textContent = state.period === null ? tr("time_all") : tr("time_as_of").replace("{period}", TIME.periods[state.period]);
    applyFilters();
    hulls = null;
  }
  api.setPeriod = setPeriod;
  api.periods = TIME ? TIME.periods.slice() : [];
  var timeSlider = null, timeLabel = null;
  function timeSection(body) {
    if (!TIME) return;
    var box = el("div", "eco-time");
    legendTitle(box, tr("time"));
    var P = TIME.periods.length;
    timeSlider = document.createElement("input");
    timeSlider.type = "range"; timeSlider.id = "eco-time"; timeSlider.min = "0"; timeSlider.max = String(P);
    timeSlider.step = "1"; timeSlider.value = String(state.period === null ? P : state.period);
    timeSlider.setAttribute("aria-label", tr("time"));
    timeSlider.addEventListener("input", function () { var v = +timeSlider.value; setPeriod(v >= P ? null : v); });
    box.appendChild(timeSlider);
    var ends = el("div", "eco-time-ends");
    ends.appendChild(el("span", null, TIME.periods[0])); ends.appendChild(el("span", null, tr("time_all")));
    box.appendChild(ends);
    timeLabel = el("div", "eco-time-label", state.period === null ? tr("time_all") : tr("time_as_of").replace("{period}", TIME.periods[state.period]));
    box.appendChild(timeLabel);
    if (state.period !== null && state.period > 0) {
      var ring = el("span", "eco-swatch"); ring.style.border = "3px solid #000"; ring.style.backgroundColor = "#ffffff";
      legendItem(box, ring, tr("entrants"));
    }
    body.appendChild(box);
  }
  function buildLegend() {
    var collapsed = legend.classList.contains("collapsed");
    legend.textContent = "";
    var head = el("div", "eco-legend-head");
    head.appendChild(el("strong", null, tr("legend")));
    var toggle = el("button", "eco-legend-toggle", collapsed ? tr("show") : tr("hide"));
    toggle.type = "button";
    toggle.addEventListener("click", function () {
      legend.classList.toggle("collapsed");
      document.body.classList.toggle("legend-collapsed", legend.classList.contains("collapsed"));
      toggle.textContent = legend.classList.contains("collapsed") ? tr("show") : tr("hide");
      setTimeout(function () { network.redraw(); fitView(false); }, 0);
    });
    head.appendChild(toggle);
    legend.appendChild(head);
    var body = el("div", "eco-legend-body");
    legend.appendChild(body);
    timeSection(body);
    var c = colorings[state.colorBy];
    if (c) {
      legendTitle(body, modeTitle(state.colorBy));
      c.items.forEach(function (it) {
        var sw = el("span", "eco-swatch"); sw.style.backgroundColor = safeColor(it.color);
        var r = legendItem(body, sw, it.named ? it.label : it.label + " (" + fmt(it.count) + ")");
        r.setAttribute("data-category", String(it.value));
      });
    }
    var size = DATA.size || {};
    if (size.samples && size.samples.length) {
      legendTitle(body, tr("size") + ": " + (META.kind === "overview" ? (size.title || "") : metricName(size.by || "") + " " + tr("area")));
      var sizes = el("div", "eco-legend-sizes");
      size.samples.forEach(function (s) {
        var d = Math.max(4, Math.min(34, s.size * 0.9));
        var sw = el("span", "eco-swatch"); sw.style.width = d + "px"; sw.style.height = d + "px";
        sw.style.flex = "0 0 " + d + "px"; sw.style.backgroundColor = "#cccccc";
        legendItem(sizes, sw, fmt(s.value));
      });
      body.appendChild(sizes);
    }
    var width = DATA.width || {};
    if (width.samples && width.samples.length) {
      legendTitle(body, tr("line_width") + ": " + (META.kind === "overview" ? (width.title || "") : tr("tie_strength")));
      var widths = el("div", "eco-legend-sizes");
      width.samples.forEach(function (s) {
        var sw = el("span", "eco-line"); sw.style.borderTopWidth = Math.max(1, s.width) + "px";
        legendItem(widths, sw, fmt(s.value));
      });
      body.appendChild(widths);
      if (META.kind !== "overview") body.appendChild(el("div", "eco-muted", tr("edges_legend")));
    }
    if (DISPLAY.backbone) {
      var drawn = api.shown ? api.shown.edges : DISPLAY.drawn, total = api.shown ? api.shown.ties : DISPLAY.total;
      legendTitle(body, tr("ties_drawn").replace("{drawn}", fmt(drawn)).replace("{total}", fmt(total)));
      body.lastChild.id = "eco-drawn";
      body.appendChild(el("div", "eco-muted", String(tr("backbone_note")).replace("{alpha}", String(DISPLAY.alpha))));
    }
    if (state.showRec && nr) {
      var sw = el("span", "eco-line"); sw.style.borderTopStyle = "dashed"; sw.style.borderTopColor = REC_COLOR;
      legendItem(body, sw, tr("recommended") + " (" + nr + ")");
    }
    if (state.showFrag) {
      var b = el("span", "eco-line"); b.style.borderTopColor = BRIDGE_COLOR; b.style.borderTopWidth = "5px";
      legendItem(body, b, tr("bridge_legend"));
      var ap = el("span", "eco-swatch"); ap.style.border = "3px solid #000"; ap.style.backgroundColor = "#ffffff";
      legendItem(body, ap, tr("art_legend"));
    }
    if (state.hulls) {
      var hl = el("span", "eco-swatch"); hl.style.borderRadius = "3px"; hl.style.backgroundColor = "rgba(120,120,120,0.25)";
      legendItem(body, hl, tr("hull_legend"));
    }
    if (state.labels) {
      body.appendChild(el("div", "eco-muted", tr("labels_rule").replace("{by}", metricName((DATA.size && DATA.size.by) || "size"))));
    }
    api.palettes = c ? 1 : 0;
  }

  // ------------------------------------------------------------------ header, about, toolbar
  function updateStats() {
    var shownN = 0, shownE = 0, active = 0;
    for (var i = 0; i < n; i++) if (!nodeHidden[i]) shownN++;
    for (var j = 0; j < m; j++) { if (!edgeHidden[j]) shownE++; if (!edgeFiltered[j]) active++; }
    var unit = " " + (META.kind === "overview" ? tr("communities") : tr("partners")) + " · ";
    var text = fmt(shownN) + (shownN !== n ? " " + tr("of") + " " + fmt(n) : "") + unit;
    // ties: how many are drawn, and how many exist (on this map, after filters and time)
    text += shownE === active ? fmt(active) + " " + tr("ties")
      : tr("ties_drawn").replace("{drawn}", fmt(shownE)).replace("{total}", fmt(active));
    if (META.kind === "overview" && META.stats) text += " (" + fmt(META.stats.partners_total) + " " + tr("partners") + ")";
    var s = document.getElementById("eco-stats");
    if (s) s.textContent = text;
    api.shown = { nodes: shownN, edges: shownE, ties: active };
    var dr = document.getElementById("eco-drawn");
    if (dr) dr.textContent = tr("ties_drawn").replace("{drawn}", fmt(shownE)).replace("{total}", fmt(active));
  }
  var about = document.getElementById("eco-about-body");
  (META.notes || []).forEach(function (t) { about.appendChild(el("div", "eco-tip-row", t)); });
  var prov = META.provenance || {};
  row(about, tr("colour"), modeTitle(prov.color_by)); row(about, tr("size"), metricName(prov.size_by || "")); row(about, tr("layout_seed"), prov.seed);
  if (prov.layout) row(about, tr("layout"), prov.layout.method === "given" ? tr("given_positions")
    : prov.layout.method === "communities" ? tr("fr_communities") : tr("fr"));
  if (prov.communities) row(about, tr("communities"), prov.communities.method + (prov.communities.modularity !== undefined && prov.communities.modularity !== null ? ", " + tr("modularity") + " " + fmt(prov.communities.modularity) : ""));
  about.appendChild(el("div", "eco-muted", tr("credits")));

  // the legend is docked beside the canvas (folded in a narrow frame), so fitting the canvas
  // fits the drawing
  function fitView(animate) {
    viewMoved = false;
    network.fit({ animation: animate ? { duration: 300 } : false });
  }
  api.fit = fitView;
  // the view follows the drawing's box: when the box changes size (a phone turned, a window
  // narrowed, a frame laid out after the script ran) the drawing is fitted again, unless the
  // reader has zoomed, panned or focused a partner since the last fit
  var viewMoved = false;
  network.on("zoom", function () { viewMoved = true; });
  network.on("dragStart", function (p) { if (!p.nodes || !p.nodes.length) viewMoved = true; });
  network.on("resize", function (p) {
    if (!(p.width > 0 && p.height > 0)) return;
    setTimeout(function () {  // after vis-network has kept its camera for the new size
      if (foldLegendIfNarrow()) buildLegend();
      if (fitShape()) {
        var moved = new Array(n);
        for (var q = 0; q < n; q++) moved[q] = { id: q, x: N.x[q], y: N.y[q] };
        nodes.update(moved);
        hulls = null;
      }
      if (!viewMoved) fitView(false);
    }, 0);
  });
  document.getElementById("eco-fit").addEventListener("click", function () { fitView(true); });
  document.getElementById("eco-zoom-in").addEventListener("click", function () { viewMoved = true; network.moveTo({ scale: network.getScale() * 1.5 }); });
  document.getElementById("eco-zoom-out").addEventListener("click", function () { viewMoved = true; network.moveTo({ scale: network.getScale() / 1.5 }); });
  document.getElementById("eco-toggle-panel").addEventListener("click", function () {
    document.body.classList.toggle(isEmbed ? "panel-open" : "panel-closed");
    network.redraw();
  });
  document.getElementById("eco-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    if (!canvas) return;
    var a = document.createElement("a");
    a.download = "map.png";
    a.href = canvas.toDataURL("image/png");
    document.body.appendChild(a); a.click(); a.remove();
  });

  // a narrow frame (as wide as map.css' narrow layout, where the open legend lies over the
  // drawing) starts with the legend folded to a button; a frame that has no width yet (laid
  // out after this script ran) decides at its first real size
  var NARROW = 900, legendSized = !isEmbed;
  function foldLegendIfNarrow() {
    var w = document.body.clientWidth;
    if (legendSized || !w) return false;
    legendSized = true;
    if (w > NARROW) return false;
    legend.classList.add("collapsed"); document.body.classList.add("legend-collapsed");
    return true;
  }
  foldLegendIfNarrow();
  updateStats();
  buildLegend();
  network.setSize("100%", "100%");
  fitView(false);
  // deep link: map.html#partner=<id> selects and centres that partner (e.g. from a report)
  (function () {
    var m = /(?:^#|&)partner=([^&]*)/.exec(window.location.hash || "");
    if (!m) return;
    var id;
    try { id = decodeURIComponent(m[1]); } catch (e) { return; }
    var i = N.id.indexOf(id);
    if (i >= 0) selectNode(i, true);
  })();
  }
})();
