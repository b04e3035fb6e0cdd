// kuaibao web app: small behaviours that enhance plain HTML. No inline scripts anywhere
// (the Content-Security-Policy forbids them); add behaviour here, keyed on data-* attributes.
"use strict";

// <form data-confirm="Really?"> asks before submitting (works with and without htmx).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm) {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }
});
