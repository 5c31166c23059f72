// A submit button with data-upptagen="Text…" is disabled and shows the text while its
// form is being sent (e.g. while the PDF is rendered and archived).
(function () {
  "use strict";
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[data-upptagen]").forEach(function (b) {
        b.disabled = true;
        b.innerHTML = '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>';
        b.appendChild(document.createTextNode(b.dataset.upptagen));
      });
    });
  });
})();
