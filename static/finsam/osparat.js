/* Warns before leaving a page with unsaved input (WCAG 3.3.4 in spirit: nothing typed is
 * lost by a slip). Every form with the attribute data-varna-osparat is watched: it counts
 * as unsaved when a field differs from what the page was loaded with, or from the start
 * when the form also has data-osparat (a refused post: what it shows is not saved).
 * Submitting the form does not warn. The budget grids (static/budget/grid.js, utfall.js)
 * use the same data-osparat attribute with their own comparison of amounts.
 */
(function () {
  "use strict";

  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-varna-osparat]"));
  if (!forms.length) {
    return;
  }

  function selectChanged(select) {
    var options = Array.prototype.slice.call(select.options);
    if (select.multiple) {
      return options.some(function (o) { return o.selected !== o.defaultSelected; });
    }
    var initial = options.findIndex(function (o) { return o.defaultSelected; });
    return select.selectedIndex !== (initial === -1 ? 0 : initial);
  }

  function changed(el) {
    if (!el.name || el.disabled || el.type === "hidden" || el.type === "submit" || el.type === "button") {
      return false;
    }
    if (el.type === "checkbox" || el.type === "radio") {
      return el.checked !== el.defaultChecked;
    }
    if (el.tagName === "SELECT") {
      return selectChanged(el);
    }
    if (el.type === "file") {
      return el.files && el.files.length > 0;
    }
    return "defaultValue" in el && el.value !== el.defaultValue;
  }

  function unsaved(form) {
    return form.hasAttribute("data-osparat") || Array.prototype.some.call(form.elements, changed);
  }

  var submitting = false;
  // On window, after the page's own submit handlers: a submit they cancel still warns.
  window.addEventListener("submit", function (event) {
    if (!event.defaultPrevented && forms.indexOf(event.target) !== -1) {
      submitting = true;
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && forms.some(unsaved)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
