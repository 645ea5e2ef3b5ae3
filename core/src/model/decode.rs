//! How each type of the model is read from JSON (the collecting decoder of `input::decode`).

use crate::i18n::Locale;
use crate::input::decode::{Decode, Decoder, Path};
use crate::input::json::Json;
use crate::input::limits;
use crate::model::request::Action;
use crate::model::request::Actor;
use crate::model::request::AddOn;
use crate::model::request::Change;
use crate::model::request::Customer;
use crate::model::request::Offer;
use crate::model::request::Request;
use crate::model::request::ScheduledChange;
use crate::model::request::SeatAddition;
use crate::model::request::Subscription;
use crate::model::request::SubscriptionRef;
use crate::model::request::UpgradeTarget;
use crate::model::vocab::ActionKind;
use crate::model::vocab::AddOnChannel;
use crate::model::vocab::ProductType;
use crate::model::vocab::Segment;
use crate::model::vocab::Timing;
use crate::policy::edition::EditionChoice;
use crate::policy::params::PolicyOverrides;
use crate::policy::params::RoleTable;

impl Decode for Subscription {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let name = o.opt(d, "name");
        let offer_id = o.req(d, "offerId");
        let sku = o.req(d, "sku");
        let commerce_model = o.req(d, "commerceModel");
        let billing_type = o.req(d, "billingType");
        let billing_frequency = o.req(d, "billingFrequency");
        let term = o.req(d, "term");
        let status = o.req(d, "status");
        let ordered_at = o.req(d, "orderedAt");
        let term_start = o.req(d, "termStart");
        let term_end = o.opt(d, "termEnd");
        let quantity = o.opt(d, "quantity");
        let unit_price = o.opt(d, "unitPrice");
        let currency = o.req(d, "currency");
        let auto_renew = o.or(d, "autoRenew", true); // RENEW-1: on by default
        let trial_ends_at = o.opt(d, "trialEndsAt");
        let add_ons = o.default_list(d, "addOns", limits::MAX_ADD_ONS);
        let scheduled_changes =
            o.default_list(d, "scheduledChanges", limits::MAX_SCHEDULED_CHANGES);
        let upgrade_paths = o.default_list(d, "upgradePaths", limits::MAX_UPGRADE_PATHS);
        let suspended_at = o.opt(d, "suspendedAt");
        let publisher_action_required = o.or(d, "publisherActionRequired", false);
        let reseller_id = o.opt(d, "resellerId");
        let account_opened_at = o.opt(d, "accountOpenedAt");
        let billing_started_at = o.opt(d, "billingStartedAt");
        let seat_additions = o.opt_list(d, "seatAdditions", limits::MAX_SEAT_ADDITIONS);
        o.finish(d);
        Some(Subscription {
            id: id?,
            name: name?,
            offer_id: offer_id?,
            sku: sku?,
            commerce_model: commerce_model?,
            billing_type: billing_type?,
            billing_frequency: billing_frequency?,
            term: term?,
            status: status?,
            ordered_at: ordered_at?,
            term_start: term_start?,
            term_end: term_end?,
            quantity: quantity?,
            unit_price: unit_price?,
            currency: currency?,
            auto_renew: auto_renew?,
            trial_ends_at: trial_ends_at?,
            add_ons: add_ons?.unwrap_or_default(),
            scheduled_changes: scheduled_changes?.unwrap_or_default(),
            upgrade_paths: upgrade_paths?.unwrap_or_default(),
            suspended_at: suspended_at?,
            publisher_action_required: publisher_action_required?,
            reseller_id: reseller_id?,
            account_opened_at: account_opened_at?,
            billing_started_at: billing_started_at?,
            seat_additions: seat_additions?.unwrap_or_default(),
        })
    }
}

impl Decode for SeatAddition {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let added_at = o.req(d, "addedAt");
        let quantity = o.req(d, "quantity");
        o.finish(d);
        Some(SeatAddition {
            added_at: added_at?,
            quantity: quantity?,
        })
    }
}

impl Decode for AddOn {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let offer_id = o.opt(d, "offerId");
        let status = o.req(d, "status");
        o.finish(d);
        Some(AddOn {
            id: id?,
            offer_id: offer_id?,
            status: status?,
        })
    }
}

impl Decode for ScheduledChange {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let change = o.req(d, "change");
        o.finish(d);
        Some(ScheduledChange {
            id: id?,
            change: change?,
        })
    }
}

impl Decode for Change {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let kind = o.tag(
            d,
            "kind",
            &[
                "skuUpgrade",
                "skuDowngrade",
                "quantity",
                "term",
                "billingFrequency",
            ],
        )?;
        let out = match kind {
            "skuUpgrade" => o
                .req(d, "targetSku")
                .map(|target_sku| Change::SkuUpgrade { target_sku }),
            "skuDowngrade" => o
                .req(d, "targetSku")
                .map(|target_sku| Change::SkuDowngrade { target_sku }),
            "quantity" => o
                .req(d, "quantity")
                .map(|quantity| Change::Quantity { quantity }),
            "term" => o.req(d, "term").map(|term| Change::Term { term }),
            _ => o
                .req(d, "billingFrequency")
                .map(|billing_frequency| Change::BillingFrequency { billing_frequency }),
        };
        o.finish(d);
        out
    }
}

impl Decode for Customer {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let segment = o.req(d, "segment");
        let billing_country = o.req(d, "billingCountry");
        let subscriptions = o.default_list(d, "subscriptions", limits::MAX_CUSTOMER_SUBSCRIPTIONS);
        o.finish(d);
        Some(Customer {
            id: id?,
            segment: segment?,
            billing_country: billing_country?,
            subscriptions: subscriptions?.unwrap_or_default(),
        })
    }
}

impl Decode for SubscriptionRef {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let offer_id = o.req(d, "offerId");
        let sku = o.req(d, "sku");
        let status = o.req(d, "status");
        let term_end = o.opt(d, "termEnd");
        o.finish(d);
        Some(SubscriptionRef {
            id: id?,
            offer_id: offer_id?,
            sku: sku?,
            status: status?,
            term_end: term_end?,
        })
    }
}

impl Decode for Offer {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let name = o.opt(d, "name");
        let publisher = o.req(d, "publisher");
        let billing_type = o.req(d, "billingType");
        let category = o.req(d, "category");
        let product_type = o.or(d, "productType", ProductType::Saas);
        let one_per_customer = o.or(d, "onePerCustomer", false);
        let segments = o.default_list(d, "segments", limits::MAX_SMALL_LIST);
        let supported_countries = o.opt_list(d, "supportedCountries", limits::MAX_SMALL_LIST);
        let available_in_csp = o.or(d, "availableInCsp", true);
        let exclusive_partners = o.opt_list(d, "exclusivePartners", limits::MAX_SMALL_LIST);
        let min_quantity = o.opt(d, "minQuantity");
        let max_quantity = o.opt(d, "maxQuantity");
        let free_trial = o.or(d, "freeTrial", false);
        let trial_days = o.opt(d, "trialDays");
        let add_on_for = o.opt_list(d, "addOnFor", limits::MAX_SMALL_LIST);
        let available_countries = o.opt_list(d, "availableCountries", limits::MAX_SMALL_LIST);
        let unit_price = o.opt(d, "unitPrice");
        let currency = o.opt(d, "currency");
        o.finish(d);
        Some(Offer {
            id: id?,
            name: name?,
            publisher: publisher?,
            billing_type: billing_type?,
            category: category?,
            product_type: product_type?,
            one_per_customer: one_per_customer?,
            segments: segments?.unwrap_or_else(|| Segment::ALL.to_vec()),
            supported_countries: supported_countries?,
            available_in_csp: available_in_csp?,
            exclusive_partners: exclusive_partners?,
            min_quantity: min_quantity?,
            max_quantity: max_quantity?,
            free_trial: free_trial?,
            trial_days: trial_days?,
            add_on_for: add_on_for?,
            available_countries: available_countries?,
            unit_price: unit_price?,
            currency: currency?,
        })
    }
}

impl Decode for Actor {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let roles = o.list(d, "roles", limits::MAX_ROLES);
        let partner_kind = o.req(d, "partnerKind");
        let partner_id = o.opt(d, "partnerId");
        o.finish(d);
        Some(Actor {
            roles: roles?,
            partner_kind: partner_kind?,
            partner_id: partner_id?,
        })
    }
}

impl Decode for UpgradeTarget {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let kind = o.tag(d, "kind", &["new", "existing"])?;
        let out = match kind {
            "new" => Some(UpgradeTarget::New),
            _ => o
                .req(d, "subscriptionId")
                .map(|subscription_id| UpgradeTarget::Existing { subscription_id }),
        };
        o.finish(d);
        out
    }
}

impl Decode for Action {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let names: Vec<&str> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
        let kind = ActionKind::parse(o.tag(d, "type", &names)?)?;
        let out = match kind {
            ActionKind::Purchase => o
                .opt(d, "quantity")
                .map(|quantity| Action::Purchase { quantity }),
            ActionKind::PurchaseAddOn => {
                let quantity = o.req(d, "quantity");
                let channel = o.or(d, "channel", AddOnChannel::BaseSubscription);
                quantity
                    .zip(channel)
                    .map(|(quantity, channel)| Action::PurchaseAddOn { quantity, channel })
            }
            ActionKind::ChangeQuantity => o
                .req(d, "quantity")
                .map(|quantity| Action::ChangeQuantity { quantity }),
            ActionKind::Rename => o.req(d, "name").map(|name| Action::Rename { name }),
            ActionKind::SetAutoRenew => o
                .req(d, "enabled")
                .map(|enabled| Action::SetAutoRenew { enabled }),
            ActionKind::SetResellerId => o
                .req(d, "resellerId")
                .map(|reseller_id| Action::SetResellerId { reseller_id }),
            ActionKind::Activate => {
                let licenses_assigned = o.req(d, "licensesAssigned");
                let setup_confirmed = o.req(d, "setupConfirmed");
                licenses_assigned.zip(setup_confirmed).map(
                    |(licenses_assigned, setup_confirmed)| Action::Activate {
                        licenses_assigned,
                        setup_confirmed,
                    },
                )
            }
            ActionKind::Suspend => o.req(d, "reason").map(|reason| Action::Suspend { reason }),
            ActionKind::Reactivate => Some(Action::Reactivate),
            ActionKind::Cancel => Some(Action::Cancel),
            ActionKind::Pause => Some(Action::Pause),
            ActionKind::Resume => Some(Action::Resume),
            ActionKind::ScheduleChange => o
                .req(d, "change")
                .map(|change| Action::ScheduleChange { change }),
            ActionKind::CancelScheduledChange => o
                .req(d, "changeId")
                .map(|change_id| Action::CancelScheduledChange { change_id }),
            ActionKind::Upgrade => {
                let target_sku = o.req(d, "targetSku");
                let quantity = o.req(d, "quantity");
                let target = o.req(d, "target");
                let timing = o.or(d, "timing", Timing::Now);
                match (target_sku, quantity, target, timing) {
                    (Some(target_sku), Some(quantity), Some(target), Some(timing)) => {
                        Some(Action::Upgrade {
                            target_sku,
                            quantity,
                            target,
                            timing,
                        })
                    }
                    _ => None,
                }
            }
        };
        o.finish(d);
        out
    }
}

impl Decode for RoleTable {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let defaults = RoleTable::default();
        let mut o = d.object(v, path)?;
        let marketplace_management = o.default_list(d, "marketplaceManagement", limits::MAX_ROLES);
        let general = o.default_list(d, "general", limits::MAX_ROLES);
        o.finish(d);
        Some(RoleTable {
            marketplace_management: marketplace_management?
                .unwrap_or(defaults.marketplace_management),
            general: general?.unwrap_or(defaults.general),
        })
    }
}

impl Decode for Request {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let now = o.req(d, "now"); // TIME-2: the evaluation instant is an input
        let actor = o.req(d, "actor");
        let subscription = o.opt(d, "subscription");
        let customer = o.opt(d, "customer");
        let offer = o.opt(d, "offer");
        let edition = o.or(d, "edition", EditionChoice::E2021);
        let policy = o.or(d, "policy", PolicyOverrides::default());
        let locale = o.or(d, "locale", Locale::En);
        let action = o.req(d, "action");
        o.finish(d);
        Some(Request {
            now: now?,
            actor: actor?,
            subscription: subscription?,
            customer: customer?,
            offer: offer?,
            edition: edition?,
            policy: policy?,
            locale: locale?,
            action: action?,
        })
    }
}
