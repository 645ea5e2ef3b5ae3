//! PAUSE: pause and resume (new commerce).

use super::{remove_scheduled_changes, Answer, Ctx};
use crate::decision::EffectKind;
use crate::model::{ActionKind, CommerceModel, Status, Subscription};
use crate::rule::Rule;

/// Decide `pause`: PAUSE-1 (new commerce, from active; access blocked, billing continues) and
/// PAUSE-2 (auto-renew off, scheduled changes removed).
pub(crate) fn pause(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    if sub.commerce_model != CommerceModel::NewCommerce {
        a.deny(
            Rule::Pause1,
            format!(
                "pause is for new-commerce subscriptions; this one is `{}`",
                sub.commerce_model
            ),
        );
        if sub.commerce_model == CommerceModel::Legacy {
            a.alternative(
                ActionKind::Suspend,
                Rule::Susp1,
                "suspend the subscription to block access",
            );
        }
    }
    if sub.status != Status::Active {
        a.deny(
            Rule::Pause1,
            format!(
                "only an `active` subscription can be paused; this one is `{}`",
                sub.status
            ),
        );
    }
    if a.blocked() {
        return;
    }
    a.allow(
        Rule::Pause1,
        "paused: access is blocked at once and the partner keeps being billed",
    );
    a.effect(
        Rule::Pause1,
        EffectKind::StatusChanges {
            from: Status::Active,
            to: Status::Paused,
            at: ctx.now,
        },
    );
    a.effect(Rule::Pause1, EffectKind::AccessBlocked);
    a.effect(Rule::Pause1, EffectKind::BillingContinues);
    if sub.auto_renew {
        a.warn(
            Rule::Pause2,
            "auto-renew is turned off; it comes back only when turned on after resuming",
        );
        a.effect(Rule::Pause2, EffectKind::AutoRenewOff);
    }
    if !sub.scheduled_changes.is_empty() {
        a.warn(
            Rule::Pause2,
            format!(
                "{} scheduled change(s) are removed",
                sub.scheduled_changes.len()
            ),
        );
    }
    remove_scheduled_changes(sub, Rule::Pause2, a);
}

/// Decide `resume`: PAUSE-3 (only from paused; access restored at once).
pub(crate) fn resume(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    if sub.status != Status::Paused {
        a.deny(
            Rule::Pause3,
            format!(
                "only a `paused` subscription is resumed; this one is `{}`",
                sub.status
            ),
        );
        if sub.status == Status::Suspended {
            a.alternative(
                ActionKind::Reactivate,
                Rule::Susp3,
                "a suspended subscription is reactivated",
            );
        }
        return;
    }
    a.allow(Rule::Pause3, "resumed: access is restored at once");
    a.effect(
        Rule::Pause3,
        EffectKind::StatusChanges {
            from: Status::Paused,
            to: Status::Active,
            at: ctx.now,
        },
    );
    a.effect(Rule::Pause3, EffectKind::AccessRestored);
    if !sub.auto_renew {
        a.warn(
            Rule::Renew2,
            "auto-renew stays off until it is turned on again",
        );
    }
}
