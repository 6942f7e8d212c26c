from __future__ import annotations

import copy

import pytest

from storyworld.contract import from_json, to_json, validate
from storyworld.contract.serialize import schema, to_dict
from storyworld.errors import ContractError


def test_serialize_round_trip(make_analysis):
    analysis = make_analysis()
    obj = to_dict(analysis)
    validate(obj)
    assert to_dict(from_json(to_json(analysis))) == obj


@pytest.mark.parametrize("mutate, where", [
    (lambda o: o.update(schema="storyworld.analysis/2"), "schema"),
    (lambda o: o["events"][0].update(type="BOMBING"), "events/0/type"),
    (lambda o: o["events"][0].update(modality="likely"), "events/0/modality"),
    (lambda o: o["events"][0]["actor"].update(country="IL"), "events/0/actor"),
    (lambda o: o["events"][0]["sources"][0].update(kind="blog"), "events/0/sources"),
    (lambda o: o["events"][0].update(date="25 Aug 2023"), "events/0/date"),
    (lambda o: o["claims"][0].update(start=3), "claims/0"),
    (lambda o: o["document"].pop("removed"), "document"),
    (lambda o: o.pop("times"), "(root)"),
])
def test_serialize_validate_names_the_violation(make_analysis, mutate, where):
    obj = copy.deepcopy(to_dict(make_analysis()))
    mutate(obj)
    with pytest.raises(ContractError, match="E306") as info:
        validate(obj)
    assert where in str(info.value)


def test_serialize_schema_lists_the_plover_types():
    types = schema()["properties"]["events"]["items"]["properties"]["type"]["enum"]
    assert len(types) == 16 and "ASSAULT" in types and "REQUEST" in types
