"""The one client for the Runflow API (and the sandbox, which speaks the same contract).

Nothing else in the project talks to Runflow over HTTP. Every answer of the contract
becomes either a typed object or one exception of a small family, each carrying a
sentence for the user (`user_message`). A create that timed out or got a 5xx has an
unknown outcome (`outcome_unknown`): the contract has no idempotency key, so such a
call must never be retried blindly.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

log = logging.getLogger(__name__)

MODEL = "runflow/dyver-removal"


# --- errors ------------------------------------------------------------------------


# A key or callback secret, wherever it appears in text that came back from the remote.
SECRET_PATTERN = re.compile(r"(rf_(?:live|test|whsec)_)[A-Za-z0-9_\-]+")


def redact(text: str) -> str:
    """`text` with every Runflow key or secret cut to its prefix (`rf_live_…`)."""
    return SECRET_PATTERN.sub(r"\1…", text)


class RunflowError(Exception):
    """Any failed call. `user_message` is safe to show; it never holds the key."""

    status: int | None = None
    code: str = "ERROR"
    outcome_unknown: bool = False

    def __init__(self, user_message: str, *, status: int | None = None, code: str | None = None):
        # The remote's own words (an error envelope's message) can echo what it was sent.
        user_message = redact(user_message)
        super().__init__(user_message)
        self.user_message = user_message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code


class Unauthorized(RunflowError):
    status, code = 401, "UNAUTHORIZED"


class InsufficientCredits(RunflowError):
    status, code = 402, "INSUFFICIENT_CREDITS"


class NotFound(RunflowError):
    status, code = 404, "NOT_FOUND"


@dataclass(frozen=True)
class FieldError:
    loc: tuple[Any, ...]
    msg: str
    type: str = ""

    @property
    def item_index(self) -> int | None:
        """The index into `input` this error points at (`["body", "input", 3, ...]`), if any."""
        loc = list(self.loc)
        if loc[:2] == ["body", "input"] and len(loc) > 2 and isinstance(loc[2], int):
            return loc[2]
        return None

    @property
    def field_path(self) -> str:
        loc = list(self.loc)
        if loc and loc[0] == "body":
            loc = loc[1:]
        if self.item_index is not None:
            loc = loc[2:]
        return ".".join(str(part) for part in loc) or "request"

    def __str__(self) -> str:
        return f"{self.field_path}: {self.msg}"


class ValidationFailed(RunflowError):
    status, code = 422, "VALIDATION_ERROR"

    def __init__(self, user_message: str, *, errors: list[FieldError], **kwargs):
        super().__init__(user_message, **kwargs)
        self.errors = errors


class RateLimited(RunflowError):
    status, code = 429, "RATE_LIMITED"

    def __init__(self, user_message: str, *, retry_after: float, **kwargs):
        super().__init__(user_message, **kwargs)
        self.retry_after = retry_after


class Unavailable(RunflowError):
    """5xx, a timeout, a broken connection or an answer we cannot read."""

    code = "UNAVAILABLE"

    def __init__(self, user_message: str, *, outcome_unknown: bool, **kwargs):
        super().__init__(user_message, **kwargs)
        self.outcome_unknown = outcome_unknown


# --- typed answers -------------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class BatchItem:
    id: str
    sequence_index: int
    client_ref: str | None
    run_id: str | None
    status_code: str


@dataclass(frozen=True)
class OutputItem:
    sequence_index: int
    status_code: str
    client_ref: str | None
    input: dict
    image_urls: list[str]
    error_kind: str | None
    error_message: str | None


@dataclass(frozen=True)
class BatchObject:
    id: str
    status_code: str
    items_total: int
    items_succeeded: int
    items_failed: int
    items_cancelled: int
    items: list[BatchItem]
    output: list[OutputItem] | None
    cost: Decimal | None
    created_at: str | None
    raw: dict = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, data: dict) -> BatchObject:
        output = data.get("output")
        out_items = None
        if isinstance(output, dict):
            out_items = []
            for o in output.get("items") or []:
                err = o.get("error") or {}
                out_items.append(
                    OutputItem(
                        sequence_index=int(o.get("sequence_index", 0)),
                        status_code=str(o.get("status_code", "")),
                        client_ref=o.get("client_ref"),
                        input=o.get("input") or {},
                        image_urls=list((o.get("output") or {}).get("image_urls") or []),
                        error_kind=err.get("kind"),
                        error_message=err.get("message"),
                    )
                )
        return cls(
            id=str(data["id"]),
            status_code=str(data.get("status_code", "")),
            items_total=int(data.get("items_total") or 0),
            items_succeeded=int(data.get("items_succeeded") or 0),
            items_failed=int(data.get("items_failed") or 0),
            items_cancelled=int(data.get("items_cancelled") or 0),
            items=[
                BatchItem(
                    id=str(i.get("id", "")),
                    sequence_index=int(i.get("sequence_index", 0)),
                    client_ref=i.get("client_ref"),
                    run_id=i.get("run_id"),
                    status_code=str(i.get("status_code", "")),
                )
                for i in data.get("items") or []
            ],
            output=out_items,
            cost=_decimal(data.get("cost")),
            created_at=data.get("created_at"),
            raw=data,
        )


@dataclass(frozen=True)
class RunObject:
    run_id: str
    status: str  # runs say `status`, batches say `status_code`: mirrored, not "fixed"
    image_urls: list[str]
    duration_ms: int | None
    created_at: str | None
    completed_at: str | None
    metadata: dict
    error_kind: str | None
    error_message: str | None
    raw: dict = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, data: dict) -> RunObject:
        err = data.get("error") or {}
        return cls(
            run_id=str(data["run_id"]),
            status=str(data.get("status", "")),
            image_urls=list((data.get("output") or {}).get("image_urls") or []),
            duration_ms=data.get("duration_ms"),
            created_at=data.get("created_at"),
            completed_at=data.get("completed_at"),
            metadata=data.get("metadata") or {},
            error_kind=err.get("kind") if isinstance(err, dict) else None,
            error_message=err.get("message") if isinstance(err, dict) else None,
            raw=data,
        )


@dataclass(frozen=True)
class CallbackSecretObject:
    id: str
    secret: str = field(repr=False)
    label: str


# --- the client ----------------------------------------------------------------------


def parse_retry_after(value: str | None, default: float = 5.0) -> float:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return default


def _describe_errors(errors: list[FieldError], limit: int = 3) -> str:
    parts = []
    for e in errors[:limit]:
        where = f"item {e.item_index + 1}, " if e.item_index is not None else ""
        parts.append(f"{where}{e.field_path}: {e.msg}")
    more = f" (and {len(errors) - limit} more)" if len(errors) > limit else ""
    return "; ".join(parts) + more


def _create_body(input_: Any, callback_url: str | None, metadata: dict | None) -> dict:
    """A create's body: `input`, and the optional keys only when set."""
    body: dict[str, Any] = {"input": input_}
    if callback_url:
        body["callback_url"] = callback_url
    if metadata:
        body["metadata"] = metadata
    return body


class RunflowClient:
    """`with RunflowClient(base_url=..., api_key=...) as rf: rf.get_batch(id)`."""

    @sensitive_variables("api_key")  # hidden from error reports' frame variables
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        seconds = settings.RUNFLOW_TIMEOUT_S if timeout is None else timeout
        self.timeout_s = seconds
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {api_key}",
                "Accept": "application/json",
                "User-Agent": "dyver-showcase/0.1",
            },
            timeout=httpx.Timeout(seconds, connect=min(5.0, seconds)),
            transport=transport,
            follow_redirects=False,
        )

    @classmethod
    def for_connection(cls, connection, **kwargs) -> RunflowClient:
        return cls(base_url=connection.base_url, api_key=connection.api_key, **kwargs)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RunflowClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # endpoints of the contract

    def create_batch(
        self, *, items: list[dict], callback_url: str | None = None, metadata: dict | None = None
    ) -> BatchObject:
        body = _create_body(items, callback_url, metadata)
        return BatchObject.from_json(
            self._request("POST", f"/v1/models/{MODEL}/batches", json=body, creates=True)
        )

    def create_run(
        self, *, item: dict, callback_url: str | None = None, metadata: dict | None = None
    ) -> RunObject:
        body = _create_body(item, callback_url, metadata)
        return RunObject.from_json(
            self._request("POST", f"/v1/models/{MODEL}/runs", json=body, creates=True)
        )

    def get_batch(self, batch_id: str) -> BatchObject:
        return BatchObject.from_json(self._request("GET", f"/v1/batches/{batch_id}"))

    def get_run(self, run_id: str) -> RunObject:
        return RunObject.from_json(self._request("GET", f"/v1/runs/{run_id}"))

    def cancel_batch(self, batch_id: str) -> BatchObject:
        return BatchObject.from_json(self._request("POST", f"/v1/batches/{batch_id}/cancel"))

    def create_callback_secret(self, *, label: str) -> CallbackSecretObject:
        data = self._request("POST", "/v1/callback-secrets", json={"label": label}, creates=True)
        return CallbackSecretObject(
            id=str(data.get("id", "")), secret=str(data["secret"]), label=str(data.get("label", ""))
        )

    # transport

    def _request(self, method: str, path: str, *, json: Any = None, creates: bool = False) -> dict:
        started = time.monotonic()
        try:
            response = self._http.request(method, path, json=json)
        except httpx.TimeoutException as exc:
            # A read/write timeout means the request may have been acted on.
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            log.warning(
                "runflow %s %s: timeout after %.1fs", method, path, time.monotonic() - started
            )
            raise Unavailable(
                f"Runflow did not answer within {self.timeout_s:g} seconds.",
                outcome_unknown=creates and sent,
            ) from exc
        except httpx.TransportError as exc:
            log.warning("runflow %s %s: %s", method, path, type(exc).__name__)
            unknown = creates and not isinstance(exc, httpx.ConnectError)
            raise Unavailable(
                "Runflow could not be reached (the connection failed).", outcome_unknown=unknown
            ) from exc
        log.info(
            "runflow %s %s -> %s in %.0f ms",
            method,
            path,
            response.status_code,
            1000 * (time.monotonic() - started),
        )
        if response.is_success:
            try:
                data = response.json()
            except ValueError as exc:
                raise Unavailable(
                    "Runflow answered with something that is not JSON.", outcome_unknown=creates
                ) from exc
            if not isinstance(data, dict):
                raise Unavailable(
                    "Runflow answered with an unexpected body.", outcome_unknown=creates
                )
            return data
        raise self._error(response, creates=creates)

    @staticmethod
    def _error(response: httpx.Response, *, creates: bool) -> RunflowError:
        status = response.status_code
        try:
            envelope = response.json()
            if not isinstance(envelope, dict):
                envelope = {}
        except ValueError:
            envelope = {}
        code = str(envelope.get("code") or "")
        message = str(envelope.get("message") or "").strip()
        if status == 401:
            return Unauthorized(
                "Runflow rejected the API key (401 UNAUTHORIZED): check that it is "
                "complete and has not been revoked."
            )
        if status == 402:
            return InsufficientCredits(
                "Not enough Runflow credit for this batch (402 INSUFFICIENT_CREDITS): nothing "
                "was created or charged. Top up the balance or send fewer items."
            )
        if status == 404:
            return NotFound("Runflow does not know this batch or run (404 NOT_FOUND).")
        if status == 422:
            errors = [
                FieldError(
                    loc=tuple(e.get("loc") or ()),
                    msg=redact(str(e.get("msg", ""))),
                    type=str(e.get("type", "")),
                )
                for e in envelope.get("errors") or []
                if isinstance(e, dict)
            ]
            detail = _describe_errors(errors) if errors else (message or "the request is invalid")
            return ValidationFailed(f"Runflow refused the request: {detail}.", errors=errors)
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            return RateLimited(
                f"Runflow is rate-limiting this key; trying again in {retry_after:.0f} seconds.",
                retry_after=retry_after,
            )
        if status >= 500:
            return Unavailable(
                f"Runflow had a server error (HTTP {status}).",
                outcome_unknown=creates,
                status=status,
            )
        return RunflowError(
            f"Runflow answered HTTP {status}{': ' + message if message else ''}.",
            status=status,
            code=code or None,
        )
