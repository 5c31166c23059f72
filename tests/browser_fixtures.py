"""Real headless Chromium through Playwright.

Chromium comes from Debian (`apt-get install chromium`); Playwright never downloads a
browser here. Without Chromium these tests skip with a message, unless
FINSAM_REQUIRE_BROWSER=1 (set by .ci/run), which turns the skip into a failure.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("FINSAM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _unavailable(reason):
    message = (
        f"{reason}. Install Chromium to run the browser tests: `apt-get install chromium` "
        "(or set FINSAM_CHROMIUM to its path)."
    )
    if os.environ.get("FINSAM_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " FINSAM_REQUIRE_BROWSER=1 makes this a failure.")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"No Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # from here are plain synchronous test set-up.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="sv-SE")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()
