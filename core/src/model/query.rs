//! The questions besides "may I do this": facts about one subscription at `now` (for the
//! available actions and the timeline) and a catalog to filter for a customer.

use crate::i18n::Locale;
use crate::input::limits;
use crate::model::declare::model;
use crate::model::request::Action;
use crate::model::request::Actor;
use crate::model::request::Customer;
use crate::model::request::Facts;
use crate::model::request::Offer;
use crate::model::request::Subscription;
use crate::model::scalar::Instant;
use crate::model::vocab::BillingType;
use crate::model::vocab::Category;
use crate::model::vocab::Publisher;
use crate::policy::edition::EditionChoice;
use crate::policy::params::PolicyOverrides;
use chrono::{DateTime, Utc};

model! {
    /// Facts about one subscription at `now`: the input of [`available_actions`](crate::available_actions) and [`timeline`](crate::timeline).
    #[derive(Debug, Clone, PartialEq)]
    pub struct SubscriptionQuery {
        envelope {
            /// The subscription.
            subscription: Subscription = "subscription", req;
            /// The customer (upgrade targets, add-on regions).
            #[serde(skip_serializing_if = "Option::is_none")]
            customer: Option<Customer> = "customer", opt;
            /// An offer: quantity limits of the subscription's offer, or an add-on offer to consider.
            #[serde(skip_serializing_if = "Option::is_none")]
            offer: Option<Offer> = "offer", opt;
        }
        /// The actions to decide, with their parameters; a representative set when absent (see
        /// [`default_actions`](crate::default_actions)).
        #[serde(skip_serializing_if = "Option::is_none")]
        actions: Option<Vec<Action>> = "actions" as ACTIONS, opt_list(limits::MAX_ACTIONS);
    }
}

impl SubscriptionQuery {
    /// The query's parts, borrowed.
    pub(crate) fn view(&self) -> Query<'_> {
        Query {
            now: self.now,
            actor: &self.actor,
            subscription: &self.subscription,
            customer: self.customer.as_ref(),
            offer: self.offer.as_ref(),
            edition: self.edition,
            policy: &self.policy,
            locale: self.locale,
            actions: self.actions.as_deref(),
            #[cfg(feature = "cache")]
            calendar: self.subscription.keyed_calendar(),
            #[cfg(feature = "cache")]
            settled: None,
        }
    }
}

/// A subscription query's parts, borrowed: a [`SubscriptionQuery`]'s, or a prepared
/// subscription's at the `now` of a call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Query<'a> {
    pub now: Instant,
    pub actor: &'a Actor,
    pub subscription: &'a Subscription,
    pub customer: Option<&'a Customer>,
    pub offer: Option<&'a Offer>,
    pub edition: EditionChoice,
    pub policy: &'a PolicyOverrides,
    pub locale: Locale,
    /// The actions asked for; the representative set when `None`.
    pub actions: Option<&'a [Action]>,
    /// The subscription's calendar, computed once for every decision of the query (`cache`
    /// feature).
    #[cfg(feature = "cache")]
    pub calendar: crate::calendar::KeyedCalendar,
    /// The term and edition at `now`, worked out once for every decision at `now` (`cache`
    /// feature; set by `queries::decide::settle`).
    #[cfg(feature = "cache")]
    pub settled: Option<crate::model::request::Settled>,
}

impl<'a> Query<'a> {
    /// The facts with `action` at `now`: nothing copied.
    pub(crate) fn facts<'b>(&self, action: &'b Action, now: DateTime<Utc>) -> Facts<'b>
    where
        'a: 'b,
    {
        Facts {
            now: now.into(),
            actor: self.actor,
            subscription: Some(self.subscription),
            customer: self.customer,
            offer: self.offer,
            edition: self.edition,
            policy: self.policy,
            locale: self.locale,
            action,
            #[cfg(feature = "cache")]
            calendar: Some(self.calendar),
            #[cfg(feature = "cache")]
            settled: self.settled,
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
    /// The input of [`filter_catalog`](crate::filter_catalog).
    #[derive(Debug, Clone, PartialEq)]
    pub struct CatalogQuery {
        envelope {
            /// The customer.
            customer: Customer = "customer" as CUSTOMER, req;
            /// The offers to filter.
            offers: Vec<Offer> = "offers", list(limits::MAX_OFFERS);
            /// The filters.
            filters: CatalogFilters = "filters", or(CatalogFilters::default());
        }
    }
}
