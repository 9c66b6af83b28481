-- Analytics over a window [:since, :until) (reactiond/store/analytics_repo.py).
--
-- Each sums the kept quarter-hour counters (migration 010) of the quarters the window
-- covers whole, [:lo, :hi), and adds the raw rows of the partial quarters at its ends,
-- [:since, :lo) and [:hi, :until), found through the created_at indexes: a window of a
-- week reads its ~700 quarters whatever the number of actions in it.

-- parse_figures --
SELECT parser, language, SUM(parses.n) AS total, SUM(ok) AS ok,
       SUM(confidence_sum) / SUM(parses.n) AS confidence,
       SUM(micros_sum) * 1.0 / SUM(parses.n) AS micros
FROM (
    SELECT parser, language, n, ok, confidence_sum, micros_sum FROM parse_quarters
    WHERE bucket >= :lo AND bucket < :hi
    UNION ALL
    SELECT parser, language, 1, success, confidence, micros FROM nlp_log
    WHERE created_at >= :since AND created_at < :lo
    UNION ALL
    SELECT parser, language, 1, success, confidence, micros FROM nlp_log
    WHERE created_at >= :hi AND created_at < :until
) parses
GROUP BY parser, language HAVING SUM(parses.n) > 0 ORDER BY parser, language;

-- action_groups --
-- An action "succeeded" when it made its record (a later cancellation does not undo that).
SELECT emoji, NULLIF(rule_id, 0) AS rule_id, rule_name, SUM(acts.n) AS n, SUM(ok) AS ok
FROM (
    SELECT emoji, rule_id, rule_name, n, ok FROM action_quarters
    WHERE bucket >= :lo AND bucket < :hi
    UNION ALL
    SELECT emoji, COALESCE(rule_id, 0), rule_name, 1,
           CASE WHEN outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END
    FROM actions WHERE created_at >= :since AND created_at < :lo
    UNION ALL
    SELECT emoji, COALESCE(rule_id, 0), rule_name, 1,
           CASE WHEN outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END
    FROM actions WHERE created_at >= :hi AND created_at < :until
) acts
GROUP BY emoji, rule_id, rule_name HAVING SUM(acts.n) > 0
ORDER BY SUM(acts.n) DESC, emoji, rule_name;

-- top_reactors --
SELECT p.id, p.display_jid AS jid, p.name, SUM(acts.n) AS n
FROM (
    SELECT reactor_id, n FROM action_quarters WHERE bucket >= :lo AND bucket < :hi
    UNION ALL
    SELECT reactor_id, 1 FROM actions WHERE created_at >= :since AND created_at < :lo
    UNION ALL
    SELECT reactor_id, 1 FROM actions WHERE created_at >= :hi AND created_at < :until
) acts JOIN people p ON p.id = acts.reactor_id
GROUP BY p.id, p.display_jid, p.name HAVING SUM(acts.n) > 0
ORDER BY SUM(acts.n) DESC, p.id LIMIT :top;

-- action_times --
-- How many actions at each time: a whole quarter's count at its first second, an
-- action of a partial quarter at its own time.
SELECT bucket AS at, SUM(n) AS n FROM action_quarters
WHERE bucket >= :lo AND bucket < :hi GROUP BY bucket HAVING SUM(n) > 0
UNION ALL
SELECT created_at, 1 FROM actions WHERE created_at >= :since AND created_at < :lo
UNION ALL
SELECT created_at, 1 FROM actions WHERE created_at >= :hi AND created_at < :until;
