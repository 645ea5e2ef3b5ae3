//! UPG: upgrades, new commerce (`upgrade`), full and partial, with MONEY-3 lines.

use super::{at, Answer, Ctx};
use crate::decision::{EffectKind, MoneyKind};
use crate::model::{
    ActionKind, Change, CommerceModel, Status, Subscription, Timing, UpgradeTarget,
};
use crate::money::{remaining_days, Pricing};
use crate::rule::Rule;

/// The parameters of an upgrade.
pub(crate) struct Upgrade<'a> {
    pub target_sku: &'a str,
    pub quantity: u32,
    pub target: &'a UpgradeTarget,
    pub timing: Timing,
}

/// Decide `upgrade`.
pub(crate) fn upgrade(ctx: &Ctx<'_>, sub: &Subscription, u: &Upgrade<'_>, a: &mut Answer) {
    if sub.commerce_model != CommerceModel::NewCommerce {
        a.deny(
            Rule::Upg1,
            format!("partial and mid-term upgrades are for new-commerce subscriptions; this one is `{}`", sub.commerce_model),
        );
    }
    // UPG-1: only from active.
    if sub.status == Status::Active {
        a.allow(Rule::Upg1, "the source subscription is active");
    } else {
        a.deny(
            Rule::Upg1,
            format!(
                "upgrades start only from `active`; this one is `{}`",
                sub.status
            ),
        );
    }
    // UPG-2: an eligible target SKU.
    if sub.upgrade_paths.iter().any(|p| p == u.target_sku) {
        a.allow(
            Rule::Upg2,
            format!("`{}` is an eligible upgrade of `{}`", u.target_sku, sub.sku),
        );
    } else {
        a.deny(
            Rule::Upg2,
            format!(
                "`{}` is not an eligible upgrade of `{}`",
                u.target_sku, sub.sku
            ),
        );
    }
    // UPG-3: 1 ≤ licences moved ≤ the source's quantity; partial when fewer.
    let source_qty = sub.quantity.unwrap_or(0);
    let partial = u.quantity < source_qty;
    if u.quantity == 0 || u.quantity > source_qty {
        a.deny(
            Rule::Upg3,
            format!(
                "{} licences cannot move: between 1 and the source's {source_qty}",
                u.quantity
            ),
        );
    } else if partial {
        a.allow(
            Rule::Upg3,
            format!(
                "partial upgrade: {} of {source_qty} licences move",
                u.quantity
            ),
        );
    } else {
        a.allow(
            Rule::Upg3,
            format!("full upgrade: all {source_qty} licences move"),
        );
    }
    // UPG-4: a new subscription, or an active existing one of the target SKU.
    target(ctx, u, a);
    if u.timing == Timing::Renewal {
        scheduled(sub, a);
    }
    if a.blocked() {
        return;
    }
    if u.timing == Timing::Renewal {
        let renewal = sub.renews_at();
        a.schedule(
            Rule::Sched4,
            renewal,
            format!("the upgrade takes effect at renewal, {}", at(renewal)),
        );
        a.effect(Rule::Sched4, EffectKind::ChangeScheduled { at: renewal });
        a.warn(
            Rule::Sched6,
            "after a SKU change, licences must be reassigned to users by hand",
        );
        a.effect(Rule::Sched6, EffectKind::LicenceReassignmentRequired);
        return;
    }
    a.allow(Rule::Sched2, "upgrades may be applied mid-term");
    effects(ctx, sub, u, partial, source_qty, a);
}

fn target(ctx: &Ctx<'_>, u: &Upgrade<'_>, a: &mut Answer) {
    let UpgradeTarget::Existing { subscription_id } = u.target else {
        a.allow(
            Rule::Upg4,
            format!("the licences move to a new `{}` subscription", u.target_sku),
        );
        return;
    };
    let found = ctx
        .req
        .customer
        .as_ref()
        .and_then(|c| c.subscriptions.iter().find(|s| &s.id == subscription_id));
    match found {
        None => a.deny(
            Rule::Upg4,
            format!(
                "the customer has no subscription `{}`",
                crate::decode::clip(subscription_id)
            ),
        ),
        Some(t) if t.status != Status::Active => a.deny(
            Rule::Upg4,
            format!(
                "the target subscription `{}` must be `active`; it is `{}`",
                t.id, t.status
            ),
        ),
        Some(t) if t.sku != u.target_sku => a.deny(
            Rule::Upg4,
            format!(
                "the target subscription `{}` is of `{}`, not `{}`",
                t.id, t.sku, u.target_sku
            ),
        ),
        Some(t) => a.allow(
            Rule::Upg4,
            format!("the licences move to the existing subscription `{}`", t.id),
        ),
    }
}

/// A scheduled upgrade needs auto-renew on (SCHED-3).
fn scheduled(sub: &Subscription, a: &mut Answer) {
    if !sub.auto_renew {
        a.deny(Rule::Sched3, "an upgrade at renewal needs auto-renew on");
        a.alternative(
            ActionKind::SetAutoRenew,
            Rule::Sched3,
            "turn auto-renew on first",
        );
    }
}

fn effects(
    ctx: &Ctx<'_>,
    sub: &Subscription,
    u: &Upgrade<'_>,
    partial: bool,
    source_qty: u32,
    a: &mut Answer,
) {
    let term_end = sub.current_term_end();
    match u.target {
        UpgradeTarget::New => {
            // UPG-5: the new subscription ends its term with the source.
            a.allow(
                Rule::Upg5,
                format!("the new subscription's term ends with the source's, on {term_end}"),
            );
            a.effect(
                Rule::Upg5,
                EffectKind::SubscriptionCreated {
                    sku: u.target_sku.to_string(),
                    quantity: Some(u.quantity),
                    status: Status::Active,
                    term_end: Some(term_end),
                },
            );
        }
        UpgradeTarget::Existing { .. } => {}
    }
    if partial {
        a.effect(
            Rule::Upg3,
            EffectKind::QuantityChanges {
                from: source_qty,
                to: source_qty - u.quantity,
            },
        );
        // UPG-6: a mid-term upgrade removes the source's scheduled upgrades.
        let upgrades: Vec<String> = sub
            .scheduled_changes
            .iter()
            .filter(|c| matches!(c.change, Change::SkuUpgrade { .. }))
            .map(|c| c.id.clone())
            .collect();
        if !upgrades.is_empty() {
            a.effect(
                Rule::Upg6,
                EffectKind::ScheduledChangesRemoved {
                    change_ids: upgrades,
                },
            );
        }
    } else {
        a.effect(
            Rule::Upg3,
            EffectKind::StatusChanges {
                from: Status::Active,
                to: Status::Deleted,
                at: ctx.now,
            },
        );
        // SCHED-7: upgrading the SKU removes every saved change of the source.
        super::remove_scheduled_changes(sub, Rule::Sched7, a);
    }
    // MONEY-3: credit on the source and charge on the target, each per licence at its own price.
    let period = sub.billing_period(ctx.today());
    let remaining = remaining_days(&period, ctx.today());
    if let Some(price) = sub.unit_price {
        let credit = Pricing {
            quantity: u.quantity,
            unit_price: price,
            currency: &sub.currency,
            rounding: ctx.policy.rounding,
        };
        a.money(credit.per_unit_prorated(MoneyKind::Credit, Rule::Money3, &period, remaining));
    }
    if let Some(price) = ctx.req.offer.as_ref().and_then(|o| o.unit_price) {
        let charge = Pricing {
            quantity: u.quantity,
            unit_price: price,
            currency: &sub.currency,
            rounding: ctx.policy.rounding,
        };
        a.money(charge.per_unit_prorated(MoneyKind::Charge, Rule::Money3, &period, remaining));
    }
}
