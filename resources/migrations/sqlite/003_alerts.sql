-- SPDX-FileCopyrightText: 2026 Interlock developers
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal schema v3: alert rules and the alerts they raise.
-- A rule watches one metric of the plant × flow cells it covers (empty plant or flow = any).
-- Metrics and units: lag_p95_ms (ms), failure_rate (% of attempts that failed in the recent
-- window), stuck_count (messages), backlog_age_ms (ms). A cell breaches a rule when its
-- observed value >= threshold. Of several enabled rules for one metric, the most specific
-- (plant and flow, then plant, then flow, then any) judges the cell.
CREATE TABLE alert_rule (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flow TEXT NOT NULL DEFAULT '',
    plant TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL,
    threshold REAL NOT NULL CHECK (threshold > 0),
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT alert_rule_scope UNIQUE (flow, plant, metric)
)
;;
-- Life of an alert (ISA-18.2 style): 'open' when raised, 'acknowledged' by a person while the
-- condition holds, 'cleared' when the condition stops (acknowledged or not). It stays live (it
-- blocks a second alert of the same rule and cell, so no second notification) until it is both
-- acknowledged and cleared; a cleared but unacknowledged alert whose condition returns is
-- opened again instead of raising a new one.
CREATE TABLE alert (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id INTEGER NOT NULL REFERENCES alert_rule (id),
    plant TEXT NOT NULL,
    flow TEXT NOT NULL,
    metric TEXT NOT NULL,
    observed REAL NOT NULL,
    threshold REAL NOT NULL,
    raised_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'cleared')),
    acknowledged_by TEXT,
    acknowledged_at INTEGER,
    comment TEXT,
    cleared_at INTEGER
)
;;
-- At most one live alert per rule × cell, even with several consoles evaluating at once.
CREATE UNIQUE INDEX alert_live ON alert (rule_id, plant, flow) WHERE acknowledged_at IS NULL OR cleared_at IS NULL
;;
CREATE INDEX alert_state ON alert (state, raised_at)
;;
-- Failure rate over a recent window reads attempts by time.
CREATE INDEX attempt_started ON attempt (started_at)
;;
-- Defaults so a fresh journal watches something: the SLO's critical levels.
INSERT INTO alert_rule (flow, plant, metric, threshold, enabled, updated_by, updated_at) VALUES
    ('', '', 'lag_p95_ms', 300000, 1, 'system', 0),
    ('', '', 'failure_rate', 25, 1, 'system', 0),
    ('', '', 'stuck_count', 5, 1, 'system', 0),
    ('', '', 'backlog_age_ms', 1800000, 1, 'system', 0)
