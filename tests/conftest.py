"""The whole suite runs with an English CLI, whatever the developer's locale: the CLI picks
its language once at import (reactiond/cli_text.py), and tests that check English output
must not depend on LANG. tests/cli/test_cli_languages.py sets the language per process."""

from __future__ import annotations

import os

os.environ["REACTIOND_LANGUAGE"] = "en"
