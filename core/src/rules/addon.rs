//! ADDON: add-ons (`purchaseAddOn`); ADDON-5 is an effect of `cancel` (see `cancel.rs`).

use crate::model::decision::{EffectKind, MoneyKind};
use crate::model::request::{Customer, Offer, Request, Subscription};
use crate::model::vocab::{AddOnChannel, PartnerKind, Status};
use crate::money::{remaining_days, Pricing};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{Answer, Ctx};
use crate::rules::qty::within_limits;

/// Decide `purchaseAddOn` of the add-on `offer` on the base `sub`.
pub(crate) fn purchase_add_on(
    ctx: &Ctx<'_>,
    sub: &Subscription,
    offer: &Offer,
    quantity: u32,
    channel: AddOnChannel,
    a: &mut Answer,
) {
    // ADDON-2: from the base subscription, never from the catalog.
    if channel == AddOnChannel::Catalog {
        a.deny(
            Rule::Addon2,
            msg!(
                a.lang,
                "add-ons cannot be bought from the catalog; buy it from the base subscription",
                "tillägg kan inte köpas via katalogen; köp det från basprenumerationen"
            ),
        );
    }
    // ADDON-1: an active base.
    let (id, status) = (&sub.id, sub.status);
    if status == Status::Active {
        a.allow(
            Rule::Addon1,
            msg!(
                a.lang,
                "the base subscription `{id}` is active",
                "basprenumerationen `{id}` är aktiv"
            ),
        );
    } else {
        a.deny(
            Rule::Addon1,
            msg!(
                a.lang,
                "the base subscription must be `active`; `{id}` is `{status}`",
                "basprenumerationen måste vara `active`; `{id}` är `{status}`"
            ),
        );
    }
    // ADDON-3: only direct-bill partners and indirect providers.
    let kind = ctx.req.actor.partner_kind;
    if matches!(
        kind,
        PartnerKind::DirectBill | PartnerKind::IndirectProvider
    ) {
        a.allow(
            Rule::Addon3,
            msg!(
                a.lang,
                "`{kind}` partners can buy add-ons",
                "partner av typen `{kind}` kan köpa tillägg"
            ),
        );
    } else {
        a.deny(
            Rule::Addon3,
            msg!(
                a.lang,
                "only `directBill` and `indirectProvider` partners can buy add-ons; the actor is `{kind}`",
                "bara partner av typen `directBill` och `indirectProvider` kan köpa tillägg; aktören är `{kind}`"
            ),
        );
    }
    // ADDON-4: eligible for the base, available in the customer's region.
    let (add_on, base) = (&offer.id, &sub.offer_id);
    match &offer.add_on_for {
        Some(bases) if bases.contains(&sub.offer_id) || bases.contains(&sub.sku) => a.allow(
            Rule::Addon4,
            msg!(
                a.lang,
                "`{add_on}` is an eligible add-on of `{base}`",
                "`{add_on}` är ett berättigat tillägg till `{base}`"
            ),
        ),
        Some(_) => a.deny(
            Rule::Addon4,
            msg!(
                a.lang,
                "`{add_on}` is not an eligible add-on of `{base}`",
                "`{add_on}` är inte ett berättigat tillägg till `{base}`"
            ),
        ),
        None => a.deny(
            Rule::Addon4,
            msg!(
                a.lang,
                "`{add_on}` is not an add-on offer",
                "`{add_on}` är inget tilläggserbjudande"
            ),
        ),
    }
    if let Some(countries) = &offer.available_countries {
        match ctx.req.customer {
            Some(c) if countries.contains(&c.billing_country) => {
                let country = &c.billing_country;
                a.allow(
                    Rule::Addon4,
                    msg!(
                        a.lang,
                        "the add-on is available in `{country}`",
                        "tillägget är tillgängligt i `{country}`"
                    ),
                )
            }
            Some(c) => {
                let country = &c.billing_country;
                a.deny(
                    Rule::Addon4,
                    msg!(
                        a.lang,
                        "the add-on is not available in `{country}`",
                        "tillägget är inte tillgängligt i `{country}`"
                    ),
                )
            }
            None => {
                let path = format!("{}.{}", Request::CUSTOMER, Customer::BILLING_COUNTRY);
                a.deny(
                    Rule::Addon4,
                    msg!(
                        a.lang,
                        "the add-on is limited to some regions; `{path}` is needed to check",
                        "tillägget är begränsat till vissa regioner; `{path}` behövs för att kontrollera"
                    ),
                )
            }
        }
    }
    let min = offer
        .min_quantity
        .unwrap_or(ctx.policy.default_min_quantity);
    within_limits(quantity, min, offer.max_quantity, Rule::Elig8, a);
    if a.blocked() {
        return;
    }
    // ADDON-6: dates follow the base; the first invoice is prorated to the base's period end.
    let term_end = crate::model::scalar::Day(ctx.term_end(sub));
    a.allow(
        Rule::Addon6,
        msg!(
            a.lang,
            "the add-on's dates follow the base: its term ends on {term_end} and the first invoice is prorated",
            "tilläggets datum följer basprenumerationen: perioden slutar {term_end} och den första fakturan är proportionell"
        ),
    );
    a.effect(Rule::Addon6, || EffectKind::SubscriptionCreated {
        sku: offer.id.clone(),
        quantity: Some(quantity),
        status: Status::Active,
        term_end: Some(term_end),
        upgraded_from: None,
    });
    if let Some(unit_price) = offer.unit_price {
        let period = ctx.billing_period(sub, ctx.today());
        let pricing = Pricing {
            quantity,
            unit_price: unit_price.0,
            currency: offer.currency.as_deref().unwrap_or(&sub.currency),
            rounding: ctx.policy.rounding,
        };
        a.money(|| {
            pricing.line_prorated(
                MoneyKind::Charge,
                Rule::Money4,
                &period,
                remaining_days(&period, ctx.today()),
            )
        });
    }
}
