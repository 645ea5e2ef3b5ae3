//! SCHED: changes at renewal, new commerce (`scheduleChange`, `cancelScheduledChange`).
//! SCHED-7 (saved changes removed by other actions) is an effect of those actions.

use super::{at, quantity, Answer, Ctx};
use crate::decision::EffectKind;
use crate::model::{ActionKind, Change, CommerceModel, Status, Subscription};
use crate::rule::Rule;

/// The kind name of a change, for messages and for "same kind replaces".
fn kind(c: &Change) -> &'static str {
    match c {
        Change::SkuUpgrade { .. } => "skuUpgrade",
        Change::SkuDowngrade { .. } => "skuDowngrade",
        Change::Quantity { .. } => "quantity",
        Change::Term { .. } => "term",
        Change::BillingFrequency { .. } => "billingFrequency",
    }
}

/// SCHED-3: scheduled changes need a new-commerce, active subscription with auto-renew on.
fn preconditions(sub: &Subscription, a: &mut Answer) {
    if sub.commerce_model != CommerceModel::NewCommerce {
        a.deny(
            Rule::Sched3,
            format!(
                "changes at renewal are for new-commerce subscriptions; this one is `{}`",
                sub.commerce_model
            ),
        );
    }
    if sub.status != Status::Active {
        a.deny(
            Rule::Sched3,
            format!(
                "changes are scheduled only on an `active` subscription; this one is `{}`",
                sub.status
            ),
        );
    }
    if !sub.auto_renew {
        a.deny(Rule::Sched3, "changes at renewal need auto-renew on");
        a.alternative(
            ActionKind::SetAutoRenew,
            Rule::Sched3,
            "turn auto-renew on first; scheduled changes apply when the subscription renews",
        );
    }
}

/// Decide `scheduleChange`.
pub(crate) fn schedule_change(ctx: &Ctx<'_>, sub: &Subscription, change: &Change, a: &mut Answer) {
    preconditions(sub, a);
    let renewal = sub.renews_at();
    match change {
        Change::SkuUpgrade { target_sku } => {
            if sub.upgrade_paths.contains(target_sku) {
                a.allow(
                    Rule::Sched2,
                    format!(
                        "`{target_sku}` is an eligible upgrade; upgrades may also be scheduled"
                    ),
                );
            } else {
                a.deny(
                    Rule::Sched3,
                    format!("`{target_sku}` is not an eligible upgrade of `{}`", sub.sku),
                );
            }
        }
        Change::SkuDowngrade { target_sku } => {
            if target_sku == &sub.sku {
                a.deny(
                    Rule::Sched1,
                    format!("the subscription is already on `{target_sku}`"),
                );
            } else {
                a.allow(
                    Rule::Sched1,
                    "a SKU downgrade happens only at the end of the term",
                );
            }
        }
        Change::Quantity { quantity: q } => {
            let current = sub.quantity.unwrap_or(0);
            let (min, max) = quantity::limits(ctx);
            quantity::within_limits(*q, min, max, Rule::Qty1, a);
            if *q == current {
                a.deny(Rule::Sched1, format!("the quantity is already {current}"));
            } else if *q < current {
                a.allow(
                    Rule::Sched1,
                    "a seat decrease happens only at the end of the term",
                );
            } else {
                a.allow(Rule::Sched2, "a seat increase may also be applied mid-term");
            }
        }
        Change::Term { term } => {
            if *term == sub.term {
                a.deny(Rule::Sched1, format!("the term is already `{term}`"));
            } else {
                a.allow(
                    Rule::Sched1,
                    "a term change happens only at the end of the term",
                );
            }
        }
        Change::BillingFrequency { billing_frequency } => {
            if *billing_frequency == sub.billing_frequency {
                a.deny(
                    Rule::Sched1,
                    format!("the billing frequency is already `{billing_frequency}`"),
                );
            } else {
                a.allow(
                    Rule::Sched1,
                    "a billing frequency change happens only at the end of the term",
                );
            }
        }
    }
    if a.blocked() {
        return;
    }
    a.schedule(
        Rule::Sched4,
        renewal,
        format!(
            "takes effect at renewal, {}; it can be viewed, updated or removed until then",
            at(renewal)
        ),
    );
    a.effect(Rule::Sched4, EffectKind::ChangeScheduled { at: renewal });
    let replaced: Vec<String> = sub
        .scheduled_changes
        .iter()
        .filter(|c| kind(&c.change) == kind(change))
        .map(|c| c.id.clone())
        .collect();
    if !replaced.is_empty() {
        a.effect(
            Rule::Sched4,
            EffectKind::ScheduledChangesRemoved {
                change_ids: replaced,
            },
        );
    }
    if matches!(
        change,
        Change::SkuUpgrade { .. } | Change::SkuDowngrade { .. }
    ) {
        a.warn(
            Rule::Sched6,
            "after a SKU change, licences must be reassigned to users by hand",
        );
        a.effect(Rule::Sched6, EffectKind::LicenceReassignmentRequired);
    }
    if sub.in_trial(ctx.now) {
        a.warn(
            Rule::Sched5,
            "the trial is scheduled to convert to the paid SKU at the end of its term",
        );
    }
}

/// Decide `cancelScheduledChange`: a saved change can be removed until the renewal (SCHED-4).
pub(crate) fn cancel_scheduled_change(ctx: &Ctx<'_>, sub: &Subscription, id: &str, a: &mut Answer) {
    if !sub.scheduled_changes.iter().any(|c| c.id == id) {
        a.deny(
            Rule::Sched4,
            format!("there is no scheduled change `{}`", crate::decode::clip(id)),
        );
        return;
    }
    let renewal = sub.renews_at();
    if ctx.now >= renewal {
        a.deny(
            Rule::Sched4,
            format!("the change took effect at renewal, {}", at(renewal)),
        );
        return;
    }
    a.allow(
        Rule::Sched4,
        format!(
            "scheduled changes can be removed until the renewal at {}",
            at(renewal)
        ),
    );
    a.effect(
        Rule::Sched4,
        EffectKind::ScheduledChangesRemoved {
            change_ids: vec![id.to_string()],
        },
    );
}
