"""Download every result as a streamed zip; export a CSV of the batch."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from batches.models import BatchStatus

from .conftest import fail, make_batch, succeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(sandbox_connection):
    batch = make_batch(sandbox_connection, items=3, status=BatchStatus.PARTIAL_SUCCEEDED)
    first, second, third = batch.items.order_by("sequence_index")
    succeed(first)
    succeed(second)
    second.client_ref = "red shoe/left"
    second.save()
    fail(third, "Runflow could not find a product in the image.")
    return batch


def test_the_zip_is_streamed_with_every_stage_of_every_item(alice_client, finished):
    response = alice_client.get(reverse("batches:download_zip", args=[finished.pk]))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert 'filename="Spring-shoes.zip"' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names == [
        "results.csv",
        "0_sku-0/0_original.webp",
        "0_sku-0/1_tag_removal.webp",
        "0_sku-0/2_background_removal.webp",
        "0_sku-0/3_result.webp",
        "1_red-shoe-left/0_original.webp",
        "1_red-shoe-left/1_tag_removal.webp",
        "1_red-shoe-left/2_background_removal.webp",
        "1_red-shoe-left/3_result.webp",
    ]
    stage = finished.items.get(sequence_index=0).stages.get(position=3)
    assert archive.read("0_sku-0/3_result.webp") == stage.file.open("rb").read()


def test_the_csv_has_one_row_an_item_with_final_stages_and_error(alice_client, finished, settings):
    settings.SITE_URL = "https://showcase.example"
    response = alice_client.get(reverse("batches:export_csv", args=[finished.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "sequence_index",
        "client_ref",
        "status",
        "final",
        "original",
        "tag_removal",
        "background_removal",
        "error",
    ]
    assert len(rows) == 4
    first = rows[1]
    result = finished.items.get(sequence_index=0).stages.get(stage="result")
    assert first[:3] == ["0", "sku-0", "succeeded"]
    assert first[3] == "https://showcase.example" + reverse(
        "gallery:stage_image", args=[result.pk, "full"]
    )
    assert all(cell.startswith("https://showcase.example/") for cell in first[4:7])
    assert rows[3] == [
        "2",
        "sku-2",
        "failed",
        "",
        "",
        "",
        "",
        "Runflow could not find a product in the image.",
    ]


def test_the_page_offers_the_zip_once_something_succeeded(alice_client, finished):
    body = alice_client.get(reverse("batches:detail", args=[finished.pk])).content.decode()
    assert reverse("batches:download_zip", args=[finished.pk]) in body
    assert reverse("batches:export_csv", args=[finished.pk]) in body
