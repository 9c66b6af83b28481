"""Running reactiond for real: single-instance lock, backups, retention, doctor."""
