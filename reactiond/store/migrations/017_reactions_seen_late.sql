-- A reaction that gave up on its message (unseen after every retry, "I can't see that
-- message" answered) runs again, once, when the message arrives after all: Evolution's
-- retries (5 s, 10 s, 20 s…) can deliver a message well after a reaction to it.
--
-- unseen_at:   when the reaction's job gave up because the message was not in the store
-- late_run_at: when the message arrived after that and the reaction was queued again (its
--              job keyed `reaction-late:<instance>:<reaction id>`); set once, never again
ALTER TABLE reactions ADD COLUMN unseen_at REAL;
ALTER TABLE reactions ADD COLUMN late_run_at REAL;
