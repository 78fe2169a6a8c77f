// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/domain/Error.h"

#include <utility>
#include <variant>

namespace Interlock {

/// Wraps an Error to construct a failed Result (the std::unexpected of this codebase).
struct Unexpected
{
    Error error;
};

inline Unexpected fail(ErrorClass c, QString code, QString message, int httpStatus = 0, QString detail = {})
{
    return Unexpected { Error { c, std::move(code), std::move(message), httpStatus, std::move(detail) } };
}

/// A value or an Error. Mirrors the std::expected API (has_value, value, error, operator*, ->)
/// so it can become an alias when the code base moves to C++23.
template <typename T> class Result
{
public:
    Result(T value)
        : m_v(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Unexpected u)
        : m_v(std::in_place_index<1>, std::move(u.error))
    {
    }
    bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    // by value, not T&&: `for (auto& x : f().value())` must not dangle when f() returns a temporary
    T value() && { return std::get<0>(std::move(m_v)); }
    const Error& error() const { return std::get<1>(m_v); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T value_or(T other) const { return has_value() ? value() : std::move(other); }

private:
    std::variant<T, Error> m_v;
};

template <> class Result<void>
{
public:
    Result() = default;
    Result(Unexpected u)
        : m_failed(true)
        , m_error(std::move(u.error))
    {
    }
    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return !m_failed; }
    const Error& error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

} // namespace Interlock
