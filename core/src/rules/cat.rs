//! CAT: the catalog filtered for a customer, each offer with its eligibility (ELIG-1…8).

use crate::error::InputError;
use crate::error::InputErrors;
use crate::model::decision::Alternative;
use crate::model::decision::Reason;
use crate::model::decision::Verdict;
use crate::model::query::CatalogQuery;
use crate::model::request::Action;
use crate::model::request::{Customer, Request};
use crate::model::vocab::ActionKind;
use crate::model::vocab::BillingType;
use crate::rules::catalog::Rule;
use crate::rules::ctx::Ctx;
use serde::{Deserialize, Serialize};

/// One offer of a filtered catalog with its eligibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CatalogEntry {
    /// Offer ID.
    pub offer_id: String,
    /// Offer name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `allowedNow` if the customer can buy it, else `denied`.
    pub verdict: Verdict,
    /// Every rule that applied (ELIG-1…8).
    pub reasons: Vec<Reason>,
    /// What to do instead (e.g. `reactivate`, ELIG-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<Alternative>,
}

/// The answer of [`filter_catalog`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// Offers that pass the filters, each with its eligibility, in input order.
    pub offers: Vec<CatalogEntry>,
    /// IDs of the offers the filters left out.
    pub filtered_out: Vec<String>,
}

/// CAT-1: filter offers by publisher, billing type and category, and give every remaining offer
/// its eligibility verdict and reasons (ELIG-1…8) for this customer and partner.
pub fn filter_catalog(q: &CatalogQuery) -> Result<Catalog, InputErrors> {
    let mut errors = Vec::new();
    q.policy
        .apply(q.edition.resolve(q.now.0).policy())
        .check(CatalogQuery::POLICY, &mut errors);
    if !(q.customer.billing_country.len() == 2
        && q.customer
            .billing_country
            .bytes()
            .all(|b| b.is_ascii_uppercase()))
    {
        errors.push(InputError::new(
            crate::error::ErrorCode::InvalidValue,
            format!("{}.{}", CatalogQuery::CUSTOMER, Customer::BILLING_COUNTRY),
            format!(
                "`{}` is not an ISO 3166 country code such as `SE`",
                crate::input::decode::clip(&q.customer.billing_country)
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let f = &q.filters;
    let mut out = Catalog {
        offers: Vec::new(),
        filtered_out: Vec::new(),
    };
    // One request for every offer: the customer (up to 1,000 subscriptions) is copied once,
    // not once per offer.
    let mut request = Request {
        now: q.now,
        actor: q.actor.clone(),
        subscription: None,
        customer: Some(q.customer.clone()),
        offer: None,
        edition: q.edition,
        policy: q.policy.clone(),
        locale: q.locale,
        action: Action::Purchase { quantity: None },
    };
    for offer in &q.offers {
        let keep = f.publisher.is_none_or(|p| p == offer.publisher)
            && f.billing_type.is_none_or(|b| b == offer.billing_type)
            && f.category.is_none_or(|c| c == offer.category);
        if !keep {
            out.filtered_out.push(offer.id.clone());
            continue;
        }
        request.offer = Some(offer.clone());
        let ctx = Ctx::new(&request);
        let quantity = (offer.billing_type == BillingType::License).then(|| {
            offer
                .min_quantity
                .unwrap_or(ctx.policy.default_min_quantity)
        });
        let mut a = ctx.answer();
        a.allow(
            Rule::Cat1,
            crate::tr!(
                a.lang,
                "the offer matches the filters",
                "erbjudandet matchar filtren"
            ),
        );
        crate::rules::role::check(&ctx, None, ActionKind::Purchase, &mut a);
        crate::rules::elig::eligibility(&q.actor, &q.customer, offer, &mut a);
        crate::rules::elig::quantity(&ctx, offer, quantity, &mut a);
        let d = a.finish(ActionKind::Purchase, &ctx);
        out.offers.push(CatalogEntry {
            offer_id: offer.id.clone(),
            name: offer.name.clone(),
            verdict: d.verdict,
            reasons: d.reasons,
            alternative: d.alternative,
        });
    }
    Ok(out)
}
