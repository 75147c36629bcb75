import pytest

from batches import fetch


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/a.png",
        "http://10.0.0.7/a.png",
        "http://169.254.169.254/latest",
        "http://[::1]/a.png",
        "file:///etc/passwd",
    ],
)
def test_it_refuses_private_addresses_and_other_schemes(url, settings):
    settings.SANDBOX_BASE = "http://sandbox.invalid/sandbox"
    with pytest.raises(fetch.FetchRefused):
        fetch.fetch_image(url, allowed_hosts=None, max_bytes=1000)


def test_it_refuses_a_host_that_is_not_allowed():
    with pytest.raises(fetch.FetchRefused, match="not copied from"):
        fetch.fetch_image(
            "https://evil.example/result_1.webp", allowed_hosts={"api.runflow.io"}, max_bytes=1000
        )


def test_it_allows_the_api_hosts_own_domain_for_results(team):
    from batches.copying import result_hosts

    from .conftest import make_batch, make_connection

    item = make_batch(make_connection(team, base_url="https://api.runflow.io")).items.first()
    hosts = result_hosts(item)
    assert fetch._allowed("cdn.runflow.io", hosts) and fetch._allowed("api.runflow.io", hosts)
    assert not fetch._allowed("runflow.io.evil.example", hosts)
    assert not fetch._allowed("evilrunflow.io", hosts)
