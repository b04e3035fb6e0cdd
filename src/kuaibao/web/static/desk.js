// The item editor's writing desk: a click on a fact of the sources (a marked span in the
// report text, or a button in the facts and names lists) types its house-style Chinese
// form, given by the server in data-insert, at the cursor of the draft (the title or the
// body, whichever was last in focus; the body at first). The live check then runs as if
// it had been typed. Without this script the lists stay readable and nothing else changes.
"use strict";

(() => {
  let field = null; // the draft field the analyst last worked in

  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && (target.id === "item-title" || target.id === "item-body")) {
      field = target;
    }
  });

  function insert(text) {
    const target = field || document.getElementById("item-body");
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    if (target.disabled || target.readOnly || target.closest("fieldset[disabled]")) return;
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.setRangeText(text, start, end, "end");
    target.focus();
    target.dispatchEvent(new Event("input", { bubbles: true }));
    // htmx runs the live check on keyup (hx-trigger="keyup changed delay:500ms").
    target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function insertable(event) {
    const found = event.target instanceof Element ? event.target.closest("[data-insert]") : null;
    return found instanceof HTMLElement && found.dataset.insert ? found : null;
  }

  document.addEventListener("click", (event) => {
    const source = insertable(event);
    if (source) {
      event.preventDefault();
      insert(source.dataset.insert);
    }
  });

  // Marks in the report text are role="button": Enter or Space inserts, as a click does.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const source = insertable(event);
    if (source && source.tagName === "MARK") {
      event.preventDefault();
      insert(source.dataset.insert);
    }
  });
})();
