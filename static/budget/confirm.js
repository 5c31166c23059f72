/* Asks before a form with data-confirm="…" is sent, e.g. removing a budget line. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var text = event.target.getAttribute("data-confirm");
    if (text && !window.confirm(text)) {
      event.preventDefault();
    }
  });
})();
