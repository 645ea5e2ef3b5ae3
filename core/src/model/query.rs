//! The questions besides "may I do this": facts about one subscription at `now` (for the
//! available actions and the timeline) and a catalog to filter for a customer.

use crate::i18n::Locale;
use crate::input::decode::Decode;
use crate::input::decode::Decoder;
use crate::input::json::Json;
use crate::input::limits;
use crate::model::request::Action;
use crate::model::request::Actor;
use crate::model::request::Customer;
use crate::model::request::Offer;
use crate::model::request::Request;
use crate::model::request::Subscription;
use crate::model::vocab::BillingType;
use crate::model::vocab::Category;
use crate::model::vocab::Publisher;
use crate::policy::edition::EditionChoice;
use crate::policy::params::PolicyOverrides;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Facts about one subscription at `now`: the input of [`available_actions`] and [`timeline`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscriptionQuery {
    /// The evaluation instant (TIME-2).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub now: DateTime<Utc>,
    /// Who acts.
    pub actor: Actor,
    /// The subscription.
    pub subscription: Subscription,
    /// The customer (upgrade targets, add-on regions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// An offer: quantity limits of the subscription's offer, or an add-on offer to consider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// The edition (`2021` when absent, or `atOrder`).
    #[serde(default)]
    pub edition: EditionChoice,
    /// Overrides of the edition's policy parameters.
    #[serde(default, skip_serializing_if = "PolicyOverrides::is_empty")]
    pub policy: PolicyOverrides,
    /// Language of the messages.
    #[serde(default)]
    pub locale: Locale,
    /// The actions to decide, with their parameters; a representative set when absent (see
    /// [`default_actions`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
}

impl SubscriptionQuery {
    pub(crate) fn request(&self, action: Action, now: DateTime<Utc>) -> Request {
        Request {
            now,
            actor: self.actor.clone(),
            subscription: Some(self.subscription.clone()),
            customer: self.customer.clone(),
            offer: self.offer.clone(),
            edition: self.edition,
            policy: self.policy.clone(),
            locale: self.locale,
            action,
        }
    }
}

/// Catalog filters (CAT-1); an absent filter lets every offer through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogFilters {
    /// Only offers of this publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// Only offers of this billing type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_type: Option<BillingType>,
    /// Only offers of this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
}

/// The input of [`filter_catalog`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogQuery {
    /// The evaluation instant (TIME-2).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub now: DateTime<Utc>,
    /// The partner's person acting.
    pub actor: Actor,
    /// The customer.
    pub customer: Customer,
    /// The offers to filter.
    pub offers: Vec<Offer>,
    /// The filters.
    #[serde(default)]
    pub filters: CatalogFilters,
    /// The edition (`2021` when absent, or `atOrder`: the one in force at `now`).
    #[serde(default)]
    pub edition: EditionChoice,
    /// Overrides of the edition's policy parameters.
    #[serde(default, skip_serializing_if = "PolicyOverrides::is_empty")]
    pub policy: PolicyOverrides,
    /// Language of the messages.
    #[serde(default)]
    pub locale: Locale,
}

impl Decode for SubscriptionQuery {
    fn decode(
        d: &mut Decoder,
        v: &Json<'_>,
        path: &crate::input::decode::Path<'_>,
    ) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let now = o.req(d, "now");
        let actor = o.req(d, "actor");
        let subscription = o.req(d, "subscription");
        let customer = o.opt(d, "customer");
        let offer = o.opt(d, "offer");
        let edition = o.or(d, "edition", EditionChoice::E2021);
        let policy = o.or(d, "policy", PolicyOverrides::default());
        let locale = o.or(d, "locale", Locale::En);
        let actions = o.opt_list(d, "actions", limits::MAX_ACTIONS);
        o.finish(d);
        Some(SubscriptionQuery {
            now: now?,
            actor: actor?,
            subscription: subscription?,
            customer: customer?,
            offer: offer?,
            edition: edition?,
            policy: policy?,
            locale: locale?,
            actions: actions?,
        })
    }
}

impl Decode for CatalogFilters {
    fn decode(
        d: &mut Decoder,
        v: &Json<'_>,
        path: &crate::input::decode::Path<'_>,
    ) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let publisher = o.opt(d, "publisher");
        let billing_type = o.opt(d, "billingType");
        let category = o.opt(d, "category");
        o.finish(d);
        Some(CatalogFilters {
            publisher: publisher?,
            billing_type: billing_type?,
            category: category?,
        })
    }
}

impl Decode for CatalogQuery {
    fn decode(
        d: &mut Decoder,
        v: &Json<'_>,
        path: &crate::input::decode::Path<'_>,
    ) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let now = o.req(d, "now");
        let actor = o.req(d, "actor");
        let customer = o.req(d, "customer");
        let offers = o.list(d, "offers", limits::MAX_OFFERS);
        let filters = o.or(d, "filters", CatalogFilters::default());
        let edition = o.or(d, "edition", EditionChoice::E2021);
        let policy = o.or(d, "policy", PolicyOverrides::default());
        let locale = o.or(d, "locale", Locale::En);
        o.finish(d);
        Some(CatalogQuery {
            now: now?,
            actor: actor?,
            customer: customer?,
            offers: offers?,
            filters: filters?,
            edition: edition?,
            policy: policy?,
            locale: locale?,
        })
    }
}
