#!/usr/bin/env bash
# Follows the README as a new user would: runs the run command, waits until the service is ready, does the curl
# walk-through (create stock, reserve, read, confirm, see the outcome event), stops the service as Ctrl-C would
# (SIGTERM: a script's background job ignores SIGINT) and checks that no process is left behind. Exits non-zero on
# the first thing that is not as documented.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
port=8080
management=8081
fail() { echo "quickstart-check: $*" >&2; echo "--- service log (last 40 lines) ---" >&2; tail -n 40 "$log" >&2; exit 1; }

setsid mvn -q -pl bootstrap -am test-compile spring-boot:test-run > "$log" 2>&1 &
group=$!
cleanup() { kill -TERM -- "-$group" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  grep -q "stocklock is running" "$log" && break
  kill -0 "$group" 2>/dev/null || fail "the run command exited before the service was ready"
  sleep 1
done
grep -q "stocklock is running" "$log" || fail "not ready within 300 s"
TOKEN=$(grep -o "export TOKEN='[^']*'" "$log" | head -n 1 | sed "s/^export TOKEN='//; s/'$//")
[ -n "$TOKEN" ] || fail "no token printed"
curl -sf "localhost:$management/actuator/health/readiness" | grep -q '"UP"' || fail "not ready by its health check"
[ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/actuator/health")" = 404 ] \
  || fail "the API's port answers /actuator, which belongs on the management port"

call() { # method path expected-status [body] [extra header]
  local out status
  out=$(curl -s -o /tmp/quickstart-body -w '%{http_code}' -X "$1" "localhost:$port$2" -H "Authorization: $TOKEN" \
        -H 'Content-Type: application/json' ${5:+-H "$5"} ${4:+-d "$4"})
  status=$out
  [ "$status" = "$3" ] || fail "$1 $2 answered $status, expected $3: $(cat /tmp/quickstart-body)"
  cat /tmp/quickstart-body
}

call POST /inventory 201 '{"sku":"QUICKSTART","onHand":2}' > /dev/null
reservation=$(call POST /reservations 201 '{"lines":[{"sku":"QUICKSTART","quantity":1}]}' 'Prefer: wait=10')
id=$(printf '%s' "$reservation" | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
[ -n "$id" ] || fail "no reservation id in $reservation"
call GET "/reservations/$id" 200 | grep -q '"status":"RESERVED"' || fail "not RESERVED"
call POST "/reservations/$id/confirm" 200 | grep -q '"status":"CONFIRMED"' || fail "not CONFIRMED"
call GET /inventory/QUICKSTART 200 | grep -q '"onHand":1' || fail "on-hand did not drop to 1"
for _ in $(seq 1 30); do
  grep -q "outcome event: .*ReservationConfirmed.*$id" "$log" && break
  sleep 1
done
grep -q "outcome event: .*ReservationConfirmed.*$id" "$log" || fail "no ReservationConfirmed event received"

kill -TERM -- "-$group"
trap - EXIT
for _ in $(seq 1 60); do
  kill -0 "$group" 2>/dev/null || break
  sleep 1
done
kill -0 "$group" 2>/dev/null && fail "still running 60 s after SIGTERM"
if pgrep -f 'TestStocklockApplication|bin/postgres' > /dev/null; then
  fail "processes left behind: $(pgrep -af 'TestStocklockApplication|bin/postgres')"
fi
echo "quickstart-check: README walk-through passed (reservation $id confirmed, event received, nothing left running)"
