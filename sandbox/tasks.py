"""Celery tasks: thin, each takes an id and calls a service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from . import processing, services

log = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def run_process(run_id: str) -> None:
    """One image through its stages; items of a batch each get their own task."""
    processing.run_execute(run_id=run_id)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def delivery_send(self, delivery_id: str, attempt: int) -> None:
    """One webhook attempt; on a non-2xx or a timeout, the next one after an exponential backoff."""
    if services.delivery_attempt(delivery_id=delivery_id, attempt=attempt):
        return
    countdown = settings.SANDBOX_WEBHOOK_BASE_DELAY_S * 2 ** (attempt - 1)
    delivery_send.apply_async((delivery_id, attempt + 1), countdown=countdown)
