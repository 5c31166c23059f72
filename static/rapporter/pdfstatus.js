// The status page of an ordered PDF (finsam.rapporter.pdfjobb): asks the server for the
// order's status (after 1 s, then 0.5 s later each time, at most every 2 s: a PDF takes
// seconds, and many readers waiting for one should not crowd the server) and shows its step; when the file is ready the browser
// downloads it, when the work failed the page is loaded again to show why and offer
// "Försök igen". Without this script the page has a link that reloads it.
(function () {
  "use strict";
  const ruta = document.getElementById("pdf-status");
  if (!ruta || ruta.dataset.status === "fel" || ruta.dataset.status === "klar") return;
  const text = document.getElementById("pdf-status-text");
  const steg = document.getElementById("pdf-steg");
  const nummer = document.getElementById("pdf-steg-nummer");
  const matare = document.getElementById("pdf-progress");
  const klar = document.getElementById("pdf-klar");
  const fil = document.getElementById("pdf-fil");
  let senaste = steg ? steg.textContent : "";
  let fel = 0;
  let vanta = 1000;

  async function fraga() {
    try {
      const svar = await fetch(ruta.dataset.statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!svar.ok) throw new Error(String(svar.status));
      const data = await svar.json();
      fel = 0;
      if (data.status === "fel") {
        window.location.reload();
        return;
      }
      if (matare) matare.value = data.steg_nummer;
      if (nummer) nummer.textContent = data.steg_nummer;
      if (steg && data.steg && data.steg !== senaste) {
        senaste = data.steg;
        steg.textContent = data.steg;
      }
      if (data.fil_url) {
        if (text) text.innerHTML = "";
        if (text) {
          const s = document.createElement("strong");
          s.textContent = "Klart.";
          text.append(s, " Fortsätter; annars använd knappen nedan.");
        }
        if (fil) fil.href = data.fil_url;
        if (klar) klar.hidden = false;
        window.location.href = data.fil_url;
        return;
      }
    } catch (e) {
      fel += 1;
      if (fel >= 5 && text) {
        text.textContent = "Kontakten med servern bröts. Uppdatera sidan för att se hur det går.";
        return;
      }
    }
    vanta = Math.min(vanta + 500, 2000);
    setTimeout(fraga, vanta);
  }
  setTimeout(fraga, vanta);
})();
