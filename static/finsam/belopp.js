/* Amounts as the app writes them, shared by every grid that recomputes sums while the user
 * types (static/budget/grid.js, static/budget/utfall.js).
 *
 *   FinsamBelopp.parse("−1 250 000") -> -1250000   (null for blank, NaN when unreadable)
 *   FinsamBelopp.format(-1250000)     -> "−1 250 000" (true minus, no-break spaces)
 *   FinsamBelopp.isChanged(input)     -> whether the field differs from what was loaded
 *
 * The same rules as budget.forms.parse_belopp and the belopp template filter.
 */
(function () {
  "use strict";

  var MINUS = "\u2212";
  var NBSP = "\u00a0";
  var MAX_BELOPP = 999999999999;

  function parse(text) {
    var compact = String(text)
      .replace(/[\s\u00a0\u202f\u2009]+/g, "")
      .replace(/[\u2212\u2013]/g, "-");
    if (compact === "") {
      return null;
    }
    if (!/^[+-]?\d+$/.test(compact)) {
      return NaN;
    }
    var n = parseInt(compact, 10);
    return Math.abs(n) > MAX_BELOPP ? NaN : n;
  }

  function format(n) {
    var digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    return (n < 0 ? MINUS : "") + digits;
  }

  function isChanged(input) {
    var now = parse(input.value);
    var before = parse(input.defaultValue);
    return !(now === before || (isNaN(now) && isNaN(before) && input.value === input.defaultValue));
  }

  window.FinsamBelopp = { parse: parse, format: format, isChanged: isChanged };
})();
