"""Emoji normalisation, so that what a phone sends matches what a rule names.

WhatsApp keyboards differ in what they send for the "same" emoji: `✔` or `✔️` (U+FE0F,
the emoji-presentation selector), `👍` or `👍🏽` (a skin-tone modifier). A rule names the
bare emoji and matches every variant. Zero-width-joiner sequences (`👩‍💻`) stay whole:
they are one emoji, not a woman and a laptop. Pure functions only.
"""

from __future__ import annotations

VARIATION_SELECTORS = frozenset({"\ufe0e", "\ufe0f"})
SKIN_TONES = frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))
_DROP = VARIATION_SELECTORS | SKIN_TONES
ZWJ = "\u200d"
MAX_EMOJI_CHARS = 32


def normalise_emoji(emoji: str) -> str:
    """The comparable form: variation selectors and skin tones removed, ZWJ kept."""
    kept = "".join(ch for ch in emoji.strip() if ch not in _DROP)
    # A ZWJ left dangling at either end (its neighbour was a dropped modifier) means nothing.
    return kept.strip(ZWJ)


def looks_like_emoji(value: str) -> bool:
    """Cheap sanity check for a trigger a person typed: something non-ASCII, no spaces,
    short. Exact emoji grammar is WhatsApp's business; this only refuses obvious typos
    such as "check" or "✅ ✔" (two triggers in one)."""
    return (
        bool(value)
        and len(value) <= MAX_EMOJI_CHARS
        and not any(ch.isspace() for ch in value)
        and any(ord(ch) > 0x7F for ch in value)
        and not any(ch.isascii() and ch.isalpha() for ch in value)
        # A lone surrogate (text cut inside an emoji), or the U+FFFD it is read as, is
        # half an emoji: no reaction can ever match it.
        and not any(ch == "\ufffd" or "\ud800" <= ch <= "\udfff" for ch in value)
    )
