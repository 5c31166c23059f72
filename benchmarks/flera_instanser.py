"""The user's side of the multi-instance trial: started by benchmarks/flera_instanser.sh,
which sets up the database, the S3 server, two gunicorn instances, the worker and nginx.

    python benchmarks/flera_instanser.py --proxy https://127.0.0.1:8443 --host finsam.example.se \
        --cert CERT --instans 127.0.0.1:8771=PID=LOG --instans 127.0.0.1:8772=PID=LOG \
        --worker-logg LOG --media DIR

Everything goes through the proxy as a browser's requests would (HTTPS, one session
cookie), except the health check, which probes each instance directly over plain HTTP as a
load balancer does. The bucket is read with boto3 (FLERA_S3_URL, FLERA_S3_BUCKET and the
AWS_* keys from the environment). Prints what passed with figures; exits 1 on the first
failure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import sys
import time
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import boto3
import requests

PASSWORD = "finsam-demo"
#: A report that the demo förbund can adopt once its texts are written (as in
#: tests/finsam/rapporter/utgava/test_faststall.py).
FASTSTALL = ("delarsrapport", "2025-08-31")
PDF_SIDA = "/rapporter/verksamhetsplan/2025/pdf/"
SIDOR = ["/", "/insatser/", "/budget/", "/rapporter/", "/historik/"]


@dataclass
class Instans:
    adress: str  # host:port
    pid: int
    logg: Path
    direkt: int = 0  # requests sent to it directly (the health check), not through the proxy


def fel(text: str) -> None:
    print(f"FEL: {text}")
    sys.exit(1)


def ok(text: str) -> None:
    print(f"ok  {text}")


class Anvandare:
    """A browser through the proxy: one requests.Session (the cookies), and which instance
    answered each request (the proxy's X-Finsam-Instans header)."""

    def __init__(self, proxy: str, host: str, cert: str):
        self.proxy = proxy
        self.host = host
        self.s = requests.Session()
        self.cert = cert
        self.s.headers["User-Agent"] = "finsam-flera-instanser"
        self.instanser: Counter[str] = Counter()
        self.antal = 0

    def __call__(self, metod, sokvag, *, data=None, status=200, typ="text/html"):
        headers = {"Host": self.host}
        if metod == "POST":
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{sokvag}"
        svar = self.s.request(
            metod,
            self.proxy + sokvag,
            data=data,
            headers=headers,
            allow_redirects=False,
            timeout=120,
            verify=self.cert,  # per request: REQUESTS_CA_BUNDLE would override Session.verify
        )
        self.antal += 1
        instans = svar.headers.get("X-Finsam-Instans", "").split(",")[-1].strip()
        self.instanser[instans] += 1
        if svar.status_code != status:
            fel(f"{metod} {sokvag} svarade {svar.status_code} (väntat {status}) från {instans}")
        if status == 200 and typ not in svar.headers.get("Content-Type", ""):
            fel(f"{metod} {sokvag} gav {svar.headers.get('Content-Type')}, väntat {typ}")
        svar.instans = instans
        return svar


def csrf(html: str) -> str:
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not m:
        fel("inget CSRF-fält på sidan")
    return m.group(1)


def logga_in(a: Anvandare, anvandare: str) -> None:
    sida = a("GET", "/logga-in/")
    a(
        "POST",
        "/logga-in/",
        data={"csrfmiddlewaretoken": csrf(sida.text), "username": anvandare, "password": PASSWORD},
        status=302,
    )
    if "sessionid" not in a.s.cookies:
        fel("ingen sessionskaka efter inloggningen")


def vanta_pa_bestallning(a: Anvandare, status_sida: str, sekunder: float = 180) -> dict:
    """Poll the order's status JSON (through the proxy, so from both instances) until done."""
    slut = time.monotonic() + sekunder
    while True:
        svar = a("GET", status_sida + "status/", typ="application/json").json()
        if svar["fil_url"]:
            return svar
        if svar["status"] == "fel":
            fel(f"beställningen {status_sida} misslyckades: {svar['fel']}")
        if time.monotonic() > slut:
            fel(f"beställningen {status_sida} blev inte klar på {sekunder:.0f} s (går db_worker?)")
        time.sleep(0.3)


def hinken():
    s3 = boto3.client("s3", endpoint_url=os.environ["FLERA_S3_URL"])
    bucket = os.environ.get("FLERA_S3_BUCKET", "finsam-arkiv")
    objekt = {}
    for sida in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for o in sida.get("Contents", []):
            objekt[o["Key"]] = o["Size"]
    return s3, bucket, objekt


def i_hinken(prefix: str, data: bytes) -> str:
    """The bucket's key under `prefix` whose content is exactly `data`."""
    s3, bucket, objekt = hinken()
    for nyckel, storlek in objekt.items():
        if (
            nyckel.startswith(prefix)
            and storlek == len(data)
            and s3.get_object(Bucket=bucket, Key=nyckel)["Body"].read() == data
        ):
            return nyckel
    fel(f"filen ({len(data)} B) finns inte under {prefix} i hinken: {sorted(objekt)}")


def halsa(instans: Instans, host: str) -> None:
    for metod in ("GET", "HEAD"):
        svar = requests.request(
            metod,
            f"http://{instans.adress}/halsa/",
            headers={"Host": host},
            timeout=30,
            allow_redirects=False,
        )
        if svar.status_code != 200:
            fel(f"{metod} /halsa/ på {instans.adress} svarade {svar.status_code}")
        if metod == "GET" and svar.json() != {"status": "ok"}:
            fel(f"/halsa/ på {instans.adress} gav {svar.text!r}")
        instans.direkt += 1


def json_rader(logg: Path) -> tuple[int, Counter]:
    """Every line of the log parsed as JSON; (lines, count per logger)."""
    loggers: Counter[str] = Counter()
    rader = logg.read_text(encoding="utf-8").splitlines()
    for nr, rad in enumerate(rader, start=1):
        try:
            post = json.loads(rad)
        except json.JSONDecodeError:
            fel(f"{logg.name} rad {nr} är inte JSON: {rad[:200]!r}")
        if not isinstance(post, dict) or not {"time", "level", "logger", "message"} <= set(post):
            fel(f"{logg.name} rad {nr} saknar time/level/logger/message: {rad[:200]!r}")
        if post["level"] in ("ERROR", "CRITICAL") or "exception" in post:
            fel(f"{logg.name} rad {nr} är ett fel: {rad[:300]!r}")
        loggers[post["logger"]] += 1
    return len(rader), loggers


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--proxy", required=True)
    p.add_argument("--host", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--instans", action="append", required=True)
    p.add_argument("--worker-logg", required=True)
    p.add_argument("--media", required=True)
    arg = p.parse_args()
    instanser = []
    for text in arg.instans:
        adress, pid, logg = text.split("=", 2)
        instanser.append(Instans(adress, int(pid), Path(logg)))
    adresser = {i.adress for i in instanser}
    sammanfattning = []

    # 1. The health check on each instance, directly, plain HTTP, GET and HEAD.
    for i in instanser:
        halsa(i, arg.host)
    ok(f"/halsa/ GET och HEAD över HTTP direkt på {len(instanser)} instanser: 200, status ok")

    # 2. Log in through the proxy; one session, requests spread over both instances.
    a = Anvandare(arg.proxy, arg.host, arg.cert)
    logga_in(a, "kansli")
    fore = Counter(a.instanser)
    for _ in range(3):
        for sida in SIDOR:
            svar = a("GET", sida)
            if 'name="password"' in svar.text:
                fel(f"{sida} från {svar.instans} visar inloggningen: sessionen gäller inte där")
    sidor = a.instanser - fore
    if set(sidor) != adresser:
        fel(f"sidorna kom inte från båda instanserna: {dict(sidor)}")
    ok(
        f"inloggad som kansli via proxyn; {sum(sidor.values())} sidor i följd på samma session, "
        f"per instans {dict(sidor)}"
    )
    sammanfattning.append(f"sidor per instans {dict(sidor)}")

    # 3. Order a PDF through the proxy, follow it, download it, find it in the bucket.
    sida = a("GET", PDF_SIDA)
    if "Skapa PDF" not in sida.text:
        fel(f"{PDF_SIDA} erbjuder ingen beställning")
    start = time.monotonic()
    svar = a("POST", PDF_SIDA, data={"csrfmiddlewaretoken": csrf(sida.text)}, status=302)
    status_sida = svar.headers["Location"]
    post_instans = svar.instans
    status = vanta_pa_bestallning(a, status_sida)
    pdf = a("GET", status["fil_url"], typ="application/pdf")
    sekunder = time.monotonic() - start
    if not pdf.content.startswith(b"%PDF"):
        fel(f"{status['fil_url']} är ingen PDF")
    nyckel = i_hinken("pdf/", pdf.content)
    ok(
        f"PDF beställd via {post_instans}, klar och hämtad via {pdf.instans} efter "
        f"{sekunder:.1f} s: {len(pdf.content)} B, samma byte i hinken som {nyckel}"
    )
    sammanfattning.append(f"PDF {len(pdf.content)} B på {sekunder:.1f} s")
    # The same link again: served at once, the same bytes, from each instance.
    for _ in range(2):
        igen = a("GET", PDF_SIDA, typ="application/pdf")
        if igen.content != pdf.content:
            fel(f"{PDF_SIDA} från {igen.instans} gav andra byte än första gången")
    ok("PDF-länken igen: samma fil direkt, från hinken (två förfrågningar)")

    # 4. Adopt an edition: texts written, then fastställ; the archive goes to the bucket and
    #    is served back by each instance.
    kod, nyckel_rapport = FASTSTALL
    rapport_sida = f"/rapporter/{kod}/{nyckel_rapport}/"
    fore_faststall = dict.fromkeys(adresser)
    while None in fore_faststall.values():  # the report page from both instances (cached)
        svar = a("GET", rapport_sida)
        fore_faststall[svar.instans] = "Fastställd" in svar.text
    texter = f"/rapporter/utgava/{kod}/{nyckel_rapport}/texter/"
    sida = a("GET", texter)
    falt = re.findall(r'<textarea name="(\w+)"', sida.text)
    version = re.search(r'name="lock_version" value="([^"]*)"', sida.text)
    if not falt or version is None:
        fel(f"{texter}: hittar inte textfälten")
    data = {f: f"Kansliets text om {f}, skriven i försöket med flera instanser." for f in falt}
    data.update(csrfmiddlewaretoken=csrf(sida.text), lock_version=version.group(1))
    a("POST", texter, data=data, status=302)
    url = f"/rapporter/utgava/{kod}/{nyckel_rapport}/faststall/"
    sida = a("GET", url)
    start = time.monotonic()
    svar = a(
        "POST",
        url,
        data={
            "csrfmiddlewaretoken": csrf(sida.text),
            "beslutsdatum": "2025-10-20",
            "paragraf": "§ 40",
        },
        status=302,
    )
    if "/rapporter/pdf/" not in svar.headers["Location"]:
        fel(f"fastställandet beställdes inte: {svar.headers['Location']}")
    post_instans = svar.instans
    vanta_pa_bestallning(a, svar.headers["Location"])
    sekunder = time.monotonic() - start
    arkiv = a("GET", "/rapporter/arkiv/")
    lankar = re.findall(r'href="(/rapporter/arkiv/\d+/pdf/)"', arkiv.text)
    if not lankar:
        fel("arkivet visar ingen arkiverad PDF")
    arkiv_pdf = unescape(lankar[0])
    fran = {}
    while set(fran) != adresser:
        svar = a("GET", arkiv_pdf, typ="application/pdf")
        fran[svar.instans] = svar.content
    innehall = set(fran.values())
    if len(innehall) != 1:
        fel("instanserna gav olika byte för samma arkiverade PDF")
    data = innehall.pop()
    if not data.startswith(b"%PDF"):
        fel(f"{arkiv_pdf} är ingen PDF")
    nyckel = i_hinken("rapportarkiv/", data)
    ok(
        f"{kod} {nyckel_rapport} fastställd via {post_instans} på {sekunder:.1f} s; arkivets PDF "
        f"({len(data)} B) är {nyckel} i hinken och hämtades via båda instanserna, samma byte"
    )
    sammanfattning.append(f"fastställd på {sekunder:.1f} s, arkiv-PDF {len(data)} B")
    # Each instance's own cache of the report page: after the write, both show it adopted.
    efter = dict.fromkeys(adresser)
    while None in efter.values():
        svar = a("GET", rapport_sida)
        efter[svar.instans] = "Fastställd" in svar.text
    if not all(efter.values()):
        fel(f"rapportsidan visar inte fastställandet på alla instanser: {efter}")
    ok(f"rapportsidan före/efter fastställandet per instans: {fore_faststall} / {efter}")

    # 5. The bucket goes wrong: the archive is checked against its SHA-256 on every read (a
    #    changed object answers 409 from each instance, the original 200 again), and a PDF
    #    whose object is gone is only a cache: its link offers a new order.
    s3, bucket, _objekt = hinken()
    s3.put_object(Bucket=bucket, Key=nyckel, Body=data.replace(b"%PDF", b"%PDX", 1))
    fran = set()
    while fran != adresser:
        fran.add(a("GET", arkiv_pdf, status=409).instans)
    s3.put_object(Bucket=bucket, Key=nyckel, Body=data)
    if a("GET", arkiv_pdf, typ="application/pdf").content != data:
        fel(f"{arkiv_pdf}: fel byte efter återställningen")
    for objekt in list(hinken()[2]):
        if objekt.startswith("pdf/"):
            s3.delete_object(Bucket=bucket, Key=objekt)
    sida = a("GET", PDF_SIDA)
    if "Skapa PDF" not in sida.text:
        fel(f"{PDF_SIDA}: ingen ny beställning när filen saknas i hinken")
    ok(
        "arkivets objekt ändrat i hinken: 409 från båda instanserna, återställt: 200; "
        "PDF:ens objekt borttaget: länken erbjuder en ny beställning"
    )

    # 6. One instance stops: the proxy answers from the other.
    borta, kvar = instanser
    os.kill(borta.pid, signal.SIGTERM)
    slut = time.monotonic() + 60
    while True:
        try:
            vard, port = borta.adress.rsplit(":", 1)
            socket.create_connection((vard, int(port)), 1).close()
        except OSError:
            break
        if time.monotonic() > slut:
            fel(f"{borta.adress} stannade inte")
        time.sleep(0.2)
    fore = Counter(a.instanser)
    for _ in range(2):
        for sida in SIDOR:
            a("GET", sida)
    efter_stopp = a.instanser - fore
    if set(efter_stopp) != {kvar.adress}:
        fel(f"efter stoppet svarade {dict(efter_stopp)}")
    halsa(kvar, arg.host)
    ok(
        f"{borta.adress} stoppad (SIGTERM): {sum(efter_stopp.values())} sidor i följd via "
        f"proxyn, alla 200 från {kvar.adress}, inloggningen kvar"
    )

    # 7. Logs: every line of each instance's and the worker's output is a JSON object, none
    #    an error; each instance logged exactly the requests the proxy says it sent there.
    for i in instanser:
        rader, loggers = json_rader(i.logg)
        vantat = a.instanser[i.adress] + i.direkt
        if loggers["gunicorn.access"] != vantat:
            fel(
                f"{i.logg.name}: {loggers['gunicorn.access']} åtkomstrader, väntat {vantat} "
                f"({a.instanser[i.adress]} via proxyn + {i.direkt} direkt)"
            )
        ok(
            f"{i.logg.name}: {rader} rader, alla JSON ({dict(loggers)}); åtkomstraderna = "
            f"{a.instanser[i.adress]} via proxyn + {i.direkt} hälsokontroller"
        )
    rader, loggers = json_rader(Path(arg.worker_logg))
    if loggers["django_tasks"] < 4:  # two tasks, each RUNNING and SUCCESSFUL
        fel(f"arbetarens logg visar inte de två uppgifterna: {dict(loggers)}")
    ok(f"arbetarens logg: {rader} rader, alla JSON ({dict(loggers)})")

    # 8. Nothing in the local media directory: every file went to the bucket.
    media = Path(arg.media)
    lokala = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    if lokala:
        fel(f"filer i FINSAM_MEDIA_ROOT fast lagringen är hinken: {lokala}")
    _s3, _bucket, objekt = hinken()
    ok(f"inget i FINSAM_MEDIA_ROOT; i hinken nu {len(objekt)} objekt: {sorted(objekt)}")

    print(
        f"OK: {a.antal} förfrågningar via proxyn, per instans {dict(a.instanser)}; "
        + "; ".join(sammanfattning)
    )


if __name__ == "__main__":
    main()
