-- SPDX-FileCopyrightText: 2026 Interlock developers
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal schema v6: local accounts (sign-in and roles) and four-eyes approval requests.
-- Account names are unique without regard to case. The password is stored as a salted, slow
-- hash: scheme 'pbkdf2-sha256' (PBKDF2-HMAC-SHA256), the iteration count beside it so it can be
-- raised later (an account is re-hashed at its next sign-in), a 16-byte random salt and the
-- 32-byte derived key. Plants: a comma list of sites the account may act on; empty = all.
-- Lock-out: `failed_sign_ins` consecutive failures; at the limit `locked_until` is set (ms since
-- the epoch; 0 = not locked) and sign-in is refused until then. Changes are audited by the
-- application in the same transaction (actions user.*).
CREATE TABLE account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'supervisor', 'integration', 'admin')),
    plants TEXT NOT NULL DEFAULT '',
    password_scheme TEXT NOT NULL,
    password_iterations INTEGER NOT NULL CHECK (password_iterations > 0),
    password_salt BLOB NOT NULL,
    password_hash BLOB NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    last_failed_at INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    last_sign_in_at INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT account_name UNIQUE (name)
)
;;
-- Four eyes: an action over the configured thresholds is recorded here as 'pending' by the
-- first person and executed when a second, different person approves it ('approved', with how
-- many messages changed), or dropped ('rejected'). message_ids is a comma list.
CREATE TABLE approval (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL,
    message_ids TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    requested_by TEXT NOT NULL,
    requested_role TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    decided_by TEXT,
    decided_role TEXT,
    decided_at INTEGER,
    decision_note TEXT,
    applied INTEGER
)
;;
CREATE INDEX approval_state ON approval (state, id)
