#!/usr/bin/env bash
# Walks seed 002's acquirer-led flow against a running app with the sandbox on (the default):
#   dotnet run --project src/Checkout.Web      # http://localhost:5080, Development
#   docs/acquirer-led-flow.sh [base-url]
# Needs bash, curl and python3 (for JSON). The sandbox generates its keys in memory at start-up;
# the script reads them from GET /sandbox/credentials, which only Development serves, to loopback callers.
set -euo pipefail

BASE="${1:-${EMULATOR_BASE_URL:-http://localhost:5090}}"
BASE="${BASE%/}"

# json FIELD.PATH < document  -> the value (strings raw, objects as JSON), empty when absent
json() {
  python3 -c '
import json, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    value = value.get(part) if isinstance(value, dict) else None
print("" if value is None else value if isinstance(value, str) else json.dumps(value))' "$1"
}

pretty() { python3 -m json.tool; }

new_key() { python3 -c 'import uuid; print(uuid.uuid4())'; }

credentials=$(curl -fsS "$BASE/sandbox/credentials") || {
  echo "GET $BASE/sandbox/credentials failed: is the emulator running in Development (dotnet run --project src/Checkout.Sandbox)?" >&2
  exit 1
}
ACQUIRER_KEY=$(json acquirer_api_key <<<"$credentials")
KLARNA_KEY=$(json klarna_api_key <<<"$credentials")

# payment BODY: the partner asks the acquirer for a payment, the shopper approves, the partner polls.
walk() {
  local title="$1" body="$2"
  echo "=== $title"
  echo "--- POST /sandbox/acquirer/v1/payments"
  local created
  created=$(curl -fsS -X POST "$BASE/sandbox/acquirer/v1/payments" \
    -H "Authorization: Bearer $ACQUIRER_KEY" \
    -H "Idempotency-Key: $(new_key)" \
    -H 'Content-Type: application/json' \
    -d "$body")
  pretty <<<"$created"
  local payment_id url network payment_request_id
  payment_id=$(json payment_id <<<"$created")
  url=$(json url <<<"$created")
  network=$(json additional_data.klarna_network_response_data <<<"$created")
  payment_request_id=$(json content.response.payment_request.payment_request_id <<<"$network")
  echo "--- the shopper's purchase journey (Klarna's own URL): $url"
  echo "--- klarna_network_response_data, unwrapped for reading:"
  pretty <<<"$network"

  echo "--- the shopper approves (POST /sandbox/klarna/v2/payment/requests/{id}/simulate)"
  curl -fsS -X POST "$BASE/sandbox/klarna/v2/payment/requests/$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$payment_request_id")/simulate" \
    -H "Authorization: Basic $KLARNA_KEY" -H 'Content-Type: application/json' \
    -d '{"action":"approve"}' | json state

  echo "--- GET /sandbox/acquirer/v1/payments/$payment_id until it is no longer open"
  local deadline=$((SECONDS + 30)) payment status
  while :; do
    payment=$(curl -fsS "$BASE/sandbox/acquirer/v1/payments/$payment_id" -H "Authorization: Bearer $ACQUIRER_KEY")
    status=$(json status <<<"$payment")
    [[ "$status" != "open" ]] && break
    (( SECONDS < deadline )) || { echo "still open after 30 s" >&2; exit 1; }
    sleep 0.5
  done
  pretty <<<"$payment"
  echo
}

subscription='{
  "reference": "acquirer-led-demo-REF",
  "currency": "USD",
  AMOUNT
  "scopes": ["payment:customer_not_present"],
  "supplementary_purchase_data": {
    "purchase_reference": "acquirer-led-demo-REF",
    "subscriptions": [{
      "subscription_reference": "PREMIUM_INDIVIDUAL",
      "name": "Premium, monthly",
      "free_trial": "INACTIVE",
      "billing_plans": [{"billing_amount": 999, "currency": "USD", "from": "2026-05-01", "interval": "MONTH", "interval_frequency": 1}]
    }]
  },
  "klarna_network_data": "{\"content_type\":\"vnd.klarna.network-data.v2+json\",\"content\":{\"demo\":true}}",
  "return_url": "'"$BASE"'/return",
  "app_return_url": "checkoutdemo://klarna"
}'

walk "Tokenization with a first payment (subscription, 9.99 USD)" \
  "$(sed -e 's/AMOUNT/"amount": 999,/' -e "s/REF/$(date +%s)-purchase/g" <<<"$subscription")"
walk "Tokenization only (subscription, nothing charged now)" \
  "$(sed -e 's/AMOUNT//' -e "s/REF/$(date +%s)-token/g" <<<"$subscription")"
