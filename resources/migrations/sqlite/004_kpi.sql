-- SPDX-FileCopyrightText: 2026 Interlock developers
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal schema v4: hourly KPI rollups, kept by triggers in the transaction of each change.
-- Why: the KPI dashboard must refresh in < 300 ms on a 1,000,000-row journal; SQLite needs about
-- 80-100 ns per index entry per aggregate pass and sorts every GROUP BY, so any figure read from
-- the message rows costs 0.3-2 s over a week of traffic. Posting is terminal (a posted message
-- never changes again) and attempts are append-only, so an hourly rollup is exact and never
-- needs correcting. An hour is floor(ms / 3,600,000): UTC hours.
-- Cost: figures only from numeric JSON fields of the source payload (Maximo): parts
-- (flow parts_consumption) |linecost|, else |quantity| x unitcost, negative for goods_return;
-- labor (flow labor_confirmation) linecost, else regularhrs x payrate. A posting without them
-- counts as posted but not costed, so the console can say how much of the cost it can see.
CREATE TABLE kpi_hour (
    plant TEXT NOT NULL,
    hour INTEGER NOT NULL,
    posted INTEGER NOT NULL DEFAULT 0,
    first_attempt INTEGER NOT NULL DEFAULT 0,
    lag_sum INTEGER NOT NULL DEFAULT 0,
    lag_max INTEGER NOT NULL DEFAULT 0,
    parts_posted INTEGER NOT NULL DEFAULT 0,
    parts_costed INTEGER NOT NULL DEFAULT 0,
    parts_cost REAL NOT NULL DEFAULT 0,
    labor_posted INTEGER NOT NULL DEFAULT 0,
    labor_costed INTEGER NOT NULL DEFAULT 0,
    labor_cost REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (plant, hour)
) WITHOUT ROWID
;;
-- Lag (source event -> posted) histogram: bins named by their upper bound in ms (inclusive).
CREATE TABLE kpi_lag_bin (upper INTEGER PRIMARY KEY)
;;
INSERT INTO kpi_lag_bin (upper) VALUES (250), (500), (750), (1000), (1500), (2000), (3000), (4000), (5000),
    (6000), (8000), (10000), (12000), (15000), (20000), (25000), (30000), (40000), (50000), (60000), (90000),
    (120000), (180000), (240000), (300000), (420000), (600000), (900000), (1200000), (1800000), (2700000),
    (3600000), (5400000), (7200000), (10800000), (14400000), (21600000), (43200000), (86400000), (172800000),
    (604800000), (9223372036854775807)
;;
CREATE TABLE kpi_lag (
    plant TEXT NOT NULL,
    hour INTEGER NOT NULL,
    bin INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (plant, hour, bin)
) WITHOUT ROWID
;;
CREATE TRIGGER kpi_message_posted AFTER UPDATE OF state ON message
WHEN NEW.state = 'posted' AND OLD.state <> 'posted' AND NEW.posted_at IS NOT NULL
BEGIN
    INSERT INTO kpi_hour (plant, hour, posted, first_attempt, lag_sum, lag_max, parts_posted, parts_costed,
        parts_cost, labor_posted, labor_costed, labor_cost)
    SELECT NEW.plant, NEW.posted_at / 3600000, 1, NEW.attempts = 1, c.lag, c.lag,
        NEW.flow = 'parts_consumption', c.parts IS NOT NULL, COALESCE(c.parts, 0),
        NEW.flow = 'labor_confirmation', c.labor IS NOT NULL, COALESCE(c.labor, 0)
    FROM (SELECT MAX(NEW.posted_at - NEW.event_at, 0) AS lag,
        CASE WHEN NEW.flow <> 'parts_consumption' OR NOT json_valid(NEW.source_payload) THEN NULL
            WHEN json_type(NEW.source_payload, '$.linecost') IN ('integer', 'real')
                THEN abs(json_extract(NEW.source_payload, '$.linecost'))
            WHEN json_type(NEW.source_payload, '$.quantity') IN ('integer', 'real')
                AND json_type(NEW.source_payload, '$.unitcost') IN ('integer', 'real')
                THEN abs(json_extract(NEW.source_payload, '$.quantity')) * json_extract(NEW.source_payload, '$.unitcost')
        END * (CASE WHEN NEW.operation = 'goods_return' THEN -1 ELSE 1 END) AS parts,
        CASE WHEN NEW.flow <> 'labor_confirmation' OR NOT json_valid(NEW.source_payload) THEN NULL
            WHEN json_type(NEW.source_payload, '$.linecost') IN ('integer', 'real')
                THEN json_extract(NEW.source_payload, '$.linecost')
            WHEN json_type(NEW.source_payload, '$.regularhrs') IN ('integer', 'real')
                AND json_type(NEW.source_payload, '$.payrate') IN ('integer', 'real')
                THEN json_extract(NEW.source_payload, '$.regularhrs') * json_extract(NEW.source_payload, '$.payrate')
        END AS labor) AS c
    WHERE true
    ON CONFLICT (plant, hour) DO UPDATE SET posted = posted + 1, first_attempt = first_attempt + excluded.first_attempt,
        lag_sum = lag_sum + excluded.lag_sum, lag_max = MAX(lag_max, excluded.lag_max),
        parts_posted = parts_posted + excluded.parts_posted, parts_costed = parts_costed + excluded.parts_costed,
        parts_cost = parts_cost + excluded.parts_cost, labor_posted = labor_posted + excluded.labor_posted,
        labor_costed = labor_costed + excluded.labor_costed, labor_cost = labor_cost + excluded.labor_cost;
    INSERT INTO kpi_lag (plant, hour, bin, n)
    SELECT NEW.plant, NEW.posted_at / 3600000, MIN(b.upper), 1 FROM kpi_lag_bin b
    WHERE b.upper >= MAX(NEW.posted_at - NEW.event_at, 0)
    ON CONFLICT (plant, hour, bin) DO UPDATE SET n = n + 1;
END
;;
-- Attempts: every call to a target; failed when it carries an error class.
CREATE TRIGGER kpi_attempt AFTER INSERT ON attempt
BEGIN
    INSERT INTO kpi_hour (plant, hour, attempts, failed)
    SELECT m.plant, NEW.started_at / 3600000, 1, NEW.error_class IS NOT NULL FROM message m WHERE m.id = NEW.message_id
    ON CONFLICT (plant, hour) DO UPDATE SET attempts = attempts + 1, failed = failed + excluded.failed;
END
;;
-- Backfill from the journal as it is (one pass at upgrade).
INSERT INTO kpi_hour (plant, hour, posted, first_attempt, lag_sum, lag_max, parts_posted, parts_costed, parts_cost,
    labor_posted, labor_costed, labor_cost)
SELECT plant, posted_at / 3600000, COUNT(*), SUM(attempts = 1), SUM(lag), MAX(lag), SUM(flow = 'parts_consumption'),
    COUNT(parts), TOTAL(parts), SUM(flow = 'labor_confirmation'), COUNT(labor), TOTAL(labor)
FROM (SELECT plant, posted_at, attempts, flow, MAX(posted_at - event_at, 0) AS lag,
    CASE WHEN flow <> 'parts_consumption' OR NOT json_valid(source_payload) THEN NULL
        WHEN json_type(source_payload, '$.linecost') IN ('integer', 'real')
            THEN abs(json_extract(source_payload, '$.linecost'))
        WHEN json_type(source_payload, '$.quantity') IN ('integer', 'real')
            AND json_type(source_payload, '$.unitcost') IN ('integer', 'real')
            THEN abs(json_extract(source_payload, '$.quantity')) * json_extract(source_payload, '$.unitcost')
    END * (CASE WHEN operation = 'goods_return' THEN -1 ELSE 1 END) AS parts,
    CASE WHEN flow <> 'labor_confirmation' OR NOT json_valid(source_payload) THEN NULL
        WHEN json_type(source_payload, '$.linecost') IN ('integer', 'real')
            THEN json_extract(source_payload, '$.linecost')
        WHEN json_type(source_payload, '$.regularhrs') IN ('integer', 'real')
            AND json_type(source_payload, '$.payrate') IN ('integer', 'real')
            THEN json_extract(source_payload, '$.regularhrs') * json_extract(source_payload, '$.payrate')
    END AS labor
    FROM message WHERE state = 'posted' AND posted_at IS NOT NULL)
GROUP BY plant, posted_at / 3600000
;;
INSERT INTO kpi_lag (plant, hour, bin, n)
SELECT plant, hour, bin, COUNT(*) FROM (SELECT plant, posted_at / 3600000 AS hour,
    (SELECT MIN(b.upper) FROM kpi_lag_bin b WHERE b.upper >= MAX(posted_at - event_at, 0)) AS bin
    FROM message WHERE state = 'posted' AND posted_at IS NOT NULL)
GROUP BY plant, hour, bin
;;
INSERT INTO kpi_hour (plant, hour, attempts, failed)
SELECT m.plant, a.started_at / 3600000, COUNT(*), SUM(a.error_class IS NOT NULL)
FROM attempt a JOIN message m ON m.id = a.message_id WHERE true GROUP BY m.plant, a.started_at / 3600000
ON CONFLICT (plant, hour) DO UPDATE SET attempts = attempts + excluded.attempts, failed = failed + excluded.failed
