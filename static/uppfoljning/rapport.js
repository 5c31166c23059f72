// The report form (templates/uppfoljning/deltagarrapport/rapport_form.html): each per-kön
// row shows its total and each group's sum row ("Summa av raderna") the sums of its parts'
// columns while the user types; Enter in a figure moves to the next figure (Shift+Enter to
// the previous one) instead of submitting the form. Only a preview: the server checks the
// figures and the sums again.
(function () {
  "use strict";
  function parse(text) {
    var t = (text || "").replace(/[\s\u00a0]/g, "").replace(",", ".").replace("\u2212", "-");
    if (t === "") return null;
    var n = Number(t);
    return isFinite(n) ? n : NaN;
  }
  function show(sum, any, bad) {
    return bad ? "?" : (any ? String(Math.round(sum * 10) / 10).replace(".", ",") : "");
  }
  function update(row) {
    var cell = row.querySelector("[data-totalt]");
    if (!cell) return;
    if (!row.hasAttribute("data-summera")) { cell.textContent = ""; return; }
    var sum = 0, any = false, bad = false;
    row.querySelectorAll("input[data-matt]").forEach(function (input) {
      var v = parse(input.value);
      if (v === null) return;
      if (isNaN(v)) { bad = true; return; }
      sum += v; any = true;
    });
    cell.textContent = show(sum, any, bad);
  }
  function updateSums(table) {
    table.querySelectorAll("[data-kolumnsumma]").forEach(function (cell) {
      var kon = cell.getAttribute("data-kolumnsumma");
      var sum = 0, any = false, bad = false;
      table.querySelectorAll("tr[data-summadel] input[data-matt]").forEach(function (input) {
        if (kon && input.getAttribute("data-kon") !== kon) return;
        var v = parse(input.value);
        if (v === null) return;
        if (isNaN(v)) { bad = true; return; }
        sum += v; any = true;
      });
      cell.textContent = show(sum, any, bad);
    });
  }
  document.querySelectorAll("tr[data-rad]").forEach(function (row) {
    update(row);
    row.addEventListener("input", function () { update(row); });
  });
  document.querySelectorAll("table.rapportgrid").forEach(function (table) {
    updateSums(table);
    table.addEventListener("input", function () { updateSums(table); });
  });

  var form = document.getElementById("rapportform");
  if (!form) return;
  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.matches || !input.matches("input[data-matt], table input")) {
      return;
    }
    event.preventDefault();
    var fields = Array.prototype.slice.call(form.querySelectorAll("table input:not([type=hidden]), textarea"));
    var next = fields[fields.indexOf(input) + (event.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      if (next.select) next.select();
    }
  });
})();
