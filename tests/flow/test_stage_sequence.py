from batches.copying import sequence

from .conftest import make_batch, make_connection


def test_it_orders_stages_by_position_and_keeps_an_unknown_name_as_unnamed(team):
    item = make_batch(make_connection(team), items=1).items.get()
    item.output_urls = [
        "https://r.example/tag_remover_00001_.webp",
        "https://r.example/sharpener_00001_.webp",
        "https://r.example/bg_remover_00001_.webp",
        "https://r.example/result_00001_.webp",
    ]

    assert [(p, s) for p, s, _ in sequence(item)] == [
        (0, "original"),
        (1, "tag_removal"),
        (2, "unnamed"),
        (3, "background_removal"),
        (4, "result"),
    ]
