from connections.models import Connection


def test_it_shows_a_key_runflow_rejects_as_a_form_error_and_saves_nothing(
    alice_client, sandbox_key
):
    wrong = "rf_test_" + "x" * 40

    response = alice_client.post("/keys/add/", {"label": "Typo", "api_key": wrong})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Runflow did not accept this key (401 UNAUTHORIZED)" in html
    assert "Nothing was saved." in html
    assert wrong not in html
    assert Connection.objects.count() == 0
