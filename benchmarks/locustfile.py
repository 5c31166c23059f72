"""Load benchmark: logged-in users browsing the app (run by benchmarks/last.sh, not by CI).

Each simulated user logs in once as a demo user, then opens pages with the weights below,
among them `/forbundet/` – the trivial logged-in page the others are compared with.
The production settings send secure cookies, which an HTTP client keeps to itself over
plain HTTP; like the proxy in front of a real installation, the user says
X-Forwarded-Proto: https and sends the session cookie itself.
"""

import re

from locust import HttpUser, between, events, task

PASSWORD = "finsam-demo"
HEADERS = {"X-Forwarded-Proto": "https", "Host": "finsam.example.se"}
TRIVIAL = "/forbundet/"
RATIO_BASE = "trivial: /forbundet/"


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
        overview = self.client.get("/budget/", name="/budget/")
        grid = re.search(r'href="(/budget/versioner/\d+/belopp/)"', overview.text)
        self.grid = grid.group(1) if grid else None

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
