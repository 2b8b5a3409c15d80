"""The workshop's GH/1 frames and its step checker on whole decoders (tbkit.workshop.check)."""

from __future__ import annotations

import pytest

from tbkit.workshop import CheckResult, check, decode_frame, encode_frame, sample_frames

FULL = """
var b = payload;
var x = 0;
for (var i = 0; i < 11; i++) x ^= b[i];
if (x !== b[11]) throw new Error('checksum mismatch');
var t = (b[5] << 8) | b[6];
if (t > 32767) t -= 65536;
var n = String((b[2] << 8) | b[3]);
while (n.length < 4) n = '0' + n;
return {deviceName: 'GH-' + n, deviceType: 'Greenhouse Sensor',
        attributes: {door: (b[10] & 1) === 1, heater: (b[10] & 2) === 2},
        telemetry: {temperature: t / 100, humidity: b[7], battery: ((b[8] << 8) | b[9]) / 1000}};
"""
# step 1 only: the name is right, the rest is missing
NAME_ONLY = """
var n = String((payload[2] << 8) | payload[3]);
while (n.length < 4) n = '0' + n;
return {deviceName: 'GH-' + n, deviceType: 'Greenhouse Sensor', telemetry: {}};
"""
# an unsigned temperature: wrong for the negative sample
UNSIGNED = FULL.replace("if (t > 32767) t -= 65536;", "")


def test_frames_decode_to_the_reference_output() -> None:
    frame = encode_frame(7, -1.25, 93, 2870, heater=True)
    assert frame[0] == 0xA7 and len(frame) == 12
    assert decode_frame(frame) == {
        "deviceName": "GH-0007",
        "deviceType": "Greenhouse Sensor",
        "attributes": {"door": False, "heater": True},
        "telemetry": {"temperature": -1.25, "humidity": 93, "battery": 2.87},
    }
    corrupt = encode_frame(7, -1.25, 93, 2870, heater=True, corrupt=True)
    assert corrupt[:11] == frame[:11] and corrupt[11] == frame[11] ^ 0xFF


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_a_complete_decoder_passes_every_step(step: int) -> None:
    result = check(step, FULL)
    assert (result.step, result.passed) == (step, True), result.message


def test_messages_of_passing_steps() -> None:
    assert check(2, FULL).message == "telemetry.temperature right for all 4 sample frames"
    assert check(5, FULL).message == "bad checksums are refused (Error: checksum mismatch)"


def test_a_partial_decoder_passes_step_1_and_fails_step_2() -> None:
    assert check(1, NAME_ONLY).passed
    failed = check(2, NAME_ONLY)
    first = sample_frames()[0].hex()
    assert (failed.passed, failed.message) == (
        False,
        'the output has no telemetry.temperature: {"deviceName": "GH-0042", "deviceType": "Greenhouse Sensor", '
        f'"telemetry": {{}}}} (frame {first})',  # JSON, as the learner writes it
    )


def test_a_wrong_value_names_the_frame_and_both_values() -> None:
    negative = sample_frames()[1].hex()
    assert check(2, UNSIGNED) == CheckResult(
        2, False, f"telemetry.temperature for frame {negative}: expected -1.25, got 654.11"
    )


def test_step_5_needs_the_checksum_checked() -> None:
    without = FULL.replace("if (x !== b[11]) throw new Error('checksum mismatch');", "")
    assert check(5, without) == CheckResult(
        5, False, "a frame with a wrong checksum was accepted: throw an Error for it"
    )


def test_a_decoder_that_does_not_compile_fails_with_the_error() -> None:
    result = check(3, "return {;")
    assert result.passed is False and result.message.startswith("the decoder does not compile: ")


def test_results_show_as_text_and_html() -> None:
    assert repr(CheckResult(2, True, "ok")) == "PASS step 2: ok"
    html = CheckResult(3, False, "got <b>")._repr_html_()
    assert "<b>Not yet</b> (step 3): got &lt;b&gt;" in html
