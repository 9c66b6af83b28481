"""The `reactiond` command: one module per command group, each a thin layer over the
functions the HTTP API calls. `entry.py` is the console entry point (also `python -m
reactiond`); `main.py` is the Typer root and lists every command; `common.py` holds what
they share (the settings, the store, one-line errors); `text.py`/`click.py` hold the words
in es/en/pt/fr.

Nothing is imported here: importing `reactiond.cli.text` (for the catalog) must not pay
for the commands."""
