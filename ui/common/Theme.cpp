// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/Theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace Interlock::Ui {

namespace {
bool g_dark = false;

/// Colours the style sheet needs beyond the palette; one set per mode.
struct Swatch
{
    const char* heading;
    const char* muted;
    const char* grid;
    const char* selection;
    const char* selectionText;
    const char* headerBg;
    const char* headerBorder;
    const char* headerText;
    const char* editorBg;
    const char* frame;
    const char* statusBg;
    const char* statusText;
    const char* infoBg;
    const char* infoBorder;
};

constexpr Swatch kLight { "#263238", "#607d8b", "#e6e9eb", "#cfe3f7", "#1b1f23", "#f3f5f6", "#d5dadd", "#37474f",
    "#fafbfc", "#dde1e4", "#eceff1", "#37474f", "#e3f2fd", "#90caf9" };
constexpr Swatch kDark { "#e3e8eb", "#90a4ae", "#2f3a40", "#264f78", "#f1f4f6", "#262d31", "#3a454b", "#cfd8dc",
    "#1c2226", "#3a454b", "#1a2024", "#b0bec5", "#1b3347", "#2f6a99" };

// Widgets that want a role-specific look carry a "role" property; the sheet keys on it.
// The navigation is dark in both modes.
QString styleSheet(const Swatch& s)
{
    return QStringLiteral(R"(
QListWidget#navigation { background: #263238; color: #cfd8dc; border: none; font-size: 11pt; outline: 0; }
QListWidget#navigation::item { padding: 10px 12px; border-left: 3px solid transparent; }
QListWidget#navigation::item:selected { background: #37474f; color: white; border-left: 3px solid #4fc3f7; }
QLabel#navTitle { background: #263238; color: white; font-size: 13pt; font-weight: 600; padding: 14px 16px 6px 16px; }
QLabel#navSubtitle { background: #263238; color: #90a4ae; padding: 0px 16px 14px 16px; }
QLineEdit#globalSearch { margin: 0px 10px 10px 10px; padding: 4px 6px; border: 1px solid #455a64;
    border-radius: 4px; background: #1e282d; color: #eceff1; }
QLabel[role="heading"] { font-size: 14pt; font-weight: 600; color: %1; }
QLabel[role="subheading"] { font-size: 11pt; font-weight: 600; color: %1; }
QLabel[role="muted"] { color: %2; }
QFrame#newRowsBar { background: %13; border: 1px solid %14; border-radius: 4px; }
QTableView { gridline-color: %3; selection-background-color: %4; selection-color: %5; }
QHeaderView::section { background: %6; border: none; border-right: 1px solid %7;
    border-bottom: 1px solid %7; padding: 4px 6px; font-weight: 600; color: %8; }
QPlainTextEdit { background: %9; border: 1px solid %10; }
QTabWidget::pane { border: 1px solid %10; }
QStatusBar { background: %11; color: %12; }
QStatusBar QLabel { padding: 0px 8px; }
)")
        .arg(QLatin1String(s.heading), QLatin1String(s.muted), QLatin1String(s.grid), QLatin1String(s.selection),
            QLatin1String(s.selectionText), QLatin1String(s.headerBg), QLatin1String(s.headerBorder),
            QLatin1String(s.headerText), QLatin1String(s.editorBg))
        .arg(QLatin1String(s.frame), QLatin1String(s.statusBg), QLatin1String(s.statusText), QLatin1String(s.infoBg),
            QLatin1String(s.infoBorder));
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf5, 0xf6, 0xf7));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x29, 0x33));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf9, 0xfa));
    p.setColor(QPalette::Text, QColor(0x1f, 0x29, 0x33));
    p.setColor(QPalette::Button, QColor(0xfb, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x29, 0x33));
    p.setColor(QPalette::Highlight, QColor(0x1e, 0x6f, 0xc8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf2));
    p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x29, 0x33));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x9a, 0xa3));
    p.setColor(QPalette::Link, QColor(0x15, 0x65, 0xc0));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x20, 0x26, 0x2a));
    p.setColor(QPalette::WindowText, QColor(0xe3, 0xe8, 0xeb));
    p.setColor(QPalette::Base, QColor(0x17, 0x1c, 0x1f));
    p.setColor(QPalette::AlternateBase, QColor(0x1e, 0x24, 0x28));
    p.setColor(QPalette::Text, QColor(0xe3, 0xe8, 0xeb));
    p.setColor(QPalette::Button, QColor(0x2b, 0x33, 0x38));
    p.setColor(QPalette::ButtonText, QColor(0xe3, 0xe8, 0xeb));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2b, 0x33, 0x38));
    p.setColor(QPalette::ToolTipText, QColor(0xe3, 0xe8, 0xeb));
    p.setColor(QPalette::PlaceholderText, QColor(0x78, 0x86, 0x8f));
    p.setColor(QPalette::Link, QColor(0x64, 0xb5, 0xf6));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x6c, 0x78, 0x80));
    return p;
}

bool desktopPrefersDark()
{
    // Qt 6.4 has no colour-scheme hint (QStyleHints::colorScheme is 6.5): judge the palette the
    // platform theme hands us, and the GTK convention for forcing a dark variant
    if (qEnvironmentVariable("GTK_THEME").endsWith(QLatin1String(":dark"), Qt::CaseInsensitive))
        return true;
    const QPalette platform = QGuiApplication::palette();
    return platform.color(QPalette::Window).lightness() < 128;
}
} // namespace

Theme::Mode Theme::modeFromName(const QString& name, bool* ok)
{
    const QString n = name.trimmed().toLower();
    if (ok)
        *ok = true;
    if (n == QLatin1String("light"))
        return Mode::Light;
    if (n == QLatin1String("dark"))
        return Mode::Dark;
    if (ok)
        *ok = n.isEmpty() || n == QLatin1String("system");
    return Mode::System;
}

bool Theme::isDark()
{
    return g_dark;
}

void Theme::apply(QApplication& app, Mode mode)
{
    g_dark = mode == Mode::Dark || (mode == Mode::System && desktopPrefersDark());
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(g_dark ? darkPalette() : lightPalette());
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSize(9);
    app.setFont(f);
    app.setStyleSheet(styleSheet(g_dark ? kDark : kLight));
}

} // namespace Interlock::Ui
