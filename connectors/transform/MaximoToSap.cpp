// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectors/transform/MaximoToSap.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace Interlock::Connectors {

namespace {
TransformResult invalid(const QString& code, const QString& text)
{
    TransformResult r;
    r.error = Error { ErrorClass::Validation, code, text, 0, {} };
    return r;
}

TransformResult missing(const QString& domain, const QString& value, const QString& plant)
{
    TransformResult r;
    r.missingDomain = domain;
    r.missingValue = value;
    r.error = Error { ErrorClass::MissingMapping, QStringLiteral("MAPPING_MISSING"),
        QStringLiteral("no %1 mapping for '%2' (plant %3)").arg(domain, value, plant), 0, {} };
    return r;
}

/// A JSON value as a code string: strings as they are, integral numbers without a fraction.
QString codeOf(const QJsonValue& v)
{
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
            return QString::number(static_cast<qint64>(d));
    }
    return {};
}

bool isCode(const QString& s)
{
    return !s.isEmpty() && s.size() <= 64;
}
} // namespace

TransformResult MaximoToSap::transform(const Message& message) const
{
    if (message.sourcePayload.size() > 1024 * 1024)
        return invalid(QStringLiteral("PAYLOAD_TOO_LARGE"),
            QStringLiteral("source payload of %1 bytes exceeds the 1 MiB limit").arg(message.sourcePayload.size()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(message.sourcePayload, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(QStringLiteral("PAYLOAD_JSON"),
            QStringLiteral("source payload is not a JSON object: %1 at offset %2")
                .arg(pe.errorString())
                .arg(pe.offset));
    const QJsonObject o = doc.object();
    const QString site = codeOf(o.value(QLatin1String("siteid")));
    if (!isCode(site))
        return invalid(QStringLiteral("FIELD_SITEID"), QStringLiteral("siteid is missing or not a code"));
    if (message.flow == Flow::WorkOrder)
        return workOrder(o, site);
    if (message.flow == Flow::PartsConsumption)
        return materialIssue(o, site, message.operation == QLatin1String("goods_return"));
    return invalid(QStringLiteral("FLOW_UNKNOWN"), QStringLiteral("no transform for flow '%1'").arg(message.flow));
}

TransformResult MaximoToSap::workOrder(const QJsonObject& wo, const QString& site) const
{
    const QString wonum = codeOf(wo.value(QLatin1String("wonum")));
    if (!isCode(wonum))
        return invalid(QStringLiteral("FIELD_WONUM"), QStringLiteral("wonum is missing or not a code"));
    const auto plant = m_mappings.find(Domain::Plant, site, site);
    if (!plant)
        return missing(Domain::Plant, site, site);
    // status: prefer the internal value, since sites add synonyms (reference: status_maxvalue)
    QString status = codeOf(wo.value(QLatin1String("status_maxvalue")));
    if (status.isEmpty())
        status = codeOf(wo.value(QLatin1String("status")));
    if (!isCode(status))
        return invalid(QStringLiteral("FIELD_STATUS"), QStringLiteral("status is missing or not a code"));
    const auto sapStatus = m_mappings.find(Domain::WorkOrderStatus, site, status);
    if (!sapStatus)
        return missing(Domain::WorkOrderStatus, status, site);

    TransformResult r;
    r.targetPlant = *plant;
    QJsonObject& f = r.fields;
    f.insert(QStringLiteral("MaintenancePlanningPlant"), *plant);
    f.insert(QStringLiteral("MaintenanceOrderSystemStatus"), *sapStatus);
    const QString assetnum = codeOf(wo.value(QLatin1String("assetnum")));
    if (!assetnum.isEmpty()) {
        const auto equipment = m_mappings.find(Domain::Equipment, site, assetnum);
        if (!equipment)
            return missing(Domain::Equipment, assetnum, site);
        f.insert(QStringLiteral("Equipment"), *equipment);
    }
    const QString gl = codeOf(wo.value(QLatin1String("glaccount")));
    if (!gl.isEmpty()) {
        const auto costCenter = m_mappings.find(Domain::CostCenter, site, gl);
        if (!costCenter)
            return missing(Domain::CostCenter, gl, site);
        f.insert(QStringLiteral("ResponsibleCostCenter"), *costCenter);
    }
    const QString worktype = codeOf(wo.value(QLatin1String("worktype")));
    f.insert(QStringLiteral("MaintenanceOrderType"),
        worktype == QLatin1String("PM") ? QStringLiteral("PM02") : QStringLiteral("PM01"));
    // SAP short text is 40 characters
    f.insert(QStringLiteral("MaintenanceOrderDesc"), wo.value(QLatin1String("description")).toString().left(40));
    const QString priority = codeOf(wo.value(QLatin1String("wopriority")));
    if (!priority.isEmpty())
        f.insert(QStringLiteral("MaintPriority"), priority.left(1));
    return r;
}

TransformResult MaximoToSap::materialIssue(const QJsonObject& row, const QString& site, bool isReturn) const
{
    const QString wonum = codeOf(row.value(QLatin1String("wonum")));
    if (!isCode(wonum))
        return invalid(QStringLiteral("FIELD_WONUM"), QStringLiteral("wonum is missing or not a code"));
    const QString id = codeOf(row.value(QLatin1String("matusetransid")));
    if (!isCode(id))
        return invalid(QStringLiteral("FIELD_MATUSETRANSID"), QStringLiteral("matusetransid is missing"));
    const QJsonValue qv = row.value(QLatin1String("quantity"));
    bool numeric = qv.isDouble();
    double quantity = qv.toDouble();
    if (qv.isString())
        quantity = qv.toString().toDouble(&numeric);
    if (!numeric || !std::isfinite(quantity) || quantity == 0 || std::fabs(quantity) > 1e9)
        return invalid(QStringLiteral("FIELD_QUANTITY"),
            QStringLiteral("quantity '%1' is not a non-zero number")
                .arg(qv.isString() ? qv.toString().left(40) : QString::number(quantity)));
    const QString item = codeOf(row.value(QLatin1String("itemnum")));
    if (!isCode(item))
        return invalid(QStringLiteral("FIELD_ITEMNUM"), QStringLiteral("itemnum is missing or not a code"));
    const QString store = codeOf(row.value(QLatin1String("storeloc")));
    if (!isCode(store))
        return invalid(QStringLiteral("FIELD_STORELOC"), QStringLiteral("storeloc is missing or not a code"));

    const auto plant = m_mappings.find(Domain::Plant, site, site);
    if (!plant)
        return missing(Domain::Plant, site, site);
    const auto material = m_mappings.find(Domain::Material, site, item);
    if (!material)
        return missing(Domain::Material, item, site);
    const auto sloc = m_mappings.find(Domain::StorageLocation, site, store);
    if (!sloc)
        return missing(Domain::StorageLocation, store, site);

    TransformResult r;
    r.targetPlant = *plant;
    QJsonObject& f = r.fields;
    f.insert(QStringLiteral("Material"), *material);
    f.insert(QStringLiteral("Plant"), *plant);
    f.insert(QStringLiteral("StorageLocation"), *sloc);
    // Maximo records a return as a positive quantity with issuetype RETURN; SAP reverses with 262
    f.insert(QStringLiteral("GoodsMovementType"), isReturn ? QStringLiteral("262") : QStringLiteral("261"));
    f.insert(QStringLiteral("QuantityInEntryUnit"), QString::number(std::fabs(quantity), 'f', 3));
    const QString unit = codeOf(row.value(QLatin1String("issueunit")));
    f.insert(QStringLiteral("EntryUnit"),
        unit.isEmpty() || unit == QLatin1String("EACH") ? QStringLiteral("PC") : unit.left(3));
    f.insert(QStringLiteral("MaterialDocumentItemText"), QStringLiteral("%1/MATU/%2").arg(site, id).left(50));
    return r;
}

} // namespace Interlock::Connectors
