//! ELIG: buying a subscription (`purchase`).

use crate::i18n::Locale;
use crate::model::decision::{DeadlineKind, EffectKind};
use crate::model::request::Action;
use crate::model::request::{Actor, Customer, Offer, SubscriptionRef};
use crate::model::vocab::{BillingType, ProductType, Publisher, Status};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, plus_days, Answer, Ctx};
use crate::rules::qty::within_limits;

/// Decide `purchase` of `offer` for `customer`: every failing ELIG rule is listed, not only the
/// first.
pub(crate) fn purchase(
    ctx: &Ctx<'_>,
    customer: &Customer,
    offer: &Offer,
    quantity: Option<u32>,
    a: &mut Answer,
) {
    eligibility(
        ctx.req.actor,
        customer,
        offer,
        &held(customer, &offer.id),
        a,
    );
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
            upgraded_from: None,
        },
    );
    trial(ctx, offer, a);
    if starts_pending {
        a.warn(
            Rule::Elig10,
            msg!(
                a.lang,
                "the subscription stays `pending` until it is set up at the publisher's site (activation link); no e-mail is sent to partner or customer",
                "prenumerationen förblir `pending` tills den konfigurerats på utgivarens webbplats (aktiveringslänk); inget e-postmeddelande skickas till partner eller kund"
            ),
        );
    }
}

/// The customer's subscriptions to `offer_id` that are not deleted (what ELIG-1 and ELIG-2 read).
pub(crate) fn held<'c>(customer: &'c Customer, offer_id: &str) -> Vec<&'c SubscriptionRef> {
    customer
        .subscriptions
        .iter()
        .filter(|s| s.offer_id == offer_id && s.status != Status::Deleted)
        .collect()
}

/// ELIG-1…7: whether this customer and partner may buy this offer at all (also used by CAT-1).
/// `held` is [`held`] for the offer (a catalog finds it for every offer in one pass).
pub(crate) fn eligibility(
    actor: &Actor,
    customer: &Customer,
    offer: &Offer,
    held: &[&SubscriptionRef],
    a: &mut Answer,
) {
    // ELIG-1: one subscription per customer.
    if offer.one_per_customer {
        match held.first() {
            Some(s) => {
                let id = &s.id;
                a.deny(
                    Rule::Elig1,
                    msg!(
                        a.lang,
                        "the offer allows one subscription per customer and the customer holds `{id}`",
                        "erbjudandet tillåter en prenumeration per kund och kunden har redan `{id}`"
                    ),
                )
            }
            None => a.allow(
                Rule::Elig1,
                msg!(
                    a.lang,
                    "the customer holds no subscription to this one-per-customer offer",
                    "kunden har ingen prenumeration på detta erbjudande som är begränsat till en per kund"
                ),
            ),
        }
    }
    // ELIG-2: a suspended subscription to the offer is reactivated instead. It denies only
    // together with ELIG-1 (a one-per-customer offer); for other offers it is a warning with the
    // same alternative (POLICY.md, readings revisited).
    if let Some(s) = held.iter().find(|s| s.status == Status::Suspended) {
        let id = &s.id;
        let message = msg!(
            a.lang,
            "the customer's subscription `{id}` to this offer is suspended: reactivate it instead",
            "kundens prenumeration `{id}` på erbjudandet är inaktiverad: återaktivera den i stället"
        );
        if offer.one_per_customer {
            a.deny(Rule::Elig2, message);
        } else {
            a.warn(Rule::Elig2, message);
        }
        a.alternative(
            Action::Reactivate,
            Rule::Elig2,
            msg!(
                a.lang,
                "reactivate subscription `{id}` instead of buying a new one",
                "återaktivera prenumerationen `{id}` i stället för att köpa en ny"
            ),
        );
    }
    let country = &customer.billing_country;
    if offer.publisher == Publisher::Partner {
        // ELIG-3: the ISV must support the customer's billing country.
        if let Some(countries) = &offer.supported_countries {
            if countries.contains(country) {
                a.allow(
                    Rule::Elig3,
                    msg!(
                        a.lang,
                        "the publisher supports billing country `{country}`",
                        "utgivaren stöder faktureringslandet `{country}`"
                    ),
                );
            } else {
                a.deny(
                    Rule::Elig3,
                    msg!(
                        a.lang,
                        "the publisher does not support billing country `{country}`",
                        "utgivaren stöder inte faktureringslandet `{country}`"
                    ),
                );
            }
        }
        // ELIG-4: the ISV must have made the offer available through CSP.
        if !offer.available_in_csp {
            a.deny(
                Rule::Elig4,
                msg!(
                    a.lang,
                    "the publisher has not made this offer available through the CSP program",
                    "utgivaren har inte gjort erbjudandet tillgängligt via CSP-programmet"
                ),
            );
        }
        // ELIG-5: exclusive offers only for the listed partners.
        if let Some(partners) = &offer.exclusive_partners {
            match &actor.partner_id {
                Some(id) if partners.contains(id) => a.allow(
                    Rule::Elig5,
                    msg!(a.lang, "the offer is exclusive and partner `{id}` is listed", "erbjudandet är exklusivt och partnern `{id}` finns med"),
                ),
                Some(id) => a.deny(
                    Rule::Elig5,
                    msg!(
                        a.lang,
                        "the offer is exclusive to other partners; `{id}` is not listed",
                        "erbjudandet är exklusivt för andra partner; `{id}` finns inte med"
                    ),
                ),
                None => a.deny(
                    Rule::Elig5,
                    msg!(
                        a.lang,
                        "the offer is exclusive to listed partners and the actor names no partner ID",
                        "erbjudandet är exklusivt för vissa partner och aktören anger inget partner-ID"
                    ),
                ),
            }
        }
        // ELIG-6: only licence-based and metered SaaS is bought here.
        let product = offer.product_type;
        if product != ProductType::Saas {
            a.deny(
                Rule::Elig6,
                msg!(
                    a.lang,
                    "`{product}` offers are bought in the Azure portal, not here; only licence-based and metered SaaS is",
                    "erbjudanden av typen `{product}` köps i Azure Portal, inte här; bara licensbaserad och uppmätt SaaS köps här"
                ),
            );
        } else {
            let kind = match (offer.billing_type, a.lang) {
                (BillingType::License, Locale::En) => "licence-based",
                (BillingType::Usage, Locale::En) => "metered",
                (BillingType::License, Locale::Sv) => "licensbaserad",
                (BillingType::Usage, Locale::Sv) => "uppmätt",
            };
            a.allow(
                Rule::Elig6,
                msg!(
                    a.lang,
                    "{kind} SaaS can be bought here",
                    "{kind} SaaS kan köpas här"
                ),
            );
        }
    }
    // ELIG-7: the customer's segment.
    let segment = customer.segment;
    if offer.segments.contains(&segment) {
        a.allow(
            Rule::Elig7,
            msg!(
                a.lang,
                "the offer is available to the `{segment}` segment",
                "erbjudandet är tillgängligt för segmentet `{segment}`"
            ),
        );
    } else {
        a.deny(
            Rule::Elig7,
            msg!(
                a.lang,
                "the offer is not available to the `{segment}` segment",
                "erbjudandet är inte tillgängligt för segmentet `{segment}`"
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
            msg!(
                a.lang,
                "a licence-based offer needs a licence quantity",
                "ett licensbaserat erbjudande kräver ett antal licenser"
            ),
        ),
        (BillingType::Usage, Some(q)) => a.deny(
            Rule::Elig8,
            msg!(
                a.lang,
                "a usage-based offer takes no quantity; `{q}` was given",
                "ett användningsbaserat erbjudande tar inget antal; `{q}` angavs"
            ),
        ),
        (BillingType::Usage, None) => a.allow(
            Rule::Elig8,
            msg!(
                a.lang,
                "usage-based: no quantity",
                "användningsbaserat: inget antal"
            ),
        ),
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
        msg!(
            a.lang,
            "the {days}-day free trial starts automatically and cannot be waived; paid billing starts at {}, then it renews on the same schedule",
            "den kostnadsfria provperioden på {days} dagar startar automatiskt och kan inte väljas bort; betald fakturering startar {}, sedan förnyas den enligt samma schema",
            at(ends)
        ),
    );
    a.effect(
        Rule::Elig9,
        EffectKind::TrialStarts {
            ends_at: ends.into(),
        },
    );
    a.deadline(DeadlineKind::TrialEndsAt, ends, Rule::Elig9);
}
