// PDF links (a[data-pdf]) are fetched in the background with a progress overlay instead of
// a frozen page. A PDF made before (or archived) comes back at once and is saved under the
// server's name; when the PDF has still to be made the link answers a page that orders it
// (finsam.rapporter.pdfjobb), and the browser goes there. Shows the error if any.
(function () {
  "use strict";

  function overlay() {
    const el = document.createElement("div");
    el.className = "pdf-progress";
    el.setAttribute("role", "status");
    el.setAttribute("aria-live", "polite");
    Object.assign(el.style, {
      position: "fixed", inset: "0", background: "rgba(0,0,0,.35)", display: "none",
      alignItems: "center", justifyContent: "center", zIndex: "2000",
    });
    const box = document.createElement("div");
    Object.assign(box.style, {
      background: "#fff", padding: "1.2rem 1.5rem", borderRadius: "8px", minWidth: "18rem",
      boxShadow: "0 4px 16px rgba(0,0,0,.3)", fontFamily: "system-ui, sans-serif",
    });
    const text = document.createElement("p");
    text.className = "pdf-progress-text";
    text.style.margin = "0 0 .8rem";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "btn btn-sm btn-outline-secondary pdf-progress-cancel";
    cancel.textContent = "Avbryt";
    box.append(text, cancel);
    el.append(box);
    document.body.append(el);
    return { el, text, cancel };
  }

  function filename(response, fallback) {
    const cd = response.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    return plain ? plain[1] : fallback;
  }

  let ui = null;

  async function hamta(link) {
    ui = ui || overlay();
    const controller = new AbortController();
    const start = Date.now();
    const show = () => {
      const s = Math.round((Date.now() - start) / 1000);
      ui.text.textContent = "Hämtar PDF … " + s + " s";
    };
    show();
    const timer = setInterval(() => {
      if (Date.now() - start > 500) ui.el.style.display = "flex";
      show();
    }, 250);
    ui.cancel.onclick = () => controller.abort();
    try {
      const response = await fetch(link.href, { credentials: "same-origin", signal: controller.signal });
      if (!response.ok) {
        clearInterval(timer);
        ui.el.style.display = "flex";
        ui.text.textContent = "PDF:en kunde inte skapas (" + response.status + " " +
          response.statusText + "). Försök igen eller kontakta kansliet.";
        ui.cancel.textContent = "Stäng";
        ui.cancel.onclick = () => { ui.el.style.display = "none"; ui.cancel.textContent = "Avbryt"; };
        return;
      }
      const typ = response.headers.get("Content-Type") || "";
      if (!typ.startsWith("application/pdf")) {
        clearInterval(timer);
        window.location.href = link.href;
        return;
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = filename(response, "rapport.pdf");
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      clearInterval(timer);
      ui.el.style.display = "none";
    } catch (e) {
      clearInterval(timer);
      ui.el.style.display = "none";
      if (e.name !== "AbortError") window.location.href = link.href;
    }
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest ? event.target.closest("a[data-pdf]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    hamta(link);
  });
})();
