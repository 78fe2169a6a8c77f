// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestSupport.h"

namespace Interlock::Test {

TempJournal::TempJournal()
{
    m_dir.setAutoRemove(true);
}

} // namespace Interlock::Test
