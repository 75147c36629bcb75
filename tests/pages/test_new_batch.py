"""The New batch form: the preview's count, cost and bad lines; Send creates the job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from batches.models import Batch, Item, Job, JobKind, Upload
from connections.models import Connection

from .conftest import image_bytes, make_connection

pytestmark = pytest.mark.django_db
URL = "/batches/new/"


def form_data(connection, **extra):
    data = {
        "source": "paste",
        "urls": "https://cdn.example.com/1.jpg, sku-1\nhttps://cdn.example.com/2.jpg\n",
        "elements": ["tag_removal", "background_removal"],
        "aspect_ratio": "",
        "connection": str(connection.pk),
        "title": "Spring",
        "action": "check",
    }
    data.update(extra)
    return data


def test_it_shows_elements_in_pipeline_order_and_the_teams_active_keys(
    alice_client, sandbox_connection, team
):
    revoked = make_connection(team, label="Old key")
    Connection.objects.filter(pk=revoked.pk).update(revoked_at="2026-01-01T00:00Z")
    body = alice_client.get(URL).content.decode()
    positions = [
        body.index(label)
        for label in ["Model removal", "Tag removal", "Product isolation", "Background removal"]
    ]
    assert positions == sorted(positions)
    assert "Sandbox key" in body and "Old key" not in body
    for ratio in ["1:1", "4:5", "3:4", "2:3", "9:16", "16:9"]:
        assert f'<option value="{ratio}"' in body


def test_it_says_so_when_the_team_has_no_key(alice_client):
    body = alice_client.get(URL).content.decode()
    assert "no active Runflow key" in body
    assert f'href="{reverse("connections:list")}"' in body


def test_the_check_shows_the_count_and_projected_cost(alice_client, sandbox_connection):
    response = alice_client.post(URL, form_data(sandbox_connection), headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="preview"')  # the partial only
    assert "<strong>2</strong> images" in body
    assert "<strong>0.820</strong> projected cost (sandbox prices)" in body  # 2 × 2 stages × 0.205
    assert "Ready to send" in body
    assert not Job.objects.exists()


def test_the_check_says_runflow_prices_a_live_key(alice_client, live_connection):
    body = alice_client.post(URL, form_data(live_connection)).content.decode()
    assert "Runflow prices it (live key)" in body


def test_the_check_names_every_bad_line_and_why(alice_client, sandbox_connection):
    urls = "https://cdn.example.com/1.jpg\nnot-a-url\nhttps://cdn.example.com/3.jpg, " + "r" * 300
    response = alice_client.post(URL, form_data(sandbox_connection, urls=urls))
    body = response.content.decode()
    assert "2 problems to fix before sending" in body
    assert "<strong>Line 2:</strong> “not-a-url” is not an http:// or https:// URL." in body
    assert "<strong>Line 3:</strong> Client_ref is 300 characters long; the limit is 255." in body
    assert "<strong>1</strong> image good" in body


def test_the_check_shows_more_than_100_become_several_batches(alice_client, sandbox_connection):
    urls = "\n".join(f"https://cdn.example.com/{n}.jpg" for n in range(240))
    body = alice_client.post(URL, form_data(sandbox_connection, urls=urls)).content.decode()
    assert "<strong>3</strong> batches of one job" in body
    assert "(100, 100, 40)" in body


def test_send_creates_one_job_of_several_batches_and_shows_them_together(
    alice_client, sandbox_connection, alice
):
    urls = "\n".join(f"https://cdn.example.com/{n}.jpg, sku-{n}" for n in range(240))
    data = form_data(
        sandbox_connection, urls=urls, action="send", meta_key_0="shoot", meta_value_0="spring"
    )
    response = alice_client.post(URL, data)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("batches:job", args=[job.pk])
    assert (job.title, job.created_by, job.metadata) == ("Spring", alice, {"shoot": "spring"})
    assert [b.items_total for b in job.batches.order_by("part")] == [100, 100, 40]
    item = Item.objects.get(client_ref="sku-0")
    assert item.config == {"elements": ["tag_removal", "background_removal"]}
    assert alice_client.get(response["Location"]).status_code == 200


def test_send_of_one_batch_goes_to_the_batch_page(alice_client, sandbox_connection):
    response = alice_client.post(URL, form_data(sandbox_connection, action="send"))
    assert response["Location"] == reverse("batches:detail", args=[Batch.objects.get().pk])


def test_send_with_a_bad_line_sends_nothing(alice_client, sandbox_connection):
    response = alice_client.post(URL, form_data(sandbox_connection, urls="nope", action="send"))
    assert response.status_code == 400
    assert "<strong>Line 1:</strong>" in response.content.decode()
    assert not Job.objects.exists()


def test_send_from_a_csv(alice_client, sandbox_connection):
    csv_file = SimpleUploadedFile(
        "batch.csv",
        b"image_url,client_ref,elements,aspect_ratio\n"
        b"https://cdn.example.com/1.jpg,a,model_removal,4:5\n"
        b"https://cdn.example.com/2.jpg,b,,\n",
        content_type="text/csv",
    )
    data = form_data(sandbox_connection, source="csv", csv_file=csv_file, action="send")
    assert alice_client.post(URL, data).status_code == 302
    configs = list(Item.objects.order_by("sequence_index").values_list("client_ref", "config"))
    assert configs == [
        ("a", {"elements": ["model_removal"], "aspect_ratio": "4:5"}),
        ("b", {"elements": ["tag_removal", "background_removal"]}),
    ]


def test_send_of_uploaded_files_hands_runflow_their_public_url(
    alice_client, sandbox_connection, settings
):
    settings.SITE_URL = "https://showcase.example"
    files = [
        SimpleUploadedFile("red.png", image_bytes("PNG"), "image/png"),
        SimpleUploadedFile("blue.webp", image_bytes("WEBP"), "image/webp"),
    ]
    data = form_data(sandbox_connection, source="upload", files=files, action="send")
    assert alice_client.post(URL, data).status_code == 302
    items = list(Item.objects.order_by("sequence_index").select_related("upload"))
    assert [i.client_ref for i in items] == ["red", "blue"]
    for item in items:
        assert item.upload is not None
        assert item.image_url.startswith("https://showcase.example/batches/uploads/")
        assert alice_client.get(item.image_url.removeprefix(settings.SITE_URL)).status_code == 200


def test_the_check_refuses_a_non_image_upload_with_a_sentence(alice_client, sandbox_connection):
    files = [
        SimpleUploadedFile("ok.jpg", image_bytes("JPEG"), "image/jpeg"),
        SimpleUploadedFile("notes.png", b"just text", "image/png"),
    ]
    body = alice_client.post(
        URL, form_data(sandbox_connection, source="upload", files=files)
    ).content.decode()
    assert "<strong>File 2:</strong> “notes.png” is not an image we can read" in body
    assert not Upload.objects.exists()


def test_a_single_image_goes_through_the_runs_endpoint(alice_client, sandbox_connection):
    data = form_data(
        sandbox_connection,
        source="run",
        run_url="https://cdn.example.com/one.jpg",
        run_client_ref="solo",
        action="send",
    )
    assert alice_client.post(URL, data).status_code == 302
    job = Job.objects.get()
    batch = job.batches.get()
    assert job.kind == JobKind.RUN and batch.is_run
    assert batch.items.get().client_ref == "solo"


def test_the_key_must_be_one_of_the_teams(alice_client, sandbox_connection, charlie_team):
    foreign = make_connection(charlie_team, label="Charlie's key")
    response = alice_client.post(URL, form_data(foreign, action="send"))
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_a_single_run_names_its_problem_without_a_line_number(alice_client, sandbox_connection):
    data = form_data(sandbox_connection, source="run", run_url="")
    assert "Give the image&#x27;s URL." in alice_client.post(URL, data).content.decode()
    data = form_data(sandbox_connection, source="run", run_url="ftp://x.example/a.jpg")
    body = alice_client.post(URL, data).content.decode()
    assert "<li>“ftp://x.example/a.jpg” is not an http:// or https:// URL.</li>" in body
