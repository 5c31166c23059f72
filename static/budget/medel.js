/* The medelstilldelning form (templates/budget/medel/form.html).
 *
 * Shows each kommun's driftbidrag, the region's and the state's part and the sum while the
 * user types, with the same largest-remainder rounding as budget.services_medel. Only a
 * preview: the server computes every part again from what is saved. Amounts beyond what
 * JavaScript counts exactly are shown as blank rather than wrong.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-medelform]");
  if (!form) {
    return;
  }
  var NBSP = "\u00a0";

  function compact(text) {
    return String(text || "").replace(/[\s\u00a0\u202f\u2009%]+/g, "");
  }

  /* Whole kronor as a BigInt, or null when blank or unreadable. */
  function parseInt_(text) {
    var c = compact(text);
    return /^\d+$/.test(c) ? BigInt(c) : null;
  }

  /* A decimal ("31,25") as [numerator BigInt, denominator BigInt], or null. */
  function parseDecimal(text) {
    var c = compact(text).replace(",", ".");
    var m = /^(\d+)(?:\.(\d+))?$/.exec(c);
    if (!m) {
      return null;
    }
    var frac = m[2] || "";
    return [BigInt(m[1] + frac), 10n ** BigInt(frac.length)];
  }

  function format(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  }

  /* Largest remainder: weights as [num, den] pairs; returns BigInt parts summing to total. */
  function fordela(total, weights) {
    var den = 1n;
    weights.forEach(function (w) {
      den *= w[1];
    });
    var scaled = weights.map(function (w) {
      return (w[0] * den) / w[1];
    });
    var sum = scaled.reduce(function (a, b) {
      return a + b;
    }, 0n);
    if (sum === 0n) {
      return null;
    }
    var parts = scaled.map(function (w) {
      return (total * w) / sum;
    });
    var rests = scaled.map(function (w, i) {
      return { i: i, rest: total * w - parts[i] * sum, w: w };
    });
    var left = total - parts.reduce(function (a, b) {
      return a + b;
    }, 0n);
    rests.sort(function (a, b) {
      if (a.rest !== b.rest) {
        return a.rest > b.rest ? -1 : 1;
      }
      if (a.w !== b.w) {
        return a.w > b.w ? -1 : 1;
      }
      return a.i - b.i;
    });
    for (var k = 0; k < Number(left); k++) {
      parts[rests[k].i] += 1n;
    }
    return parts;
  }

  function field(name) {
    return form.querySelector('[name="' + name + '"]');
  }

  function show(selector, value) {
    var cell = form.querySelector(selector);
    if (cell) {
      cell.textContent = value === null ? "" : format(value);
    }
  }

  function recompute() {
    var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-kommun]"));
    var checked = form.querySelector('[name="nyckel"]:checked');
    var egen = checked && checked.value === "egen";
    var statens = parseInt_(field("statens_bidrag").value);
    var region = parseDecimal(field("region_procent").value);
    var kommuner = parseDecimal(field("kommuner_procent").value);
    var blank = function () {
      rows.forEach(function (row) {
        show('[data-del="' + row.getAttribute("data-kommun") + '"]', null);
      });
      ["kommuner", "region", "staten", "total"].forEach(function (s) {
        show('[data-summa="' + s + '"]', null);
      });
    };
    if (statens === null || region === null || kommuner === null) {
      blank();
      return;
    }
    if (region[0] * kommuner[1] + kommuner[0] * region[1] !== 50n * region[1] * kommuner[1]) {
      blank();
      return;
    }
    var total = statens * 2n;
    var halves = fordela(total, [[50n, 1n], region, kommuner]);
    if (!halves) {
      blank();
      return;
    }
    var weights = rows.map(function (row) {
      var id = row.getAttribute("data-kommun");
      var input = row.querySelector('[data-nyckel="' + (egen ? "vikt" : "folk") + '"]');
      return { id: id, w: input ? parseDecimal(input.value) : null };
    });
    var complete = weights.every(function (x) {
      return x.w !== null;
    });
    var parts = complete && rows.length ? fordela(halves[2], weights.map(function (x) {
      return x.w;
    })) : null;
    weights.forEach(function (x, i) {
      show('[data-del="' + x.id + '"]', parts ? parts[i] : null);
    });
    show('[data-summa="kommuner"]', halves[2]);
    show('[data-summa="region"]', halves[1]);
    show('[data-summa="staten"]', halves[0]);
    show('[data-summa="total"]', total);
  }

  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
  recompute();
})();
