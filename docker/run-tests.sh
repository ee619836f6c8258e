#!/usr/bin/env bash
# Runs the addons' tests, tours included, inside the Odoo 18 image through
# Odoo's own test runner (docker-compose.test.yml mounts it):
#   docker compose -f docker/docker-compose.yml -f docker/docker-compose.test.yml \
#       run --rm odoo /mnt/run-tests.sh
set -euo pipefail
db="qm_test_$(date +%s)"
odoo -c /etc/odoo/odoo.conf --db_host "${HOST:-db}" --db_user "${USER:-odoo}" \
    --db_password "${PASSWORD:-odoo}" -d "$db" \
    -i qualitaetsmentor,qualitaetsmentor_reports \
    --test-enable --test-tags /qualitaetsmentor,/qualitaetsmentor_reports \
    --stop-after-init --http-port 8070
