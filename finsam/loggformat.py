"""Log records as JSON lines, for production (settings.LOGGING, finsam/settings/production.py).

One JSON object per line and record, so that a log collector (journald, Loki, Elastic, a
cloud provider's log service) reads the fields without parsing text: `time` (ISO 8601,
UTC), `level`, `logger`, `message`, and when the record has them `exception` (the
traceback as text), `path`, `method` and `status` (Django's `django.request` records carry
the request and the status code). Newlines inside a message or a traceback are escaped
by JSON, so a record never spans two lines. Standard library only.
"""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        post = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            # Cached as Formatter.format does, for any other handler of the same record.
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            post["exception"] = record.exc_text
        if record.stack_info:
            post["stack"] = self.formatStack(record.stack_info)
        request = getattr(record, "request", None)
        # django.request: an HttpRequest; django.server (runserver) passes a socket instead.
        if isinstance(getattr(request, "path", None), str):
            post["path"] = request.path
            post["method"] = getattr(request, "method", None)
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            post["status"] = status
        return json.dumps(post, ensure_ascii=False, default=str)
