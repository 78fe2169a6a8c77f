// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;

namespace Interlock::Ui {

/// An in-window notification: a strip at the top of `host` (the main window when there is no
/// system tray to show a desktop notification), above whatever view is shown. It follows the
/// host's size, hides itself after a while or when dismissed.
class AlertBanner : public QFrame
{
    Q_OBJECT
public:
    explicit AlertBanner(QWidget* host);

    /// Shows (or replaces) the text; plain text, never markup.
    void showText(const QString& title, const QString& text, int timeoutMs = 30'000);
    QString text() const;

Q_SIGNALS:
    /// "Show alerts" was clicked.
    void activated();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QTimer m_hide;
};

} // namespace Interlock::Ui
