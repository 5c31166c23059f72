#!/usr/bin/env bash
# Load benchmark (a benchmark, not a test; CI does not run it):
#   bash benchmarks/last.sh [--pdf] [USERS] [SECONDS]  default 50 users for 60 s
# --pdf: the users also ask for PDFs, about one request in ten (benchmarks/locustfile.py),
# made by the PDF worker (`manage.py db_worker`) that this script starts beside gunicorn.
# Sets up the production configuration on a throwaway PostgreSQL database (migrate, demo,
# collectstatic), starts gunicorn on 127.0.0.1 only, runs Locust headless against it and
# prints req/s, p50/p95/p99 and errors per page, and each page's p50 against a trivial
# logged-in page measured in the same run. Needs `pip install -e ".[bench]"`.
# The worker runs at nice 10, as the README's systemd unit has it (WORKER_NICE=0: not).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--pdf" ]; then
  export FINSAM_LAST_PDF=1
  shift
fi
users="${1:-50}"
seconds="${2:-60}"
port="${LOAD_PORT:-8766}"
workers="${GUNICORN_WORKERS:-$(( $(nproc) * 2 ))}"
db="finsam_last"
work="$(mktemp -d)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${db}"
export DJANGO_SETTINGS_MODULE=finsam.settings.production
export DJANGO_SECRET_KEY="last-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
export DJANGO_ALLOWED_HOSTS=finsam.example.se
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
export DATABASE_CONN_MAX_AGE=60
export FINSAM_MEDIA_ROOT="${work}/media"
export FINSAM_TRUSTED_PROXIES=1
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn finsam.wsgi --bind "127.0.0.1:${port}" --workers "${workers}" \
  --capture-output --error-logfile "${work}/gunicorn.log" &
pid=$!
nice -n "${WORKER_NICE:-10}" .venv/bin/python manage.py db_worker --no-reload --interval 1 >"${work}/worker.log" 2>&1 &
worker=$!
trap 'kill ${pid} ${worker} 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null || true; rm -rf "${work}"' EXIT
sleep 3
echo "gunicorn: ${workers} workers; Locust: ${users} users for ${seconds} s"
.venv/bin/locust -f benchmarks/locustfile.py --headless --host "http://127.0.0.1:${port}" \
  --users "${users}" --spawn-rate "${users}" --run-time "${seconds}s" --stop-timeout 10 \
  --only-summary 2>&1 | sed -n '/^sida/,$p'
errors=$(grep -cE "Traceback|Internal Server Error" "${work}/gunicorn.log" || true)
echo "Fel i gunicorns logg: ${errors}"
if [ "${FINSAM_LAST_PDF:-}" = "1" ]; then
  echo "PDF:er som arbetaren gjorde: $(psql -h 127.0.0.1 -U postgres -d "${db}" -tAc \
    "SELECT status, count(*) FROM finsam_pdfbestallning GROUP BY status" | tr '\n' ' ')"
fi
