// The Honeydipper dashboard: plain script, no build step. It reads the API with the user's token (if any) and keeps
// the runs list live from the server-sent-events stream, read with fetch so that the token travels in a header.
"use strict";
(function () {
  const view = document.getElementById("view");
  const status = document.getElementById("status");
  const nsSelect = document.getElementById("namespace");
  const tokenInput = document.getElementById("token");
  const runs = new Map(); // id -> run (with nodes)
  const MAX_ROWS = 500; // the list shows the newest runs; the API pages through the rest
  let stream = null;
  let renderQueued = false;

  tokenInput.value = sessionStorage.getItem("hd.token") || "";

  function headers() {
    const token = sessionStorage.getItem("hd.token");
    return token ? { Authorization: "Bearer " + token } : {};
  }

  function ns() { return nsSelect.value || "local"; }

  async function api(path, method) {
    const response = await fetch(path, { method: method || "GET", headers: headers() });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(response.status + ": " + detail);
    }
    return response.json();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function phase(p) { return el("span", { class: "phase phase-" + p }, p || ""); }

  function duration(run) {
    if (!run.startedAt) return "";
    const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
    const ms = Math.max(0, end - Date.parse(run.startedAt));
    return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s";
  }

  function time(t) { return t ? new Date(t).toLocaleTimeString() : ""; }

  function say(text) { status.textContent = text; }

  // Runs list --------------------------------------------------------------------------------------------------
  function queueRender() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => { renderQueued = false; route(true); });
  }

  function renderRuns() {
    const sorted = [...runs.values()].sort((a, b) => (b.startedAt || "").localeCompare(a.startedAt || "") || b.id.localeCompare(a.id));
    const body = el("tbody");
    for (const run of sorted.slice(0, MAX_ROWS)) {
      body.append(el("tr", { "data-run": run.id },
        el("td", null, el("a", { href: "#/runs/" + encodeURIComponent(run.id) }, run.id)),
        el("td", null, run.name),
        el("td", null, phase(run.phase)),
        el("td", null, run.rule ? run.rule : el("span", { class: "muted" }, "API / WorkflowRun")),
        el("td", { class: "num" }, time(run.startedAt)),
        el("td", { class: "num" }, duration(run))));
    }
    const table = el("table", { "aria-label": "Runs" },
      el("thead", null, el("tr", null, ...["Run", "Workflow", "Phase", "Rule", "Started", "Duration"].map(h => el("th", { scope: "col" }, h)))),
      body);
    const note = sorted.length > MAX_ROWS ? el("p", { class: "muted" }, `showing the newest ${MAX_ROWS} of ${sorted.length} runs`) : null;
    view.replaceChildren(el("h2", null, "Runs"), sorted.length ? table : el("p", null, "No runs yet."), note);
  }

  // Run page ---------------------------------------------------------------------------------------------------
  function tree(nodes) {
    const byParent = new Map();
    for (const n of nodes) {
      const list = byParent.get(n.parent || "") || [];
      list.push(n);
      byParent.set(n.parent || "", list);
    }
    function branch(parent) {
      const children = byParent.get(parent) || [];
      if (!children.length) return null;
      return el("ul", parent === "" ? { class: "tree", role: "tree", "aria-label": "Steps" } : { role: "group" }, ...children.map(n =>
        el("li", { role: "treeitem", "data-node": n.id, "aria-expanded": byParent.has(n.id) ? "true" : null },
          phase(n.phase), " ", n.name || n.id, " ", el("span", { class: "node-type" }, "(" + n.type + ", " + duration(n) + ")"),
          n.message ? el("div", { class: n.phase === "Failed" || n.phase === "Error" ? "message" : "muted" }, n.message) : null,
          branch(n.id))));
    }
    return branch("");
  }

  async function renderRun(id, live) {
    let run = runs.get(id);
    if (!run || !run.nodes) {
      if (live) return;
      run = await api(`/api/v1/namespaces/${encodeURIComponent(ns())}/runs/${encodeURIComponent(id)}`);
      runs.set(id, run);
    }
    const facts = el("dl", null,
      el("dt", null, "Phase"), el("dd", { id: "run-phase" }, phase(run.phase)),
      el("dt", null, "Workflow"), el("dd", null, run.name),
      el("dt", null, "Started by"), el("dd", null, run.rule ? `rule ${run.rule} (${run.eventName})` : "API / WorkflowRun"),
      el("dt", null, "Started"), el("dd", null, run.startedAt ? new Date(run.startedAt).toLocaleString() : ""),
      el("dt", null, "Duration"), el("dd", null, duration(run)),
      el("dt", null, "Performing"), el("dd", null, run.performing || ""),
      run.reason ? el("dt", null, run.phase === "Cancelled" ? "Reason" : "Error") : null,
      run.reason ? el("dd", { class: run.phase === "Cancelled" ? "muted" : "message" }, run.reason) : null);
    let cancel = null;
    if (run.phase === "Running" || run.phase === "Waiting" || run.phase === "Pending") {
      cancel = el("button", { type: "button", id: "cancel-run" }, "Cancel run");
      cancel.addEventListener("click", async () => {
        if (!window.confirm(`Cancel run ${run.id} (${run.name})? Its steps stop without their hooks.`)) return;
        cancel.disabled = true;
        try {
          const cancelled = await api(`/api/v1/namespaces/${encodeURIComponent(ns())}/runs/${encodeURIComponent(run.id)}/cancel`, "POST");
          runs.set(cancelled.id, cancelled);
          say(`Run ${run.id} cancelled.`);
          renderRun(run.id, true);
        } catch (e) {
          cancel.disabled = false;
          say("Could not cancel: " + e.message);
        }
      });
    }
    view.replaceChildren(
      el("p", null, el("a", { href: "#/runs" }, "← all runs")),
      el("h2", null, `Run ${run.id}: ${run.name}`), facts, cancel,
      el("h3", null, "Steps"), tree(run.nodes || []) || el("p", null, "No steps."),
      el("h3", null, "Exported data"), el("pre", { tabindex: "0", "aria-label": "Exported data" }, JSON.stringify(run.exported || {}, null, 2)));
  }

  // Lists ------------------------------------------------------------------------------------------------------
  async function renderList(section) {
    const data = await api(`/api/v1/namespaces/${encodeURIComponent(ns())}/${section}`);
    const columns = {
      workflows: [["Workflow", w => w.name], ["Description", w => w.description], ["Status", w => w.status], ["Last run", w => w.lastRun ? el("a", { href: "#/runs/" + w.lastRun }, w.lastRun) : ""], ["Last phase", w => w.lastPhase ? phase(w.lastPhase) : ""]],
      rules: [["Rule", r => r.name], ["Event", r => r.event || ""], ["Runs", r => r.workflow || ""], ["Status", r => r.status + (r.message ? ": " + r.message : "") + (r.suspended ? " (suspended)" : "")], ["Last run", r => r.lastRun ? el("a", { href: "#/runs/" + r.lastRun }, r.lastRun) : ""], ["Last phase", r => r.lastPhase ? phase(r.lastPhase) : ""]],
      drivers: [["Driver", d => d.name], ["Health", d => d.state], ["Details", d => d.health ? JSON.stringify(d.health) : ""]],
    }[section];
    const title = section[0].toUpperCase() + section.slice(1);
    view.replaceChildren(el("h2", null, title), el("table", { "aria-label": title },
      el("thead", null, el("tr", null, ...columns.map(c => el("th", { scope: "col" }, c[0])))),
      el("tbody", null, ...data.items.map(item => el("tr", null, ...columns.map(c => el("td", null, c[1](item))))))));
  }

  // Live stream ------------------------------------------------------------------------------------------------
  async function watch() {
    if (stream) stream.abort();
    const controller = new AbortController();
    stream = controller;
    runs.clear();
    try {
      const response = await fetch(`/api/v1/namespaces/${encodeURIComponent(ns())}/runs/stream`, { headers: headers(), signal: controller.signal });
      if (!response.ok) { say("live updates unavailable: " + response.status); return; }
      say("live");
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").filter(l => l.startsWith("data: ")).map(l => l.slice(6)).join("\n");
          if (data) {
            const run = JSON.parse(data);
            runs.set(run.id, run);
            queueRender();
          }
        }
      }
      say("live updates ended; reload to reconnect");
    } catch (e) {
      if (!controller.signal.aborted) say("live updates failed: " + e.message);
    }
  }

  // Routing ----------------------------------------------------------------------------------------------------
  async function route(live) {
    const parts = (location.hash.replace(/^#\/?/, "") || "runs").split("/");
    const section = parts[0];
    for (const a of document.querySelectorAll("nav a")) {
      if (a.dataset.section === section) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    }
    try {
      if (section === "runs" && parts[1]) await renderRun(decodeURIComponent(parts[1]), live);
      else if (section === "runs") renderRuns();
      else if (!live && ["workflows", "rules", "drivers"].includes(section)) await renderList(section);
    } catch (e) {
      view.replaceChildren(el("p", { class: "message", role: "alert" }, e.message));
    }
  }

  async function start() {
    try {
      const list = await api("/api/v1/namespaces");
      const chosen = sessionStorage.getItem("hd.namespace");
      nsSelect.replaceChildren(...list.items.map(n => el("option", { value: n, selected: n === chosen ? "" : null }, n)));
    } catch (e) {
      say(e.message);
    }
    watch();
    route(false);
  }

  document.getElementById("settings").addEventListener("submit", ev => {
    ev.preventDefault();
    sessionStorage.setItem("hd.token", tokenInput.value);
    sessionStorage.setItem("hd.namespace", nsSelect.value);
    start();
  });
  nsSelect.addEventListener("change", () => { sessionStorage.setItem("hd.namespace", nsSelect.value); watch(); route(false); });
  window.addEventListener("hashchange", () => { route(false); document.getElementById("main").focus(); });
  start();
})();
