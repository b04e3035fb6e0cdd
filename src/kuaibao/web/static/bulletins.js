// kuaibao bulletin composer: reorder items, and move them between sections, by drag and
// drop (the browser's own HTML5 drag-and-drop API, no library). The page works without
// this file: every item has Up / Down / Move-to-section forms that do the same.
//
// After a drop the whole layout ({sections: [{name, item_ids}]}) is posted as JSON to the
// composer's data-order-url with the session's CSRF token in the X-CSRF-Token header; on
// success the preview frame reloads, on failure the page reloads to show the stored order.
"use strict";

(() => {
  const composer = document.querySelector(".bl-composer[data-order-url]");
  if (!composer) {
    return; // published issue, or a reader without the editor role
  }
  const lists = () => Array.from(composer.querySelectorAll("ol.bl-items[data-section]"));
  const status = composer.querySelector(".bl-status");
  let dragged = null; // the <li> being dragged
  let origin = null; // where it was: {parent, next}, to put it back if the drag is cancelled
  let before = ""; // the layout when the drag started
  let dropped = false;

  const say = (text) => {
    if (status) {
      status.textContent = text || "";
    }
  };

  const layout = () =>
    lists().map((list) => ({
      name: list.dataset.section,
      item_ids: Array.from(list.querySelectorAll(":scope > li[data-item-id]")).map((li) =>
        Number(li.dataset.itemId),
      ),
    }));

  // Keep the no-JS controls truthful after a drop: first/last buttons, section selects,
  // counts and the "empty section" notes.
  const refreshControls = () => {
    for (const list of lists()) {
      const items = Array.from(list.querySelectorAll(":scope > li[data-item-id]"));
      items.forEach((li, index) => {
        const up = li.querySelector('button[name="direction"][value="up"]');
        const down = li.querySelector('button[name="direction"][value="down"]');
        if (up) up.disabled = index === 0;
        if (down) down.disabled = index === items.length - 1;
        const select = li.querySelector('select[name="section"]');
        if (select) select.value = list.dataset.section;
      });
      const section = list.closest(".bl-section");
      const empty = section && section.querySelector(".bl-empty");
      if (empty) empty.hidden = items.length > 0;
      const count = section && section.querySelector("h2 .muted");
      if (count) count.textContent = "(" + items.length + ")";
    }
  };

  const reloadPreview = () => {
    const frame = document.getElementById("bulletin-preview");
    if (frame) {
      // A new URL each time, so the frame does not show a cached copy.
      const url = new URL(frame.getAttribute("src"), window.location.href);
      url.searchParams.set("t", String(Date.now()));
      frame.setAttribute("src", url.pathname + url.search);
    }
  };

  const save = async () => {
    say(composer.dataset.msgSaving);
    try {
      const response = await fetch(composer.dataset.orderUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": composer.dataset.csrf || "",
        },
        body: JSON.stringify({ sections: layout() }),
      });
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      say(composer.dataset.msgSaved);
      reloadPreview();
    } catch (error) {
      say(composer.dataset.msgFailed);
      window.setTimeout(() => window.location.reload(), 1200);
    }
  };

  // The item before which the dragged one goes, judged by the pointer's height.
  const itemAfter = (list, y) => {
    const others = Array.from(list.querySelectorAll(":scope > li[data-item-id]")).filter(
      (li) => li !== dragged,
    );
    for (const li of others) {
      const box = li.getBoundingClientRect();
      if (y < box.top + box.height / 2) {
        return li;
      }
    }
    return null;
  };

  // The list a drag event is over: the <ol> itself, or the section it belongs to.
  const listAt = (target) => {
    if (!(target instanceof Element)) return null;
    const list = target.closest("ol.bl-items[data-section]");
    if (list && composer.contains(list)) return list;
    const section = target.closest(".bl-section");
    return section ? section.querySelector("ol.bl-items[data-section]") : null;
  };

  for (const list of lists()) {
    for (const li of list.querySelectorAll(":scope > li[data-item-id]")) {
      li.draggable = true;
      li.classList.add("bl-draggable");
    }
  }

  composer.addEventListener("dragstart", (event) => {
    const li = event.target instanceof Element ? event.target.closest("li[data-item-id]") : null;
    if (!li || !li.draggable) return;
    dragged = li;
    origin = { parent: li.parentNode, next: li.nextSibling };
    dropped = false;
    before = JSON.stringify(layout());
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", li.dataset.itemId);
    li.classList.add("bl-dragging");
  });

  composer.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const list = listAt(event.target);
    if (!list) return;
    event.preventDefault(); // allows the drop here
    event.dataTransfer.dropEffect = "move";
    const next = itemAfter(list, event.clientY);
    if (next !== dragged.nextSibling || dragged.parentNode !== list) {
      list.insertBefore(dragged, next);
    }
  });

  composer.addEventListener("drop", (event) => {
    if (!dragged || !listAt(event.target)) return;
    event.preventDefault();
    dropped = true;
    refreshControls();
    if (JSON.stringify(layout()) !== before) {
      save();
    }
  });

  composer.addEventListener("dragend", () => {
    if (!dragged) return;
    if (!dropped && origin) {
      origin.parent.insertBefore(dragged, origin.next); // cancelled: back where it was
    }
    dragged.classList.remove("bl-dragging");
    dragged = null;
    origin = null;
  });
})();
