"""The pipeline's stages, in order, and how an output URL names its stage.

Per the contract, `image_urls` lists every stage's image in pipeline order, then
the final composite, whose file name starts `result_`. An intermediate is named
after its stage (`tag_remover_00001_.webp`, `bg_remover_00001_.webp`; the other
two are assumed `model_remover_*` and `product_isolator_*`). A name we do not
recognise is kept as an unnamed stage, in its place.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.db import models


class Element(models.TextChoices):
    """What a caller asks for, in the order the pipeline always runs them."""

    MODEL_REMOVAL = "model_removal", "Model removal"
    TAG_REMOVAL = "tag_removal", "Tag removal"
    PRODUCT_ISOLATION = "product_isolation", "Product isolation"
    BACKGROUND_REMOVAL = "background_removal", "Background removal"


ELEMENT_ORDER = [e.value for e in Element]


class Stage(models.TextChoices):
    """What an image in an item's sequence shows."""

    ORIGINAL = "original", "Original"
    MODEL_REMOVAL = "model_removal", "Model removal"
    TAG_REMOVAL = "tag_removal", "Tag removal"
    PRODUCT_ISOLATION = "product_isolation", "Product isolation"
    BACKGROUND_REMOVAL = "background_removal", "Background removal"
    RESULT = "result", "Result"
    UNNAMED = "unnamed", "Unnamed stage"


FILE_PREFIXES = {
    "model_remover_": Stage.MODEL_REMOVAL,
    "tag_remover_": Stage.TAG_REMOVAL,
    "product_isolator_": Stage.PRODUCT_ISOLATION,
    "bg_remover_": Stage.BACKGROUND_REMOVAL,
    "result_": Stage.RESULT,
}


def stage_of(url: str) -> Stage:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]).lower()
    for prefix, stage in FILE_PREFIXES.items():
        if name.startswith(prefix):
            return stage
    return Stage.UNNAMED


def ordered_elements(elements) -> list[str]:
    """The asked elements in pipeline order, duplicates dropped (unknown ones kept last)."""
    asked = list(dict.fromkeys(elements))
    known = [e for e in ELEMENT_ORDER if e in asked]
    return known + [e for e in asked if e not in ELEMENT_ORDER]
