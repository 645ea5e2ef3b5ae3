//! ELIG: buying a subscription (`purchase`).

use super::{at, plus_days, quantity::within_limits, Answer, Ctx};
use crate::decision::{DeadlineKind, EffectKind};
use crate::model::{
    ActionKind, Actor, BillingType, Customer, Offer, ProductType, Publisher, Status,
};
use crate::rule::Rule;

/// Decide `purchase` of `offer` for `customer`: every failing ELIG rule is listed, not only the
/// first.
pub(crate) fn purchase(
    ctx: &Ctx<'_>,
    customer: &Customer,
    offer: &Offer,
    quantity: Option<u32>,
    a: &mut Answer,
) {
    eligibility(ctx, &ctx.req.actor, customer, offer, a);
    self::quantity(ctx, offer, quantity, a);
    if a.blocked() {
        return;
    }
    let starts_pending = offer.publisher == Publisher::Partner;
    // ELIG-10: marketplace SaaS starts `pending`; other offers start `active` (created under ROLE-2).
    a.effect(
        if starts_pending {
            Rule::Elig10
        } else {
            Rule::Role2
        },
        EffectKind::SubscriptionCreated {
            sku: offer.id.clone(),
            quantity,
            status: if starts_pending {
                Status::Pending
            } else {
                Status::Active
            },
            term_end: None,
        },
    );
    trial(ctx, offer, a);
    if starts_pending {
        a.warn(
            Rule::Elig10,
            "the subscription stays `pending` until it is set up at the publisher's site (activation link); no e-mail is sent to partner or customer",
        );
    }
}

/// ELIG-1…7: whether this customer and partner may buy this offer at all (also used by CAT-1).
pub(crate) fn eligibility(
    ctx: &Ctx<'_>,
    actor: &Actor,
    customer: &Customer,
    offer: &Offer,
    a: &mut Answer,
) {
    let _ = ctx;
    let held: Vec<_> = customer
        .subscriptions
        .iter()
        .filter(|s| s.offer_id == offer.id && s.status != Status::Deleted)
        .collect();
    // ELIG-1: one subscription per customer.
    if offer.one_per_customer {
        match held.first() {
            Some(s) => a.deny(
                Rule::Elig1,
                format!(
                    "the offer allows one subscription per customer and the customer holds `{}`",
                    s.id
                ),
            ),
            None => a.allow(
                Rule::Elig1,
                "the customer holds no subscription to this one-per-customer offer",
            ),
        }
    }
    // ELIG-2: a suspended subscription to the offer is reactivated instead.
    if let Some(s) = held.iter().find(|s| s.status == Status::Suspended) {
        a.deny(
            Rule::Elig2,
            format!("the customer's subscription `{}` to this offer is suspended: reactivate it instead", s.id),
        );
        a.alternative(
            ActionKind::Reactivate,
            Rule::Elig2,
            format!(
                "reactivate subscription `{}` instead of buying a new one",
                s.id
            ),
        );
    }
    if offer.publisher == Publisher::Partner {
        // ELIG-3: the ISV must support the customer's billing country.
        if let Some(countries) = &offer.supported_countries {
            if countries.contains(&customer.billing_country) {
                a.allow(
                    Rule::Elig3,
                    format!(
                        "the publisher supports billing country `{}`",
                        customer.billing_country
                    ),
                );
            } else {
                a.deny(
                    Rule::Elig3,
                    format!(
                        "the publisher does not support billing country `{}`",
                        customer.billing_country
                    ),
                );
            }
        }
        // ELIG-4: the ISV must have made the offer available through CSP.
        if !offer.available_in_csp {
            a.deny(
                Rule::Elig4,
                "the publisher has not made this offer available through the CSP program",
            );
        }
        // ELIG-5: exclusive offers only for the listed partners.
        if let Some(partners) = &offer.exclusive_partners {
            match &actor.partner_id {
                Some(id) if partners.contains(id) => a.allow(
                    Rule::Elig5,
                    format!("the offer is exclusive and partner `{id}` is listed"),
                ),
                Some(id) => a.deny(
                    Rule::Elig5,
                    format!("the offer is exclusive to other partners; `{id}` is not listed"),
                ),
                None => a.deny(
                    Rule::Elig5,
                    "the offer is exclusive to listed partners and the actor names no partner ID",
                ),
            }
        }
        // ELIG-6: only licence-based and metered SaaS is bought here.
        if offer.product_type != ProductType::Saas {
            a.deny(
                Rule::Elig6,
                format!(
                    "`{}` offers are bought in the Azure portal, not here; only licence-based and metered SaaS is",
                    offer.product_type
                ),
            );
        } else {
            let kind = match offer.billing_type {
                BillingType::License => "licence-based",
                BillingType::Usage => "metered",
            };
            a.allow(Rule::Elig6, format!("{kind} SaaS can be bought here"));
        }
    }
    // ELIG-7: the customer's segment.
    if offer.segments.contains(&customer.segment) {
        a.allow(
            Rule::Elig7,
            format!(
                "the offer is available to the `{}` segment",
                customer.segment
            ),
        );
    } else {
        a.deny(
            Rule::Elig7,
            format!(
                "the offer is not available to the `{}` segment",
                customer.segment
            ),
        );
    }
}

/// ELIG-8: licence-based offers need a whole quantity within min/max; usage-based take none.
pub(crate) fn quantity(ctx: &Ctx<'_>, offer: &Offer, quantity: Option<u32>, a: &mut Answer) {
    match (offer.billing_type, quantity) {
        (BillingType::License, Some(q)) => {
            let min = offer
                .min_quantity
                .unwrap_or(ctx.policy.default_min_quantity);
            within_limits(q, min, offer.max_quantity, Rule::Elig8, a);
        }
        (BillingType::License, None) => a.deny(
            Rule::Elig8,
            "a licence-based offer needs a licence quantity",
        ),
        (BillingType::Usage, Some(q)) => a.deny(
            Rule::Elig8,
            format!("a usage-based offer takes no quantity; `{q}` was given"),
        ),
        (BillingType::Usage, None) => a.allow(Rule::Elig8, "usage-based: no quantity"),
    }
}

/// ELIG-9: an offer with a free trial starts in trial; the partner cannot waive it.
fn trial(ctx: &Ctx<'_>, offer: &Offer, a: &mut Answer) {
    if !offer.free_trial {
        return;
    }
    let days = offer.trial_days.unwrap_or(ctx.policy.trial_days);
    let ends = plus_days(ctx.now, days);
    a.warn(
        Rule::Elig9,
        format!(
            "the {days}-day free trial starts automatically and cannot be waived; paid billing starts at {}, then it renews on the same schedule",
            at(ends)
        ),
    );
    a.effect(Rule::Elig9, EffectKind::TrialStarts { ends_at: ends });
    a.deadline(DeadlineKind::TrialEndsAt, ends, Rule::Elig9);
}
