"""What start-up allocated is kept out of the garbage collector's full passes (issue 17):
a full pass walks every tracked object with the GIL held, and at 1M records it stopped
the event loop for 100-300 ms in the middle of exports."""

from __future__ import annotations

import gc

from reactiond import app


def test_reactiond_run_freezes_the_start_up_heap_before_ready() -> None:
    gc.unfreeze()
    kept = [[i] for i in range(3)]  # start-up's objects, say
    assert all(any(o is k for o in gc.get_objects()) for k in kept)
    try:
        app.freeze_start_up_heap()
        assert gc.get_freeze_count() >= len(kept)
        # No collection walks them any more.
        assert not any(o is k for o in gc.get_objects() for k in kept)
    finally:
        gc.unfreeze()
