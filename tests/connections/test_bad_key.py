from connections.models import Connection


def test_it_refuses_a_key_that_is_not_a_runflow_key_and_saves_nothing(alice_client):
    response = alice_client.post(
        "/keys/add/", {"label": "Prod", "api_key": "sk_live_abcdefghijklmnop"}
    )

    assert response.status_code == 400
    assert "keys start rf_live_ (live) or rf_test_ (sandbox)" in response.content.decode()
    assert "sk_live_abcdefghijklmnop" not in response.content.decode()
    assert Connection.objects.count() == 0
