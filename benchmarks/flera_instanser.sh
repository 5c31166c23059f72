#!/usr/bin/env bash
# Several instances, tried (README.md, *Running on more than one machine*; a trial, not a
# test: CI does not run it, it needs nginx and an S3 server):
#   .venv/bin/pip install -e ".[flera]" && bash benchmarks/flera_instanser.sh
# On one machine, as on several: a throwaway PostgreSQL database (migrate, demo), a local
# S3-compatible server (moto) with a private bucket as the default storage
# (benchmarks/flera_settings.py, the README's site.py), TWO gunicorn instances with the same
# settings and JSON logs, ONE `db_worker`, and nginx in front (TLS with a throwaway
# certificate, round-robin upstream, X-Forwarded-Proto/For). Then
# benchmarks/flera_instanser.py plays a user through the proxy: logs in, reads pages from
# both instances on one session, orders a PDF and fetches it, adopts an edition and fetches
# its archived PDF from both instances, checks the files are in the bucket (and what a
# changed or missing object does), probes /halsa/ on each instance, stops one instance and
# reads on, and checks every log line is JSON.
# Exit status 0 only if everything passed; processes and the database are removed on exit.
# Needs: nginx on PATH (apt-get install nginx), PostgreSQL on 127.0.0.1:5432 (user postgres),
# and in .venv the extra `flera` (django-storages[s3], moto[server], requests: none of them a
# dependency of the app).
set -euo pipefail
cd "$(dirname "$0")/.."
proxy_port="${FLERA_PORT:-8443}"
port1="${FLERA_PORT1:-8771}"
port2="${FLERA_PORT2:-8772}"
s3_port="${FLERA_S3_PORT:-8779}"
db="finsam_flera"
work="$(mktemp -d)"
py=.venv/bin/python

if ! nginx_bin="$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)"; then
  echo "FEL: nginx saknas (apt-get install -y nginx); försöket behöver en proxy framför instanserna."
  exit 2
fi
if ! "${py}" -c "import storages.backends.s3, boto3, moto.server, requests" 2>/dev/null; then
  echo "FEL: django-storages[s3], moto[server] och requests saknas i .venv:"
  echo "  .venv/bin/pip install -e \".[flera]\""
  exit 2
fi

pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "${p}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "${p}" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null || true
  if [ -n "${FLERA_BEHALL:-}" ]; then echo "loggar kvar i ${work}"; else rm -rf "${work}"; fi
}
trap stop_all EXIT

wait_port() {  # port, what
  for _ in $(seq 1 120); do
    "${py}" -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "FEL: $2 svarar inte på port $1"; return 1
}

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${db}"

# The S3-compatible server (moto: in memory, any keys) and the private bucket.
export AWS_ACCESS_KEY_ID=flera AWS_SECRET_ACCESS_KEY=flera-hemlig AWS_DEFAULT_REGION=eu-north-1
export FLERA_S3_URL="http://127.0.0.1:${s3_port}" FLERA_S3_BUCKET=finsam-arkiv
"${py}" -m moto.server -H 127.0.0.1 -p "${s3_port}" >"${work}/s3.log" 2>&1 &
pids+=($!)
wait_port "${s3_port}" "S3-servern (moto)"
"${py}" -c "
import boto3, os
s3 = boto3.client('s3', endpoint_url=os.environ['FLERA_S3_URL'])
s3.create_bucket(Bucket='finsam-arkiv',
                 CreateBucketConfiguration={'LocationConstraint': 'eu-north-1'})
"

# The same settings for every instance and the worker (README: *the same settings everywhere*).
# benchmarks/ for flera_settings; the checkout itself first (not another editable install).
export PYTHONPATH="${PWD}/benchmarks:${PWD}${PYTHONPATH:+:${PYTHONPATH}}"
export DJANGO_SETTINGS_MODULE=flera_settings
export DJANGO_SECRET_KEY="flera-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
export DJANGO_ALLOWED_HOSTS=finsam.example.se
export DJANGO_CSRF_TRUSTED_ORIGINS=https://finsam.example.se
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
export FINSAM_TRUSTED_PROXIES=1
# Nothing may land here: the default storage is the bucket (checked at the end).
export FINSAM_MEDIA_ROOT="${work}/media-ska-vara-tom"

"${py}" manage.py migrate --noinput -v0
"${py}" manage.py load_demo >/dev/null
"${py}" manage.py collectstatic --noinput -v0  # one checkout here: both instances share it
echo "databas, demo och statiska filer klara på ${SECONDS} s"

# gunicorn 25 and later open a control socket, by default one per user: each instance on
# this machine gets its own (on separate machines the default is fine).
control_opt() { :; }
if .venv/bin/gunicorn --help | grep -q -- "--control-socket"; then
  control_opt() { echo "--control-socket=${work}/instans$1.ctl"; }
fi
for i in 1 2; do
  port_var="port${i}"
  # --log-config-json: gunicorn's own lines (start, workers, access) are JSON lines too.
  .venv/bin/gunicorn finsam.wsgi --bind "127.0.0.1:${!port_var}" --workers 2 --timeout 120 $(control_opt "${i}") \
    --log-config-json benchmarks/flera_gunicorn_logg.json \
    --access-logformat '%(m)s %(U)s %(s)s %(B)s %(D)s' >"${work}/instans${i}.log" 2>&1 &
  pids+=($!)
  eval "pid${i}=$!"
done
"${py}" manage.py db_worker --no-reload --interval 0.5 >"${work}/worker.log" 2>&1 &
pids+=($!)
wait_port "${port1}" "instans 1"
wait_port "${port2}" "instans 2"

# nginx: TLS with a throwaway certificate, both instances in one round-robin upstream.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=finsam.example.se" \
  -addext "subjectAltName=DNS:finsam.example.se,IP:127.0.0.1" \
  -keyout "${work}/key.pem" -out "${work}/cert.pem" 2>/dev/null
mkdir -p "${work}/nginx"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"${work}/nginx.conf" <<EOF
${user_line}
daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log ${work}/nginx-access.log;
  client_body_temp_path ${work}/nginx/body;
  proxy_temp_path ${work}/nginx/proxy;
  fastcgi_temp_path ${work}/nginx/fastcgi;
  uwsgi_temp_path ${work}/nginx/uwsgi;
  scgi_temp_path ${work}/nginx/scgi;
  upstream finsam {
    server 127.0.0.1:${port1} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${port2} max_fails=1 fail_timeout=30s;
  }
  server {
    listen 127.0.0.1:${proxy_port} ssl;
    server_name finsam.example.se;
    ssl_certificate ${work}/cert.pem;
    ssl_certificate_key ${work}/key.pem;
    client_max_body_size 20m;
    location / {
      proxy_pass http://finsam;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
      # Which instance answered (the proxy's, not the app's): the trial counts them.
      add_header X-Finsam-Instans \$upstream_addr always;
    }
  }
}
EOF
"${nginx_bin}" -p "${work}/nginx" -c "${work}/nginx.conf" -e "${work}/nginx-error.log" &
pids+=($!)
wait_port "${proxy_port}" "nginx"
echo "S3-server, två instanser, arbetaren och nginx igång efter ${SECONDS} s"

status=0
"${py}" benchmarks/flera_instanser.py \
  --proxy "https://127.0.0.1:${proxy_port}" --host finsam.example.se --cert "${work}/cert.pem" \
  --instans "127.0.0.1:${port1}=${pid1}=${work}/instans1.log" \
  --instans "127.0.0.1:${port2}=${pid2}=${work}/instans2.log" \
  --worker-logg "${work}/worker.log" --media "${FINSAM_MEDIA_ROOT}" || status=$?
if [ "${status}" != 0 ]; then
  echo "--- loggarnas sista rader ---"
  tail -n 5 "${work}"/instans*.log "${work}/worker.log" "${work}/nginx-error.log" || true
fi
exit "${status}"
