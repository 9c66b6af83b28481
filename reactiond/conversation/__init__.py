"""Talking to reactiond in WhatsApp (issue 20): what an edit, a reply quoting a
confirmation, a reaction on reactiond's own message or a question means. Pure planning,
like engine/reaction_plan: `now` and `tz` are arguments, the data comes in, decisions go
out; the engine reads and writes (engine/conversation_*.py)."""
