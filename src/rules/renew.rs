//! RENEW: auto-renew (`setAutoRenew`).

use super::{at, remove_scheduled_changes, Answer, Ctx};
use crate::decision::{DeadlineKind, EffectKind};
use crate::model::{ActionKind, CommerceModel, Status, Subscription};
use crate::rule::Rule;

/// Decide `setAutoRenew`: RENEW-2 (marketplace and new commerce only, while active), RENEW-3
/// (turning it off removes scheduled changes), RENEW-1 (on is the default, renewal date).
pub(crate) fn set_auto_renew(ctx: &Ctx<'_>, sub: &Subscription, enabled: bool, a: &mut Answer) {
    let _ = ctx;
    if sub.commerce_model == CommerceModel::Legacy {
        a.deny(
            Rule::Renew2,
            "auto-renew can be changed only for marketplace and new-commerce subscriptions",
        );
    }
    if sub.status != Status::Active {
        a.deny(
            Rule::Renew2,
            format!(
                "auto-renew can be changed only while `active`; this one is `{}`",
                sub.status
            ),
        );
        if sub.status == Status::Paused {
            a.alternative(
                ActionKind::Resume,
                Rule::Renew2,
                "resume the subscription first; auto-renew can be turned on after that",
            );
        }
    }
    if a.blocked() {
        return;
    }
    let renewal = sub.renews_at();
    if enabled == sub.auto_renew {
        let state = if enabled { "on" } else { "off" };
        a.allow(
            Rule::Renew2,
            format!("auto-renew is already {state}; nothing changes"),
        );
    } else if enabled {
        a.allow(
            Rule::Renew1,
            format!("auto-renew on: the subscription renews at {}", at(renewal)),
        );
        a.effect(Rule::Renew1, EffectKind::AutoRenewOn);
    } else {
        a.allow(
            Rule::Renew2,
            format!("auto-renew off: the subscription ends at {}", at(renewal)),
        );
        a.effect(Rule::Renew2, EffectKind::AutoRenewOff);
        if !sub.scheduled_changes.is_empty() {
            a.warn(
                Rule::Renew3,
                format!(
                    "{} scheduled change(s) need auto-renew and are removed",
                    sub.scheduled_changes.len()
                ),
            );
        }
        remove_scheduled_changes(sub, Rule::Renew3, a);
    }
    let kind = if enabled {
        DeadlineKind::RenewsAt
    } else {
        DeadlineKind::EndsAt
    };
    a.deadline(kind, renewal, Rule::Renew1);
}
