//! The questions besides "may I do this": facts about one subscription at `now` (for the
//! available actions and the timeline) and a catalog to filter for a customer.

use crate::i18n::Locale;
use crate::input::limits;
use crate::model::declare::model;
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

model! {
    /// Facts about one subscription at `now`: the input of [`available_actions`] and [`timeline`].
    #[derive(Debug, Clone, PartialEq)]
    pub struct SubscriptionQuery {
        /// The evaluation instant (TIME-2).
        #[cfg_attr(feature = "tsify", tsify(type = "string"))]
        #[serde(serialize_with = "crate::time::ser")]
        now: DateTime<Utc> = "now", req;
        /// Who acts.
        actor: Actor = "actor", req;
        /// The subscription.
        subscription: Subscription = "subscription", req;
        /// The customer (upgrade targets, add-on regions).
        #[serde(skip_serializing_if = "Option::is_none")]
        customer: Option<Customer> = "customer", opt;
        /// An offer: quantity limits of the subscription's offer, or an add-on offer to consider.
        #[serde(skip_serializing_if = "Option::is_none")]
        offer: Option<Offer> = "offer", opt;
        /// The edition (`2021` when absent, or `atOrder`).
        edition: EditionChoice = "edition", or(EditionChoice::E2021);
        /// Overrides of the edition's policy parameters.
        #[serde(skip_serializing_if = "PolicyOverrides::is_empty")]
        policy: PolicyOverrides = "policy", or(PolicyOverrides::default());
        /// Language of the messages.
        locale: Locale = "locale", or(Locale::En);
        /// The actions to decide, with their parameters; a representative set when absent (see
        /// [`default_actions`]).
        #[serde(skip_serializing_if = "Option::is_none")]
        actions: Option<Vec<Action>> = "actions" as ACTIONS, opt_list(limits::MAX_ACTIONS);
    }
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

model! {
    /// Catalog filters (CAT-1); an absent filter lets every offer through.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct CatalogFilters {
        /// Only offers of this publisher.
        #[serde(skip_serializing_if = "Option::is_none")]
        publisher: Option<Publisher> = "publisher", opt;
        /// Only offers of this billing type.
        #[serde(skip_serializing_if = "Option::is_none")]
        billing_type: Option<BillingType> = "billingType", opt;
        /// Only offers of this category.
        #[serde(skip_serializing_if = "Option::is_none")]
        category: Option<Category> = "category", opt;
    }
}

model! {
    /// The input of [`filter_catalog`].
    #[derive(Debug, Clone, PartialEq)]
    pub struct CatalogQuery {
        /// The evaluation instant (TIME-2).
        #[cfg_attr(feature = "tsify", tsify(type = "string"))]
        #[serde(serialize_with = "crate::time::ser")]
        now: DateTime<Utc> = "now", req;
        /// The partner's person acting.
        actor: Actor = "actor", req;
        /// The customer.
        customer: Customer = "customer" as CUSTOMER, req;
        /// The offers to filter.
        offers: Vec<Offer> = "offers", list(limits::MAX_OFFERS);
        /// The filters.
        filters: CatalogFilters = "filters", or(CatalogFilters::default());
        /// The edition (`2021` when absent, or `atOrder`: the one in force at `now`).
        edition: EditionChoice = "edition", or(EditionChoice::E2021);
        /// Overrides of the edition's policy parameters.
        #[serde(skip_serializing_if = "PolicyOverrides::is_empty")]
        policy: PolicyOverrides = "policy" as POLICY, or(PolicyOverrides::default());
        /// Language of the messages.
        locale: Locale = "locale", or(Locale::En);
    }
}
