// The report text editor's helpers: insert a named figure ({{namn}}, chosen in the figure
// picker) or a picture (![](bild:slug)) where the cursor stands in the text last edited.
// The inserted text fires "input", so the live preview (texter.js) updates.
(function () {
  "use strict";
  const form = document.getElementById("texter-form");
  if (!form) return;
  let senaste = null;

  form.addEventListener("focusin", function (e) {
    if (e.target && e.target.tagName === "TEXTAREA") senaste = e.target;
  });

  function infoga(text) {
    const falt = senaste || form.querySelector("textarea:not([disabled])");
    if (!text || !falt || falt.disabled) return;
    const start = typeof falt.selectionStart === "number" ? falt.selectionStart : falt.value.length;
    const slut = typeof falt.selectionEnd === "number" ? falt.selectionEnd : start;
    falt.setRangeText(text, start, slut, "end");
    falt.focus();
    falt.dispatchEvent(new Event("input", { bubbles: true }));
  }

  const valj = document.getElementById("figurvaljare");
  const knapp = document.getElementById("figur-infoga");
  if (valj && knapp) {
    knapp.addEventListener("click", function () {
      if (valj.value) infoga("{{" + valj.value + "}}");
    });
  }
  document.querySelectorAll("[data-infoga]").forEach(function (el) {
    el.addEventListener("click", function () {
      infoga(el.dataset.infoga);
    });
  });
})();
