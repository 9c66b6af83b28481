"""Suite-wide settings (keep this small; each tests folder has its own conftest.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Hypothesis fails an example that takes over 200 ms (`deadline`) and a test whose data is
# slow to generate (`too_slow`). On a loaded CI machine both happen while the code is
# right, so the property tests would fail by the clock, not by a counterexample. Speed
# has its own place: the benchmarks (bench/) and the explicit CPU-time bounds.
settings.register_profile(
    "reactiond",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("reactiond")
