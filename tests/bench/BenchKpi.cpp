// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// interlock-bench-kpi JOURNAL: times OperationsService::kpis() on an existing journal (e.g. the
// one interlock-bench-journal --dir leaves behind) for the last 24 h, 7 and 30 days, all plants
// and one plant. Opening it migrates it first (the KPI rollup backfill of migration 4), timed apart.
#include "app/ops/LocalOperationsService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTextStream>
#include <algorithm>

using namespace Interlock;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (app.arguments().size() < 2) {
        out << "usage: interlock-bench-kpi JOURNAL [PLANT...]" << Qt::endl;
        return 2;
    }
    Config::EngineConfig cfg;
    cfg.journalPath = app.arguments().at(1);
    for (const QString& p : app.arguments().mid(2)) {
        Config::PlantConfig pc;
        pc.site = p;
        cfg.plants << pc;
    }
    Ops::LocalOperationsService service(cfg);
    QElapsedTimer t;
    t.start();
    if (auto s = service.open(); !s) {
        out << "FAILED: " << s.error().summary() << Qt::endl;
        return 2;
    }
    out << "open + migrate: " << t.elapsed() << " ms" << Qt::endl;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString onePlant = cfg.plants.isEmpty() ? QString() : cfg.plants.first().site;
    for (const auto& [label, span] :
        { std::pair { "24 h", 24LL }, std::pair { "7 days", 168LL }, std::pair { "30 days", 720LL } }) {
        for (const QString& plant : { QString(), onePlant }) {
            if (!plant.isEmpty() && onePlant.isEmpty())
                continue;
            QList<double> ms;
            qint64 posted = 0;
            for (int i = 0; i < 7; ++i) {
                QElapsedTimer r;
                r.start();
                auto rep = service.kpis({ now - span * 3'600'000, now, plant });
                ms << static_cast<double>(r.nsecsElapsed()) / 1e6;
                if (!rep) {
                    out << "FAILED: " << rep.error().summary() << Qt::endl;
                    return 2;
                }
                posted = rep->total.posted;
            }
            std::sort(ms.begin(), ms.end());
            out << QStringLiteral("kpis() last %1, %2: p50 %3 ms, max %4 ms (%5 posted in range)")
                       .arg(QString::fromLatin1(label), plant.isEmpty() ? QStringLiteral("all plants") : plant)
                       .arg(ms.at(ms.size() / 2), 0, 'f', 1)
                       .arg(ms.last(), 0, 'f', 1)
                       .arg(posted)
                << Qt::endl;
        }
    }
    return 0;
}
