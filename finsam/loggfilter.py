"""Logging filters for settings.LOGGING.

A refused request (PermissionDenied → 403) is the app doing its job, e.g. a steering group
opening a page of the whole förbund: Django's `django.request` logger reports it as a
warning with the exception's traceback, which buries real errors in the log.
`UtanTraceback403` keeps the one line ("Forbidden (Permission denied): /rapporter/") and
drops the traceback. (`django.security` logs no PermissionDenied: only suspicious
operations, 400, and CSRF failures, which carry no traceback.)
"""

import logging

from django.core.exceptions import PermissionDenied


class UtanTraceback403(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        undantag = record.exc_info[1] if record.exc_info else None
        if isinstance(undantag, PermissionDenied) or getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
