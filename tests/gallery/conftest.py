from __future__ import annotations

import pytest

from .factories import make_batch, make_failed_item, make_item


@pytest.fixture
def batch(team):
    return make_batch(team)


@pytest.fixture
def items(batch):
    """Five items: two-stage, four-stage with an unnamed stage, failed, model-only, tag-only."""
    return [
        make_item(batch, client_ref="sku-red"),
        make_item(
            batch,
            client_ref="sku-full",
            elements=("model_removal", "tag_removal", "product_isolation", "background_removal"),
            unnamed=True,
        ),
        make_failed_item(batch, client_ref="sku-broken"),
        make_item(batch, client_ref="sku-model", elements=("model_removal",)),
        make_item(batch, client_ref="sku-tag", elements=("tag_removal",)),
    ]


@pytest.fixture
def browser_no_js(browser_context):
    context = browser_context(java_script_enabled=False)
    return context, context.new_page()
