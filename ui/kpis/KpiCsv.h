// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QVariant>

namespace Interlock::Ui {

/// CSV of KPI data for spreadsheets: RFC 4180 quoting, UTF-8, CRLF. Numbers are written as
/// numbers (unformatted, '.' decimal point). Text that a spreadsheet would run as a formula
/// (starting with = + - @, tab or carriage return) gets a leading apostrophe.
class KpiCsv
{
public:
    static QString cell(const QVariant& value);
    static QByteArray write(const QStringList& header, const QList<QVariantList>& rows);
    /// Writes the file; false (and `error` set) when it cannot be written.
    static bool save(const QString& path, const QStringList& header, const QList<QVariantList>& rows, QString& error);
};

} // namespace Interlock::Ui
