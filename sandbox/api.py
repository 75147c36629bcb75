"""The HTTP edge of the sandbox: bearer auth, rate limit, JSON in and out, error envelope."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import services
from .validation import Errors


def error(
    status: int, code: str, message: str, errors: Errors | None = None, **headers
) -> JsonResponse:
    body = {"code": code, "message": message}
    if errors is not None:
        body["errors"] = errors.items
    response = JsonResponse(body, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def validation_error(errors: Errors) -> JsonResponse:
    return error(422, "VALIDATION_ERROR", "Request validation failed", errors)


def not_found() -> JsonResponse:
    return error(404, "NOT_FOUND", "Not found")


def origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def endpoint(*methods: str) -> Callable:
    """Every contract endpoint: method check, then key (401), then rate limit (429).
    The view receives the authenticated account as `request.sandbox_account`."""

    def wrap(view: Callable) -> Callable:
        @csrf_exempt
        @functools.wraps(view)
        def inner(request: HttpRequest, *args, **kwargs):
            if request.method not in methods:
                response = error(405, "METHOD_NOT_ALLOWED", f"Use {' or '.join(methods)}")
                response["Allow"] = ", ".join(methods)
                return response
            key = services.key_authenticate(header=request.headers.get("Authorization", ""))
            if key is None:
                return error(401, "UNAUTHORIZED", "Missing or unknown API key")
            retry_after = services.rate_limit_hit(key=key)
            if retry_after is not None:
                return error(429, "RATE_LIMITED", "Too many requests", Retry_After=str(retry_after))
            request.sandbox_account = key.account
            return view(request, *args, **kwargs)

        return inner

    return wrap
