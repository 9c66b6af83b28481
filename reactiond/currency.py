"""Which three-letter codes are currencies: Babel's list of ISO 4217 codes, so that a
typo such as "XYZ" is refused where it is typed (a rule's config, a bill's change)
instead of being stored and failing later when a reply is formatted."""

from __future__ import annotations

import functools


@functools.cache
def _known() -> frozenset[str]:
    # Babel's locale data loads on the first check, not with every module that validates.
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def iso_currency(value: str) -> str:
    """`value` upper-cased if it is an ISO 4217 code; ValueError naming it otherwise."""
    code = value.strip().upper()
    if code not in _known():
        raise ValueError(
            f"{code or repr(value)} is not an ISO 4217 currency: write a code such as MXN, USD,"
            " EUR or BRL"
        )
    return code
