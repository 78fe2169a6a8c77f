// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QApplication;

namespace Interlock::Ui {

/// The console's look: Fusion with a restrained light palette and a small style sheet.
class Theme
{
public:
    static void apply(QApplication& app);
};

} // namespace Interlock::Ui
