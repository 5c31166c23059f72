"""Instructions per cold request: what a page costs the server's Python process the first
time after a write, counted by valgrind's callgrind instead of timed. A benchmark, not a
test; CI does not run it.

    bash benchmarks/instruktioner.sh [--forbund SLUG] [--runs N] [--varm] URL [URL ...]

Why counted: `manage.py benchmark_sidor` times pages against a trivial page, and on a
shared machine the same request's time moves by ±30 % from run to run, which hides a
change of 5 or 10 %. The count of instructions is the same run after run for the same
code and data (the database server is another process and is not counted; at national
scale it is about a fifth of a cold page's time, see the README). So a change to a page's
cold cost can be checked on one run each, before and after.

This file is the driver that the shell script runs under valgrind, once per URL:
one request first (code imported, templates compiled, as in a running server), then
`--runs` requests, each right after a new data token (finsam/dataversion.py: nothing kept
is found, as after any write) and each with instrumentation on (`callgrind_control -i`)
for the request alone. The script reads the count valgrind prints and divides by the runs.
With `--varm`, no new token: the requests find what the page keeps (a second request first
keeps it), as every request after the first does until the next write.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings.dev")

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from finsam import dataversion  # noqa: E402
from finsam.models import User  # noqa: E402


def _instrumentera(pa: bool) -> None:
    subprocess.run(
        ["callgrind_control", "-i", "on" if pa else "off", str(os.getpid())],
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forbund", default="vastmanland")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--varm", action="store_true", help="utan ny datatoken: det som hålls")
    parser.add_argument("url")
    args = parser.parse_args()
    with scopes_disabled():
        kansli = (
            User.objects.filter(forbund__slug=args.forbund, roll=User.Roll.KANSLI, is_active=True)
            .order_by("pk")
            .first()
        )
    if kansli is None:
        sys.exit(f"{args.forbund} har ingen kanslianvändare.")
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(kansli)
        svar = client.get(args.url)
        if svar.status_code != 200:
            sys.exit(f"{args.url}: svar {svar.status_code}")
        if args.varm:
            client.get(args.url)  # what the page keeps is kept now
        for _ in range(args.runs):
            if not args.varm:
                dataversion.ny()
            _instrumentera(True)
            client.get(args.url)
            _instrumentera(False)


if __name__ == "__main__":
    main()
