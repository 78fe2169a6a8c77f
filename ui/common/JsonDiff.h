// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Interlock::Ui {

/// A line diff of two texts (longest common subsequence), for showing a payload edit.
class JsonDiff
{
public:
    enum class Op
    {
        Same,
        Removed,
        Added
    };
    struct Line
    {
        Op op = Op::Same;
        QString text;
    };

    /// Lines of `before` and `after` in order, each kept, removed or added. Above a size where
    /// the exact diff would cost too much, the differing middle is shown as removed then added.
    static QList<Line> lines(const QStringList& before, const QStringList& after);
    /// Pretty-printed (indented) JSON of `json`, or the text as it is when it is not JSON.
    static QString pretty(const QByteArray& json);
    /// lines() of the pretty-printed forms.
    static QList<Line> ofJson(const QByteArray& before, const QByteArray& after);
    static int count(const QList<Line>& diff, Op op);
};

} // namespace Interlock::Ui
