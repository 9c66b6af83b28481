"""The `reactiond` command: one module per command group, each a thin layer over the
functions the HTTP API calls. `main.py` is the root (`reactiond.cli.main:main`, also
`python -m reactiond`) and lists every group; `common.py` holds what they share (the
settings, the store, one-line errors); `text.py`/`click.py` hold the words in es/en/pt/fr.

Nothing is imported here: importing `reactiond.cli.text` (for the catalog) must not pay
for the commands."""
