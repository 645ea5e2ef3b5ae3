//! The facts a request carries: subscription, customer, offer, actor, and the action with its
//! parameters. Field names are camelCase on the wire; unknown fields are rejected.
//!
//! These types derive serde for Rust callers; the JSON entry point ([`crate::evaluate_json`])
//! reads the same shapes through the collecting decoder (`input::decode`), which reports every problem with its path
//! rather than stopping at the first.

use crate::input::limits;
use crate::model::declare::model;

use crate::model::scalar::Amount;
use crate::model::scalar::Day;
use crate::model::scalar::Instant;
use crate::model::vocab::ActionKind;
use crate::model::vocab::AddOnChannel;
use crate::model::vocab::BillingFrequency;
use crate::model::vocab::BillingType;
use crate::model::vocab::Category;
use crate::model::vocab::CommerceModel;
use crate::model::vocab::PartnerKind;
use crate::model::vocab::ProductType;
use crate::model::vocab::Publisher;
use crate::model::vocab::Role;
use crate::model::vocab::Segment;
use crate::model::vocab::Status;
use crate::model::vocab::SuspendReason;
use crate::model::vocab::Term;
use crate::model::vocab::Timing;

model! {
    /// A subscription, as the partner sees it.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Subscription {
        /// Subscription ID.
        id: String = "id", req;
        /// Nickname.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String> = "name", opt;
        /// Offer this subscription is to.
        offer_id: String = "offerId", req;
        /// SKU (product variant).
        sku: String = "sku", req;
        /// Commerce model.
        commerce_model: CommerceModel = "commerceModel", req;
        /// Licence-based or usage-based.
        billing_type: BillingType = "billingType", req;
        /// Billing frequency.
        billing_frequency: BillingFrequency = "billingFrequency" as BILLING_FREQUENCY, req;
        /// Term length.
        term: Term = "term", req;
        /// Lifecycle status.
        status: Status = "status", req;
        /// When the order was placed (marketplace windows, CANC-1/2).
        ordered_at: Instant = "orderedAt" as ORDERED_AT, req;
        /// Start of the current term (new-commerce windows, CANC-5; billing periods, MONEY-1).
        term_start: Instant = "termStart" as TERM_START, req;
        /// Last day of the current term, inclusive. Derived from `termStart` and `term` when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        term_end: Option<Day> = "termEnd" as TERM_END, opt;
        /// Licence count (licence-based only).
        #[serde(skip_serializing_if = "Option::is_none")]
        quantity: Option<u32> = "quantity" as QUANTITY, opt;
        /// Price of one licence for one billing period (licence-based only).
        #[serde(skip_serializing_if = "Option::is_none")]
        unit_price: Option<Amount> = "unitPrice" as UNIT_PRICE, opt;
        /// ISO 4217 currency code.
        currency: String = "currency" as CURRENCY, req;
        /// Whether the subscription renews at the end of its term (RENEW-1: on by default).
        auto_renew: bool = "autoRenew", or(true);
        /// End of the free trial, if the subscription is in one (ELIG-9).
        #[serde(skip_serializing_if = "Option::is_none")]
        trial_ends_at: Option<Instant> = "trialEndsAt" as TRIAL_ENDS_AT, opt;
        /// Add-ons bought on this base subscription.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        add_ons: Vec<AddOn> = "addOns", list_or(limits::MAX_ADD_ONS, Vec::new());
        /// Changes saved for renewal (SCHED-4).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        scheduled_changes: Vec<ScheduledChange> = "scheduledChanges" as SCHEDULED_CHANGES, list_or(limits::MAX_SCHEDULED_CHANGES, Vec::new());
        /// SKUs this subscription may be upgraded to (UPG-2, SCHED-3).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        upgrade_paths: Vec<String> = "upgradePaths", list_or(limits::MAX_UPGRADE_PATHS, Vec::new());
        /// When the subscription was suspended (SUSP-3).
        #[serde(skip_serializing_if = "Option::is_none")]
        suspended_at: Option<Instant> = "suspendedAt" as SUSPENDED_AT, opt;
        /// The publisher requires steps of its own before changes (MKT-2).
        publisher_action_required: bool = "publisherActionRequired", or(false);
        /// Indirect reseller (MPN) ID (MKT-3).
        #[serde(skip_serializing_if = "Option::is_none")]
        reseller_id: Option<String> = "resellerId", opt;
        /// When the customer's account was opened (SUSP-3 retention).
        #[serde(skip_serializing_if = "Option::is_none")]
        account_opened_at: Option<Instant> = "accountOpenedAt", opt;
        /// When the first billing period started (SUSP-3 retention; MKT-1).
        #[serde(skip_serializing_if = "Option::is_none")]
        billing_started_at: Option<Instant> = "billingStartedAt" as BILLING_STARTED_AT, opt;
        /// When licences were added (purchase, renewal or mid-term), for editions that let seats be
        /// removed within days of being added; one addition of `quantity` at the current window's
        /// start when absent.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        seat_additions: Vec<SeatAddition> = "seatAdditions" as SEAT_ADDITIONS, nullable_list_or(limits::MAX_SEAT_ADDITIONS, Vec::new());
        /// The subscription a partial upgrade created this one from, and when that source's
        /// cancellation windows started: under editions where an upgrade is final (2023), this
        /// subscription inherits them until it renews into a term of its own (CANC-5).
        #[serde(skip_serializing_if = "Option::is_none")]
        upgraded_from: Option<UpgradedFrom> = "upgradedFrom" as UPGRADED_FROM, opt;
    }
}

model! {
    /// Where a subscription created by an upgrade came from.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UpgradedFrom {
        /// The source subscription's ID.
        subscription_id: String = "subscriptionId", req;
        /// When the source's cancellation windows started (its term start, its order or a trial's
        /// conversion, as its edition measures them); no later than this subscription's order.
        window_start: Instant = "windowStart" as WINDOW_START, req;
    }
}

model! {
    /// Licences added to a subscription at an instant.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SeatAddition {
        /// When.
        added_at: Instant = "addedAt", req;
        /// How many.
        quantity: u32 = "quantity" as QUANTITY, req;
    }
}

model! {
    /// An add-on on a base subscription.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct AddOn {
        /// Add-on subscription ID.
        id: String = "id", req;
        /// Add-on offer ID.
        #[serde(skip_serializing_if = "Option::is_none")]
        offer_id: Option<String> = "offerId", opt;
        /// Status of the add-on.
        status: Status = "status", req;
    }
}

model! {
    /// A change saved for renewal.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ScheduledChange {
        /// Change ID.
        id: String = "id", req;
        /// What changes.
        change: Change = "change" as CHANGE, req;
    }
}

model! {
    /// A change that can be made at renewal (SCHED-1/2) or, for some, mid-term.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Change, tag "kind" {
        /// Move to a higher SKU.
        SkuUpgrade = "skuUpgrade" {
            /// Target SKU.
            target_sku: String = "targetSku", req;
        }
        /// Move to a lower SKU.
        SkuDowngrade = "skuDowngrade" {
            /// Target SKU.
            target_sku: String = "targetSku", req;
        }
        /// New licence count.
        Quantity = "quantity" {
            /// The count after renewal.
            quantity: u32 = "quantity" as QUANTITY, req;
        }
        /// New term length.
        Term = "term" {
            /// The term after renewal.
            term: Term = "term", req;
        }
        /// New billing frequency.
        BillingFrequency = "billingFrequency" {
            /// The frequency after renewal.
            billing_frequency: BillingFrequency = "billingFrequency", req;
        }
        /// A co-term date: the next term ends on this day (2023 edition).
        CotermDate = "cotermDate" {
            /// The last day of the next term: a day on which another active, paid subscription of
            /// the customer ends, or the last day of a calendar month.
            coterm_date: Day = "cotermDate", req;
        }
    }
}

model! {
    /// The customer the partner acts for.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Customer {
        /// Customer ID.
        id: String = "id", req;
        /// Segment (ELIG-7).
        segment: Segment = "segment", req;
        /// Billing country/region, ISO 3166-1 alpha-2 (ELIG-3, ADDON-4).
        billing_country: String = "billingCountry" as BILLING_COUNTRY, req;
        /// The customer's existing subscriptions (ELIG-1/2, UPG-4).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        subscriptions: Vec<SubscriptionRef> = "subscriptions" as SUBSCRIPTIONS, list_or(limits::MAX_CUSTOMER_SUBSCRIPTIONS, Vec::new());
    }
}

model! {
    /// Another subscription the customer holds.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SubscriptionRef {
        /// Subscription ID.
        id: String = "id", req;
        /// Offer ID.
        offer_id: String = "offerId", req;
        /// SKU.
        sku: String = "sku", req;
        /// Status.
        status: Status = "status", req;
        /// Last day of its term, inclusive.
        #[serde(skip_serializing_if = "Option::is_none")]
        term_end: Option<Day> = "termEnd" as TERM_END, opt;
        /// Term length (upgrade targets, UPG-4 from 2023; co-term dates, SCHED-1).
        #[serde(skip_serializing_if = "Option::is_none")]
        term: Option<Term> = "term" as TERM, opt;
        /// Start of its current term (upgrade targets: its cancellation window and billing period).
        #[serde(skip_serializing_if = "Option::is_none")]
        term_start: Option<Instant> = "termStart" as TERM_START, opt;
        /// Billing frequency (upgrade targets: the period a charge is prorated over).
        #[serde(skip_serializing_if = "Option::is_none")]
        billing_frequency: Option<BillingFrequency> = "billingFrequency" as BILLING_FREQUENCY, opt;
        /// Licence count (upgrade targets: the count after the licences arrive).
        #[serde(skip_serializing_if = "Option::is_none")]
        quantity: Option<u32> = "quantity" as QUANTITY, opt;
        /// End of its free trial, if it has or had one (a trial is no co-term anchor; a target's
        /// windows run from the conversion).
        #[serde(skip_serializing_if = "Option::is_none")]
        trial_ends_at: Option<Instant> = "trialEndsAt" as TRIAL_ENDS_AT, opt;
    }
}

model! {
    /// An offer in the catalog (for `purchase`, `purchaseAddOn`, catalog filtering and quantity limits).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Offer {
        /// Offer ID.
        id: String = "id", req;
        /// Display name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String> = "name", opt;
        /// Publisher (`partner` = ISV).
        publisher: Publisher = "publisher", req;
        /// Billing type.
        billing_type: BillingType = "billingType", req;
        /// Category.
        category: Category = "category", req;
        /// Product type (ELIG-6); `saas` when absent.
        product_type: ProductType = "productType", or(ProductType::default());
        /// At most one subscription per customer (ELIG-1).
        one_per_customer: bool = "onePerCustomer", or(false);
        /// Segments the offer is sold to (ELIG-7); all when absent.
        segments: Vec<Segment> = "segments", list_or(limits::MAX_SMALL_LIST, Segment::ALL.to_vec());
        /// ISV offer: billing countries supported (ELIG-3); all when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        supported_countries: Option<Vec<String>> = "supportedCountries" as SUPPORTED_COUNTRIES, opt_list(limits::MAX_SMALL_LIST);
        /// ISV offer: made available through CSP (ELIG-4).
        available_in_csp: bool = "availableInCsp", or(true);
        /// ISV offer: exclusive to these partner IDs (ELIG-5).
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_partners: Option<Vec<String>> = "exclusivePartners", opt_list(limits::MAX_SMALL_LIST);
        /// Smallest licence count (QTY-1, ELIG-8).
        #[serde(skip_serializing_if = "Option::is_none")]
        min_quantity: Option<u32> = "minQuantity" as MIN_QUANTITY, opt;
        /// Largest licence count (QTY-1, ELIG-8).
        #[serde(skip_serializing_if = "Option::is_none")]
        max_quantity: Option<u32> = "maxQuantity" as MAX_QUANTITY, opt;
        /// Starts in a free trial (ELIG-9).
        free_trial: bool = "freeTrial", or(false);
        /// Trial length in days; the policy's `trialDays` when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        trial_days: Option<u32> = "trialDays" as TRIAL_DAYS, opt;
        /// Add-on offer: the base offer IDs it can be added to (ADDON-4).
        #[serde(skip_serializing_if = "Option::is_none")]
        add_on_for: Option<Vec<String>> = "addOnFor", opt_list(limits::MAX_SMALL_LIST);
        /// Add-on offer: countries where it is available (ADDON-4); all when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        available_countries: Option<Vec<String>> = "availableCountries" as AVAILABLE_COUNTRIES, opt_list(limits::MAX_SMALL_LIST);
        /// Price of one licence for one billing period.
        #[serde(skip_serializing_if = "Option::is_none")]
        unit_price: Option<Amount> = "unitPrice" as UNIT_PRICE, opt;
        /// Currency of `unitPrice`.
        #[serde(skip_serializing_if = "Option::is_none")]
        currency: Option<String> = "currency" as CURRENCY, opt;
    }
}

model! {
    /// Who is acting.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Actor {
        /// Roles held (ROLE-1/2).
        roles: Vec<Role> = "roles", list(limits::MAX_ROLES);
        /// Kind of partner (ADDON-3, MKT-3).
        partner_kind: PartnerKind = "partnerKind", req;
        /// Partner ID (ELIG-5).
        #[serde(skip_serializing_if = "Option::is_none")]
        partner_id: Option<String> = "partnerId", opt;
    }
}

model! {
    /// Where the licences of an upgrade go (UPG-4).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum UpgradeTarget, tag "kind" {
        /// A new subscription of the target SKU.
        New = "new";
        /// An existing subscription of the customer.
        Existing = "existing" {
            /// Its ID (one of `customer.subscriptions`).
            subscription_id: String = "subscriptionId", req;
        }
    }
}

model! {
    /// The action asked about, with its parameters. The tags are [`ActionKind`]'s names, in its
    /// order (a test holds them equal).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Action, tag "type" {
        /// Buy `offer` for `customer`.
        Purchase = "purchase" {
            /// Licence count (licence-based offers only, ELIG-8).
            #[serde(skip_serializing_if = "Option::is_none")]
            quantity: Option<u32> = "quantity" as QUANTITY, opt;
        }
        /// Buy the add-on `offer` on the base `subscription`.
        PurchaseAddOn = "purchaseAddOn" {
            /// Licence count.
            quantity: u32 = "quantity", req;
            /// Where the purchase starts (ADDON-2).
            channel: AddOnChannel = "channel", or(AddOnChannel::default());
        }
        /// Change the licence count.
        ChangeQuantity = "changeQuantity" {
            /// The new count.
            quantity: u32 = "quantity", req;
        }
        /// Change the nickname.
        Rename = "rename" {
            /// The new name.
            name: String = "name" as NAME, req;
        }
        /// Turn auto-renew on or off.
        SetAutoRenew = "setAutoRenew" {
            /// On or off.
            enabled: bool = "enabled", req;
        }
        /// Set the indirect reseller (MPN) ID.
        SetResellerId = "setResellerId" {
            /// The ID: digits.
            reseller_id: String = "resellerId", req;
        }
        /// Record marketplace activation facts (MKT-1).
        Activate = "activate" {
            /// The publisher has assigned the licences.
            licenses_assigned: bool = "licensesAssigned", req;
            /// The publisher has confirmed account setup.
            setup_confirmed: bool = "setupConfirmed", req;
        }
        /// Suspend.
        Suspend = "suspend" {
            /// Why (SUSP-1).
            reason: SuspendReason = "reason", req;
        }
        /// Reactivate a suspended subscription.
        Reactivate = "reactivate";
        /// Cancel.
        Cancel = "cancel";
        /// Pause (new commerce).
        Pause = "pause";
        /// Resume a paused subscription.
        Resume = "resume";
        /// Save a change for renewal.
        ScheduleChange = "scheduleChange" {
            /// The change.
            change: Change = "change" as CHANGE, req;
        }
        /// Remove a saved change.
        CancelScheduledChange = "cancelScheduledChange" {
            /// Its ID.
            change_id: String = "changeId", req;
        }
        /// Upgrade licences to another SKU.
        Upgrade = "upgrade" {
            /// Target SKU (UPG-2).
            target_sku: String = "targetSku", req;
            /// Licences to move (UPG-3).
            quantity: u32 = "quantity", req;
            /// New or existing subscription (UPG-4).
            target: UpgradeTarget = "target", req;
            /// Now (mid-term) or at renewal; now when absent.
            timing: Timing = "timing", or(Timing::default());
        }
    }
}

impl Action {
    /// The kind of this action.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Purchase { .. } => ActionKind::Purchase,
            Action::PurchaseAddOn { .. } => ActionKind::PurchaseAddOn,
            Action::ChangeQuantity { .. } => ActionKind::ChangeQuantity,
            Action::Rename { .. } => ActionKind::Rename,
            Action::SetAutoRenew { .. } => ActionKind::SetAutoRenew,
            Action::SetResellerId { .. } => ActionKind::SetResellerId,
            Action::Activate { .. } => ActionKind::Activate,
            Action::Suspend { .. } => ActionKind::Suspend,
            Action::Reactivate => ActionKind::Reactivate,
            Action::Cancel => ActionKind::Cancel,
            Action::Pause => ActionKind::Pause,
            Action::Resume => ActionKind::Resume,
            Action::ScheduleChange { .. } => ActionKind::ScheduleChange,
            Action::CancelScheduledChange { .. } => ActionKind::CancelScheduledChange,
            Action::Upgrade { .. } => ActionKind::Upgrade,
        }
    }
}

model! {
    /// A question: may `actor` do `action` at `now`, and what happens if they do?
    #[derive(Debug, Clone, PartialEq)]
    pub struct Request {
        envelope {
            /// The subscription acted on (every action but `purchase`; the base for `purchaseAddOn`).
            #[serde(skip_serializing_if = "Option::is_none")]
            subscription: Option<Subscription> = "subscription" as SUBSCRIPTION, opt;
            /// The customer (`purchase`, `purchaseAddOn`, `upgrade` to an existing subscription).
            #[serde(skip_serializing_if = "Option::is_none")]
            customer: Option<Customer> = "customer" as CUSTOMER, opt;
            /// The offer (`purchase`, `purchaseAddOn`; quantity limits for `changeQuantity`).
            #[serde(skip_serializing_if = "Option::is_none")]
            offer: Option<Offer> = "offer" as OFFER, opt;
        }
        /// The action and its parameters.
        action: Action = "action" as ACTION, req;
    }
}

model! {
    /// The facts of a prepared subscription ([`Prepared`](crate::Prepared)): a request without
    /// `now` and `action`, read and checked once and then asked many questions.
    #[derive(Debug, Clone, PartialEq)]
    pub struct PreparedFacts {
        facts {
            /// The subscription acted on (every action but `purchase`; the base for `purchaseAddOn`).
            #[serde(skip_serializing_if = "Option::is_none")]
            subscription: Option<Subscription> = "subscription" as SUBSCRIPTION, opt;
            /// The customer (`purchase`, `purchaseAddOn`, `upgrade` to an existing subscription).
            #[serde(skip_serializing_if = "Option::is_none")]
            customer: Option<Customer> = "customer", opt;
            /// The offer (`purchase`, `purchaseAddOn`; quantity limits for `changeQuantity`).
            #[serde(skip_serializing_if = "Option::is_none")]
            offer: Option<Offer> = "offer", opt;
        }
    }
}

impl PreparedFacts {
    /// The facts with `action` at `now`: nothing copied.
    pub(crate) fn facts<'a>(&'a self, action: &'a Action, now: Instant) -> Facts<'a> {
        Facts {
            now,
            actor: &self.actor,
            subscription: self.subscription.as_ref(),
            customer: self.customer.as_ref(),
            offer: self.offer.as_ref(),
            edition: self.edition,
            policy: &self.policy,
            locale: self.locale,
            action,
            #[cfg(feature = "cache")]
            calendar: None,
            #[cfg(feature = "cache")]
            settled: None,
        }
    }
}

/// What a decision works out from its facts and `now` before any rule is asked: the term `now`
/// is in (start and end) and the edition in force. It does not depend on the action, so a query
/// works it out once for every decision at its `now` ([`Facts::settled`]; `cache` feature).
#[cfg(feature = "cache")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Settled {
    /// The instant it was worked out for.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The term `at` is in: its start and the instant it ends.
    pub term: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
    /// The edition in force.
    pub edition: crate::policy::edition::Edition,
    /// The edition's own parameters, where the request overrides none (borrowed, as a decision
    /// borrows them).
    pub policy: Option<&'static crate::policy::params::Policy>,
}

/// A request's parts, borrowed: what validation and the rules read. A [`Request`] gives one
/// ([`Request::facts`]), and a query gives one per action and instant without copying its
/// subscription, customer and offer (so deciding many actions costs no copy of them each).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub now: Instant,
    pub actor: &'a Actor,
    pub subscription: Option<&'a Subscription>,
    pub customer: Option<&'a Customer>,
    pub offer: Option<&'a Offer>,
    pub edition: crate::policy::edition::EditionChoice,
    pub policy: &'a crate::policy::params::PolicyOverrides,
    pub locale: crate::i18n::Locale,
    pub action: &'a Action,
    /// The subscription's calendar where the caller computed it already (a query, once for all
    /// its decisions; `cache` feature).
    #[cfg(feature = "cache")]
    pub calendar: Option<crate::calendar::KeyedCalendar>,
    /// The term and edition of an instant where the caller worked them out already (a query,
    /// once for all its decisions at its `now`; `cache` feature): used where that instant is
    /// `now`.
    #[cfg(feature = "cache")]
    pub settled: Option<Settled>,
}

impl Request {
    /// The request's [`Facts`].
    pub(crate) fn facts(&self) -> Facts<'_> {
        Facts {
            now: self.now,
            actor: &self.actor,
            subscription: self.subscription.as_ref(),
            customer: self.customer.as_ref(),
            offer: self.offer.as_ref(),
            edition: self.edition,
            policy: &self.policy,
            locale: self.locale,
            action: &self.action,
            #[cfg(feature = "cache")]
            calendar: None,
            #[cfg(feature = "cache")]
            settled: None,
        }
    }
}
