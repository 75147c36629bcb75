"""Parsing names every bad line and why, before anything is sent (no HTTP here)."""

from __future__ import annotations

from batches import parsing
from batches.parsing import LineError, Options

OPTS = Options(elements=["background_removal", "tag_removal"])


def messages_of(parsed) -> dict[int, str]:
    return {e.line: e.message for e in parsed.errors}


def test_it_reads_urls_one_a_line_with_optional_client_ref():
    text = "https://a.example/1.jpg\n\n# a comment\nhttps://a.example/2.jpg, sku-2 \n"
    parsed = parsing.parse_pasted(text, options=OPTS)
    assert parsed.errors == []
    assert [(r.line, r.image_url, r.client_ref) for r in parsed.rows] == [
        (1, "https://a.example/1.jpg", ""),
        (4, "https://a.example/2.jpg", "sku-2"),
    ]
    # elements come back in pipeline order
    assert parsed.rows[0].elements == ["tag_removal", "background_removal"]


def test_it_names_a_bad_url_by_its_line():
    text = "https://a.example/1.jpg\nftp://a.example/2.jpg\nnot a url\nhttp://\n"
    errors = messages_of(parsing.parse_pasted(text, options=OPTS))
    assert set(errors) == {2, 3, 4}
    assert "ftp://a.example/2.jpg" in errors[2] and "http://" in errors[2]
    assert "not a url" in errors[3]


def test_it_refuses_a_client_ref_over_255_characters():
    text = "https://a.example/1.jpg, " + "x" * 256
    parsed = parsing.parse_pasted(text, options=OPTS)
    assert parsed.errors == [LineError(1, "Client_ref is 256 characters long; the limit is 255.")]
    ok = parsing.parse_pasted("https://a.example/1.jpg, " + "x" * 255, options=OPTS)
    assert ok.errors == []


def test_it_says_when_no_element_is_ticked():
    parsed = parsing.parse_pasted("https://a.example/1.jpg", options=Options())
    assert parsed.errors == [LineError(0, "Tick at least one element.")]


def test_it_names_an_unknown_element_in_a_csv_row():
    text = "image_url,client_ref,elements\nhttps://a.example/1.jpg,a,tag_removal;sky_removal\n"
    errors = messages_of(parsing.parse_csv(text, options=OPTS))
    assert list(errors) == [2]
    assert "Unknown element “sky_removal”" in errors[2]
    assert "model_removal, tag_removal, product_isolation, background_removal" in errors[2]


def test_it_names_a_bad_aspect_ratio():
    text = (
        "image_url,aspect_ratio\n"
        "https://a.example/1.jpg,4:5\n"
        "https://a.example/2.jpg,square\n"
        "https://a.example/3.jpg,0:1\n"
        "https://a.example/4.jpg,1000:1\n"
    )
    parsed = parsing.parse_csv(text, options=OPTS)
    errors = messages_of(parsed)
    assert set(errors) == {3, 4, 5}
    assert "“square” is not W:H" in errors[3]
    assert [r.aspect_ratio for r in parsed.rows] == ["4:5"]


def test_it_refuses_a_csv_without_the_image_url_column():
    parsed = parsing.parse_csv("url,client_ref\nhttps://a.example/1.jpg,a\n", options=OPTS)
    assert parsed.rows == []
    assert parsed.errors[0].line == 1
    assert "no image_url column" in parsed.errors[0].message
    assert "unknown column “url”" in parsed.errors[1].message.lower()


def test_it_says_a_headerless_csv_needs_a_header():
    parsed = parsing.parse_csv("https://a.example/1.jpg,a\n", options=OPTS)
    assert parsed.errors[0].line == 1
    assert "The first line must be a header" in parsed.errors[0].message


def test_it_names_a_csv_row_with_too_many_fields():
    text = "image_url,client_ref\nhttps://a.example/1.jpg,a,extra\nhttps://a.example/2.jpg\n"
    parsed = parsing.parse_csv(text, options=OPTS)
    assert messages_of(parsed) == {2: "3 fields, but the header names 2 columns."}
    assert [r.image_url for r in parsed.rows] == ["https://a.example/2.jpg"]


def test_it_lets_a_csv_row_override_the_shared_options():
    text = (
        "image_url,client_ref,elements,aspect_ratio,product_isolation_prompt\n"
        'https://a.example/1.jpg,a,"product_isolation, model_removal",1:1,the red bag\n'
        "https://a.example/2.jpg,b,,,\n"
    )
    opts = Options(
        elements=["background_removal"], aspect_ratio="16:9", product_isolation_prompt="x"
    )
    first, second = parsing.parse_csv(text, options=opts).rows
    assert first.elements == ["model_removal", "product_isolation"]
    assert (first.aspect_ratio, first.product_isolation_prompt) == ("1:1", "the red bag")
    assert second.elements == ["background_removal"]
    assert (second.aspect_ratio, second.product_isolation_prompt) == ("16:9", "x")


def test_it_counts_lines_of_a_csv_with_quoted_newlines():
    text = 'image_url,product_isolation_prompt\nhttps://a.example/1.jpg,"two\nlines"\nnope,x\n'
    assert list(messages_of(parsing.parse_csv(text, options=OPTS))) == [4]


def test_it_splits_more_than_the_limit_into_several_batches(settings):
    settings.RUNFLOW_MAX_BATCH_ITEMS = 100
    text = "\n".join(f"https://a.example/{n}.jpg" for n in range(240))
    parsed = parsing.parse_pasted(text, options=OPTS)
    assert parsed.ok and len(parsed.rows) == 240
    assert parsing.split_into_batches(len(parsed.rows)) == [100, 100, 40]
    assert parsing.split_into_batches(100) == [100]


def test_it_refuses_more_than_500_images_a_job():
    text = "\n".join(f"https://a.example/{n}.jpg" for n in range(501))
    parsed = parsing.parse_pasted(text, options=OPTS)
    assert parsed.errors == [LineError(0, "501 images; one job takes at most 500.")]


def test_it_refuses_empty_input_with_a_sentence():
    assert parsing.parse_pasted(" \n\n", options=OPTS).errors == [
        LineError(0, "Paste at least one image URL, one a line.")
    ]
    assert parsing.parse_csv("", options=OPTS).errors[0].message.startswith("The CSV is empty")


def test_it_checks_metadata_keys_and_its_16_kb_limit():
    metadata, errors = parsing.parse_metadata([("shoot", "spring"), ("", ""), ("", "orphan")])
    assert metadata == {"shoot": "spring"}
    assert errors == [LineError(0, "Metadata row 3 has a value but no key.")]
    _, errors = parsing.parse_metadata([("big", "x" * 17000)])
    assert "the limit is 16,384" in errors[0].message
