"""Production smoke test: the app as the README deploys it, through HTTP only.

    python .ci/production_smoke.py http://127.0.0.1:8765 finsam.example.se

Expects gunicorn serving finsam.wsgi with the production settings (collected static files,
HTTPS redirect, secure cookies) and the demo loaded. It plays the TLS-terminating proxy:
every request says X-Forwarded-Proto: https and the public Host (but first it probes the
health check /halsa/ as a load balancer would: plain HTTP, GET and HEAD). For each demo role it logs
in through the login form, then fetches the start page, a list, a grid or form, a report
and its PDF, and the static files the pages use. A PDF not made yet is ordered through its
page's form and made by the worker (`db_worker`, started beside gunicorn): the status is
polled until the file is there, and the file is fetched. Any answer but 200 (and the login's 302)
is an error; the script prints each request and exits 1 on the first error.
Only the standard library: it runs in CI before anything else is installed.
"""

import http.client
import json
import re
import sys
import time
from html import unescape
from urllib.parse import urlencode, urlsplit

PASSWORD = "finsam-demo"

#: Per demo user: pages to fetch, and patterns of links to follow from the pages fetched
#: (the first match of each is fetched, so ids come from the app itself).
ROLES = {
    "kansli": {
        "pages": ["/", "/insatser/", "/budget/", "/historik/", "/rapporter/verksamhetsplan/2025/"],
        "follow": [
            r"/budget/versioner/\d+/belopp/",
            r"/insatser/\d+/",
            r"/insatser/\d+/andra/",
            r"/rapporter/verksamhetsplan/2025/pdf/",
        ],
    },
    "styrelse": {
        "pages": ["/", "/insatser/", "/budget/", "/rapporter/", "/rapporter/arsredovisning/2025/"],
        "follow": [r"/insatser/\d+/", r"/rapporter/arsredovisning/2025/pdf/"],
    },
    "revisor": {
        "pages": ["/", "/historik/", "/rapporter/delarsrapport/2025-08-31/"],
        "follow": [r"/rapporter/delarsrapport/2025-08-31/pdf/"],
    },
    "styrgrupp-vasteras": {
        "pages": ["/", "/uppfoljning/rapporter/", "/rapporter/insats/st-vasteras/2025-H1/"],
        "follow": [r"/uppfoljning/rapporter/\d+/", r"/rapporter/insats/st-vasteras/[\w-]+/pdf/"],
    },
    "kansli-exempel": {"pages": ["/", "/insatser/", "/budget/"], "follow": []},
}


class Browser:
    """A tiny cookie-keeping HTTP client that presents itself as coming through the proxy."""

    def __init__(self, base: str, host: str):
        parts = urlsplit(base)
        self.netloc = parts.netloc
        self.host = host
        self.cookies: dict[str, str] = {}
        self.requests = 0

    def request(self, method, path, body=None, referer=None):
        conn = http.client.HTTPConnection(self.netloc, timeout=120)
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.7",
            "User-Agent": "finsam-production-smoke",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{referer or path}"
        start = time.monotonic()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.requests += 1
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        ms = (time.monotonic() - start) * 1000
        print(f"  {response.status} {method} {path} ({len(data)} B, {ms:.0f} ms)")
        return response, data


def fail(message):
    print(f"FEL: {message}")
    sys.exit(1)


def check(response, data, path, *, status=200, content_type="text/html"):
    if response.status != status:
        fail(f"{path} svarade {response.status}, väntat {status}: {data[:300]!r}")
    if status == 200 and content_type not in (response.getheader("Content-Type") or ""):
        fail(f"{path} gav {response.getheader('Content-Type')}, väntat {content_type}")


def login(b: Browser, username: str):
    response, data = b.request("GET", "/logga-in/")
    check(response, data, "/logga-in/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
    if not token:
        fail("inget CSRF-fält på inloggningssidan")
    body = urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": PASSWORD}
    )
    response, data = b.request("POST", "/logga-in/", body=body)
    check(response, data, "POST /logga-in/", status=302)
    if "sessionid" not in b.cookies:
        fail(f"{username}: ingen session efter inloggning")
    return data


def hamta_pdf(b: Browser, path: str) -> None:
    """A PDF link as a reader follows it: the file at once, or the page that orders it;
    then the order's status until the worker is done, and the file."""
    response, data = b.request("GET", path)
    check(response, data, path, content_type="")
    if (response.getheader("Content-Type") or "").startswith("application/pdf"):
        if not data.startswith(b"%PDF-"):
            fail(f"{path} är ingen PDF")
        return
    check(response, data, path)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
    if not token or b"Skapa PDF" not in data:
        fail(f"{path}: varken PDF eller beställningsformulär")
    body = urlencode({"csrfmiddlewaretoken": token.group(1).decode()})
    response, data = b.request("POST", path, body=body)
    check(response, data, f"POST {path}", status=302)
    status_sida = urlsplit(response.getheader("Location", "")).path
    status_url = status_sida + "status/"
    slut = time.monotonic() + 120
    while True:
        response, data = b.request("GET", status_url)
        check(response, data, status_url, content_type="application/json")
        svar = json.loads(data)
        if svar["fil_url"]:
            break
        if svar["status"] == "fel":
            fail(f"{path}: PDF:en misslyckades: {svar['fel']}")
        if time.monotonic() > slut:
            fail(f"{path}: PDF:en blev inte klar på 120 s (går db_worker?)")
        time.sleep(0.5)
    response, data = b.request("GET", svar["fil_url"])
    check(response, data, svar["fil_url"], content_type="application/pdf")
    if not data.startswith(b"%PDF-"):
        fail(f"{svar['fil_url']} är ingen PDF")


def health_check(base: str, host: str) -> None:
    """/halsa/ as a load balancer probes it: plain HTTP, no proxy header, not redirected."""
    netloc = urlsplit(base).netloc
    for method in ("GET", "HEAD"):
        conn = http.client.HTTPConnection(netloc, timeout=30)
        conn.request(method, "/halsa/", headers={"Host": host})
        response = conn.getresponse()
        data = response.read()
        print(f"  {response.status} {method} /halsa/ {data.decode()}")
        if response.status != 200:
            fail(f"{method} /halsa/ svarade {response.status}, väntat 200: {data[:300]!r}")
        if method == "GET" and data != b'{"status": "ok"}':
            fail(f"/halsa/ gav {data[:300]!r}")


def main(base: str, host: str) -> None:
    static_seen: set[str] = set()
    total = 0
    print("hälsokontroll:")
    health_check(base, host)
    for username, plan in ROLES.items():
        print(f"{username}:")
        b = Browser(base, host)
        # Plain HTTP without the proxy's header is sent to HTTPS.
        conn = http.client.HTTPConnection(b.netloc, timeout=30)
        conn.request("GET", "/logga-in/", headers={"Host": host})
        redirect = conn.getresponse()
        if redirect.status != 301 or not redirect.getheader("Location", "").startswith("https://"):
            fail(f"HTTP utan proxyhuvud gav {redirect.status}, väntat 301 till https")
        login(b, username)
        pages = list(plan["pages"])
        html_seen = []
        for path in pages:
            response, data = b.request("GET", path)
            check(response, data, path)
            html_seen.append(data.decode())
        for pattern in plan["follow"]:
            match = None
            for html in html_seen:
                match = re.search(f'href="({pattern})"', html)
                if match:
                    break
            if not match:
                fail(f"{username}: ingen länk som matchar {pattern}")
            path = unescape(match.group(1))
            if path.endswith("/pdf/"):
                hamta_pdf(b, path)
            else:
                response, data = b.request("GET", path)
                check(response, data, path)
                html_seen.append(data.decode())
        for html in html_seen:
            for ref in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
                if ref in static_seen:
                    continue
                static_seen.add(ref)
                response, data = b.request("GET", ref)
                check(response, data, ref, content_type="")
                if "max-age" not in (response.getheader("Cache-Control") or ""):
                    fail(f"{ref} saknar Cache-Control (inte från collectstatic/whitenoise?)")
        if not any(re.search(r"/static/[^\"]+\.[0-9a-f]{12}\.css", h) for h in html_seen):
            fail("sidorna länkar inte till hashade statiska filer (manifest saknas?)")
        total += b.requests
    print(f"OK: {total} förfrågningar, {len(ROLES)} roller, inga fel.")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
