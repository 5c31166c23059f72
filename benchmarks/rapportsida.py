"""What the Rapporter page costs on the demo: server time (median of N requests through
Django's test client), bytes of HTML, queries and reverse() calls, for the kansli, on
every year that has documents. Makes a throw-away SQLite test database with `load_demo`.

    .venv/bin/python benchmarks/rapportsida.py [N]

A benchmark, not a test; CI does not run it.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings.dev")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.urls import resolvers  # noqa: E402


def main(n: int) -> None:
    settings.MEDIA_ROOT = tempfile.mkdtemp()  # load_demo's pictures
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="kansli"))
    antal = {"reverse": 0}
    original = resolvers.URLResolver._reverse_with_prefix

    def raknad(self, *args, **kwargs):
        antal["reverse"] += 1
        return original(self, *args, **kwargs)

    resolvers.URLResolver._reverse_with_prefix = raknad
    for url in ["/rapporter/", *[f"/rapporter/?ar={a}" for a in range(2023, 2028)]]:
        client.get(url)  # warm up
        tider = []
        for _ in range(n):
            antal["reverse"] = 0
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                tider.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        print(
            f"{url:24} {statistics.median(tider) * 1000:7.1f} ms  "
            f"{len(response.content) / 1000:6.1f} kB  {len(ctx.captured_queries):3} queries  "
            f"{antal['reverse']:4} reverse()"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
