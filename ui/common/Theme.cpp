// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/Theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace Interlock::Ui {

namespace {
// Widgets that want a role-specific look carry a "role" property; the sheet keys on it.
const char* const kStyleSheet = R"(
QListWidget#navigation { background: #263238; color: #cfd8dc; border: none; font-size: 11pt; outline: 0; }
QListWidget#navigation::item { padding: 10px 16px; border-left: 3px solid transparent; }
QListWidget#navigation::item:selected { background: #37474f; color: white; border-left: 3px solid #4fc3f7; }
QLabel#navTitle { background: #263238; color: white; font-size: 13pt; font-weight: 600; padding: 14px 16px 6px 16px; }
QLabel#navSubtitle { background: #263238; color: #90a4ae; padding: 0px 16px 14px 16px; }
QLabel[role="heading"] { font-size: 14pt; font-weight: 600; color: #263238; }
QLabel[role="subheading"] { font-size: 11pt; font-weight: 600; color: #263238; }
QLabel[role="muted"] { color: #607d8b; }
QFrame#newRowsBar { background: #e3f2fd; border: 1px solid #90caf9; border-radius: 4px; }
QTableView { gridline-color: #e6e9eb; selection-background-color: #cfe3f7; selection-color: #1b1f23; }
QHeaderView::section { background: #f3f5f6; border: none; border-right: 1px solid #e0e4e6;
    border-bottom: 1px solid #d5dadd; padding: 4px 6px; font-weight: 600; color: #37474f; }
QPlainTextEdit { background: #fafbfc; border: 1px solid #dde1e4; }
QTabWidget::pane { border: 1px solid #dde1e4; }
QStatusBar { background: #eceff1; color: #37474f; }
QStatusBar QLabel { padding: 0px 8px; }
)";
} // namespace

void Theme::apply(QApplication& app)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
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
    app.setPalette(p);
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSize(9);
    app.setFont(f);
    app.setStyleSheet(QString::fromUtf8(kStyleSheet));
}

} // namespace Interlock::Ui
