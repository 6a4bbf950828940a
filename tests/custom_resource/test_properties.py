"""CloudFormation's strings typed by the schema's paths, at any depth, and refused by path."""

from __future__ import annotations

from typing import Any

import pytest
from cloudformation_cli_python_lib import exceptions

from aws_customerprofiles_eventtrigger import schema_facts
from aws_customerprofiles_eventtrigger.custom_resource import properties
from tests.support.samples import model_properties


@pytest.fixture
def more_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts as `make generate` would give them for a schema with numbers and nested arrays."""
    monkeypatch.setattr(schema_facts, "NUMBER_PATHS", ("Weights[]", "Grid[][].Score"))
    monkeypatch.setattr(schema_facts, "BOOLEAN_PATHS", ("Flags.On",))


@pytest.mark.usefixtures("more_paths")
def test_numbers_are_typed_at_every_depth_and_other_shapes_left_to_the_validator() -> None:
    given: dict[str, Any] = {
        "Weights": ["1", "2.5", "-3e2", 4, "0.125"],
        "Grid": [[{"Score": "7"}, {"Score": "0.5"}], [{"Other": "x"}]],
        "Flags": {"On": "False"},
        "Name": "10",
    }
    typed = properties.typed(given)
    assert typed == {
        "Weights": [1, 2.5, -300.0, 4, 0.125],
        "Grid": [[{"Score": 7}, {"Score": 0.5}], [{"Other": "x"}]],
        "Flags": {"On": False},
        "Name": "10",  # a string property stays a string
    }
    assert given["Weights"][0] == "1", "the request's own properties are left as they came"
    # A container of another shape than the schema's is not this step's to judge.
    assert properties.typed({"Weights": "1", "Flags": ["On"]}) == {
        "Weights": "1",
        "Flags": ["On"],
    }


@pytest.mark.usefixtures("more_paths")
@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ({"Weights": ["1", "one"]}, "Invalid property Weights[1] must be number: 'one' is not"),
        ({"Grid": [[], [{"Score": "1,5"}]]}, "Invalid property Grid[1][0].Score must be number"),
        ({"Weights": ["x" * 100]}, "must be number: '" + "x" * 40 + "...' is not"),
    ],
)
def test_what_does_not_convert_is_refused_by_its_path(given: dict[str, Any], reason: str) -> None:
    with pytest.raises(exceptions.InvalidRequest) as raised:
        properties.typed(given)
    assert reason in str(raised.value)


def test_the_old_properties_of_an_update_that_no_longer_validate_give_no_previous_state() -> None:
    assert properties.previous_model(model_properties(Colour="blue")) is None
    previous = properties.previous_model(model_properties())
    assert previous is not None and previous.EventTriggerName == "high-value-order"
