// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/Format.h"

#include "models/domain/Message.h"
#include "ui/common/Theme.h"

#include <QDateTime>
#include <QLocale>

namespace Interlock::Ui {

QString Format::duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("—");
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60'000)
        return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    if (ms < 3'600'000)
        return QStringLiteral("%1 min").arg(static_cast<double>(ms) / 60'000.0, 0, 'f', ms < 600'000 ? 1 : 0);
    if (ms < 172'800'000)
        return QStringLiteral("%1 h").arg(static_cast<double>(ms) / 3'600'000.0, 0, 'f', 1);
    return QStringLiteral("%1 d").arg(static_cast<double>(ms) / 86'400'000.0, 0, 'f', 1);
}

QString Format::timestamp(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString Format::timeOfDay(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("HH:mm:ss"));
}

QString Format::number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

QString Format::stateLabel(MessageState s)
{
    return stateName(s).replace(QLatin1Char('_'), QLatin1Char(' '));
}

QColor Format::stateColor(MessageState s)
{
    const QColor c = baseStateColor(s);
    return Theme::isDark() ? c.lighter(165) : c;
}

QColor Format::baseStateColor(MessageState s)
{
    switch (s) {
    case MessageState::Posted:
        return QColor(0x2e, 0x7d, 0x32);
    case MessageState::Received:
    case MessageState::Ready:
        return QColor(0x45, 0x5a, 0x64);
    case MessageState::InFlight:
        return QColor(0x15, 0x65, 0xc0);
    case MessageState::Retrying:
        return QColor(0xb2, 0x6a, 0x00);
    case MessageState::Blocked:
        return QColor(0x8e, 0x24, 0xaa);
    case MessageState::Stuck:
        return QColor(0xc6, 0x28, 0x28);
    case MessageState::Resolved:
    case MessageState::Cancelled:
    case MessageState::Superseded:
        return QColor(0x75, 0x75, 0x75);
    }
    return QColor(Qt::black);
}

QString Format::flowLabel(const QString& flow)
{
    if (flow == Flow::WorkOrder)
        return QStringLiteral("Work orders");
    if (flow == Flow::PartsConsumption)
        return QStringLiteral("Parts consumption");
    QString s = flow;
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString Format::breakerLabel(const QString& breaker)
{
    if (breaker == QLatin1String("half_open"))
        return QStringLiteral("half-open");
    return breaker.isEmpty() ? QStringLiteral("unknown") : breaker;
}

QColor Format::healthColor(Ops::Health h)
{
    const QColor c = baseHealthColor(h);
    return Theme::isDark() ? c.lighter(150) : c;
}

QColor Format::baseHealthColor(Ops::Health h)
{
    switch (h) {
    case Ops::Health::Healthy:
        return QColor(0x2e, 0x7d, 0x32);
    case Ops::Health::Degraded:
        return QColor(0xb2, 0x6a, 0x00); // amber dark enough for text on its tint (4:1)
    case Ops::Health::Critical:
        return QColor(0xc6, 0x28, 0x28);
    }
    return QColor(Qt::gray);
}

QColor Format::healthTint(Ops::Health h)
{
    if (Theme::isDark()) {
        switch (h) {
        case Ops::Health::Healthy:
            return QColor(0x1d, 0x2e, 0x22);
        case Ops::Health::Degraded:
            return QColor(0x36, 0x2c, 0x16);
        case Ops::Health::Critical:
            return QColor(0x3a, 0x1e, 0x1e);
        }
        return QColor(0x17, 0x1c, 0x1f);
    }
    switch (h) {
    case Ops::Health::Healthy:
        return QColor(0xed, 0xf7, 0xee);
    case Ops::Health::Degraded:
        return QColor(0xff, 0xf4, 0xe0);
    case Ops::Health::Critical:
        return QColor(0xfd, 0xec, 0xea);
    }
    return QColor(Qt::white);
}

QColor Format::mutedColor()
{
    return Theme::isDark() ? QColor(0x90, 0xa4, 0xae) : QColor(0x60, 0x7d, 0x8b);
}

QString Format::healthLabel(Ops::Health h)
{
    switch (h) {
    case Ops::Health::Healthy:
        return QStringLiteral("Healthy");
    case Ops::Health::Degraded:
        return QStringLiteral("Degraded");
    case Ops::Health::Critical:
        return QStringLiteral("Critical");
    }
    return {};
}

} // namespace Interlock::Ui
