// The report text editor: a live preview of the whole document with the unsaved texts.
// POSTs the form to the preview URL (nothing is saved there) and shows the answer in the
// iframe, keeping its scroll position. Focusing a textarea scrolls to its section.
(function () {
  "use strict";
  const form = document.getElementById("texter-form");
  const iframe = document.getElementById("forhandsvisning");
  const status = document.getElementById("forhandsvisning-status");
  if (!form || !iframe) return;
  const url = form.dataset.forhandsvisning;
  let timer = null;
  let pagaende = null;
  let avsnitt = null;

  function scrolla(id) {
    const doc = iframe.contentDocument;
    const mal = doc && id ? doc.getElementById(id) : null;
    if (mal) mal.scrollIntoView({ block: "start" });
  }

  async function uppdatera() {
    if (pagaende) pagaende.abort();
    pagaende = new AbortController();
    status.textContent = "Uppdaterar förhandsvisningen…";
    const scroll = iframe.contentWindow ? iframe.contentWindow.scrollY : 0;
    try {
      const svar = await fetch(url, {
        method: "POST",
        body: new FormData(form),
        signal: pagaende.signal,
        credentials: "same-origin",
      });
      if (!svar.ok) {
        status.textContent = "Förhandsvisningen kunde inte uppdateras (" + svar.status + ").";
        return;
      }
      const html = await svar.text();
      iframe.addEventListener(
        "load",
        function () {
          iframe.contentWindow.scrollTo(0, scroll);
          status.textContent = "Förhandsvisningen är uppdaterad.";
          iframe.dataset.uppdaterad = String(Date.now());
        },
        { once: true }
      );
      iframe.srcdoc = html;
    } catch (e) {
      if (e.name !== "AbortError") status.textContent = "Förhandsvisningen kunde inte uppdateras.";
    }
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(uppdatera, 700);
  });
  form.addEventListener("focusin", function (e) {
    const namn = e.target && e.target.dataset ? e.target.dataset.avsnitt : null;
    if (namn && namn !== avsnitt) {
      avsnitt = namn;
      scrolla("avsnitt-" + namn);
    }
  });
  uppdatera();
})();
