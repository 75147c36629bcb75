"""Every write to connections (a team's Runflow keys and their callback secrets).

Saving a key verifies it: the key creates the org's callback secret
(`POST /v1/callback-secrets`), which we need anyway to verify webhooks. A key Runflow
rejects is refused with a sentence and nothing is saved.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from batches import runflow

from .models import CallbackSecret, Connection, Environment, environment_of

if TYPE_CHECKING:
    from accounts.models import User
    from teams.models import Team

log = logging.getLogger(__name__)


class ConnectionRejected(Exception):
    """The key cannot be connected; the message is a sentence for the person."""


def base_url_for(environment: str) -> str:
    if environment == Environment.SANDBOX:
        return settings.SANDBOX_BASE
    return settings.RUNFLOW_API_BASE


@sensitive_variables("api_key")
def _check_key(api_key: str) -> str:
    environment = environment_of(api_key)
    if environment is None:
        raise ConnectionRejected(
            "That is not a Runflow key: keys start rf_live_ (live) or rf_test_ (sandbox)."
        )
    if len(api_key) < 16 or any(c.isspace() for c in api_key) or not api_key.isascii():
        raise ConnectionRejected(
            "That key looks cut short or has spaces in it: paste the whole key as Runflow "
            "showed it."
        )
    return environment


@sensitive_variables("api_key", "secret")  # hidden from error reports' frame variables
def connection_create(*, team: Team, user: User | None, label: str, api_key: str) -> Connection:
    api_key = api_key.strip()
    environment = _check_key(api_key)
    base_url = base_url_for(environment)
    secret_label = f"Dyver showcase · {team.name}"[:100]
    try:
        with runflow.RunflowClient(base_url=base_url, api_key=api_key) as rf:
            secret = rf.create_callback_secret(label=secret_label)
    except runflow.Unauthorized as exc:
        raise ConnectionRejected(
            "Runflow did not accept this key (401 UNAUTHORIZED): check that it is complete, "
            "belongs to the right environment and has not been revoked. Nothing was saved."
        ) from exc
    except runflow.RunflowError as exc:
        raise ConnectionRejected(f"{exc.user_message} Nothing was saved.") from exc
    now = timezone.now()
    with transaction.atomic():
        connection = Connection.objects.create(
            team=team,
            label=label.strip()[:100] or f"{Environment(environment).label} key",
            environment=environment,
            api_key=api_key,
            key_prefix=api_key[:8],
            key_last4=api_key[-4:],
            base_url=base_url,
            created_by=user,
            last_used_at=now,
        )
        CallbackSecret.objects.create(
            connection=connection,
            runflow_id=secret.id[:64],
            label=secret.label[:100] or secret_label,
            secret=secret.secret,
        )
    log.info("connection %s added to team %s", connection.pk, team.pk)
    return connection


def connection_revoke(*, connection: Connection, user: User | None) -> None:
    """Stop using the key: new batches cannot pick it, the poller stops, and the key
    itself is wiped. The callback secret stays, so batches already sent can still
    report back by webhook."""
    if not connection.is_active:
        return
    Connection.objects.filter(pk=connection.pk).update(
        revoked_at=timezone.now(), revoked_by=user, api_key=""
    )
    log.info("connection %s revoked", connection.pk)
