/* The amounts grid (templates/budget/belopp_form.html).
 *
 * Recomputes the group sums, Summa kostnader and Resultat while the user types, marks
 * changed and unreadable amounts, moves down the column on Enter (up on Shift+Enter), and
 * warns before leaving with unsaved amounts. Only a preview: the server parses the amounts
 * again and computes every sum from what is saved.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-beloppsgrid]");
  if (!form) {
    return;
  }
  var parse = window.FinsamBelopp.parse;
  var format = window.FinsamBelopp.format;
  var isChanged = window.FinsamBelopp.isChanged;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-summagrupper]"));

  function recompute() {
    var perGrupp = {};
    var summa = { intakt: 0, kostnad: 0 };
    inputs.forEach(function (input) {
      var n = parse(input.value);
      input.classList.toggle("changed", isChanged(input));
      input.classList.toggle("is-invalid", isNaN(n));
      if (n === null || isNaN(n)) {
        return;
      }
      input.dataset.summagrupper.split(" ").forEach(function (grupp) {
        if (grupp) {
          perGrupp[grupp] = (perGrupp[grupp] || 0) + n;
        }
      });
      if (input.dataset.typ in summa) {
        summa[input.dataset.typ] += n;
      }
    });
    form.querySelectorAll("[data-summa-grupp]").forEach(function (cell) {
      cell.textContent = format(perGrupp[cell.dataset.summaGrupp] || 0);
    });
    var totals = { kostnad: summa.kostnad, resultat: summa.intakt + summa.kostnad };
    form.querySelectorAll("[data-summa]").forEach(function (cell) {
      cell.textContent = format(totals[cell.dataset.summa] || 0);
    });
  }

  form.addEventListener("input", recompute);

  /* Tidy a readable amount when the user leaves the field: "-1250000" -> "−1 250 000". */
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (inputs.indexOf(input) === -1) {
      return;
    }
    var n = parse(input.value);
    if (n !== null && !isNaN(n)) {
      input.value = format(n);
    }
    recompute();
  });

  form.addEventListener("keydown", function (event) {
    var i = inputs.indexOf(event.target);
    if (event.key !== "Enter" || i === -1) {
      return;
    }
    event.preventDefault();
    var next = inputs[i + (event.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      next.select();
    }
  });

  var submitting = false;
  form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    var unsaved = form.hasAttribute("data-osparat") || inputs.some(isChanged);
    if (!submitting && unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  recompute();
})();
