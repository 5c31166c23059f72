/* The error summary of a refused form (templates/finsam/_felsammanfattning.html).
 *
 * The summary takes focus when the page loads, so a screen reader reads it and the
 * keyboard starts there; a link in it moves focus to the field it names (a plain
 * "#id" link would only scroll), with the field's label in view.
 */
(function () {
  "use strict";

  var summary = document.getElementById("felsammanfattning");
  if (!summary) {
    return;
  }
  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    var label = target.id ? document.querySelector("label[for='" + CSS.escape(target.id) + "']") : null;
    var visible = label && label.getClientRects().length && !label.classList.contains("visually-hidden");
    (visible ? label : target).scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", link.getAttribute("href"));
    }
  });
})();
