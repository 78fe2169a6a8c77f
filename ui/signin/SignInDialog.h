// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/signin/ConsoleUser.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Interlock::Ops {
class OperationsService;
}

namespace Interlock::Ui {

/// The sign-in at the console's start: user name and password, checked by the operations service.
/// A refusal (wrong password, locked out until when, disabled) is shown in the dialog, which stays
/// open; the password field is cleared after each try. Accepted once an account signed in.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(Ops::OperationsService* service, const QString& journalLabel, QWidget* parent = nullptr);

    /// The signed-in account (after accept()).
    const Ops::AccountInfo& account() const { return m_account; }
    /// Checks the fields' user and password now (the Sign in button).
    void attempt();

    /// Who runs the console: the sign-in dialog when the journal has accounts (nullopt when it is
    /// closed without signing in, or the journal cannot be read), the local supervisor when it has none.
    static std::optional<ConsoleUser> signInAtStart(
        Ops::OperationsService* service, const QString& journalLabel, QWidget* parent = nullptr);

private:
    QPointer<Ops::OperationsService> m_service;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_signIn = nullptr;
    Ops::AccountInfo m_account;
};

} // namespace Interlock::Ui
