"""The contract's endpoints, as `showcase/urls.py` mounts them under /sandbox/."""

from __future__ import annotations

import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, JsonResponse

from . import selectors, services, validation
from .api import endpoint, error, not_found, origin, validation_error

FILE_NAME = re.compile(r"^[a-z_]+_\d{5}_\.webp$")


def _parsed(request: HttpRequest, check) -> tuple[dict, JsonResponse | None]:
    """The JSON body checked by `check`, or the 422 that says what is wrong with it."""
    body, errors = validation.parse_json(request.body)
    if not errors:
        body, errors = check(body)
    return body, (validation_error(errors) if errors else None)


def _insufficient(exc: services.InsufficientCredits) -> JsonResponse:
    return error(402, "INSUFFICIENT_CREDITS", str(exc))


@endpoint("POST")
def batch_create(request: HttpRequest) -> JsonResponse:
    body, invalid = _parsed(request, validation.batch_body)
    if invalid:
        return invalid
    try:
        batch = services.batch_create(
            account=request.sandbox_account, body=body, origin=origin(request)
        )
    except services.InsufficientCredits as exc:
        return _insufficient(exc)
    return JsonResponse(selectors.batch_object(batch, origin(request)), status=201)


@endpoint("POST")
def run_create(request: HttpRequest) -> JsonResponse:
    body, invalid = _parsed(request, validation.run_body)
    if invalid:
        return invalid
    try:
        run = services.run_create(
            account=request.sandbox_account, body=body, origin=origin(request)
        )
    except services.InsufficientCredits as exc:
        return _insufficient(exc)
    return JsonResponse(selectors.run_object(run, origin(request)), status=201)


@endpoint("GET")
def batch_detail(request: HttpRequest, batch_id) -> JsonResponse:
    batch = selectors.batch_get(account=request.sandbox_account, batch_id=batch_id)
    if batch is None:
        return not_found()
    return JsonResponse(selectors.batch_object(batch, origin(request)))


@endpoint("POST")
def batch_cancel(request: HttpRequest, batch_id) -> JsonResponse:
    batch = selectors.batch_get(account=request.sandbox_account, batch_id=batch_id)
    if batch is None:
        return not_found()
    batch = services.batch_cancel(batch=batch)
    return JsonResponse(selectors.batch_object(batch, origin(request)))


@endpoint("GET")
def run_detail(request: HttpRequest, run_id) -> JsonResponse:
    run = selectors.run_get(account=request.sandbox_account, run_id=run_id)
    if run is None:
        return not_found()
    return JsonResponse(selectors.run_object(run, origin(request)))


@endpoint("POST")
def secret_create(request: HttpRequest) -> JsonResponse:
    body, invalid = _parsed(request, validation.secret_body)
    if invalid:
        return invalid
    secret, raw = services.secret_create(account=request.sandbox_account, label=body["label"])
    return JsonResponse({"id": str(secret.id), "secret": raw, "label": secret.label}, status=201)


@endpoint("GET", "POST", "PUT", "PATCH", "DELETE")
def unknown(request: HttpRequest, rest: str = "") -> JsonResponse:
    return not_found()


def _serve(path: str) -> FileResponse:
    if not default_storage.exists(path):
        raise Http404("no such file")
    response = FileResponse(default_storage.open(path, "rb"), content_type="image/webp")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def file(request: HttpRequest, batch_id, item_id, name: str) -> FileResponse:
    """Output images: public behind unguessable ids, like a CDN URL."""
    if not FILE_NAME.match(name):
        raise Http404("no such file")
    return _serve(f"sandbox/{batch_id}/{item_id}/{name}")


def run_file(request: HttpRequest, run_id, name: str) -> FileResponse:
    if not FILE_NAME.match(name):
        raise Http404("no such file")
    return _serve(f"sandbox/runs/{run_id}/{name}")
