"""reactiond: one emoji turns a WhatsApp message into a task, event, bill or note."""

__version__ = "0.1.0"
