"""Uploaded images: checked with Pillow, size-capped, stored, served by an unguessable URL."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from batches.models import Upload
from batches.uploads import UploadRefused, upload_public_url, upload_store

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


def test_it_refuses_a_file_that_is_not_an_image(team, alice):
    fake = SimpleUploadedFile("notes.jpg", b"hello, I am text", content_type="image/jpeg")
    with pytest.raises(UploadRefused) as refused:
        upload_store(team=team, user=alice, file=fake)
    assert str(refused.value) == "“notes.jpg” is not an image we can read: use JPEG, PNG or WebP."
    assert not Upload.objects.exists()


def test_it_refuses_an_image_in_another_format(team, alice):
    gif = SimpleUploadedFile("anim.gif", image_bytes("GIF"), content_type="image/gif")
    with pytest.raises(UploadRefused, match="“anim.gif” is a GIF image; use JPEG, PNG or WebP."):
        upload_store(team=team, user=alice, file=gif)


def test_it_refuses_an_oversize_file(team, alice, settings):
    settings.UPLOAD_MAX_IMAGE_BYTES = 100
    big = SimpleUploadedFile("big.png", image_bytes("PNG", size=(300, 300)), "image/png")
    with pytest.raises(UploadRefused, match=r"“big.png” is 0.0 MB; the limit is 0.0 MB an image."):
        upload_store(team=team, user=alice, file=big)


def test_it_stores_a_good_image_and_its_public_url_serves_it(team, alice, client, settings):
    settings.SITE_URL = "https://showcase.example"
    data = image_bytes("JPEG", size=(40, 30))
    upload = upload_store(
        team=team, user=alice, file=SimpleUploadedFile("Red Shoe.JPG", data, "image/jpeg")
    )
    assert (upload.content_type, upload.width, upload.height) == ("image/jpeg", 40, 30)
    assert upload.original_name == "Red Shoe.JPG"
    assert len(upload.token) >= 40
    url = upload_public_url(upload)
    assert url.startswith(f"https://showcase.example/batches/uploads/{upload.token}/")
    assert url.endswith(".jpg")

    response = client.get(url.removeprefix("https://showcase.example"))  # no login
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == data


def test_it_answers_404_for_a_wrong_token_or_name(team, alice, client):
    upload = upload_store(
        team=team, user=alice, file=SimpleUploadedFile("a.png", image_bytes("PNG"), "image/png")
    )
    assert client.get(f"/batches/uploads/{'x' * 43}/a.png").status_code == 404
    assert client.get(f"/batches/uploads/{upload.token}/other.png").status_code == 404
