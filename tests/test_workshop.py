"""The workshop's checks: right answers pass, each typical mistake fails with a JSON-worded message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tbkit import workshop

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "workshop"


def reference(step: int) -> str:
    return (ANSWERS / f"step{step}.js").read_text("utf-8")


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6])
def test_the_reference_answer_passes(step: int) -> None:
    expected = {
        1: "PASS step 1: deviceName and deviceType right for all 4 sample frames",
        2: "PASS step 2: telemetry.temperature right for all 4 sample frames",
        3: "PASS step 3: telemetry.humidity and telemetry.battery right for all 4 sample frames",
        4: "PASS step 4: attributes door and heater right for all 4 sample frames",
        5: "PASS step 5: bad checksums are refused (Error: bad checksum)",
        6: "PASS step 6: frames that are not GH/1 version 1 measurements are refused; every byte is read",
    }[step]
    assert repr(workshop.check(step, reference(step))) == expected


WRONG = {
    "name not padded": (
        1,
        reference(1).replace('("000" + number).slice(-4)', "number"),
        "FAIL step 1: deviceName and deviceType for frame a701002a010866280bc40105: expected "
        '{"deviceName": "GH-0042", "deviceType": "Greenhouse Sensor"}, got '
        '{"deviceName": "GH-42", "deviceType": "Greenhouse Sensor"}',
    ),
    "unsigned temperature": (
        2,
        reference(2).replace("(raw > 32767 ? raw - 65536 : raw)", "raw"),
        "FAIL step 2: telemetry.temperature for frame a701000701ff835d0b3602be: expected -1.25, got 654.11",
    ),
    "temperature as text": (
        2,
        reference(2).replace("telemetry: {temperature: temperature}", "telemetry: {temperature: String(temperature)}"),
        'FAIL step 2: telemetry.temperature for frame a701002a010866280bc40105: expected 21.5, got "21.5"',
    ),
    "millivolts": (
        3,
        reference(3).replace(") / 1000", ")"),
        "FAIL step 3: telemetry.humidity and telemetry.battery for frame a701002a010866280bc40105: "
        'expected {"humidity": 40, "battery": 3.012}, got {"humidity": 40, "battery": 3012}',
    ),
    "wrong heater bit": (
        4,
        reference(4).replace("(payload[10] & 2) === 2", "(payload[10] & 2) === 1"),
        "FAIL step 4: attributes door and heater for frame a701000701ff835d0b3602be: expected "
        '{"door": false, "heater": true}, got {"door": false, "heater": false}',
    ),
    "flags as numbers": (
        4,
        reference(4)
        .replace("(payload[10] & 1) === 1", "payload[10] & 1")
        .replace("(payload[10] & 2) === 2", "(payload[10] & 2) >> 1"),
        "FAIL step 4: attributes door and heater for frame a701002a010866280bc40105: expected "
        '{"door": true, "heater": false}, got {"door": 1, "heater": 0}; door is a number, '
        "not a boolean",
    ),
    "no attributes": (
        4,
        reference(3),
        'FAIL step 4: the output has no attributes door and heater: {"deviceName": "GH-0042", '
        '"deviceType": "Greenhouse Sensor", "telemetry": {"temperature": 21.5, "humidity": 40, '
        '"battery": 3.012}} (frame a701002a010866280bc40105)',
    ),
    "null door": (
        4,
        reference(4).replace("door: (payload[10] & 1) === 1", "door: null"),
        "FAIL step 4: attributes door and heater for frame a701002a010866280bc40105: expected "
        '{"door": true, "heater": false}, got {"door": null, "heater": false}',
    ),
    "no checksum": (5, reference(4), "FAIL step 5: a frame with a wrong checksum was accepted: throw an Error for it"),
    "no header check": (
        6,
        reference(5),
        "FAIL step 6: a frame with a wrong magic byte was accepted (a801002a010866280bc4010a): throw an Error for it",
    ),
    "version unchecked": (
        6,
        reference(6).replace(" || payload[1] !== 1", ""),
        "FAIL step 6: a frame with version 2 was accepted (a702002a010866280bc40106): throw an Error for it",
    ),
    "header right, a field broken": (
        6,
        reference(6).replace("humidity: payload[7]", "humidity: 0"),
        "FAIL step 6: telemetry.humidity and telemetry.battery for frame a701002a010866280bc40105: "
        'expected {"humidity": 40, "battery": 3.012}, got {"humidity": 0, "battery": 3.012}',
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_a_wrong_answer_fails_with_a_json_message(case: str) -> None:
    step, decoder, message = WRONG[case]
    assert decoder != reference(step)
    assert repr(workshop.check(step, decoder)) == message


def test_numbers_compare_by_value_booleans_by_type() -> None:
    assert [
        workshop.same_json(a, b)
        for a, b in [
            (28, 28.0),
            (True, 1),
            (False, 0),
            (None, 0),
            ("1", 1),
            ([True], [True]),
            ({"a": 1}, {"a": 1, "b": 2}),
        ]
    ] == [True, False, False, False, False, True, False]
    assert workshop.show_json({"a": None, "b": [True, 28.0, 1.5]}) == '{"a": null, "b": [true, 28, 1.5]}'


def test_a_decoder_that_does_not_compile_says_so() -> None:
    verdict = workshop.check(1, "return {;")
    assert not verdict.passed and verdict.message.startswith("the decoder does not compile: ")


def test_inspect_names_the_fields_a_decoder_never_reads() -> None:
    found = workshop.inspect(reference(4))
    assert found.inspection.unread == [0, 1, 4, 11]
    assert repr(found) == (
        "your decoder never reads byte 0 (magic 0xA7), byte 1 (protocol version), byte 4 (message type), "
        "byte 11 (checksum)"
    )
    assert "byte 11, 0x05, not read" in found._repr_html_()
    assert repr(workshop.inspect(reference(6))) == "your decoder reads every byte of the frame"
    broken = workshop.inspect("throw new Error('no');")
    assert repr(broken) == "the decoder failed on frame a701002a010866280bc40105: workshop:1:7: Error: no"


def test_a_header_check_reads_what_only_the_checksum_read_before() -> None:
    before = workshop.inspect(reference(5)).inspection
    after = workshop.inspect(reference(6)).inspection
    assert [before.bytes[i].lines for i in (0, 1, 4)] == [[2], [2], [2]]  # only the checksum loop
    assert [after.bytes[i].lines for i in (0, 1, 4)] == [[2, 4], [2, 4], [2, 5]]
