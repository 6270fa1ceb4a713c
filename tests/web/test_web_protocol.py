"""The browser relay's wire format: packets and packed values, and what a hostile app cannot do."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.serve import web_protocol as wire

values = st.recursive(st.none() | st.booleans() | st.integers() | st.binary(max_size=40) | st.text(max_size=20),
                      lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner), max_leaves=12)


def pack(value: object) -> bytes:
    """An encoder written for the test from the format's description (the app side is Textual's)."""
    if value is None:
        return b"N"
    if isinstance(value, bool):
        return b"T" if value else b"F"
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, str):
        data = value.encode()
        return b"s%d:%s" % (len(data), data)
    if isinstance(value, tuple):
        return b"t" + b"".join(pack(v) for v in value) + b"e"
    if isinstance(value, list):
        return b"l" + b"".join(pack(v) for v in value) + b"e"
    raise TypeError(value)


@given(values)
def test_packed_values_round_trip(value: object) -> None:
    assert wire.unpack(pack(value)) == value


def test_textual_encodes_what_we_decode() -> None:
    from textual._binary_encode import dump  # the app side of the wire, as the app runs it

    chunk = ("deliver_chunk", "kunci", b"\x00\x01 isi berkas")
    assert wire.unpack(dump(chunk)) == chunk


@settings(max_examples=300, derandomize=True)
@given(st.binary(max_size=200))
def test_garbage_is_a_protocol_error_never_a_crash(data: bytes) -> None:
    with contextlib.suppress(wire.ProtocolError):
        wire.unpack(data)


def test_packets_are_read_across_reads_after_the_prelude() -> None:
    reader = wire.PacketReader()
    stream = b"noise\n" + wire.PRELUDE + wire.encode(b"D", b"abc") + wire.meta({"type": "exit"})
    got = []
    for k in range(0, len(stream), 3):
        got += list(reader.feed(stream[k:k + 3]))
    assert got == [(b"D", b"abc"), (b"M", b'{"type": "exit"}')]


@pytest.mark.parametrize("bad", [b"X\x00\x00\x00\x01a", b"D" + (wire.MAX_PACKET + 1).to_bytes(4, "big")])
def test_a_bad_or_huge_packet_stops_the_relay(bad: bytes) -> None:
    reader = wire.PacketReader()
    with pytest.raises(wire.ProtocolError):
        list(reader.feed(wire.PRELUDE + bad))


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(wire.ProtocolError):
        wire.unpack(b"l" * 100 + b"e" * 100)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(
    st.text(max_size=300),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                 lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
                 max_leaves=20).map(json.dumps),
    st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
    st.sampled_from(['["stdin", "\\\\ud800"]', '["stdin", "\\\\udfff\\\\ud800x"]', '["resize"]', "[]", '[1, 2]',
                     '["stdin", {"a": 1}]', '{"stdin": "x"}', '["stdin"' + ", 1" * 1000 + "]"]),
))
def test_any_browser_message_is_a_message_or_none_and_its_keys_always_encode(text: str) -> None:
    """What a browser (or anyone with a websocket) sends never ends the relay (fuzz, bad input III)."""
    parsed = wire.browser_message(text)
    if parsed is not None:
        kind, data = parsed
        assert isinstance(kind, str)
        if kind == "stdin" and isinstance(data, str):
            assert wire.keys(data)[:1] == b"D"
