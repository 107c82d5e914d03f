// memento report: draws the charts and the episode browser from the JSON block #report-data.
// Hand-written, no library. Every text from the data is inserted as a text node (never as HTML).
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const S = data.strings;
  const SVG = "http://www.w3.org/2000/svg";
  const PAGE = 50;

  // ---------- DOM helpers ----------

  /** An HTML element; string children become text nodes, null children are skipped. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "onclick" || k === "oninput" || k === "onchange") node[k] = v; else node.setAttribute(k, v);
    }
    fill(node, children);
    return node;
  }

  /** Appends children to node; strings become text nodes, null and undefined are skipped. */
  function fill(node, children) {
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const fmt = (v, digits) => (v === null || v === undefined ? "–" : Number(v).toFixed(digits));

  // ---------- charts ----------

  /** Round tick values covering [lo, hi]. */
  function ticks(lo, hi, count) {
    if (hi <= lo) hi = lo + 1;
    const raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(+t.toFixed(10));
    return out;
  }

  /**
   * A chart with axes, grid and a legend. spec: {title, xLabel, yLabel, lines: [{name, color, x, y, ci}],
   * dots: [{name, color, x, y}], integerX}. A line with ci draws its band (y ± ci) under the curve.
   */
  function chart(host, spec) {
    const W = 580, H = 320, L = 56, R = 170, T = 26, B = 44;
    const lines = spec.lines || [], dots = spec.dots || [];
    const xs = [], ys = [];
    for (const l of lines) l.x.forEach((x, i) => {
      if (l.y[i] === null) return;
      xs.push(x); ys.push(l.y[i] - (l.ci && l.ci[i] || 0), l.y[i] + (l.ci && l.ci[i] || 0));
    });
    for (const d of dots) { xs.push(d.x); ys.push(d.y); }
    if (xs.length === 0) { host.append(el("p", { class: "note" }, spec.title + ": no data")); return; }
    const xt = ticks(Math.min(...xs), Math.max(...xs), 6).filter(t => !spec.integerX || Number.isInteger(t));
    const yt = ticks(Math.min(...ys), Math.max(...ys), 5);
    const x0 = Math.min(xt[0], ...xs), x1 = Math.max(xt[xt.length - 1], ...xs);
    const y0 = Math.min(yt[0], ...ys), y1 = Math.max(yt[yt.length - 1], ...ys);
    const px = x => L + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - L - R);
    const py = y => H - B - (y1 === y0 ? 0.5 : (y - y0) / (y1 - y0)) * (H - T - B);
    const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img" });
    root.append(svg("text", { x: L, y: 16, class: "title" }, spec.title));
    for (const t of yt) {
      root.append(svg("line", { x1: L, x2: W - R, y1: py(t), y2: py(t), class: "grid" }));
      root.append(svg("text", { x: L - 6, y: py(t) + 4, "text-anchor": "end" }, String(t)));
    }
    for (const t of xt) root.append(svg("text", { x: px(t), y: H - B + 16, "text-anchor": "middle" }, String(t)));
    root.append(svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
    root.append(svg("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
    root.append(svg("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle" }, spec.xLabel));
    root.append(svg("text", { x: 12, y: (T + H - B) / 2, transform: `rotate(-90 12 ${(T + H - B) / 2})`, "text-anchor": "middle" }, spec.yLabel));

    const legend = [];
    for (const l of lines) {
      const pts = l.x.map((x, i) => [x, l.y[i], l.ci ? l.ci[i] || 0 : 0]).filter(p => p[1] !== null);
      if (pts.some(p => p[2] > 0)) {
        const upper = pts.map(p => `${px(p[0])},${py(p[1] + p[2])}`);
        const lower = pts.slice().reverse().map(p => `${px(p[0])},${py(p[1] - p[2])}`);
        root.append(svg("path", { d: "M" + upper.concat(lower).join("L") + "Z", fill: l.color, "fill-opacity": 0.18, class: "band" }));
      }
      const curve = svg("path", { d: "M" + pts.map(p => `${px(p[0])},${py(p[1])}`).join("L"), fill: "none", stroke: l.color, "stroke-width": 2, class: "curve" });
      curve.append(svg("title", {}, l.name));
      root.append(curve);
      if (pts.length <= 30) for (const p of pts) root.append(svg("circle", { cx: px(p[0]), cy: py(p[1]), r: 3, fill: l.color }));
      if (!legend.some(e => e.name === l.name)) legend.push(l);
    }
    for (const d of dots) {
      const dot = svg("circle", { cx: px(d.x), cy: py(d.y), r: 5, fill: d.color, class: "dot" });
      dot.append(svg("title", {}, `${d.name}: ${d.y.toFixed(1)}% at ${d.x.toFixed(4)} USD`));
      root.append(dot, svg("text", { x: px(d.x) + 7, y: py(d.y) - 6 }, d.name));
    }
    legend.forEach((l, i) => {
      root.append(svg("rect", { x: W - R + 10, y: T + i * 16, width: 12, height: 3, fill: l.color }));
      root.append(svg("text", { x: W - R + 26, y: T + i * 16 + 5 }, l.name.length > 26 ? l.name.slice(0, 25) + "…" : l.name));
    });
    host.append(root);
  }

  function drawCharts() {
    for (const host of document.querySelectorAll(".chart[data-chart]")) {
      const kind = host.dataset.chart, g = data.groups[+host.dataset.group];
      if (kind === "accuracy" || kind === "cumulative") {
        chart(host, {
          title: kind === "accuracy" ? "Accuracy per iteration (mean ± 95% CI over seeds)" : "Tasks solved in any iteration so far",
          xLabel: "Iteration", yLabel: "%", integerX: true,
          lines: g[kind].map(l => ({ name: l.series, color: l.color, x: g.iterations, y: l.y, ci: l.ci })),
        });
      } else if (kind === "loss" || kind === "auc") {
        chart(host, {
          title: kind === "loss" ? "Training loss (binned mean)" : "Rolling held-out AUC",
          xLabel: "Episode", yLabel: kind === "loss" ? "loss" : "AUC",
          lines: g.training.map(t => ({ name: `${t.series} (seed ${t.seed})`, color: t.color, x: t.episode, y: t[kind] })),
        });
      } else if (kind === "scatter") {
        chart(host, {
          title: "Final-iteration accuracy against cost (one point per series)", xLabel: "Mean cost per run (USD)", yLabel: "Accuracy %",
          dots: data.scatter.map(p => ({ name: data.groups.length > 1 ? `${p.group}: ${p.series}` : p.series, color: p.color, x: p.cost, y: p.accuracy })),
        });
      }
    }
  }

  // ---------- episodes ----------

  // One flat index over every run's episodes: episode g is row rowOf[g] of point pointOf[g].
  const total = data.points.reduce((n, p) => n + p.ep.id.length, 0);
  const pointOf = new Int32Array(total), rowOf = new Int32Array(total);
  { let g = 0; data.points.forEach((p, pi) => p.ep.id.forEach((_, r) => { pointOf[g] = pi; rowOf[g++] = r; })); }

  const runName = p => (data.groups.length > 1 ? data.groups[p.group].name + ": " : "") + `${p.series}, seed ${p.seed}`;
  const seriesKey = p => `${p.group}\u0001${p.series}`;

  function status(p, r) {
    if (p.ep.err && p.ep.err[r]) return "unscored";
    return p.ep.r[r] > 0 ? "correct" : "incorrect";
  }

  let lowered = null; // lower-cased strings, made on the first text search
  function matchesText(p, r, needle) {
    if (!lowered) lowered = S.map(s => s.toLowerCase());
    const t = p.ep.task[r];
    return [data.tasks.q[t], data.tasks.gold[t], data.tasks.id[t], p.ep.ans[r]].some(i => lowered[i].includes(needle));
  }

  const state = { it: "", src: "", series: "", seed: "", status: "", text: "", page: 0, hits: null };

  function filter() {
    const hits = [], needle = state.text.trim().toLowerCase();
    for (let g = 0; g < total; g++) {
      const p = data.points[pointOf[g]], r = rowOf[g];
      if (state.it && p.ep.it[r] !== +state.it) continue;
      if (state.src && S[data.tasks.src[p.ep.task[r]]] !== state.src) continue;
      if (state.series && seriesKey(p) !== state.series) continue;
      if (state.seed && p.seed !== state.seed) continue;
      if (state.status && status(p, r) !== state.status) continue;
      if (needle && !matchesText(p, r, needle)) continue;
      hits.push(g);
    }
    state.hits = hits;
    state.page = 0;
  }

  function select(label, key, values) {
    const s = el("select", { "aria-label": label, "data-filter": key, onchange: () => { state[key] = s.value; filter(); renderList(); } },
      el("option", { value: "" }, `${label}: all`));
    for (const [value, text] of values) s.append(el("option", { value }, text));
    return el("label", {}, s);
  }

  const unique = values => [...new Set(values)];

  function buildBrowser() {
    const host = document.getElementById("browser");
    const its = unique(data.points.flatMap(p => unique(p.ep.it))).sort((a, b) => a - b);
    const srcs = unique(data.tasks.src.map(i => S[i])).filter(s => s).sort();
    const series = unique(data.points.map(seriesKey)).map(k => [k, runName(data.points.find(p => seriesKey(p) === k)).replace(/, seed [^,]*$/, "")]);
    const seeds = unique(data.points.map(p => p.seed));
    const text = el("input", { type: "search", placeholder: "search question, answer, gold, task id", size: 36, "aria-label": "search" });
    let timer = 0;
    text.oninput = () => { clearTimeout(timer); timer = setTimeout(() => { state.text = text.value; filter(); renderList(); }, 200); };
    host.append(el("div", { class: "filters" },
      select("iteration", "it", its.map(i => [String(i), String(i)])),
      select("source", "src", srcs.map(s => [s, s])),
      select("series", "series", series),
      select("seed", "seed", seeds.map(s => [s, s])),
      select("judgement", "status", [["correct", "correct"], ["incorrect", "incorrect"], ["unscored", "unscored"]]),
      text),
      el("div", { id: "pager" }), el("table", { class: "list" }), el("div", { id: "episode" }));
    filter();
    renderList();
  }

  function renderList() {
    const hits = state.hits, pages = Math.max(1, Math.ceil(hits.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const pager = document.getElementById("pager");
    const go = d => () => { state.page = Math.max(0, Math.min(pages - 1, state.page + d)); renderList(); };
    pager.replaceChildren(
      el("button", { onclick: go(-1) }, "‹ previous"), ` page ${state.page + 1} of ${pages} `,
      el("button", { onclick: go(1) }, "next ›"),
      el("span", { class: "count" }, ` ${hits.length.toLocaleString("en")} of ${total.toLocaleString("en")} episodes`));
    const table = document.querySelector("#browser .list");
    table.replaceChildren(el("thead", {}, el("tr", {}, ...["episode", "run", "iter.", "source", "task", "question", "answer", "judgement"].map(h => el("th", {}, h)))));
    const body = el("tbody");
    for (const g of hits.slice(state.page * PAGE, (state.page + 1) * PAGE)) {
      const pi = pointOf[g], p = data.points[pi], r = rowOf[g], t = p.ep.task[r], st = status(p, r);
      body.append(el("tr", { "data-point": pi, "data-episode": p.ep.id[r], onclick: () => { location.hash = `episode=${p.ep.id[r]}&run=${pi}`; } },
        el("td", {}, p.ep.id[r]), el("td", {}, runName(p)), el("td", {}, p.ep.it[r]), el("td", {}, S[data.tasks.src[t]]),
        el("td", {}, S[data.tasks.id[t]]), el("td", {}, S[data.tasks.q[t]].slice(0, 160)), el("td", {}, S[p.ep.ans[r]].slice(0, 80)),
        el("td", { class: "status-" + st }, st)));
    }
    table.append(body);
  }

  /** Memento's plan JSON ({"plan": [{id, description}]}) as a numbered list; any other plan as text. */
  function plan(text) {
    try {
      const steps = JSON.parse(text).plan;
      if (Array.isArray(steps)) return el("ol", { class: "plan" }, ...steps.map(s => el("li", {}, s.description ?? JSON.stringify(s))));
    } catch (e) { /* not JSON: shown as written */ }
    return el("pre", {}, text || "(none)");
  }

  function field(name, value) {
    return value === null || value === undefined || value === "" ? null : el("tr", {}, el("th", {}, name), el("td", {}, value));
  }

  function cases(p, r) {
    const ids = p.ep.ret[r];
    const scores = p.ep.score ? p.ep.score[r] : null;
    const head = ["rank", "case", "reward", "source", "question", "plan"].concat(scores ? ["policy score"] : []);
    const table = el("table", { class: "cases" }, el("thead", {}, el("tr", {}, ...head.map(h => el("th", {}, h)))));
    const body = el("tbody");
    ids.forEach((id, i) => {
      const known = id < p.cases.r.length;
      body.append(el("tr", { class: "case" }, el("td", {}, i + 1), el("td", {}, id),
        el("td", {}, known ? p.cases.r[id] : "?"), el("td", {}, known ? S[p.cases.src[id]] : ""),
        el("td", {}, known ? S[p.cases.q[id]] : "(not in casebank.jsonl)"), el("td", {}, known ? plan(S[p.cases.plan[id]]) : ""),
        scores ? el("td", {}, fmt(scores[i], 3)) : null));
    });
    table.append(body);
    return table;
  }

  function cycles(trace) {
    return (trace.cycles || []).map(c => el("div", { class: "cycle" }, el("b", {}, `Planner cycle ${c.cycle}`),
      c.final_answer !== undefined ? el("p", {}, "Final answer: ", c.final_answer) : null,
      c.unparsed_reply !== undefined ? el("div", {}, "Unparsed reply:", el("pre", {}, c.unparsed_reply)) : null,
      ...(c.subtasks || []).map(s => el("div", { class: "subtask" },
        el("p", {}, el("b", {}, `Subtask ${s.id}: `), s.description),
        ...s.tool_calls.map(call => el("div", { class: "tool" }, el("code", {}, call.name),
          el("pre", {}, JSON.stringify(call.arguments)), el("details", {}, el("summary", {}, "result"), el("pre", {}, call.result)))),
        el("div", {}, "Result:", el("pre", {}, s.result))))));
  }

  /** A scored episode's metrics; an unscored one's reason instead (which box failed, the kind and the message, or why
   * the judge could not rule), never metric values. */
  function judgement(e, r) {
    if (e.err && e.err[r]) {
      const kind = e.ek ? S[e.ek[r]] : "";
      return kind ? `unscored — ${S[e.eb[r]] || "agent or judge"} failed (${kind}): ${S[e.err[r]]}` : `unscored — ${S[e.err[r]]}`;
    }
    return `${e.r[r] > 0 ? "correct" : "incorrect"} — reward ${e.r[r]}, EM ${e.em[r]}, F1 ${fmt(e.f1[r], 3)}`;
  }

  function openEpisode(pi, id) {
    const host = document.getElementById("episode");
    const p = data.points[pi], r = p ? p.ep.id.indexOf(id) : -1;
    if (r < 0) { host.replaceChildren(el("p", {}, `No episode ${id} in this report.`)); return; }
    const t = p.ep.task[r], e = p.ep, trace = p.traces[r] || {};
    const gold = S[data.tasks.gold[t]].split("<|answer_split|>").join("  |  ");
    const cost = e.cost ? e.cost[r] : null;
    host.replaceChildren();
    fill(host, [
      el("button", { class: "close", title: "close", onclick: () => { history.replaceState(null, "", location.pathname); host.replaceChildren(); } }, "×"),
      el("h3", {}, `Episode ${id} — ${runName(p)}, iteration ${e.it[r]}, attempt ${e.att[r]}`),
      el("table", { class: "kv" }, el("tbody", {},
        field("task", S[data.tasks.id[t]]), field("source", S[data.tasks.src[t]]), field("level", S[data.tasks.level[t]]),
        field("question", S[data.tasks.q[t]]), field("gold", gold), field("answer", S[e.ans[r]]),
        field("judgement", judgement(e, r)),
        field("PM", e.pm ? e.pm[r] : null), field("grade", e.grade ? S[e.grade[r]] : ""),
        field("judge rationale", trace.rationale),
        field("agent tokens", e.pt ? `${e.pt[r]} prompt + ${e.ct[r]} completion` : ""),
        field("judge tokens", e.jpt ? `${e.jpt[r]} prompt + ${e.jct[r]} completion` : ""),
        field("cost", e.cost ? (cost === null ? "unknown (a model has no price)" : `${cost} USD`) : ""),
        field("bank size at read", e.bank[r]))),
      el("h4", {}, `Retrieved cases (${e.ret[r].length} of K = ${p.k ?? "?"})`),
      e.ret[r].length ? cases(p, r) : el("p", { class: "note" }, "No case was read."),
      el("h4", {}, "Plan"), plan(S[e.plan[r]]),
      trace.cycles ? el("h4", {}, "Planner cycles") : null, ...(trace.cycles ? cycles(trace) : [])]);
    for (const row of document.querySelectorAll("#browser .list tr.open")) row.classList.remove("open");
    const row = document.querySelector(`#browser .list tr[data-point="${pi}"][data-episode="${id}"]`);
    if (row) row.classList.add("open");
    host.scrollTop = 0;
  }

  /** #episode=17 opens episode 17 of the first run; #episode=17&run=3 of run 3 (its index in the data). */
  function fromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("episode")) openEpisode(+(params.get("run") || 0), +params.get("episode"));
  }

  drawCharts();
  buildBrowser();
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
