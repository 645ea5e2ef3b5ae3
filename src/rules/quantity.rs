//! QTY: licence quantity (`changeQuantity`), with MKT-4 for marketplace SaaS.

use super::{at, remove_scheduled_changes, Answer, Ctx};
use crate::decision::{EffectKind, MoneyKind};
use crate::model::{ActionKind, BillingType, CommerceModel, Status, Subscription};
use crate::money::{remaining_days, Pricing};
use crate::rule::Rule;

/// QTY-1: the offer's limits (the policy's default minimum when no offer is given).
pub(crate) fn limits(ctx: &Ctx<'_>) -> (u32, Option<u32>) {
    let offer = ctx.req.offer.as_ref();
    let min = offer
        .and_then(|o| o.min_quantity)
        .unwrap_or(ctx.policy.default_min_quantity);
    (min, offer.and_then(|o| o.max_quantity))
}

/// QTY-1: `quantity` is within `min..=max`; reports under `rule`.
pub(crate) fn within_limits(
    quantity: u32,
    min: u32,
    max: Option<u32>,
    rule: Rule,
    a: &mut Answer,
) -> bool {
    let ok = quantity >= min && max.is_none_or(|m| quantity <= m);
    let range = match max {
        Some(m) => format!("{min} to {m}"),
        None => format!("at least {min}"),
    };
    if ok {
        a.allow(
            rule,
            format!("{quantity} licences is within the offer's limits ({range})"),
        );
    } else {
        a.deny(
            rule,
            format!("{quantity} licences is outside the offer's limits ({range})"),
        );
    }
    ok
}

/// Decide `changeQuantity`.
pub(crate) fn change_quantity(ctx: &Ctx<'_>, sub: &Subscription, quantity: u32, a: &mut Answer) {
    let Some(current) = sub
        .quantity
        .filter(|_| sub.billing_type == BillingType::License)
    else {
        a.deny(
            Rule::Qty1,
            "usage-based subscriptions have no licence quantity",
        );
        return;
    };
    let (min, max) = limits(ctx);
    within_limits(quantity, min, max, Rule::Qty1, a);
    if quantity == current {
        a.deny(
            Rule::Qty1,
            format!("the quantity is already {current}; nothing to change"),
        );
    }
    match sub.commerce_model {
        CommerceModel::NewCommerce => new_commerce(ctx, sub, current, quantity, a),
        CommerceModel::Legacy | CommerceModel::Marketplace => {
            anytime(ctx, sub, current, quantity, a)
        }
    }
}

/// QTY-2: new commerce. Increases apply now with MONEY-4 lines; decreases wait for renewal
/// (SCHED-1), with `scheduleChange` as the alternative.
fn new_commerce(ctx: &Ctx<'_>, sub: &Subscription, current: u32, quantity: u32, a: &mut Answer) {
    if sub.status != Status::Active {
        a.deny(
            Rule::Qty2,
            format!(
                "licences change only while `active`; this one is `{}`",
                sub.status
            ),
        );
        return;
    }
    if quantity < current {
        let renewal = sub.renews_at();
        a.deny(
            Rule::Qty2,
            "new-commerce seat decreases apply only at renewal",
        );
        a.deny(
            Rule::Sched1,
            format!(
                "a seat decrease is an end-of-term change: schedule it for {}",
                at(renewal)
            ),
        );
        a.alternative(
            ActionKind::ScheduleChange,
            Rule::Sched1,
            format!(
                "schedule the decrease to {quantity} for the renewal at {}",
                at(renewal)
            ),
        );
        return;
    }
    if quantity == current || a.blocked() {
        return;
    }
    a.allow(
        Rule::Qty2,
        "seat increases apply mid-term with a prorated charge",
    );
    a.allow(Rule::Sched2, "a seat increase may be applied mid-term");
    a.effect(
        Rule::Qty2,
        EffectKind::QuantityChanges {
            from: current,
            to: quantity,
        },
    );
    remove_scheduled_changes(sub, Rule::Sched7, a);
    if sub.in_trial(ctx.now) {
        return;
    }
    let Some(unit_price) = sub.unit_price else {
        return;
    };
    let period = sub.billing_period(ctx.today());
    let remaining = remaining_days(&period, ctx.today());
    let line = |q: u32, kind: MoneyKind| {
        Pricing {
            quantity: q,
            unit_price,
            currency: &sub.currency,
            rounding: ctx.policy.rounding,
        }
        .line_prorated(kind, Rule::Money4, &period, remaining)
    };
    a.money(line(current, MoneyKind::Credit));
    a.money(line(quantity, MoneyKind::Charge));
}

/// QTY-3 (and MKT-4 for marketplace SaaS): increase or decrease at any time while active.
fn anytime(ctx: &Ctx<'_>, sub: &Subscription, current: u32, quantity: u32, a: &mut Answer) {
    let _ = ctx;
    if sub.status != Status::Active {
        a.deny(
            Rule::Qty3,
            format!(
                "licences change only while `active`; this one is `{}`",
                sub.status
            ),
        );
        return;
    }
    if a.blocked() {
        return;
    }
    let direction = if quantity > current {
        "increased"
    } else {
        "decreased"
    };
    a.allow(
        Rule::Qty3,
        format!("licences can be {direction} at any time while active"),
    );
    if sub.commerce_model == CommerceModel::Marketplace {
        a.allow(
            Rule::Mkt4,
            "licence-based SaaS licences can be increased or decreased",
        );
    }
    a.effect(
        Rule::Qty3,
        EffectKind::QuantityChanges {
            from: current,
            to: quantity,
        },
    );
    remove_scheduled_changes(sub, Rule::Sched7, a);
}
