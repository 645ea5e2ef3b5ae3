//! SUSP: suspend and reactivate.

use chrono::{DateTime, Utc};

use crate::model::decision::{DeadlineKind, EffectKind};
use crate::model::request::Action;
use crate::model::request::Subscription;
use crate::model::vocab::{ActionKind, CommerceModel, Status, SuspendReason};
use crate::msg;
use crate::policy::params::Policy;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, plus_days, Answer, Ctx};

/// SUSP-4: new-commerce subscriptions are suspended and reactivated through support.
fn new_commerce(sub: &Subscription, action: ActionKind, a: &mut Answer) {
    if sub.commerce_model == CommerceModel::NewCommerce {
        a.support(
            Rule::Susp4,
            msg!(
                a.lang,
                "new-commerce subscriptions cannot `{action}` self-service: open a service request",
                "nya handelsprenumerationer kan inte `{action}` via självbetjäning: skapa en tjänstbegäran"
            ),
        );
    }
}

/// SUSP-3: the retention period in days: `retentionDays`, plus the whole days between account
/// opening and the first billing period when both are known, capped at `retentionCapDays`.
pub(crate) fn retention_days(sub: &Subscription, p: &Policy) -> u32 {
    let extra = match (sub.account_opened_at, sub.billing_started_at) {
        (Some(opened), Some(billed)) if billed > opened => {
            u32::try_from((billed.0 - opened.0).num_days()).unwrap_or(u32::MAX)
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
            Action::Pause,
            Rule::Pause1,
            msg!(
                a.lang,
                "for non-payment, pause the subscription: access is blocked at once, self-service",
                "vid utebliven betalning, pausa prenumerationen: åtkomsten blockeras direkt, via självbetjäning"
            ),
        );
    }
    let status = sub.status;
    if status != Status::Active {
        a.deny(
            Rule::Susp1,
            msg!(
                a.lang,
                "only an `active` subscription can be suspended; this one is `{status}`",
                "bara en `active` prenumeration kan inaktiveras; den här är `{status}`"
            ),
        );
        return;
    }
    a.allow(
        Rule::Susp1,
        msg!(
            a.lang,
            "suspended from `active` for `{reason}`",
            "inaktiveras från `active` på grund av `{reason}`"
        ),
    );
    a.effect(
        Rule::Susp1,
        EffectKind::StatusChanges {
            from: Status::Active,
            to: Status::Suspended,
            at: ctx.now.into(),
        },
    );
    a.effect(Rule::Susp2, EffectKind::AccessBlocked);
    let days = retention_days(sub, &ctx.policy);
    let deletion = deletion_at(sub, &ctx.policy, ctx.now);
    a.warn(
        Rule::Susp3,
        msg!(
            a.lang,
            "data is deleted at {} ({days} days) unless the subscription is reactivated before",
            "data tas bort {} ({days} dagar) om inte prenumerationen återaktiveras innan dess",
            at(deletion)
        ),
    );
    a.effect(
        Rule::Susp3,
        EffectKind::DataDeletionScheduled {
            at: deletion.into(),
        },
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
                msg!(
                    a.lang,
                    "a `paused` subscription is resumed, not reactivated",
                    "en `paused` prenumeration återupptas, den återaktiveras inte"
                ),
            );
            a.alternative(
                Action::Resume,
                Rule::Pause3,
                msg!(
                    a.lang,
                    "resume the subscription: access is restored at once",
                    "återuppta prenumerationen: åtkomsten återställs direkt"
                ),
            );
            return;
        }
        Status::Deleted => {
            a.deny(
                Rule::Susp5,
                msg!(
                    a.lang,
                    "a `deleted` subscription cannot be brought back: CSP subscriptions have no grace period",
                    "en `deleted` prenumeration kan inte återställas: CSP-prenumerationer har ingen respitperiod"
                ),
            );
            a.alternative(
                Action::Purchase {
                    quantity: sub.quantity,
                },
                Rule::Susp5,
                msg!(a.lang, "buy a new subscription", "köp en ny prenumeration"),
            );
            return;
        }
        other => {
            a.deny(
                Rule::Susp5,
                msg!(
                    a.lang,
                    "only a `suspended` subscription is reactivated; this one is `{other}`",
                    "bara en `suspended` prenumeration återaktiveras; den här är `{other}`"
                ),
            );
            return;
        }
    }
    let Some(since) = sub.suspended_at else {
        // Validation requires `suspendedAt` for this case; stay total all the same.
        a.deny(
            Rule::Susp3,
            msg!(
                a.lang,
                "the suspension instant is unknown, so the retention period cannot be checked",
                "tidpunkten för inaktiveringen är okänd, så lagringsperioden kan inte kontrolleras"
            ),
        );
        return;
    };
    let deletion = deletion_at(sub, &ctx.policy, since.0);
    let days = retention_days(sub, &ctx.policy);
    if ctx.before(deletion) {
        a.allow(
            Rule::Susp3,
            msg!(
                a.lang,
                "reactivated within the {days}-day retention period, before data deletion at {}",
                "återaktiveras inom lagringsperioden på {days} dagar, före borttagningen av data {}",
                at(deletion)
            ),
        );
        a.deadline(DeadlineKind::ReactivateUntil, deletion, Rule::Susp3);
        a.effect(
            Rule::Susp3,
            EffectKind::StatusChanges {
                from: Status::Suspended,
                to: Status::Active,
                at: ctx.now.into(),
            },
        );
        a.effect(Rule::Susp2, EffectKind::AccessRestored);
    } else {
        a.deny(
            Rule::Susp3,
            msg!(
                a.lang,
                "the {days}-day retention period ended at {}: the data is deleted",
                "lagringsperioden på {days} dagar tog slut {}: data är borttagna",
                at(deletion)
            ),
        );
        a.alternative(
            Action::Purchase {
                quantity: sub.quantity,
            },
            Rule::Susp3,
            msg!(a.lang, "buy a new subscription", "köp en ny prenumeration"),
        );
    }
}
