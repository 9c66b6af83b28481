-- Analytics over a window [:since, :until) (reactiond/store/analytics_repo.py).

-- parse_figures --
SELECT parser, language, COUNT(*) AS total, SUM(success) AS ok,
       AVG(confidence) AS confidence, AVG(micros) AS micros
FROM nlp_log
WHERE created_at >= :since AND created_at < :until
GROUP BY parser, language ORDER BY parser, language;

-- action_groups --
-- An action "succeeded" when it made its record (a later cancellation does not undo that).
SELECT a.emoji, a.rule_id, a.rule_name, COUNT(*) AS n,
       SUM(CASE WHEN outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END) AS ok
FROM actions a
WHERE a.created_at >= :since AND a.created_at < :until
GROUP BY a.emoji, a.rule_id, a.rule_name ORDER BY n DESC, a.emoji, a.rule_name;

-- top_reactors --
SELECT p.id, p.display_jid AS jid, p.name, COUNT(*) AS n
FROM actions a JOIN people p ON p.id = a.reactor_id
WHERE a.created_at >= :since AND a.created_at < :until
GROUP BY p.id, p.display_jid, p.name ORDER BY n DESC, p.id LIMIT :top;

-- action_times --
SELECT a.created_at FROM actions a WHERE a.created_at >= :since AND a.created_at < :until;
