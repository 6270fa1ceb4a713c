"""The byte protocol between a browser session's relay and its app (Textual's web driver).

The app runs with Textual's ``WebDriver`` on a raw pseudo-terminal. It first writes the line
``__GANGLION__``, then packets: one type byte, a 4-byte big-endian length, the payload.

- ``D``: terminal output for the browser (relay → websocket as binary);
- ``M``: JSON meta (``exit``, ``open_url``, ``deliver_file_start``, …);
- ``P``: a packed structure in Textual's bencode-like encoding; ``deliver_chunk`` carries a
  piece of a file being downloaded.

Towards the app, the relay writes ``D`` packets (keystrokes) and ``M`` packets (``resize``,
``focus``, ``blur``, ``quit``, ``deliver_chunk_request``). This module is written from that
description, with limits on packet size and nesting so a misbehaving app cannot make the relay
allocate without bound.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

PRELUDE = b"__GANGLION__\n"
MAX_PACKET = 8 << 20  # a frame of a 300x120 screen is well under 1 MiB; a file chunk is 64 KiB
MAX_DEPTH = 16


class ProtocolError(ValueError):
    pass


def encode(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def meta(message: dict[str, Any]) -> bytes:
    return encode(b"M", json.dumps(message).encode())


def keys(text: str) -> bytes:
    # "replace": a lone surrogate (valid in JSON, not in UTF-8) must not end the session.
    return encode(b"D", text.encode("utf-8", errors="replace"))


class PacketReader:
    """Feed it bytes as they come; it yields (kind, payload) for every complete packet."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.started = False

    def feed(self, data: bytes) -> Iterator[tuple[bytes, bytes]]:
        self.buffer += data
        if not self.started:
            at = self.buffer.find(PRELUDE)
            if at < 0:
                if len(self.buffer) > 64 * 1024:  # not the web driver talking: give up on it
                    raise ProtocolError("no prelude")
                return
            del self.buffer[:at + len(PRELUDE)]
            self.started = True
        while len(self.buffer) >= 5:
            kind = bytes(self.buffer[:1])
            size = int.from_bytes(self.buffer[1:5], "big")
            if kind not in (b"D", b"M", b"P") or size > MAX_PACKET:
                raise ProtocolError(f"bad packet {kind!r} of {size} bytes")
            if len(self.buffer) < 5 + size:
                return
            payload = bytes(self.buffer[5:5 + size])
            del self.buffer[:5 + size]
            yield kind, payload


def unpack(data: bytes) -> Any:
    """Decode one packed value: N, T, F, i<n>e, <len>:<bytes>, s<len>:<utf-8>, l…e, t…e, d…e."""
    value, end = _value(data, 0, 0)
    if end != len(data):
        raise ProtocolError("trailing data")
    return value


def _length(data: bytes, at: int) -> tuple[int, int]:
    colon = data.find(b":", at, at + 12)
    if colon < 0 or not data[at:colon].isdigit():
        raise ProtocolError("bad length")
    size = int(data[at:colon])
    if colon + 1 + size > len(data):
        raise ProtocolError("short data")
    return size, colon + 1


def _value(data: bytes, at: int, depth: int) -> tuple[Any, int]:
    if depth > MAX_DEPTH or at >= len(data):
        raise ProtocolError("too deep or too short")
    tag = data[at:at + 1]
    if tag == b"N":
        return None, at + 1
    if tag in (b"T", b"F"):
        return tag == b"T", at + 1
    if tag == b"i":
        end = data.find(b"e", at)
        if end < 0:
            raise ProtocolError("bad int")
        try:
            return int(data[at + 1:end]), end + 1
        except ValueError:
            raise ProtocolError("bad int") from None
    if tag == b"s":
        size, start = _length(data, at + 1)
        try:
            return data[start:start + size].decode("utf-8"), start + size
        except UnicodeDecodeError:
            raise ProtocolError("bad text") from None
    if tag.isdigit():
        size, start = _length(data, at)
        return data[start:start + size], start + size
    if tag in (b"l", b"t", b"d"):
        items: list[Any] = []
        at += 1
        while at < len(data) and data[at:at + 1] != b"e":
            item, at = _value(data, at, depth + 1)
            items.append(item)
        if at >= len(data):
            raise ProtocolError("unterminated")
        if tag == b"d":
            if len(items) % 2:
                raise ProtocolError("odd dict")
            return dict(zip(items[::2], items[1::2], strict=True)), at + 1
        return (tuple(items) if tag == b"t" else items), at + 1
    raise ProtocolError(f"bad tag {tag!r}")


def browser_message(text: str) -> tuple[str, Any] | None:
    """A message of the browser client (``["stdin", "…"]``, ``["resize", {…}]``, ``["ping", x]``,
    ``["focus"]``), or None for anything else: malformed, nested 100,000 deep, not a list."""
    if len(text) > 1 << 20:
        return None
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None
