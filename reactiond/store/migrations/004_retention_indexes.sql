-- Indexes for retention (reactiond/ops/retention.py) and the event-log pruner: each
-- finds old rows by age, a batch at a time, and must not scan a whole table to do it.
-- tests/store/test_retention_indexes.py checks every statement's plan.

-- Raw payloads still to blank: once blanked, a row leaves the index, so later runs do
-- not walk over the (ever growing) blanked ones.
CREATE INDEX messages_raw_received ON messages(received_at) WHERE raw IS NOT NULL;
CREATE INDEX reactions_raw_received ON reactions(received_at) WHERE raw IS NOT NULL;

-- Reactions that led to nothing, by age.
CREATE INDEX reactions_received ON reactions(received_at);

-- "Did this reaction lead to an action?", and the foreign-key check when a reaction
-- row is deleted (actions.reaction_row_id references it).
CREATE INDEX actions_reaction ON actions(reaction_row_id);

-- Finished jobs and delivered replies by age (job_attempts is reached by its primary
-- key, which starts with job_id). status leads in jobs_finished so that the planner
-- prefers it to jobs_status_kind, which would walk every finished job.
CREATE INDEX jobs_finished ON jobs(status, finished_at) WHERE status IN ('done', 'cancelled');
CREATE INDEX outbox_finished ON outbox(updated_at) WHERE status IN ('sent', 'cancelled');

-- The stream's event log by age (nlp_log already has nlp_log_created).
CREATE INDEX event_log_created ON event_log(created_at);
