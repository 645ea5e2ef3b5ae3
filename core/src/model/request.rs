//! The facts a request carries: subscription, customer, offer, actor, and the action with its
//! parameters. Field names are camelCase on the wire; unknown fields are rejected.
//!
//! These types derive serde for Rust callers; the JSON entry point ([`crate::evaluate_json`])
//! reads the same shapes through [`crate::decode`], which reports every problem with its path
//! rather than stopping at the first.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
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
use crate::policy::edition::EditionChoice;
use crate::policy::params::PolicyOverrides;

/// A subscription, as the partner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subscription {
    /// Subscription ID.
    pub id: String,
    /// Nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Offer this subscription is to.
    pub offer_id: String,
    /// SKU (product variant).
    pub sku: String,
    /// Commerce model.
    pub commerce_model: CommerceModel,
    /// Licence-based or usage-based.
    pub billing_type: BillingType,
    /// Billing frequency.
    pub billing_frequency: BillingFrequency,
    /// Term length.
    pub term: Term,
    /// Lifecycle status.
    pub status: Status,
    /// When the order was placed (marketplace windows, CANC-1/2).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub ordered_at: DateTime<Utc>,
    /// Start of the current term (new-commerce windows, CANC-5; billing periods, MONEY-1).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub term_start: DateTime<Utc>,
    /// Last day of the current term, inclusive. Derived from `termStart` and `term` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub term_end: Option<NaiveDate>,
    /// Licence count (licence-based only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// Price of one licence for one billing period (licence-based only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub unit_price: Option<Decimal>,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Whether the subscription renews at the end of its term (RENEW-1: on by default).
    #[serde(default = "default_true")]
    pub auto_renew: bool,
    /// End of the free trial, if the subscription is in one (ELIG-9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub trial_ends_at: Option<DateTime<Utc>>,
    /// Add-ons bought on this base subscription.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_ons: Vec<AddOn>,
    /// Changes saved for renewal (SCHED-4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled_changes: Vec<ScheduledChange>,
    /// SKUs this subscription may be upgraded to (UPG-2, SCHED-3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub upgrade_paths: Vec<String>,
    /// When the subscription was suspended (SUSP-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub suspended_at: Option<DateTime<Utc>>,
    /// The publisher requires steps of its own before changes (MKT-2).
    #[serde(default)]
    pub publisher_action_required: bool,
    /// Indirect reseller (MPN) ID (MKT-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reseller_id: Option<String>,
    /// When the customer's account was opened (SUSP-3 retention).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub account_opened_at: Option<DateTime<Utc>>,
    /// When the first billing period started (SUSP-3 retention; MKT-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub billing_started_at: Option<DateTime<Utc>>,
    /// When licences were added (purchase, renewal or mid-term), for editions that let seats be
    /// removed within days of being added; one addition of `quantity` at the current window's
    /// start when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seat_additions: Vec<SeatAddition>,
}

/// Licences added to a subscription at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeatAddition {
    /// When.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub added_at: DateTime<Utc>,
    /// How many.
    pub quantity: u32,
}

fn default_true() -> bool {
    true
}

/// An add-on on a base subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddOn {
    /// Add-on subscription ID.
    pub id: String,
    /// Add-on offer ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_id: Option<String>,
    /// Status of the add-on.
    pub status: Status,
}

/// A change saved for renewal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduledChange {
    /// Change ID.
    pub id: String,
    /// What changes.
    pub change: Change,
}

/// A change that can be made at renewal (SCHED-1/2) or, for some, mid-term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Change {
    /// Move to a higher SKU.
    SkuUpgrade {
        /// Target SKU.
        target_sku: String,
    },
    /// Move to a lower SKU.
    SkuDowngrade {
        /// Target SKU.
        target_sku: String,
    },
    /// New licence count.
    Quantity {
        /// The count after renewal.
        quantity: u32,
    },
    /// New term length.
    Term {
        /// The term after renewal.
        term: Term,
    },
    /// New billing frequency.
    BillingFrequency {
        /// The frequency after renewal.
        billing_frequency: BillingFrequency,
    },
}

/// The customer the partner acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Customer {
    /// Customer ID.
    pub id: String,
    /// Segment (ELIG-7).
    pub segment: Segment,
    /// Billing country/region, ISO 3166-1 alpha-2 (ELIG-3, ADDON-4).
    pub billing_country: String,
    /// The customer's existing subscriptions (ELIG-1/2, UPG-4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscriptions: Vec<SubscriptionRef>,
}

/// Another subscription the customer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscriptionRef {
    /// Subscription ID.
    pub id: String,
    /// Offer ID.
    pub offer_id: String,
    /// SKU.
    pub sku: String,
    /// Status.
    pub status: Status,
    /// Last day of its term, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub term_end: Option<NaiveDate>,
}

/// An offer in the catalog (for `purchase`, `purchaseAddOn`, catalog filtering and quantity limits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Offer {
    /// Offer ID.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Publisher (`partner` = ISV).
    pub publisher: Publisher,
    /// Billing type.
    pub billing_type: BillingType,
    /// Category.
    pub category: Category,
    /// Product type (ELIG-6); `saas` when absent.
    #[serde(default = "default_product_type")]
    pub product_type: ProductType,
    /// At most one subscription per customer (ELIG-1).
    #[serde(default)]
    pub one_per_customer: bool,
    /// Segments the offer is sold to (ELIG-7); all when absent.
    #[serde(default = "all_segments")]
    pub segments: Vec<Segment>,
    /// ISV offer: billing countries supported (ELIG-3); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_countries: Option<Vec<String>>,
    /// ISV offer: made available through CSP (ELIG-4).
    #[serde(default = "default_true")]
    pub available_in_csp: bool,
    /// ISV offer: exclusive to these partner IDs (ELIG-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive_partners: Option<Vec<String>>,
    /// Smallest licence count (QTY-1, ELIG-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_quantity: Option<u32>,
    /// Largest licence count (QTY-1, ELIG-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_quantity: Option<u32>,
    /// Starts in a free trial (ELIG-9).
    #[serde(default)]
    pub free_trial: bool,
    /// Trial length in days; the policy's `trialDays` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_days: Option<u32>,
    /// Add-on offer: the base offer IDs it can be added to (ADDON-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_for: Option<Vec<String>>,
    /// Add-on offer: countries where it is available (ADDON-4); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_countries: Option<Vec<String>>,
    /// Price of one licence for one billing period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub unit_price: Option<Decimal>,
    /// Currency of `unitPrice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

fn default_product_type() -> ProductType {
    ProductType::Saas
}

fn all_segments() -> Vec<Segment> {
    Segment::ALL.to_vec()
}

/// Who is acting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Actor {
    /// Roles held (ROLE-1/2).
    pub roles: Vec<Role>,
    /// Kind of partner (ADDON-3, MKT-3).
    pub partner_kind: PartnerKind,
    /// Partner ID (ELIG-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<String>,
}

/// Where the licences of an upgrade go (UPG-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum UpgradeTarget {
    /// A new subscription of the target SKU.
    New,
    /// An existing subscription of the customer.
    Existing {
        /// Its ID (one of `customer.subscriptions`).
        subscription_id: String,
    },
}

/// The action asked about, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Action {
    /// Buy `offer` for `customer`.
    Purchase {
        /// Licence count (licence-based offers only, ELIG-8).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quantity: Option<u32>,
    },
    /// Buy the add-on `offer` on the base `subscription`.
    PurchaseAddOn {
        /// Licence count.
        quantity: u32,
        /// Where the purchase starts (ADDON-2).
        #[serde(default = "default_channel")]
        channel: AddOnChannel,
    },
    /// Change the licence count.
    ChangeQuantity {
        /// The new count.
        quantity: u32,
    },
    /// Change the nickname.
    Rename {
        /// The new name.
        name: String,
    },
    /// Turn auto-renew on or off.
    SetAutoRenew {
        /// On or off.
        enabled: bool,
    },
    /// Set the indirect reseller (MPN) ID.
    SetResellerId {
        /// The ID: digits.
        reseller_id: String,
    },
    /// Record marketplace activation facts (MKT-1).
    Activate {
        /// The publisher has assigned the licences.
        licenses_assigned: bool,
        /// The publisher has confirmed account setup.
        setup_confirmed: bool,
    },
    /// Suspend.
    Suspend {
        /// Why (SUSP-1).
        reason: SuspendReason,
    },
    /// Reactivate a suspended subscription.
    Reactivate,
    /// Cancel.
    Cancel,
    /// Pause (new commerce).
    Pause,
    /// Resume a paused subscription.
    Resume,
    /// Save a change for renewal.
    ScheduleChange {
        /// The change.
        change: Change,
    },
    /// Remove a saved change.
    CancelScheduledChange {
        /// Its ID.
        change_id: String,
    },
    /// Upgrade licences to another SKU.
    Upgrade {
        /// Target SKU (UPG-2).
        target_sku: String,
        /// Licences to move (UPG-3).
        quantity: u32,
        /// New or existing subscription (UPG-4).
        target: UpgradeTarget,
        /// Now (mid-term) or at renewal; now when absent.
        #[serde(default = "default_timing")]
        timing: Timing,
    },
}

fn default_channel() -> AddOnChannel {
    AddOnChannel::BaseSubscription
}

fn default_timing() -> Timing {
    Timing::Now
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

/// A question: may `actor` do `action` at `now`, and what happens if they do?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    /// The evaluation instant (TIME-2): never read from a clock.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub now: DateTime<Utc>,
    /// Who acts.
    pub actor: Actor,
    /// The subscription acted on (every action but `purchase`; the base for `purchaseAddOn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Subscription>,
    /// The customer (`purchase`, `purchaseAddOn`, `upgrade` to an existing subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// The offer (`purchase`, `purchaseAddOn`; quantity limits for `changeQuantity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// The edition of the policy (`2021` when absent), or `atOrder`: the one in force at the
    /// subscription's order instant.
    #[serde(default)]
    pub edition: EditionChoice,
    /// Overrides of the edition's policy parameters.
    #[serde(default, skip_serializing_if = "PolicyOverrides::is_empty")]
    pub policy: PolicyOverrides,
    /// Language of the reason messages (`en` when absent).
    #[serde(default)]
    pub locale: Locale,
    /// The action and its parameters.
    pub action: Action,
}
