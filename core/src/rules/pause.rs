//! PAUSE: pause and resume (new commerce).

use crate::model::decision::EffectKind;
use crate::model::request::Action;
use crate::model::request::Subscription;
use crate::model::vocab::SuspendReason;
use crate::model::vocab::{CommerceModel, Status};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{remove_scheduled_changes, Answer, Ctx};

/// Decide `pause`: PAUSE-1 (new commerce, from active; access blocked, billing continues) and
/// PAUSE-2 (auto-renew off, scheduled changes removed).
pub(crate) fn pause(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let model = sub.commerce_model;
    if model != CommerceModel::NewCommerce {
        a.deny(
            Rule::Pause1,
            msg!(
                a.lang,
                "pause is for new-commerce subscriptions; this one is `{model}`",
                "paus gäller nya handelsprenumerationer; den här är `{model}`"
            ),
        );
        if model == CommerceModel::Legacy {
            a.alternative(
                Action::Suspend {
                    reason: SuspendReason::NonPayment,
                },
                Rule::Susp1,
                msg!(
                    a.lang,
                    "suspend the subscription to block access",
                    "inaktivera prenumerationen för att blockera åtkomsten"
                ),
            );
        }
    }
    let status = sub.status;
    if status != Status::Active {
        a.deny(
            Rule::Pause1,
            msg!(
                a.lang,
                "only an `active` subscription can be paused; this one is `{status}`",
                "bara en `active` prenumeration kan pausas; den här är `{status}`"
            ),
        );
    }
    if a.blocked() {
        return;
    }
    a.allow(
        Rule::Pause1,
        msg!(
            a.lang,
            "paused: access is blocked at once and the partner keeps being billed",
            "pausad: åtkomsten blockeras direkt och partnern fortsätter att faktureras"
        ),
    );
    a.effect(
        Rule::Pause1,
        EffectKind::StatusChanges {
            from: Status::Active,
            to: Status::Paused,
            at: ctx.now.into(),
        },
    );
    a.effect(Rule::Pause1, EffectKind::AccessBlocked);
    a.effect(Rule::Pause1, EffectKind::BillingContinues);
    if sub.auto_renew {
        a.warn(
            Rule::Pause2,
            msg!(
                a.lang,
                "auto-renew is turned off; it comes back only when turned on after resuming",
                "automatisk förnyelse stängs av; den kommer tillbaka först när den slås på efter återupptagandet"
            ),
        );
        a.effect(Rule::Pause2, EffectKind::AutoRenewOff);
    }
    let n = sub.scheduled_changes.len();
    if n > 0 {
        a.warn(
            Rule::Pause2,
            msg!(
                a.lang,
                "{n} scheduled change(s) are removed",
                "{n} schemalagd(a) ändring(ar) tas bort"
            ),
        );
    }
    remove_scheduled_changes(sub, Rule::Pause2, a);
}

/// Decide `resume`: PAUSE-3 (only from paused; access restored at once).
pub(crate) fn resume(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let status = sub.status;
    if status != Status::Paused {
        a.deny(
            Rule::Pause3,
            msg!(
                a.lang,
                "only a `paused` subscription is resumed; this one is `{status}`",
                "bara en `paused` prenumeration återupptas; den här är `{status}`"
            ),
        );
        if status == Status::Suspended {
            a.alternative(
                Action::Reactivate,
                Rule::Susp3,
                msg!(
                    a.lang,
                    "a suspended subscription is reactivated",
                    "en inaktiverad prenumeration återaktiveras"
                ),
            );
        }
        return;
    }
    a.allow(
        Rule::Pause3,
        msg!(
            a.lang,
            "resumed: access is restored at once",
            "återupptagen: åtkomsten återställs direkt"
        ),
    );
    a.effect(
        Rule::Pause3,
        EffectKind::StatusChanges {
            from: Status::Paused,
            to: Status::Active,
            at: ctx.now.into(),
        },
    );
    a.effect(Rule::Pause3, EffectKind::AccessRestored);
    if !sub.auto_renew {
        a.warn(
            Rule::Renew2,
            msg!(
                a.lang,
                "auto-renew stays off until it is turned on again",
                "automatisk förnyelse förblir avstängd tills den slås på igen"
            ),
        );
    }
}
