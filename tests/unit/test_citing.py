"""One source per article (assistant/citing.py)."""

from assistant.citing import renumber, source_numbers


def test_articles_are_numbered_in_the_order_of_their_first_citation() -> None:
    numbers = source_numbers([(3, "b"), (1, "a"), (2, "a"), (4, "c")])
    assert numbers == {1: 1, 2: 1, 3: 2, 4: 3}


def test_markers_are_renumbered_and_a_repeat_is_given_once() -> None:
    numbers = {1: 1, 2: 1, 3: 2}
    text = "Japan froze assets. [1] It banned exports. [2] [1] Moscow protested. [3]"
    assert renumber(text, numbers) == (
        "Japan froze assets. [1] It banned exports. [1] Moscow protested. [2]"
    )
    # A bracketed number that is no citation stays as the article wrote it.
    assert renumber("See note [7]. [2]", numbers) == "See note [7]. [1]"
