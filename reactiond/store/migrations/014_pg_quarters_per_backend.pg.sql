-- Analytics' quarter-hour counters (010_page_reads.pg.sql) without a hot row (issue 18).
--
-- 010's row-level triggers add every action and every parse to one row per quarter hour
-- (and emoji, rule, reactor; parser, language), which the transaction then holds locked
-- until it commits: two workers finishing reactions of the same kind at once wait on each
-- other's commit, one fsync after the other. As the counters of 013 do, each server
-- backend (`pg_backend_pid()`) now adds to rows of its own, which no other transaction
-- waits on, and a removal subtracts on the remover's row (never another backend's). The
-- analytics reads (store/queries/analytics.sql) already add rows up by group, so they are
-- unchanged. Rows are at most one per backend that wrote in a quarter; a quarter's rows
-- stay few, and old quarters leave with retention like the rows they count.

ALTER TABLE action_quarters ADD COLUMN backend INTEGER NOT NULL DEFAULT 0;
ALTER TABLE action_quarters DROP CONSTRAINT action_quarters_pkey;
ALTER TABLE action_quarters
    ADD PRIMARY KEY (bucket, emoji, rule_id, rule_name, reactor_id, backend);

ALTER TABLE parse_quarters ADD COLUMN backend INTEGER NOT NULL DEFAULT 0;
ALTER TABLE parse_quarters DROP CONSTRAINT parse_quarters_pkey;
ALTER TABLE parse_quarters ADD PRIMARY KEY (bucket, parser, language, backend);

CREATE OR REPLACE FUNCTION action_quarters_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO action_quarters AS q
            (bucket, emoji, rule_id, rule_name, reactor_id, backend, n, ok)
        VALUES ((floor(OLD.created_at / 900) * 900)::bigint, OLD.emoji, COALESCE(OLD.rule_id, 0),
                OLD.rule_name, OLD.reactor_id, pg_backend_pid(), -1,
                -CASE WHEN OLD.outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END)
        ON CONFLICT (bucket, emoji, rule_id, rule_name, reactor_id, backend)
        DO UPDATE SET n = q.n + EXCLUDED.n, ok = q.ok + EXCLUDED.ok;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO action_quarters AS q
            (bucket, emoji, rule_id, rule_name, reactor_id, backend, n, ok)
        VALUES ((floor(NEW.created_at / 900) * 900)::bigint, NEW.emoji, COALESCE(NEW.rule_id, 0),
                NEW.rule_name, NEW.reactor_id, pg_backend_pid(), 1,
                CASE WHEN NEW.outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END)
        ON CONFLICT (bucket, emoji, rule_id, rule_name, reactor_id, backend)
        DO UPDATE SET n = q.n + EXCLUDED.n, ok = q.ok + EXCLUDED.ok;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION parse_quarters_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign INTEGER := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
    r RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN
        r := OLD;
    ELSE
        r := NEW;
    END IF;
    INSERT INTO parse_quarters AS q
        (bucket, parser, language, backend, n, ok, confidence_sum, micros_sum)
    VALUES ((floor(r.created_at / 900) * 900)::bigint, r.parser, r.language, pg_backend_pid(),
            sign, sign * r.success, sign * r.confidence, sign * r.micros)
    ON CONFLICT (bucket, parser, language, backend) DO UPDATE SET
        n = q.n + EXCLUDED.n, ok = q.ok + EXCLUDED.ok,
        confidence_sum = q.confidence_sum + EXCLUDED.confidence_sum,
        micros_sum = q.micros_sum + EXCLUDED.micros_sum;
    RETURN NULL;
END
$$;
