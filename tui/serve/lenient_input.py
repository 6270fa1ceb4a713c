"""A participant's keystrokes as the app can read them: always UTF-8.

The app decodes its terminal input as strict UTF-8; one byte from a Latin-1 or Windows-1252
terminal ("café" typed there arrives as ``caf\\xe9``) ended the participant's app in 0.3 s and lost
the edit. The door now passes valid UTF-8 through unchanged, holds back an incomplete sequence
until its next byte, and reads each byte that is no UTF-8 as Windows-1252 (a superset of
Latin-1's letters), so "café" arrives as "café". Bytes Windows-1252 leaves undefined become U+FFFD.
"""

from __future__ import annotations

import codecs

_HANDLER = "spbe-planner-cp1252"


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_HANDLER, _as_cp1252)


class LenientInput:
    """Feed raw bytes, get valid UTF-8 bytes (an incomplete trailing sequence waits for more)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors=_HANDLER)

    def feed(self, data: bytes) -> bytes:
        return self._decoder.decode(data).encode("utf-8")
