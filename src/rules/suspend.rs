//! SUSP: suspend and reactivate.

use chrono::{DateTime, Utc};

use super::{at, plus_days, Answer, Ctx};
use crate::decision::{DeadlineKind, EffectKind};
use crate::model::{ActionKind, CommerceModel, Status, Subscription, SuspendReason};
use crate::policy::Policy;
use crate::rule::Rule;

/// SUSP-4: new-commerce subscriptions are suspended and reactivated through support.
fn new_commerce(sub: &Subscription, action: ActionKind, a: &mut Answer) {
    if sub.commerce_model == CommerceModel::NewCommerce {
        a.support(
            Rule::Susp4,
            format!(
                "new-commerce subscriptions cannot `{action}` self-service: open a service request"
            ),
        );
    }
}

/// SUSP-3: the retention period in days: `retentionDays`, plus the whole days between account
/// opening and the first billing period when both are known, capped at `retentionCapDays`.
pub(crate) fn retention_days(sub: &Subscription, p: &Policy) -> u32 {
    let extra = match (sub.account_opened_at, sub.billing_started_at) {
        (Some(opened), Some(billed)) if billed > opened => {
            u32::try_from((billed - opened).num_days()).unwrap_or(u32::MAX)
        }
        _ => 0,
    };
    p.retention_days
        .saturating_add(extra)
        .min(p.retention_cap_days)
}

/// SUSP-3: when data is deleted for a subscription suspended at `since`.
pub(crate) fn deletion_at(sub: &Subscription, p: &Policy, since: DateTime<Utc>) -> DateTime<Utc> {
    plus_days(since, retention_days(sub, p))
}

/// Decide `suspend`: SUSP-1 (from active, with a reason), SUSP-2 (access blocked), SUSP-3 (data
/// deletion date), SUSP-4 (new commerce through support).
pub(crate) fn suspend(ctx: &Ctx<'_>, sub: &Subscription, reason: SuspendReason, a: &mut Answer) {
    new_commerce(sub, ActionKind::Suspend, a);
    if sub.commerce_model == CommerceModel::NewCommerce && reason == SuspendReason::NonPayment {
        a.alternative(
            ActionKind::Pause,
            Rule::Pause1,
            "for non-payment, pause the subscription: access is blocked at once, self-service",
        );
    }
    if sub.status != Status::Active {
        a.deny(
            Rule::Susp1,
            format!(
                "only an `active` subscription can be suspended; this one is `{}`",
                sub.status
            ),
        );
        return;
    }
    a.allow(
        Rule::Susp1,
        format!("suspended from `active` for `{reason}`"),
    );
    a.effect(
        Rule::Susp1,
        EffectKind::StatusChanges {
            from: Status::Active,
            to: Status::Suspended,
            at: ctx.now,
        },
    );
    a.effect(Rule::Susp2, EffectKind::AccessBlocked);
    let days = retention_days(sub, ctx.policy);
    let deletion = deletion_at(sub, ctx.policy, ctx.now);
    a.warn(
        Rule::Susp3,
        format!(
            "data is deleted at {} ({days} days) unless the subscription is reactivated before",
            at(deletion)
        ),
    );
    a.effect(
        Rule::Susp3,
        EffectKind::DataDeletionScheduled { at: deletion },
    );
    a.deadline(DeadlineKind::DataDeletionAt, deletion, Rule::Susp3);
}

/// Decide `reactivate`: only a `suspended` subscription (SUSP-5: a deleted one is gone, a paused
/// one is resumed), before its data is deleted (SUSP-3); new commerce through support (SUSP-4).
pub(crate) fn reactivate(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    new_commerce(sub, ActionKind::Reactivate, a);
    match sub.status {
        Status::Suspended => {}
        Status::Paused => {
            a.deny(
                Rule::Pause3,
                "a `paused` subscription is resumed, not reactivated",
            );
            a.alternative(
                ActionKind::Resume,
                Rule::Pause3,
                "resume the subscription: access is restored at once",
            );
            return;
        }
        Status::Deleted => {
            a.deny(
                Rule::Susp5,
                "a `deleted` subscription cannot be brought back: CSP subscriptions have no grace period",
            );
            a.alternative(ActionKind::Purchase, Rule::Susp5, "buy a new subscription");
            return;
        }
        other => {
            a.deny(
                Rule::Susp5,
                format!("only a `suspended` subscription is reactivated; this one is `{other}`"),
            );
            return;
        }
    }
    let Some(since) = sub.suspended_at else {
        // Validation requires `suspendedAt` for this case; stay total all the same.
        a.deny(
            Rule::Susp3,
            "the suspension instant is unknown, so the retention period cannot be checked",
        );
        return;
    };
    let deletion = deletion_at(sub, ctx.policy, since);
    let days = retention_days(sub, ctx.policy);
    if ctx.now < deletion {
        a.allow(
            Rule::Susp3,
            format!(
                "reactivated within the {days}-day retention period, before data deletion at {}",
                at(deletion)
            ),
        );
        a.deadline(DeadlineKind::ReactivateUntil, deletion, Rule::Susp3);
        a.effect(
            Rule::Susp3,
            EffectKind::StatusChanges {
                from: Status::Suspended,
                to: Status::Active,
                at: ctx.now,
            },
        );
        a.effect(Rule::Susp2, EffectKind::AccessRestored);
    } else {
        a.deny(
            Rule::Susp3,
            format!(
                "the {days}-day retention period ended at {}: the data is deleted",
                at(deletion)
            ),
        );
        a.alternative(ActionKind::Purchase, Rule::Susp3, "buy a new subscription");
    }
}
