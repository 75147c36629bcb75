from batches import signing

BODY = b'{"event":"batch.succeeded"}'


def test_it_accepts_any_matching_v1_value_and_any_active_secret():
    header = f"v1=deadbeef,v1={signing.sign('new', 1000, BODY)}"
    verdict = signing.verify(
        body=BODY, signature=header, timestamp="1000", secrets=["old", "new"], now=1000
    )
    assert verdict == signing.VALID


def test_it_rejects_a_changed_body_a_stale_timestamp_and_garbage():
    good = signing.header("s", 1000, BODY)
    assert (
        signing.verify(body=BODY + b" ", signature=good, timestamp="1000", secrets=["s"], now=1000)
        == signing.BAD_SIGNATURE
    )
    assert (
        signing.verify(body=BODY, signature=good, timestamp="1000", secrets=["s"], now=1301)
        == signing.STALE
    )
    assert (
        signing.verify(body=BODY, signature=good, timestamp="1000", secrets=["s"], now=1300)
        == signing.VALID
    )
    assert (
        signing.verify(body=BODY, signature="sha1=x", timestamp="1000", secrets=["s"], now=1000)
        == signing.MALFORMED
    )
    assert (
        signing.verify(body=BODY, signature=good, timestamp="soon", secrets=["s"], now=1000)
        == signing.MALFORMED
    )
    assert (
        signing.verify(body=BODY, signature=good, timestamp="1000", secrets=[], now=1000)
        == signing.BAD_SIGNATURE
    )


def test_it_strips_the_attempt_from_the_request_id():
    rid = "01984d10-7c2b-7f3e-8b4d-1a2b3c4d5e6f"
    assert signing.delivery_id(f"{rid}-3") == (rid, 3)
    assert signing.delivery_id(rid) == (rid, None)
