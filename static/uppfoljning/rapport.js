// The report form: each per-kön row shows its total while the user types.
(function () {
  "use strict";
  function parse(text) {
    var t = (text || "").replace(/[\s\u00a0]/g, "").replace(",", ".").replace("\u2212", "-");
    if (t === "") return null;
    var n = Number(t);
    return isFinite(n) ? n : NaN;
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
    cell.textContent = bad ? "?" : (any ? String(sum).replace(".", ",") : "");
  }
  document.querySelectorAll("tr[data-rad]").forEach(function (row) {
    update(row);
    row.addEventListener("input", function () { update(row); });
  });
})();
