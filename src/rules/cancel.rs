//! CANC: cancellation (`cancel`).

use super::{at, plus_days, plus_hours, remove_scheduled_changes, Answer, Ctx};
use crate::decision::{DeadlineKind, EffectKind, MoneyKind};
use crate::model::{
    ActionKind, BillingFrequency, BillingType, CommerceModel, Status, Subscription,
};
use crate::money::{remaining_days, Pricing};
use crate::rule::Rule;

/// Decide `cancel`.
pub(crate) fn cancel(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    // CANC-8: a deleted subscription cannot be cancelled again.
    if sub.status == Status::Deleted {
        a.deny(
            Rule::Canc8,
            "the subscription is already cancelled (`deleted`)",
        );
        return;
    }
    match (sub.commerce_model, sub.billing_type) {
        (CommerceModel::Marketplace, BillingType::Usage) => usage_based(ctx, sub, a),
        (CommerceModel::Marketplace, BillingType::License) => marketplace_licence(ctx, sub, a),
        (CommerceModel::NewCommerce, _) => new_commerce(ctx, sub, a),
        (CommerceModel::Legacy, _) => legacy(a),
    }
}

fn pricing<'a>(ctx: &Ctx<'_>, sub: &'a Subscription) -> Option<Pricing<'a>> {
    Some(Pricing {
        quantity: sub.quantity?,
        unit_price: sub.unit_price?,
        currency: &sub.currency,
        rounding: ctx.policy.rounding,
    })
}

/// The effects every carried-out cancellation has, at `when`.
fn ending_effects(sub: &Subscription, when: chrono::DateTime<chrono::Utc>, a: &mut Answer) {
    let rule = match sub.commerce_model {
        CommerceModel::NewCommerce => Rule::Canc5,
        _ if sub.billing_type == BillingType::Usage => Rule::Canc4,
        _ if sub.billing_frequency == BillingFrequency::Annual => Rule::Canc2,
        _ => Rule::Canc1,
    };
    a.effect(
        rule,
        EffectKind::StatusChanges {
            from: sub.status,
            to: Status::Deleted,
            at: when,
        },
    );
    // CANC-7 / ADDON-5: cancelling the base disables its add-ons.
    let add_ons: Vec<String> = sub
        .add_ons
        .iter()
        .filter(|x| x.status != Status::Deleted)
        .map(|x| x.id.clone())
        .collect();
    if !add_ons.is_empty() {
        a.effect(
            Rule::Canc7,
            EffectKind::AddOnsDisabled {
                add_on_ids: add_ons,
            },
        );
    }
    // SCHED-7: cancelling removes saved scheduled changes.
    remove_scheduled_changes(sub, Rule::Sched7, a);
}

/// CANC-4: usage-based ISV services are deprovisioned now and never refunded.
fn usage_based(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    a.allow(
        Rule::Canc4,
        "usage-based services are deprovisioned now; usage is billed as used and never refunded",
    );
    ending_effects(sub, ctx.now, a);
}

/// CANC-1 (monthly, 24 hours) and CANC-2 (annual, 14 days), measured from the order; CANC-3
/// once the window has passed; CANC-8 for `pending` subscriptions.
fn marketplace_licence(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let (rule, closes, span) = match sub.billing_frequency {
        BillingFrequency::Monthly => {
            let h = ctx.policy.marketplace_monthly_cancel_hours;
            (
                Rule::Canc1,
                plus_hours(sub.ordered_at, h),
                format!("{h} hours"),
            )
        }
        BillingFrequency::Annual => {
            let d = ctx.policy.marketplace_annual_cancel_days;
            (
                Rule::Canc2,
                plus_days(sub.ordered_at, d),
                format!("{d} days"),
            )
        }
    };
    if sub.status == Status::Pending {
        a.allow(
            Rule::Canc8,
            "a `pending` marketplace subscription follows the order windows",
        );
    }
    let billed = sub.billing_frequency;
    if ctx.now < closes {
        a.allow(
            rule,
            format!("cancelled within {span} of the order ({billed} billing): full credit on the next invoice"),
        );
        a.deadline(DeadlineKind::FullCreditUntil, closes, rule);
        if let Some(p) = pricing(ctx, sub) {
            a.money(p.full(MoneyKind::Credit, rule));
        }
        ending_effects(sub, ctx.now, a);
    } else {
        let renewal = sub.renews_at();
        a.schedule(
            rule,
            renewal,
            format!(
                "more than {span} after the order ({billed} billing): the cancellation takes effect at renewal on {}, with no credit",
                at(renewal)
            ),
        );
        a.schedule(
            Rule::Canc3,
            renewal,
            format!(
                "the immediate cancellation with credit closed at {}",
                at(closes)
            ),
        );
        ending_effects(sub, renewal, a);
    }
}

/// CANC-5 (windows from the term start, money by MONEY-3) and CANC-6 (access removed, final).
fn new_commerce(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let p = ctx.policy;
    let full_until = plus_hours(sub.term_start, p.new_commerce_full_refund_hours);
    let prorated_until = plus_days(sub.term_start, p.new_commerce_cancel_days);
    if ctx.now >= prorated_until {
        a.deny(
            Rule::Canc5,
            format!(
                "the cancellation window closed at {} ({} days after the term start)",
                at(prorated_until),
                p.new_commerce_cancel_days
            ),
        );
        if sub.auto_renew {
            a.alternative(
                ActionKind::SetAutoRenew,
                Rule::Renew2,
                format!(
                    "turn auto-renew off so the subscription ends with its term at {}",
                    at(sub.renews_at())
                ),
            );
        }
        return;
    }
    let full = ctx.now < full_until;
    if full {
        a.allow(
            Rule::Canc5,
            format!(
                "cancelled within {} hours of the term start: full refund",
                p.new_commerce_full_refund_hours
            ),
        );
        a.deadline(DeadlineKind::FullRefundUntil, full_until, Rule::Canc5);
    } else {
        a.allow(
            Rule::Canc5,
            format!(
                "cancelled within {} days of the term start: refund minus the days used",
                p.new_commerce_cancel_days
            ),
        );
    }
    a.deadline(
        DeadlineKind::ProratedRefundUntil,
        prorated_until,
        Rule::Canc5,
    );
    a.warn(
        Rule::Canc6,
        "access is removed at once and cannot be restored",
    );
    a.effect(Rule::Canc6, EffectKind::AccessRemoved);
    a.effect(Rule::Canc6, EffectKind::Irreversible);
    ending_effects(sub, ctx.now, a);
    if sub.in_trial(ctx.now) {
        a.allow(
            Rule::Elig9,
            "the subscription is in its free trial: nothing was paid, nothing is refunded",
        );
        return;
    }
    if let Some(pricing) = pricing(ctx, sub) {
        if full {
            a.money(pricing.full(MoneyKind::Refund, Rule::Money3));
        } else {
            let period = sub.billing_period(ctx.today());
            let remaining = remaining_days(&period, ctx.today());
            a.money(pricing.per_unit_prorated(MoneyKind::Refund, Rule::Money3, &period, remaining));
        }
    }
}

/// Legacy licence-based subscriptions have no self-service cancellation in the sources: they are
/// ended by suspending them (SUSP-1), after which data is deleted (SUSP-3).
fn legacy(a: &mut Answer) {
    a.deny(
        Rule::Susp1,
        "legacy subscriptions are not cancelled self-service; suspend it, and its data is deleted after the retention period",
    );
    a.alternative(
        ActionKind::Suspend,
        Rule::Susp1,
        "suspend the subscription at the customer's request",
    );
}
