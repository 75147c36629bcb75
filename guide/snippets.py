"""The guide's code snippets, filled in with the reader's own values when known.

Never a full key: a logged-in reader sees their key's masked form in a comment and
pastes the key themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

LIVE_API = "https://api.runflow.io"
MODEL = "/v1/models/runflow/dyver-removal"
PLACEHOLDER_WEBHOOK = "https://you.example/webhooks/runflow"


@dataclass(frozen=True)
class Reader:
    """What the snippets may say about the reader's own setup."""

    api_base: str = LIVE_API
    webhook_url: str = PLACEHOLDER_WEBHOOK
    key_hint: str = ""  # e.g. 'your key "Production" (rf_live_…a1b2)'
    key_prefix: str = "rf_live_"
    personal: bool = False


def reader_for(request) -> Reader:
    team = getattr(request, "team", None)
    if team is None:
        return Reader()
    from connections.models import Connection

    connection = Connection.objects.active().filter(team=team).order_by("-created_at").first()
    if connection is None:
        return Reader()
    return Reader(
        api_base=(connection.base_url or LIVE_API).rstrip("/"),
        webhook_url=connection.webhook_url,
        key_hint=f"your key “{connection.label}” ({connection.masked_key})",
        key_prefix=connection.key_prefix or "rf_live_",
        personal=True,
    )


@dataclass(frozen=True)
class Snippet:
    id: str
    title: str
    code: str


def _key_lines(r: Reader) -> str:
    hint = (
        f"# {r.key_hint}: paste it in full (we never show it again)\n"
        if r.personal
        else "# Your API key: shown in full only once, when you create it\n"
    )
    return f'{hint}export RUNFLOW_KEY="{r.key_prefix}..."\nexport RUNFLOW_API="{r.api_base}"'


def setup(r: Reader) -> list[Snippet]:
    client = f"""import os

import httpx

client = httpx.Client(
    base_url=os.environ.get("RUNFLOW_API", "{r.api_base}"),
    headers={{"Authorization": f"Bearer {{os.environ['RUNFLOW_KEY']}}"}},
    timeout=30,
)"""
    return [
        Snippet("env", "Shell", _key_lines(r)),
        Snippet("install", "Install httpx", "python -m pip install httpx"),
        Snippet("client", "Python (httpx)", client),
    ]


def first_request(r: Reader) -> list[Snippet]:
    curl = f"""curl -X POST "$RUNFLOW_API{MODEL}/batches" \\
  -H "Authorization: Bearer $RUNFLOW_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{{
    "input": [
      {{
        "image_url": "https://cdn.example.com/shirt.jpg",
        "config": {{
          "elements": ["model_removal", "tag_removal", "product_isolation", "background_removal"]
        }}
      }}
    ]
  }}'"""
    py = f"""import os

import httpx

client = httpx.Client(
    base_url=os.environ.get("RUNFLOW_API", "{r.api_base}"),
    headers={{"Authorization": f"Bearer {{os.environ['RUNFLOW_KEY']}}"}},
    timeout=30,
)
response = client.post(
    "{MODEL}/batches",
    json={{
        "input": [
            {{
                "image_url": "https://cdn.example.com/shirt.jpg",
                "config": {{
                    "elements": [
                        "model_removal", "tag_removal", "product_isolation", "background_removal"
                    ]
                }},
            }}
        ]
    }},
)
response.raise_for_status()
batch = response.json()
print(batch["id"], batch["status_code"])"""
    return [Snippet("first_curl", "curl", curl), Snippet("first_py", "Python (httpx)", py)]


def batches(r: Reader) -> list[Snippet]:
    item = """{
  "image_url": "https://cdn.example.com/shirt.jpg",
  "config": {
    "elements": ["tag_removal", "background_removal"],
    "aspect_ratio": "1:1",
    "product_isolation_prompt": "the white sneaker"
  },
  "client_ref": "sku-123"
}"""
    curl = f"""curl -X POST "$RUNFLOW_API{MODEL}/batches" \\
  -H "Authorization: Bearer $RUNFLOW_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{{
    "input": [
      {{"image_url": "https://cdn.example.com/a.jpg",
       "config": {{"elements": ["tag_removal", "background_removal"]}},
       "client_ref": "sku-123"}},
      {{"image_url": "https://cdn.example.com/b.jpg",
       "config": {{"elements": ["model_removal"]}}}}
    ],
    "callback_url": "{r.webhook_url}",
    "metadata": {{"campaign": "spring-drop"}}
  }}'"""
    py = f"""photos = [
    ("https://cdn.example.com/a.jpg", "sku-123", ["tag_removal", "background_removal"]),
    ("https://cdn.example.com/b.jpg", None, ["model_removal"]),
]
items = []
for url, ref, elements in photos:
    item = {{"image_url": url, "config": {{"elements": elements}}}}
    if ref:
        item["client_ref"] = ref  # echoed back verbatim
    items.append(item)
# At most 100 items a batch: split longer lists.
for start in range(0, len(items), 100):
    response = client.post(
        "{MODEL}/batches",
        json={{
            "input": items[start : start + 100],
            "callback_url": "{r.webhook_url}",
            "metadata": {{"campaign": "spring-drop"}},
        }},
    )
    response.raise_for_status()
    for row in response.json()["items"]:
        print(row["sequence_index"], row["client_ref"], row["run_id"])"""
    run = f"""curl -X POST "$RUNFLOW_API{MODEL}/runs" \\
  -H "Authorization: Bearer $RUNFLOW_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{{
    "input": {{
      "image_url": "https://cdn.example.com/shirt.jpg",
      "config": {{"elements": ["tag_removal", "background_removal"]}}
    }},
    "callback_url": "{r.webhook_url}",
    "metadata": {{"sku": "123"}}
  }}'"""
    return [
        Snippet("item", "One item (JSON)", item),
        Snippet("batch_curl", "curl", curl),
        Snippet("batch_py", "Python (httpx)", py),
        Snippet("run_curl", "A single image: the runs endpoint (curl)", run),
    ]


def results(r: Reader) -> list[Snippet]:
    curl = 'curl "$RUNFLOW_API/v1/batches/$BATCH_ID" \\\n  -H "Authorization: Bearer $RUNFLOW_KEY"'
    py = """import time

def wait_for(batch_id: str) -> dict:
    delay = 2.0
    while True:
        batch = client.get(f"/v1/batches/{batch_id}").raise_for_status().json()
        done = batch["items_succeeded"] + batch["items_failed"] + batch.get("items_cancelled", 0)
        if done == batch["items_total"]:
            return batch
        time.sleep(delay)
        delay = min(delay * 1.5, 30)

batch = wait_for(batch_id)
for item in batch["output"]["items"]:
    if item["status_code"] == "succeeded":
        urls = item["output"]["image_urls"]
        final = next(u for u in urls if u.rsplit("/", 1)[-1].startswith("result_"))
        print(item["client_ref"], final)
    else:
        print(item.get("client_ref"), "failed:", item.get("error", {}).get("message"))"""
    return [Snippet("poll_curl", "curl", curl), Snippet("poll_py", "Python (httpx)", py)]


def callbacks(r: Reader) -> list[Snippet]:
    curl = """curl -X POST "$RUNFLOW_API/v1/callback-secrets" \\
  -H "Authorization: Bearer $RUNFLOW_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"label": "webhook-prod"}'"""
    py = """import hashlib
import hmac
import time

TOLERANCE_S = 300

def verify(secret: str, headers: dict, raw_body: bytes) -> bool:
    timestamp = headers["Runflow-Timestamp"]
    if abs(time.time() - int(timestamp)) > TOLERANCE_S:
        return False
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + raw_body, hashlib.sha256
    ).hexdigest()
    given = [part.strip()[3:] for part in headers["Runflow-Signature"].split(",")
             if part.strip().startswith("v1=")]
    return any(hmac.compare_digest(expected, value) for value in given)

def delivery_id(headers: dict) -> str:
    # Retries reuse the id with a new attempt number: strip "-<attempt>".
    return headers["Runflow-Request-Id"].rsplit("-", 1)[0]"""
    url = f"# Where Runflow sends this team's callbacks\n{r.webhook_url}"
    return [
        Snippet("webhook_url", "Your callback URL", url),
        Snippet("secret_curl", "Create the secret once (curl)", curl),
        Snippet("verify_py", "Verify a delivery (Python)", py),
    ]


def errors(r: Reader) -> list[Snippet]:
    envelope = """{
  "code": "VALIDATION_ERROR",
  "message": "Request validation failed",
  "errors": [
    { "loc": ["body", "input", 0, "image_url"], "msg": "field required", "type": "missing" }
  ]
}"""
    py = f"""import time

def create_batch(payload: dict, tries: int = 5) -> dict:
    for _ in range(tries):
        response = client.post("{MODEL}/batches", json=payload)
        if response.status_code == 429:
            time.sleep(float(response.headers.get("Retry-After", "1")))
            continue
        if response.status_code == 402:
            raise RuntimeError("Not enough credit: nothing was created or charged.")
        if response.status_code == 422:
            for error in response.json().get("errors", []):
                print(".".join(str(p) for p in error["loc"]), error["msg"])
        response.raise_for_status()
        return response.json()
    raise RuntimeError("Still rate limited")"""
    return [
        Snippet("envelope", "Error envelope", envelope),
        Snippet("errors_py", "Python (httpx)", py),
    ]


def max_items() -> int:
    return settings.RUNFLOW_MAX_BATCH_ITEMS
