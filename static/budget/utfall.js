/* The utfall grid (templates/budget/utfall/grid.html).
 *
 * Recomputes the group sums and the totals of each amount column (utfall, prognos or
 * intäkt and kostnad) while the user types, marks changed and unreadable amounts, moves down
 * the column on Enter (up on Shift+Enter), and warns before leaving with unsaved input. Only a
 * preview: the server parses the amounts again and computes every sum from what is saved.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-utfallsgrid]");
  if (!form) {
    return;
  }
  var parse = window.FinsamBelopp.parse;
  var format = window.FinsamBelopp.format;
  var isChanged = window.FinsamBelopp.isChanged;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-kolumn]"));
  var texts = Array.prototype.slice.call(form.querySelectorAll("input.grid-text"));

  /* A bokslut's intäkter are never negative and its kostnader never positive. */
  function hasWrongSign(input, n) {
    return (
      (input.dataset.kolumn === "intakt" && n < 0) || (input.dataset.kolumn === "kostnad" && n > 0)
    );
  }

  function recompute() {
    var perGrupp = {};
    var totals = {};
    inputs.forEach(function (input) {
      var n = parse(input.value);
      var kolumn = input.dataset.kolumn;
      input.classList.toggle("changed", isChanged(input));
      input.classList.toggle("is-invalid", isNaN(n) || hasWrongSign(input, n));
      if (n === null || isNaN(n)) {
        return;
      }
      input.dataset.summagrupper.split(" ").forEach(function (grupp) {
        if (grupp) {
          var key = grupp + ":" + kolumn;
          perGrupp[key] = (perGrupp[key] || 0) + n;
        }
      });
      [input.dataset.typ, "resultat"].forEach(function (summa) {
        var key = summa + ":" + kolumn;
        totals[key] = (totals[key] || 0) + n;
      });
    });
    form.querySelectorAll("[data-summa-grupp]").forEach(function (cell) {
      cell.textContent = format(perGrupp[cell.dataset.summaGrupp + ":" + cell.dataset.kolumn] || 0);
    });
    form.querySelectorAll("[data-summa]").forEach(function (cell) {
      cell.textContent = format(totals[cell.dataset.summa + ":" + cell.dataset.kolumn] || 0);
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

  /* Enter moves to the same column on the next (Shift: previous) line. */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") {
      return;
    }
    var input = event.target;
    var column = input.classList.contains("grid-text")
      ? texts
      : inputs.filter(function (i) {
          return i.dataset.kolumn === input.dataset.kolumn;
        });
    var i = column.indexOf(input);
    if (i === -1) {
      return;
    }
    event.preventDefault();
    var next = column[i + (event.shiftKey ? -1 : 1)];
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
    var unsaved =
      form.hasAttribute("data-osparat") ||
      inputs.some(isChanged) ||
      texts.some(function (t) {
        return t.value !== t.defaultValue;
      });
    if (!submitting && unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  recompute();
})();
