-- SPDX-FileCopyrightText: 2026 Interlock developers
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal schema v2: indexes measured with tests/bench on a 1,000,000-row journal.
-- Transaction view filtered by plant and state: rows come out in id order, no sort.
CREATE INDEX message_plant_state ON message (plant, state)
;;
-- Lag of the overview (posted since a time, all plants): a covering range scan.
CREATE INDEX message_state_posted ON message (state, posted_at, plant, flow, event_at)
;;
-- superseded by message_state_posted
DROP INDEX IF EXISTS message_posted
