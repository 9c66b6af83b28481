"""A time budget shared by every step of one document (OSD, OCR passes, PDF tools)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from reactiond.documents.errors import DocumentError

__all__ = ["Budget"]

# Below this, starting another tesseract run is pointless: it would only time out.
_MIN_STEP_S = 0.5


@dataclass
class Budget:
    deadline: float  # time.monotonic() value

    @classmethod
    def of(cls, seconds: float) -> Budget:
        return cls(time.monotonic() + max(seconds, 0.0))

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def enough(self) -> bool:
        """Time for one more optional step (a second orientation, a denoised retry)."""
        return self.left() >= _MIN_STEP_S

    def step(self) -> float:
        """Seconds the next required step may take; raises when the budget is spent."""
        left = self.left()
        if left <= 0:
            raise DocumentError("timed_out", "reading the document took longer than its time limit")
        return left
