"""The health check for the reverse proxy or load balancer: GET /halsa/.

No login, nothing written, never cached. 200 `{"status": "ok"}` when the database answers
`SELECT 1`; 503 `{"status": "fel", "databas": "svarar inte"}` when it does not. The answer
names no host, driver or error text: the exception goes to the log (logger `finsam.halsa`),
not to whoever probes. Exempt from the HTTPS redirect in production (SECURE_REDIRECT_EXEMPT
in finsam/settings/production.py), since a proxy probes the instance over plain HTTP.
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def databasen_svarar() -> bool:
    """True when the default database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.error("Hälsokontrollen: databasen svarar inte", exc_info=True)
        return False
    return True


@never_cache
@require_safe
def halsa(request):
    """GET or HEAD (load balancers use both). Public: it tells nothing but up or down."""
    if databasen_svarar():
        svar = JsonResponse({"status": "ok"})
    else:
        svar = JsonResponse({"status": "fel", "databas": "svarar inte"}, status=503)
    if request.method == "HEAD":
        # Django's WSGI handler sends a HEAD response's body; gunicorn drops it and logs a
        # warning for every probe.
        svar.content = b""
    return svar
