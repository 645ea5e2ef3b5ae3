//! CAT: the catalog filtered for a customer, each offer with its eligibility (ELIG-1…8).

use crate::error::InputError;
use crate::error::InputErrors;
use crate::model::decision::Alternative;
use crate::model::decision::Reason;
use crate::model::decision::Verdict;
use crate::model::query::CatalogQuery;
use crate::model::request::Action;
use crate::model::request::{Customer, Facts, SubscriptionRef};
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
        .apply(q.edition.resolve(q.now.0, q.now.0).policy())
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
    // The facts of every offer's purchase, borrowed: nothing is copied per offer.
    let purchase = Action::Purchase { quantity: None };
    // The customer's subscriptions by offer, found in one pass (not one pass per offer: a
    // catalog of 1,000 offers for a customer of 1,000 subscriptions stays linear).
    let held = Held::new(&q.customer);
    for offer in &q.offers {
        let keep = f.publisher.is_none_or(|p| p == offer.publisher)
            && f.billing_type.is_none_or(|b| b == offer.billing_type)
            && f.category.is_none_or(|c| c == offer.category);
        if !keep {
            out.filtered_out.push(offer.id.clone());
            continue;
        }
        let ctx = Ctx::new(Facts {
            now: q.now,
            actor: &q.actor,
            subscription: None,
            customer: Some(&q.customer),
            offer: Some(offer),
            edition: q.edition,
            policy: &q.policy,
            locale: q.locale,
            action: &purchase,
            #[cfg(feature = "cache")]
            calendar: None,
            #[cfg(feature = "cache")]
            settled: None,
        });
        let quantity = (offer.billing_type == BillingType::License).then(|| {
            offer
                .min_quantity
                .unwrap_or(ctx.policy.default_min_quantity)
        });
        let mut a = ctx.answer();
        a.allow(
            Rule::Cat1,
            crate::msg!(
                a.lang,
                "the offer matches the filters",
                "erbjudandet matchar filtren"
            ),
        );
        crate::rules::role::check(&ctx, None, ActionKind::Purchase, &mut a);
        let held = held.of(&offer.id);
        crate::rules::elig::eligibility(&q.actor, &q.customer, offer, &held, &mut a);
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

/// A customer's subscriptions that are not deleted, by offer: a hash table with chains (FNV-1a of
/// the offer ID), built in one pass; [`Held::of`] gives an offer's in the customer's order, as
/// [`crate::rules::elig::held`] does.
struct Held<'c> {
    /// The first subscription (index + 1; 0 for none) of each bucket.
    heads: Vec<usize>,
    /// The next subscription (index + 1) in the same bucket.
    next: Vec<usize>,
    subscriptions: &'c [SubscriptionRef],
}

impl<'c> Held<'c> {
    fn new(customer: &'c Customer) -> Self {
        let subscriptions = customer.subscriptions.as_slice();
        let mut held = Held {
            heads: vec![0; subscriptions.len().next_power_of_two().max(1) * 2],
            next: vec![0; subscriptions.len()],
            subscriptions,
        };
        // Last to first, each put at the head of its chain: the chains are in the customer's order.
        for (i, s) in subscriptions.iter().enumerate().rev() {
            if s.status == crate::model::vocab::Status::Deleted {
                continue;
            }
            let bucket = held.bucket(&s.offer_id);
            if let (Some(head), Some(next)) = (held.heads.get_mut(bucket), held.next.get_mut(i)) {
                *next = *head;
                *head = i + 1;
            }
        }
        held
    }

    fn bucket(&self, offer_id: &str) -> usize {
        // Truncation is the point: the low bits pick the bucket (`heads` has a power-of-two length).
        #[allow(clippy::cast_possible_truncation)]
        let hash = crate::util::fnv1a(offer_id.as_bytes()) as usize;
        hash & (self.heads.len() - 1)
    }

    fn of(&self, offer_id: &str) -> Vec<&'c SubscriptionRef> {
        let mut out = Vec::new();
        let mut at = self.heads.get(self.bucket(offer_id)).copied().unwrap_or(0);
        while let Some(s) = at.checked_sub(1).and_then(|i| self.subscriptions.get(i)) {
            if s.offer_id == offer_id {
                out.push(s);
            }
            at = self.next.get(at - 1).copied().unwrap_or(0);
        }
        out
    }
}
