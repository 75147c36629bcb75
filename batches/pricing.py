"""What a batch is expected to cost, before it is sent.

Only the sandbox's price is known here (one setting, per stage of each succeeded
item); a live key is priced by Runflow, so its projection is None.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings

from connections.models import Environment

from .stages import ELEMENT_ORDER

if TYPE_CHECKING:
    from connections.models import Connection

    from .services import ItemInput


def price_per_item(elements: list[str]) -> Decimal:
    stages = {e for e in elements if e in ELEMENT_ORDER}
    return settings.RUNFLOW_PRICE_PER_STAGE * len(stages)


def projected_cost(*, items: list[ItemInput], connection: Connection) -> Decimal | None:
    if connection.environment != Environment.SANDBOX:
        return None
    return sum((price_per_item(i.elements) for i in items), Decimal("0"))
