// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QApplication;

namespace Interlock::Ui {

/// The console's look: Fusion with a restrained light or dark palette and a small style sheet
/// whose colours follow the palette. Views read colours from the palette or from Format, never
/// hard-code a light background.
class Theme
{
public:
    enum class Mode
    {
        System,
        Light,
        Dark
    };

    /// `System` follows the desktop: the platform theme's palette (GNOME/KDE dark themes),
    /// or a GTK_THEME ending in ":dark". Call once, after QApplication exists.
    static void apply(QApplication& app, Mode mode = Mode::System);
    /// "system", "light" or "dark"; anything else is std::nullopt-like: returns System and sets *ok.
    static Mode modeFromName(const QString& name, bool* ok = nullptr);
    /// True when the applied palette is dark.
    static bool isDark();
};

} // namespace Interlock::Ui
