"""``json_text.loads``: JSON as every local service reads it, refusing what cannot be stored."""

from __future__ import annotations

import pytest

from localcloud.core import json_text
from localcloud.core.json_text import MAX_DEPTH, JsonRefused


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_nesting_up_to_the_limit_is_taken_one_more_level_is_refused() -> None:
    assert json_text.loads(_nested(MAX_DEPTH)) is not None
    assert json_text.loads('{"a": ' * (MAX_DEPTH - 1) + "[]" + "}" * (MAX_DEPTH - 1))
    with pytest.raises(JsonRefused, match=f"Object is nested too deeply: more than {MAX_DEPTH}"):
        json_text.loads(_nested(MAX_DEPTH + 1), "Object")
    with pytest.raises(JsonRefused, match="nested too deeply"):
        json_text.loads(_nested(100_000))  # beyond Python's own recursion limit


def test_brackets_inside_strings_are_no_nesting() -> None:
    assert json_text.loads(f'{{"a": "{"[" * 1000}"}}') == {"a": "[" * 1000}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": NaN}', "NaN is not a JSON value"),
        ("[Infinity]", "Infinity is not a JSON value"),
        ("[-Infinity]", "-Infinity is not a JSON value"),
        ("[1e400]", "a number a double cannot hold: 1e400"),
        ("[-1e400]", "a number a double cannot hold: -1e400"),
        ('["\\ud800"]', "lone UTF-16 surrogate (\\ud800)"),
        ('{"\\udc00": 1}', "lone UTF-16 surrogate (\\udc00)"),
        ('["\\ude00\\ud83d"]', "lone UTF-16 surrogate"),  # a pair in the wrong order
        ('["\ud800"]', "lone UTF-16 surrogate"),  # raw, in a str
        (b"[\xed\xa0\x80]", "not valid UTF-8"),  # a surrogate encoded as UTF-8
        ("[1, 2", "not valid JSON"),
    ],
)
def test_what_cannot_be_stored_whole_is_refused_by_name(text: str | bytes, words: str) -> None:
    with pytest.raises(JsonRefused) as refused:
        json_text.loads(text, "The request body")
    message = str(refused.value)
    assert message.startswith("The request body ") and words in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('["\\ud83d\\ude00"]', ["\U0001f600"]),  # a surrogate pair is one character
        ('["\\\\ud800"]', ["\\ud800"]),  # an escaped backslash, then text
        ("[1.5e308, -0.0, 12345678901234567890]", [1.5e308, -0.0, 12345678901234567890]),
        ('{"caf\\u00e9": "na\\u00efve"}', {"café": "naïve"}),
    ],
)
def test_what_json_holds_is_taken(text: str, value: object) -> None:
    assert json_text.loads(text) == value
