// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/sim/SimControl.h"

#include "connectors/sim/SimWorld.h"

#include <QJsonObject>

namespace Interlock::Sim {

SimControl::SimControl(SimWorld& world)
    : m_world(world)
{
}

std::optional<SimHttpResponse> SimControl::handle(const SimHttpRequest& request)
{
    if (!request.path.startsWith(QLatin1String("/sim/")))
        return std::nullopt;
    const QString what = request.path.mid(5);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    const auto ok = [](const QJsonObject& o) { return SimHttpResponse::json(200, QJsonDocument(o)); };
    const auto body = [&request]() {
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        return std::make_pair(doc.object(), error.error == QJsonParseError::NoError && doc.isObject());
    };
    if (what == QLatin1String("faults") && get)
        return ok(m_world.faults());
    if (what == QLatin1String("faults") && post) {
        const auto [faults, valid] = body();
        if (!valid)
            return SimHttpResponse::text(400, "body must be a JSON object");
        m_world.setFaults(faults);
        return ok(m_world.faults());
    }
    if (what == QLatin1String("erp/expire-csrf") && post) {
        m_world.expireCsrfTokens();
        return SimHttpResponse::json(200, QJsonDocument(QJsonObject { { QStringLiteral("expired"), true } }));
    }
    if (what == QLatin1String("erp/lock") && post) {
        const auto [o, valid] = body();
        if (!valid || o.value(QLatin1String("order")).toString().isEmpty())
            return SimHttpResponse::text(400, "expected {\"order\":\"4000001\",\"locked\":true}");
        m_world.setOrderLocked(
            o.value(QLatin1String("order")).toString(), o.value(QLatin1String("locked")).toBool(true));
        return SimHttpResponse::json(200, QJsonDocument(o));
    }
    if (what == QLatin1String("generate") && post) {
        const auto [o, valid] = body();
        if (!valid)
            return SimHttpResponse::text(400, "expected {\"events\":N,\"rate\":R}");
        m_world.generate(static_cast<qint64>(o.value(QLatin1String("events")).toDouble()),
            o.value(QLatin1String("rate")).toDouble(20));
        return ok(QJsonObject { { QStringLiteral("events"), m_world.generatedEvents() } });
    }
    if (what == QLatin1String("expected") && get)
        return ok(m_world.expected());
    if (what == QLatin1String("ledger") && get)
        return ok(m_world.ledger());
    return SimHttpResponse::text(404, "unknown /sim endpoint");
}

} // namespace Interlock::Sim
