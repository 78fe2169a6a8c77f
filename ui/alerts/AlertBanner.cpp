// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/AlertBanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

AlertBanner::AlertBanner(QWidget* host)
    : QFrame(host)
{
    setObjectName(QStringLiteral("alertBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // an amber strip that reads on light and dark palettes alike
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xd6));
    p.setColor(QPalette::WindowText, QColor(0x3d, 0x2c, 0x00));
    p.setColor(QPalette::ButtonText, QColor(0x3d, 0x2c, 0x00));
    setPalette(p);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(14, 8, 8, 8);
    auto* icon = new QLabel(QStringLiteral("⚠"), this);
    QFont big = icon->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    icon->setFont(big);
    row->addWidget(icon);
    auto* texts = new QVBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("alertBannerTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("alertBannerText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    row->addLayout(texts, 1);
    auto* show = new QPushButton(QStringLiteral("Show alerts"), this);
    show->setObjectName(QStringLiteral("alertBannerShow"));
    row->addWidget(show);
    auto* close = new QToolButton(this);
    close->setObjectName(QStringLiteral("alertBannerClose"));
    close->setText(QStringLiteral("✕"));
    close->setToolTip(QStringLiteral("Dismiss (the alert stays in the list until acknowledged)"));
    close->setAutoRaise(true);
    row->addWidget(close);
    connect(show, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT activated();
    });
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    m_hide.setSingleShot(true);
    connect(&m_hide, &QTimer::timeout, this, &QWidget::hide);
    host->installEventFilter(this);
    hide();
}

void AlertBanner::showText(const QString& title, const QString& text, int timeoutMs)
{
    m_title->setText(title);
    m_text->setText(text);
    setAccessibleDescription(title + QLatin1Char('\n') + text);
    place();
    show();
    raise();
    m_hide.start(timeoutMs);
}

QString AlertBanner::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_text->text();
}

bool AlertBanner::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    return QFrame::eventFilter(watched, event);
}

void AlertBanner::place()
{
    const QWidget* host = parentWidget();
    const int width = std::min(640, std::max(240, host->width() - 40));
    const int height = std::max(sizeHint().height(), heightForWidth(width));
    setGeometry((host->width() - width) / 2, 12, width, height);
}

} // namespace Interlock::Ui
