// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectors/sim/SimHttp.h"

#include <optional>

namespace Interlock::Sim {

class SimWorld;

/// The /sim/* control and evidence endpoints, served on both ports without auth and without
/// faults (docs/simulator.md, "Control and evidence"). Does not own the world.
class SimControl
{
public:
    explicit SimControl(SimWorld& world);
    /// The answer for a /sim/* request, or nullopt when the path is not a control path.
    std::optional<SimHttpResponse> handle(const SimHttpRequest& request);

private:
    SimWorld& m_world;
};

} // namespace Interlock::Sim
