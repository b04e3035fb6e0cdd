// Triage keyboard shortcuts: j/k move between stories, a accept, r reject, l relabel,
// d draft, o (or Enter) open. They press the row's own buttons and links, so every
// action is the same form (with its CSRF token) a mouse click would send; htmx, when
// loaded, swaps the row in place. In the queue, l moves to the one relabel bar; there
// Enter relabels the current story (its row's relabel button) and Escape goes back.
"use strict";

(() => {
  const ROW = "[data-triage-row]";
  let current = null;

  const rows = () => Array.from(document.querySelectorAll(ROW));

  function select(row) {
    if (current) current.classList.remove("current");
    current = row || null;
    if (!current) return;
    current.classList.add("current");
    if (current.tagName === "TR") {
      current.focus({ preventScroll: true });
      current.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const all = rows();
    if (all.length === 0) return;
    const at = all.indexOf(current);
    const next = at < 0 ? 0 : Math.min(all.length - 1, Math.max(0, at + step));
    select(all[next]);
  }

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
  }

  const bar = () => document.getElementById("relabel-bar");

  function press(key) {
    if (key === "relabel" && bar() && current) {
      bar().querySelector("[data-relabel-domain]").focus();
      return true;
    }
    const row = current || (rows().length === 1 ? rows()[0] : null);
    if (!row) return false;
    const control = row.querySelector(`[data-key="${key}"]`);
    if (!control) return false;
    if (control instanceof HTMLSelectElement) {
      control.focus();
    } else {
      control.click();
    }
    return true;
  }

  const ACTIONS = { a: "accept", r: "reject", l: "relabel", d: "draft", o: "open" };

  // In the relabel bar: Enter relabels the current story, Escape returns to it.
  function inBar(event) {
    const form = bar();
    if (!form || !(event.target instanceof Node) || !form.contains(event.target)) return false;
    if (event.key === "Enter" && current) {
      const button = current.querySelector('[data-key="relabel"]');
      if (button) button.click();
    } else if (event.key === "Escape" && current) {
      current.focus({ preventScroll: true });
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  document.addEventListener("keydown", (event) => {
    if (inBar(event)) return;
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    let done = false;
    if (event.key === "j") {
      move(1);
      done = true;
    } else if (event.key === "k") {
      move(-1);
      done = true;
    } else if (event.key === "Enter" && current && current.tagName === "TR") {
      done = press("open");
    } else if (ACTIONS[event.key]) {
      done = press(ACTIONS[event.key]);
    }
    if (done) event.preventDefault();
  });

  // Clicking in a row makes it the current one.
  document.addEventListener("click", (event) => {
    const row = event.target instanceof Element ? event.target.closest(ROW) : null;
    if (row && row.tagName === "TR") select(row);
  });

  // After htmx removed a decided row, the next story becomes the current one. A removed
  // row settles nothing, so htmx fires no afterSettle then; afterRequest still reaches the
  // document (through the row's parent), hence both.
  let index = -1;
  document.addEventListener("htmx:beforeRequest", () => {
    index = rows().indexOf(current);
  });
  const reselect = () => {
    if (current && document.body.contains(current)) return;
    const all = rows();
    const replaced = current && current.id ? document.getElementById(current.id) : null;
    select(replaced || all[Math.min(Math.max(index, 0), all.length - 1)] || null);
  };
  document.addEventListener("htmx:afterSettle", reselect);
  document.addEventListener("htmx:afterRequest", reselect);

  // A refused decision (stale page, lost session …) says so instead of failing silently.
  document.addEventListener("htmx:responseError", (event) => {
    const status = document.querySelector(".triage-status");
    if (!status) return;
    const xhr = event.detail && event.detail.xhr;
    status.textContent = `${status.dataset.prefix || ""} HTTP ${xhr ? xhr.status : "?"}`;
    status.hidden = false;
  });

  document.addEventListener("DOMContentLoaded", () => {
    const all = rows();
    if (all.length && all[0].tagName === "TR") select(all[0]);
  });
})();
