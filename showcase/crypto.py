"""Secrets at rest: a model field encrypted with MultiFernet under FIELD_ENCRYPTION_KEYS.

The keys are dedicated (not SECRET_KEY). The first key encrypts; every key
decrypts, so a new key can be put first and old rows re-encrypted with
`manage.py rotate_encryption_keys`. A value that no key opens raises
`DecryptionError`: ciphertext is never handed back as if it were the secret.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models


class DecryptionError(Exception):
    """A stored secret could not be decrypted with any configured key."""


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.FIELD_ENCRYPTION_KEYS if k.strip()]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    try:
        return MultiFernet([Fernet(k) for k in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_KEYS holds an invalid Fernet key: {exc}"
        ) from exc


def _reset(*, setting: str, **kwargs) -> None:
    if setting == "FIELD_ENCRYPTION_KEYS":
        _fernet.cache_clear()


setting_changed.connect(_reset)


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "A stored secret could not be decrypted with any configured key."
        ) from exc


def rotate(token: str) -> str:
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "A stored secret could not be decrypted with any configured key."
        ) from exc


class EncryptedTextField(models.TextField):
    """A TextField whose column holds only a Fernet token."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_db_prep_save(self, value, connection):
        return self.get_prep_value(value)


def encrypted_fields():
    """Every (model, field) pair in the project that stores an encrypted secret."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field
