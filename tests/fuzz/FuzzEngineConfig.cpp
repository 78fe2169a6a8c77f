// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
// An engine configuration file through EngineConfig::fromJson. Secret references "file:/path" are
// pointed at a file in a temporary folder first, and "store:NAME" at an environment variable, so the
// fuzzer never reads the machine's files; an input without one goes to the parser byte for byte.
#include "app/config/EngineConfig.h"
#include "models/domain/Message.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Interlock;

namespace {

struct Sandbox
{
    QTemporaryDir dir;
    QString secretFile;
    Sandbox()
    {
        secretFile = dir.filePath(QStringLiteral("secret"));
        QFile f(secretFile);
        if (!dir.isValid() || !f.open(QIODevice::WriteOnly) || f.write("s3cret\n") != 7)
            std::abort();
        qputenv("INTERLOCK_FUZZ_SECRET", "s3cret");
    }
};

const Sandbox& sandbox()
{
    static const Sandbox box;
    return box;
}

/// Rewrites every "file:..." string in `value` to the sandbox's secret file; true when one was found.
bool confine(QJsonValue& value)
{
    bool changed = false;
    if (value.isString()) {
        if (value.toString().startsWith(QLatin1String("file:"))) {
            value = QString(QStringLiteral("file:") + sandbox().secretFile);
            changed = true;
        } else if (value.toString().startsWith(QLatin1String("store:"))) {
            value = QStringLiteral("env:INTERLOCK_FUZZ_SECRET"); // the secret store lives on disk
            changed = true;
        }
    } else if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it) {
            QJsonValue v = *it;
            if (confine(v)) {
                *it = v;
                changed = true;
            }
        }
        if (changed)
            value = array;
    } else if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QJsonValue v = it.value();
            if (confine(v)) {
                it.value() = v;
                changed = true;
            }
        }
        if (changed)
            value = object;
    }
    return changed;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Fuzz::quiet();
    QByteArray json = Fuzz::bytes(data, size);
    // an escaped "file:" ("\u0066ile:") would get past a plain search: look at the decoded strings
    if (json.contains("file:") || json.contains("store:") || json.contains("\\u")) {
        const QJsonDocument doc = QJsonDocument::fromJson(json);
        QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
        if (confine(root))
            json = (root.isArray() ? QJsonDocument(root.toArray()) : QJsonDocument(root.toObject())).toJson();
    }
    const auto config = Config::EngineConfig::fromJson(json, sandbox().dir.path());
    if (!config) {
        FUZZ_CHECK(config.error().errorClass != ErrorClass::None);
        FUZZ_CHECK(!config.error().message.isEmpty());
        return 0;
    }
    for (const Config::PlantConfig& plant : config->plants) {
        Q_UNUSED(config->sloFor(plant.site, Flow::WorkOrder))
        Q_UNUSED(config->sloFor(plant.site, Flow::PartsConsumption))
    }
    Q_UNUSED(config->sloFor({}, {}))
    return 0;
}
