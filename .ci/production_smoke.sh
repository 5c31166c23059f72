#!/usr/bin/env bash
# The README's production steps on a throwaway PostgreSQL database: migrate, load the demo,
# collectstatic, gunicorn on 127.0.0.1, then .ci/production_smoke.py logs in as every demo
# role through HTTP. Fails on any answer but the expected one, and on any error in the log.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${SMOKE_PORT:-8765}"
db="finsam_smoke"
work="$(mktemp -d)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${db}"

export DJANGO_SETTINGS_MODULE=finsam.settings.production
export DJANGO_SECRET_KEY="smoke-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
export DJANGO_ALLOWED_HOSTS=finsam.example.se
export DJANGO_CSRF_TRUSTED_ORIGINS=https://finsam.example.se
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
export FINSAM_MEDIA_ROOT="${work}/media"
export FINSAM_TRUSTED_PROXIES=1

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null
rm -rf staticfiles
.venv/bin/python manage.py collectstatic --noinput -v0

.venv/bin/gunicorn finsam.wsgi --bind "127.0.0.1:${port}" --workers 2 --timeout 120 \
  --capture-output --error-logfile "${work}/gunicorn.log" --pid "${work}/gunicorn.pid" &
gunicorn_pid=$!
# The PDF worker beside gunicorn, as the README runs it.
.venv/bin/python manage.py db_worker --no-reload --interval 0.5 >"${work}/worker.log" 2>&1 &
worker_pid=$!
trap 'kill "${gunicorn_pid}" "${worker_pid}" 2>/dev/null || true; wait "${gunicorn_pid}" "${worker_pid}" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  .venv/bin/python -c "import socket; socket.create_connection(('127.0.0.1', ${port}), 1)" \
    2>/dev/null && break
  sleep 0.5
done

status=0
.venv/bin/python .ci/production_smoke.py "http://127.0.0.1:${port}" finsam.example.se || status=$?
kill "${gunicorn_pid}" "${worker_pid}"; wait "${gunicorn_pid}" "${worker_pid}" 2>/dev/null || true
trap - EXIT
if grep -nE "Traceback|Internal Server Error|\[ERROR\]|^ERROR|\"level\": \"(ERROR|CRITICAL)\"" "${work}/gunicorn.log" "${work}/worker.log"; then
  echo "FEL: gunicorns eller arbetarens logg innehåller fel (ovan)"; status=1
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null || true
rm -rf "${work}"
exit "${status}"
