-- SPDX-FileCopyrightText: 2026 Interlock developers
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal schema v1. Times are milliseconds since the Unix epoch (UTC).
-- Statements are separated by lines holding only ';;' so the migrator needs no SQL parser.
CREATE TABLE message (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flow TEXT NOT NULL,
    operation TEXT NOT NULL,
    plant TEXT NOT NULL,
    source_system TEXT NOT NULL,
    target_system TEXT NOT NULL,
    business_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    source_payload TEXT NOT NULL,
    target_payload TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    error_class TEXT,
    error_code TEXT,
    error_text TEXT,
    blocked_domain TEXT,
    blocked_value TEXT,
    target_ref TEXT,
    event_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    posted_at INTEGER,
    updated_at INTEGER NOT NULL,
    CONSTRAINT message_idempotency UNIQUE (idempotency_key),
    CONSTRAINT message_order UNIQUE (business_key, seq)
)
;;
CREATE INDEX message_due ON message (state, next_attempt_at)
;;
CREATE INDEX message_cell ON message (plant, flow, state)
;;
CREATE INDEX message_blocked ON message (blocked_domain, blocked_value) WHERE state = 'blocked'
;;
CREATE INDEX message_posted ON message (plant, flow, posted_at) WHERE posted_at IS NOT NULL
;;
CREATE TABLE attempt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL REFERENCES message (id),
    started_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    http_status INTEGER NOT NULL DEFAULT 0,
    error_class TEXT,
    error_code TEXT,
    request TEXT,
    excerpt TEXT,
    engine TEXT
)
;;
CREATE INDEX attempt_message ON attempt (message_id, id)
;;
CREATE TABLE mapping (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL,
    plant TEXT NOT NULL DEFAULT '',
    source_system TEXT NOT NULL,
    source_value TEXT NOT NULL,
    target_system TEXT NOT NULL,
    target_value TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT mapping_unique UNIQUE (domain, plant, source_system, source_value, target_system)
)
;;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    message_ids TEXT,
    before_value TEXT,
    after_value TEXT,
    note TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
)
;;
CREATE TABLE watermark (
    connector TEXT NOT NULL,
    plant TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (connector, plant)
)
;;
CREATE TABLE endpoint_health (
    endpoint TEXT PRIMARY KEY,
    breaker TEXT NOT NULL,
    since INTEGER NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at INTEGER NOT NULL
)
