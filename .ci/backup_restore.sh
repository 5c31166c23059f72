#!/usr/bin/env bash
# The README's backup and move commands, end to end: the demo on SQLite is moved to
# PostgreSQL with dumpdata/loaddata, that database is backed up with pg_dump and restored
# with pg_restore into a third, and the Årsredovisning 2025 must read the same in all three.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
export DJANGO_SETTINGS_MODULE=finsam.settings.dev
pg=(-h 127.0.0.1 -U postgres)
for db in finsam_flytt finsam_aterstalld; do
  psql "${pg[@]}" -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null
done

text() {  # the årsredovisning's text, from the database in DATABASE_URL (or SQLite)
  .venv/bin/python manage.py rapport arsredovisning --forbund vastmanland --ar 2025 \
    --output "${work}/ar.pdf" 2>/dev/null >/dev/null
  .venv/bin/python -c "import sys, pypdf; print('\n'.join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))" "${work}/ar.pdf"
}

# The demo on SQLite, as `make run` leaves it.
export DATABASE_URL="sqlite:///${work}/db.sqlite3"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null
text > "${work}/sqlite.txt"

# Moving a SQLite installation to PostgreSQL (README: "Backup and restore").
.venv/bin/python manage.py dumpdata --natural-foreign --exclude=contenttypes \
  --exclude=auth.permission --exclude=admin.logentry --exclude=sessions --exclude=axes \
  -o "${work}/finsam.json"
createdb "${pg[@]}" finsam_flytt
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/finsam_flytt"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py loaddata "${work}/finsam.json" -v0
text > "${work}/flytt.txt"

# Backup and restore of a PostgreSQL installation.
pg_dump "${pg[@]}" -Fc finsam_flytt -f "${work}/finsam.dump"
createdb "${pg[@]}" finsam_aterstalld
pg_restore "${pg[@]}" --no-owner -d finsam_aterstalld "${work}/finsam.dump"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/finsam_aterstalld"
text > "${work}/aterstalld.txt"

status=0
diff -u "${work}/sqlite.txt" "${work}/flytt.txt" || { echo "FEL: flyttad databas skiljer sig"; status=1; }
diff -u "${work}/flytt.txt" "${work}/aterstalld.txt" || { echo "FEL: återställd databas skiljer sig"; status=1; }
grep -q "Årsredovisning" "${work}/sqlite.txt" || { echo "FEL: ingen årsredovisning"; status=1; }
echo "Årsredovisningen: $(wc -l < "${work}/sqlite.txt") rader, lika i SQLite, flyttad och återställd."
for db in finsam_flytt finsam_aterstalld; do
  psql "${pg[@]}" -qc "DROP DATABASE IF EXISTS ${db}" 2>/dev/null || true
done
exit "${status}"
