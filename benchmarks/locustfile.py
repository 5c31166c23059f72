"""Load benchmark: logged-in users browsing the app (run by benchmarks/last.sh, not by CI).

Each simulated user logs in once as a demo user, then opens pages with the weights below,
among them `/forbundet/` – the trivial logged-in page the others are compared with.
The production settings send secure cookies, which an HTTP client keeps to itself over
plain HTTP; like the proxy in front of a real installation, the user says
X-Forwarded-Proto: https and sends the session cookie itself.

With FINSAM_LAST_PDF=1 (benchmarks/last.sh --pdf) the users also ask for PDFs, about one
request in ten: the document's PDF link, the order (POST) where no file is made yet, the
order's status until the worker is done, and the file, as a browser does. PDFs are never
rendered in a request; the worker started by last.sh makes them.
"""

import os
import re
import time

import gevent.event
from locust import HttpUser, between, events, task

PASSWORD = "finsam-demo"
HEADERS = {"X-Forwarded-Proto": "https", "Host": "finsam.example.se"}
TRIVIAL = "/forbundet/"
RATIO_BASE = "trivial: /forbundet/"
MED_PDF = os.environ.get("FINSAM_LAST_PDF") == "1"
#: the documents whose PDFs are asked for (the demo's editions)
PDF_DOKUMENT = [
    "/rapporter/verksamhetsplan/2025/",
    "/rapporter/verksamhetsplan/2024/",
    "/rapporter/delarsrapport/2025-08-31/",
    "/rapporter/arsredovisning/2025/",
    "/rapporter/arsredovisning/2024/",
    "/rapporter/insats/st-sala/2025-helar/",
]
#: All users log in at once when the run starts (50 password hashes on two cores: about 15 s
#: of a saturated machine). The figures are of the pages in use, so the statistics start
#: when the last user is in, and nobody browses before that.
_inloggade = 0
_alla_inne = gevent.event.Event()


class Kansli(HttpUser):
    wait_time = between(0.5, 1.5)
    username = "kansli"
    weight = 3

    def on_start(self):
        self.client.headers.update(HEADERS)
        self.client.headers["Origin"] = "https://finsam.example.se"
        self.client.headers["Referer"] = "https://finsam.example.se/logga-in/"
        page = self.client.get("/logga-in/", name="login form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        csrf = page.cookies.get("csrftoken")
        self.client.headers["Cookie"] = f"csrftoken={csrf}"
        done = self.client.post(
            "/logga-in/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            allow_redirects=False,
            name="login",
        )
        session = done.cookies.get("sessionid")
        self.client.headers["Cookie"] = f"csrftoken={csrf}; sessionid={session}"
        self.csrf = csrf
        overview = self.client.get("/budget/", name="/budget/ (efter inloggningen)")
        grid = re.search(r'href="(/budget/versioner/\d+/belopp/)"', overview.text)
        self.grid = grid.group(1) if grid else None
        global _inloggade
        _inloggade += 1
        if _inloggade >= self.environment.runner.target_user_count:
            self.environment.runner.stats.reset_all()
            _alla_inne.set()
        _alla_inne.wait()

    @task(4)
    def trivial(self):
        self.client.get(TRIVIAL, name=RATIO_BASE)

    @task(4)
    def startsida(self):
        self.client.get("/", name="/ (start)")

    @task(3)
    def insatser(self):
        self.client.get("/insatser/", name="/insatser/")

    @task(2)
    def budget(self):
        self.client.get("/budget/", name="/budget/")

    @task(2)
    def grid_page(self):
        if self.grid:
            self.client.get(self.grid, name="/budget/versioner/<id>/belopp/")

    @task(2)
    def rapporter(self):
        self.client.get("/rapporter/", name="/rapporter/")

    @task(1)
    def historik(self):
        if self.username == "kansli":  # styrelse may not read the change history (403)
            self.client.get("/historik/", name="/historik/")

    @task(1)
    def statistik(self):
        self.client.get(
            "/uppfoljning/statistik/2025/h1/", name="/uppfoljning/statistik/<år>/<typ>/"
        )

    @task(1)
    def verksamhetsplan(self):
        self.client.get("/rapporter/verksamhetsplan/2025/", name="/rapporter/verksamhetsplan/<år>/")

    @task(1)
    def delarsrapport(self):
        self.client.get(
            "/rapporter/delarsrapport/2025-08-31/", name="/rapporter/delarsrapport/<per>/"
        )

    @task(3)
    def pdf(self):
        """A document's PDF as the browser gets it: the link; where no file is made yet,
        the order (POST) and its status every second (as the page does) until the file is there."""
        if not MED_PDF:
            return
        dokument = PDF_DOKUMENT[int(time.monotonic() * 1000) % len(PDF_DOKUMENT)]
        svar = self.client.get(f"{dokument}pdf/", name="PDF: länken")
        if svar.headers.get("Content-Type", "").startswith("application/pdf"):
            return
        pagaende = re.search(r'href="(/rapporter/pdf/\d+/)"', svar.text)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', svar.text)
        if pagaende is not None:  # someone's order of the same data is under way: follow it
            plats = pagaende.group(1)
        elif token is not None:
            self.client.headers["Referer"] = f"https://finsam.example.se{dokument}pdf/"
            order = self.client.post(
                f"{dokument}pdf/",
                {"csrfmiddlewaretoken": token.group(1)},
                allow_redirects=False,
                name="PDF: beställ",
            )
            plats = order.headers.get("Location", "")
        else:
            return
        if "/fil/" in plats:
            self.client.get(plats, name="PDF: filen")
            return
        m = re.search(r"/rapporter/pdf/(\d+)/", plats)
        if m is None:
            return
        status_url = f"/rapporter/pdf/{m.group(1)}/status/"
        vanta = 1.0
        for _i in range(120):
            status = self.client.get(status_url, name="PDF: status").json()
            if status["fil_url"] or status["status"] == "fel":
                break
            time.sleep(vanta)  # as static/rapporter/pdfstatus.js polls: 1 s, 1.5 s, then 2 s
            vanta = min(vanta + 0.5, 2.0)
        if status["fil_url"]:
            self.client.get(status["fil_url"], name="PDF: filen")


class Styrelse(Kansli):
    username = "styrelse"
    weight = 2


@events.quitting.add_listener
def summary(environment, **_kwargs):
    """Per page: requests, req/s, p50/p95/p99 in ms, errors, and p50 as a multiple of the
    trivial page's p50 in the same run."""
    stats = environment.stats
    base = stats.entries.get((RATIO_BASE, "GET"))
    base_p50 = base.get_response_time_percentile(0.5) if base and base.num_requests else None

    def line(name, e, ratio=""):
        pct = e.get_response_time_percentile
        return (
            f"{name[:44]:44} {e.num_requests:6d} {e.total_rps:7.1f} {pct(0.5):6.0f} "
            f"{pct(0.95):6.0f} {pct(0.99):6.0f} {e.num_failures:4d} {ratio:>8}"
        )

    print()
    head = ("sida", "antal", "req/s", "p50", "p95", "p99", "fel", "× triv.")
    print(
        f"{head[0]:44} "
        + " ".join(f"{h:>{w}}" for h, w in zip(head[1:], (6, 7, 6, 6, 6, 4, 8), strict=True))
    )
    for (name, _method), e in sorted(stats.entries.items()):
        if not e.num_requests:
            continue
        p50 = e.get_response_time_percentile(0.5)
        print(line(name, e, f"{p50 / base_p50:.1f}" if base_p50 else "-"))
    print(line("Totalt", stats.total))
