"""Request validation with pydantic-style `errors[]` (`loc`, `msg`, `type`), as Runflow answers.

`loc` points at the exact field: `["body", "input", 3, "config", "elements"]`
for an empty list, `[..., "elements", 1]` for one unknown element in it.
"""

from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from .models import ELEMENTS

ASPECT_RATIO = re.compile(r"^([1-9][0-9]?):([1-9][0-9]?)$")
MAX_CLIENT_REF = 255
MAX_METADATA_BYTES = 16 * 1024
MAX_PROMPT = 1000
MAX_URL = 2000


@dataclass
class Errors:
    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, loc: list, msg: str, type_: str) -> None:
        self.items.append({"loc": ["body", *loc], "msg": msg, "type": type_})

    def __bool__(self) -> bool:
        return bool(self.items)


def parse_json(raw: bytes) -> tuple[Any, Errors]:
    errors = Errors()
    try:
        return json.loads(raw or b"null"), errors
    except (ValueError, UnicodeDecodeError):
        errors.add([], "body is not valid JSON", "json_invalid")
        return None, errors


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _item(raw: Any, loc: list, errors: Errors) -> dict | None:
    """Check one item; returns it as sent (echoed back verbatim as the output's `input`)."""
    if not isinstance(raw, dict):
        errors.add(loc, "item must be an object", "dict_type")
        return None
    before = len(errors.items)
    url = raw.get("image_url")
    if url is None:
        errors.add([*loc, "image_url"], "field required", "missing")
    elif not isinstance(url, str) or len(url) > MAX_URL or not _is_http_url(url):
        errors.add([*loc, "image_url"], "must be an http(s) URL", "url_parsing")

    config = raw.get("config")
    if config is None:
        errors.add([*loc, "config"], "field required", "missing")
    elif not isinstance(config, dict):
        errors.add([*loc, "config"], "config must be an object", "dict_type")
    else:
        _elements(config, [*loc, "config"], errors)
        ratio = config.get("aspect_ratio")
        if ratio is not None and (not isinstance(ratio, str) or not ASPECT_RATIO.match(ratio)):
            errors.add(
                [*loc, "config", "aspect_ratio"],
                "aspect_ratio must be W:H with small positive integers, e.g. 4:5",
                "string_pattern_mismatch",
            )
        prompt = config.get("product_isolation_prompt")
        if prompt is not None and (not isinstance(prompt, str) or len(prompt) > MAX_PROMPT):
            errors.add(
                [*loc, "config", "product_isolation_prompt"],
                f"must be a string of at most {MAX_PROMPT} characters",
                "string_type",
            )

    ref = raw.get("client_ref")
    if ref is not None:
        if not isinstance(ref, str):
            errors.add([*loc, "client_ref"], "client_ref must be a string", "string_type")
        elif len(ref) > MAX_CLIENT_REF:
            errors.add(
                [*loc, "client_ref"],
                f"client_ref must be at most {MAX_CLIENT_REF} characters",
                "string_too_long",
            )
    return None if len(errors.items) > before else raw


def ordered_elements(item: dict) -> list[str]:
    """The asked elements in pipeline order, each once."""
    asked = item["config"]["elements"]
    return [e for e in ELEMENTS if e in asked]


def _elements(config: dict, loc: list, errors: Errors) -> None:
    elements = config.get("elements")
    if elements is None:
        errors.add([*loc, "elements"], "field required", "missing")
        return
    if not isinstance(elements, list):
        errors.add([*loc, "elements"], "elements must be a list", "list_type")
        return
    if not elements:
        errors.add([*loc, "elements"], "at least one element is required", "too_short")
        return
    for i, element in enumerate(elements):
        if element not in ELEMENTS:
            errors.add(
                [*loc, "elements", i],
                f"unknown element; expected one of {', '.join(ELEMENTS)}",
                "literal_error",
            )


def _common(body: dict, errors: Errors) -> None:
    callback = body.get("callback_url")
    if callback is not None:
        parts = urlsplit(callback) if isinstance(callback, str) else None
        ok = (
            parts is not None
            and len(callback) <= MAX_URL
            and bool(parts.hostname)
            and (
                parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname))
            )
        )
        if not ok:
            errors.add(["callback_url"], "callback_url must be an HTTPS URL", "url_scheme")
    metadata = body.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            errors.add(["metadata"], "metadata must be an object", "dict_type")
        elif len(json.dumps(metadata, separators=(",", ":")).encode()) > MAX_METADATA_BYTES:
            errors.add(["metadata"], "metadata must be at most 16 KB", "too_long")


def batch_body(body: Any) -> tuple[dict | None, Errors]:
    errors = Errors()
    if not isinstance(body, dict):
        errors.add([], "body must be a JSON object", "dict_type")
        return None, errors
    raw_items = body.get("input")
    items: list[dict] = []
    if raw_items is None:
        errors.add(["input"], "field required", "missing")
    elif not isinstance(raw_items, list):
        errors.add(["input"], "input must be a list of items", "list_type")
    elif not raw_items:
        errors.add(["input"], "input must hold at least one item", "too_short")
    elif len(raw_items) > settings.RUNFLOW_MAX_BATCH_ITEMS:
        errors.add(
            ["input"],
            f"at most {settings.RUNFLOW_MAX_BATCH_ITEMS} items per batch",
            "too_long",
        )
    else:
        items = [_item(raw, ["input", i], errors) for i, raw in enumerate(raw_items)]
    _common(body, errors)
    if errors:
        return None, errors
    return {
        "input": items,
        "callback_url": body.get("callback_url"),
        "metadata": body.get("metadata"),
    }, errors


def run_body(body: Any) -> tuple[dict | None, Errors]:
    errors = Errors()
    if not isinstance(body, dict):
        errors.add([], "body must be a JSON object", "dict_type")
        return None, errors
    item = None
    if body.get("input") is None:
        errors.add(["input"], "field required", "missing")
    else:
        item = _item(body["input"], ["input"], errors)
    _common(body, errors)
    if errors:
        return None, errors
    return {
        "input": item,
        "callback_url": body.get("callback_url"),
        "metadata": body.get("metadata"),
    }, errors


def secret_body(body: Any) -> tuple[dict | None, Errors]:
    errors = Errors()
    if not isinstance(body, dict):
        errors.add([], "body must be a JSON object", "dict_type")
        return None, errors
    label = body.get("label")
    if label is None:
        errors.add(["label"], "field required", "missing")
    elif not isinstance(label, str) or not label.strip() or len(label) > 100:
        errors.add(["label"], "label must be 1 to 100 characters", "string_type")
    if errors:
        return None, errors
    return {"label": label.strip()}, errors
