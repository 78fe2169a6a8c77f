// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/AuditStatusButton.h"

#include "app/ops/OperationsService.h"

namespace Interlock::Ui {

AuditStatusButton::AuditStatusButton(Ops::OperationsService* service, QWidget* parent)
    : QToolButton(parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("auditVerifyButton"));
    setAutoRaise(true);
    setText(QStringLiteral("Verify audit trail"));
    setToolTip(QStringLiteral("Recompute the audit trail's keyed hash chain and report the first bad entry"));
    connect(this, &QToolButton::clicked, this, [this] { verify(); });
}

QString AuditStatusButton::verify()
{
    auto v = m_service->verifyAuditTrail();
    QString text;
    QString tip;
    if (!v) {
        text = QStringLiteral("Audit: cannot verify");
        tip = v.error().summary();
        setStyleSheet(QStringLiteral("color: #b26b00;"));
    } else if (v->intact) {
        text = QStringLiteral("Audit trail intact (%1)").arg(v->entries);
        tip = v->keyedFrom > 0
            ? QStringLiteral("%1 entries; HMAC-SHA256 from entry %2").arg(v->entries).arg(v->keyedFrom)
            : QStringLiteral("%1 entries; SHA-256 only (no keyed entry yet)").arg(v->entries);
        setStyleSheet(QStringLiteral("color: #2e7d32;"));
    } else {
        text = QStringLiteral("Audit trail broken at entry %1").arg(v->firstBadId);
        tip = v->problem;
        setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold;"));
    }
    setText(text);
    setToolTip(tip + QStringLiteral("\nClick to verify again"));
    Q_EMIT statusMessage(text + QStringLiteral(": ") + tip);
    return text;
}

} // namespace Interlock::Ui
