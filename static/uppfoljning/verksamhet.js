/* Indicator grid: when a row's scale changes, relabel its six share fields. */
(function () {
  "use strict";
  var data = document.getElementById("skalsteg");
  if (!data) {
    return;
  }
  var skalsteg = JSON.parse(data.textContent);
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.classList || !select.classList.contains("js-skala")) {
      return;
    }
    var steg = skalsteg[select.value] || skalsteg.frekvens;
    var rad = select.closest("tr");
    rad.querySelectorAll("label.js-steg").forEach(function (label, i) {
      label.textContent = steg[i] || "";
    });
  });
})();
