// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/JsonDiff.h"

#include <QJsonDocument>
#include <vector>

namespace Interlock::Ui {

namespace {
/// Cells of the LCS table above which the middle is shown as a block replacement.
constexpr qsizetype kMaxCells = 4'000'000;
} // namespace

QList<JsonDiff::Line> JsonDiff::lines(const QStringList& before, const QStringList& after)
{
    // common head and tail first: an edit usually touches a few lines of a long payload
    qsizetype head = 0;
    while (head < before.size() && head < after.size() && before.at(head) == after.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < before.size() - head && tail < after.size() - head
        && before.at(before.size() - 1 - tail) == after.at(after.size() - 1 - tail))
        ++tail;
    QList<Line> out;
    for (qsizetype i = 0; i < head; ++i)
        out.append({ Op::Same, before.at(i) });
    const qsizetype n = before.size() - head - tail;
    const qsizetype m = after.size() - head - tail;
    if (n * m > kMaxCells) {
        for (qsizetype i = 0; i < n; ++i)
            out.append({ Op::Removed, before.at(head + i) });
        for (qsizetype j = 0; j < m; ++j)
            out.append({ Op::Added, after.at(head + j) });
    } else {
        // lcs[i][j]: length of the LCS of before[i..n) and after[j..m) (middle parts)
        std::vector<int> lcs(static_cast<size_t>((n + 1) * (m + 1)), 0);
        auto at = [&](qsizetype i, qsizetype j) -> int& { return lcs[static_cast<size_t>(i * (m + 1) + j)]; };
        for (qsizetype i = n - 1; i >= 0; --i)
            for (qsizetype j = m - 1; j >= 0; --j)
                at(i, j) = before.at(head + i) == after.at(head + j) ? at(i + 1, j + 1) + 1
                                                                     : std::max(at(i + 1, j), at(i, j + 1));
        qsizetype i = 0, j = 0;
        while (i < n && j < m) {
            if (before.at(head + i) == after.at(head + j)) {
                out.append({ Op::Same, before.at(head + i) });
                ++i;
                ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                out.append({ Op::Removed, before.at(head + i++) });
            } else {
                out.append({ Op::Added, after.at(head + j++) });
            }
        }
        while (i < n)
            out.append({ Op::Removed, before.at(head + i++) });
        while (j < m)
            out.append({ Op::Added, after.at(head + j++) });
    }
    for (qsizetype i = before.size() - tail; i < before.size(); ++i)
        out.append({ Op::Same, before.at(i) });
    return out;
}

QString JsonDiff::pretty(const QByteArray& json)
{
    if (json.trimmed().isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isNull())
        return QString::fromUtf8(json);
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

QList<JsonDiff::Line> JsonDiff::ofJson(const QByteArray& before, const QByteArray& after)
{
    const QString a = pretty(before);
    const QString b = pretty(after);
    return lines(a.isEmpty() ? QStringList() : a.split(QLatin1Char('\n')),
        b.isEmpty() ? QStringList() : b.split(QLatin1Char('\n')));
}

int JsonDiff::count(const QList<Line>& diff, Op op)
{
    int n = 0;
    for (const Line& l : diff)
        n += l.op == op ? 1 : 0;
    return n;
}

} // namespace Interlock::Ui
