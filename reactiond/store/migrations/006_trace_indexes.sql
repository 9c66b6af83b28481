-- Indexes for the trace of one message (reactiond/store/queries/trace.sql): the actions,
-- records, parses and replies of a message are found by its (instance, message id) and
-- by action id, never by walking a whole table (the trace page answers in milliseconds
-- with 100,000 records).

-- actions by (instance, message_id): actions_target (003) already leads with those columns
CREATE INDEX tasks_message ON tasks(instance, message_id);
CREATE INDEX calendar_events_message ON calendar_events(instance, message_id);
CREATE INDEX bills_message ON bills(instance, message_id);
CREATE INDEX notes_message ON notes(instance, message_id);
CREATE INDEX nlp_log_action ON nlp_log(action_id);
-- outbox by action_id: outbox_action (005) already exists
