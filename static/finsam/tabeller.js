// Wide tables scroll sideways inside their own box instead of widening the page (WCAG
// 1.4.10 Reflow: nothing scrolls sideways at 320 CSS px, here checked at 390 px). Every
// table of the page that is not already in a .table-responsive box gets one. A box that
// does scroll can be reached and scrolled with the keyboard (tabindex) and is named after
// the table's caption or the heading before it, so a screen reader says what it holds.
(function () {
  "use strict";
  var LADOR = [];

  function rubrikFor(tabell) {
    if (tabell.caption && tabell.caption.textContent.trim()) {
      return tabell.caption.textContent.trim();
    }
    if (tabell.getAttribute("aria-label")) return tabell.getAttribute("aria-label");
    var el = tabell.parentElement;
    while (el && el !== document.body) {
      var forra = el.previousElementSibling;
      while (forra) {
        if (/^H[1-6]$/.test(forra.tagName)) return forra.textContent.trim();
        var inre = forra.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inre.length) return inre[inre.length - 1].textContent.trim();
        forra = forra.previousElementSibling;
      }
      el = el.parentElement;
    }
    return "Tabell";
  }

  function markera() {
    LADOR.forEach(function (lada) {
      var rullar = lada.scrollWidth > lada.clientWidth + 1;
      if (rullar && !lada.hasAttribute("tabindex")) {
        lada.setAttribute("tabindex", "0");
        lada.setAttribute("role", "region");
        lada.setAttribute("aria-label", rubrikFor(lada.querySelector("table")));
        lada.dataset.finsamRullar = "ja";
      } else if (!rullar && lada.dataset.finsamRullar === "ja") {
        lada.removeAttribute("tabindex");
        lada.removeAttribute("role");
        lada.removeAttribute("aria-label");
        delete lada.dataset.finsamRullar;
      }
    });
  }

  document.querySelectorAll("main table").forEach(function (tabell) {
    var lada = tabell.closest(".table-responsive");
    if (!lada) {
      lada = document.createElement("div");
      lada.className = "table-responsive";
      tabell.parentNode.insertBefore(lada, tabell);
      lada.appendChild(tabell);
    }
    if (LADOR.indexOf(lada) < 0) LADOR.push(lada);
  });
  markera();
  var vantar = null;
  window.addEventListener("resize", function () {
    clearTimeout(vantar);
    vantar = setTimeout(markera, 100);
  });
})();
