// SPDX-FileCopyrightText: 2026 Interlock developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/signin/SignInDialog.h"

#include "app/ops/OperationsService.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Interlock::Ui {

SignInDialog::SignInDialog(Ops::OperationsService* service, const QString& journalLabel, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(QStringLiteral("Interlock — sign in"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("Sign in to the operations console"), this);
    intro->setProperty("role", QStringLiteral("subheading"));
    layout->addWidget(intro);
    auto* where = new QLabel(QStringLiteral("Journal: %1").arg(journalLabel), this);
    where->setProperty("role", QStringLiteral("muted"));
    where->setWordWrap(true);
    layout->addWidget(where);
    auto* form = new QFormLayout;
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("signInUser"));
    m_user->setText(qEnvironmentVariable("USER"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("signInPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(QStringLiteral("&User"), m_user);
    form->addRow(QStringLiteral("&Password"), m_password);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("signInError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(QStringLiteral("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    layout->addWidget(buttons);
    // AcceptRole would close the dialog: sign-in decides that itself
    disconnect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::attempt);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    (m_user->text().isEmpty() ? m_user : m_password)->setFocus();
    setMinimumWidth(380);
}

void SignInDialog::attempt()
{
    if (!m_service)
        return;
    const QString user = m_user->text().trimmed();
    const QString password = m_password->text();
    m_password->clear();
    if (user.isEmpty() || password.isEmpty()) {
        m_error->setText(QStringLiteral("Enter your user name and password."));
        m_error->show();
        return;
    }
    const auto signedIn = m_service->signIn(user, password);
    if (!signedIn) {
        m_error->setText(signedIn.error().message);
        m_error->show();
        m_password->setFocus();
        return;
    }
    m_account = *signedIn;
    m_error->hide();
    accept();
}

std::optional<ConsoleUser> SignInDialog::signInAtStart(
    Ops::OperationsService* service, const QString& journalLabel, QWidget* parent)
{
    const auto any = service->hasAccounts();
    if (!any) {
        QMessageBox::critical(parent, QStringLiteral("Interlock"),
            QStringLiteral("Cannot read the accounts: %1").arg(any.error().summary()));
        return std::nullopt;
    }
    if (!*any)
        return ConsoleUser::localSupervisor();
    SignInDialog dialog(service, journalLabel, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return ConsoleUser::signedIn(dialog.account());
}

} // namespace Interlock::Ui
