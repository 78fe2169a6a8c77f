-- SPDX-FileCopyrightText: 2026 Interlock developers
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal schema v5: the transaction table sorts by event time and by last change as well as by id.
-- Keyset paging walks (sort key, id) in either direction; an index on the key alone carries the
-- rowid as its last column, so each page is a range read of LIMIT entries, not a sort of the journal.
CREATE INDEX message_event_at ON message (event_at)
;;
CREATE INDEX message_updated_at ON message (updated_at)
