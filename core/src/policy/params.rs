//! Policy parameters: every number and table of POLICY.md that the publisher may change, with
//! the documented defaults (the 2021 edition). A request names an edition (see
//! [`crate::policy::edition`]) and may override any parameter on top of it (`policy` in the request).

use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, InputError};
use crate::input::decode::{Decode, Decoder};
use crate::input::json::Json;
use crate::input::limits;
use crate::model::declare::model;
use crate::model::vocab::Role;
use crate::names::{wire_enum, WireName};

wire_enum! {
    /// How money is cut to the currency's minor unit (MONEY-5).
    Rounding {
        /// Toward zero ("cut"): the default.
        ToZero = "toZero",
        /// To nearest, halves away from zero.
        HalfUp = "halfUp",
        /// To nearest, halves to even (banker's rounding).
        HalfEven = "halfEven",
        /// Away from zero.
        Up = "up",
    }
}

impl Rounding {
    /// The `rust_decimal` strategy for this mode.
    pub fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::ToZero => RoundingStrategy::ToZero,
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        }
    }
}

wire_enum! {
    /// How a new-commerce seat decrease is handled mid-term (QTY-2 and its later editions).
    SeatReduction {
        /// Only at renewal, scheduled (2021, SCHED-1).
        AtRenewal = "atRenewal",
        /// Only through support (October 2021).
        Support = "support",
        /// Within `seatReductionDays` of when those seats were added (March 2022).
        WithinDays = "withinDays",
    }
}

model! {
    /// Which roles may do what (ROLE-1, ROLE-2); a list left out keeps its default.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct RoleTable {
        /// ROLE-1: marketplace management (rename, licences, cancel, auto-renew, reseller ID,
        /// activation of a marketplace subscription).
        marketplace_management: Vec<Role> = "marketplaceManagement" as MARKETPLACE_MANAGEMENT,
            list_or(limits::MAX_ROLES, RoleTable::default().marketplace_management);
        /// ROLE-2: every other action.
        general: Vec<Role> = "general" as GENERAL, list_or(limits::MAX_ROLES, RoleTable::default().general);
    }
}

impl Default for RoleTable {
    fn default() -> Self {
        RoleTable {
            marketplace_management: vec![Role::GlobalAdmin, Role::AdminAgent],
            general: vec![
                Role::AdminAgent,
                Role::BillingAdmin,
                Role::GlobalAdmin,
                Role::SupportAgent,
                Role::SalesAgent,
            ],
        }
    }
}

/// The parameter table: each row is a parameter's Rust name and type, its wire name, its
/// POLICY.md default and the range an override must fall in (`-` for none). It writes
/// [`Policy`], [`PolicyOverrides`] (read by the collecting decoder) and [`Policy::check`].
macro_rules! parameters {
    ($( $(#[$doc:meta])* $field:ident: $ty:ty = $wire:literal $(as $const:ident)?, $default:expr,
        $(range($min:expr, $max:expr, $unit:literal))? $(-)?; )*) => {
        /// Every policy parameter, with the POLICY.md defaults (the 2021 edition).
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields, default)]
        pub struct Policy {
            $( $(#[$doc])* #[serde(rename = $wire)] pub $field: $ty, )*
        }

        impl Default for Policy {
            fn default() -> Self {
                Policy { $( $field: $default, )* }
            }
        }

        impl Policy {
            $($(
                #[doc = concat!("The wire name `", $wire, "`.")]
                pub const $const: &'static str = $wire;
            )?)*

            /// The parameters as the canonical JSON their fingerprint hashes: the table's order,
            /// no spaces (what `serde_json::to_string` of the policy writes; a test holds them
            /// equal), written without a JSON serializer in the module.
            fn canonical_text(&self) -> String {
                let mut out = String::from("{");
                $(
                    if out.len() > 1 {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str($wire);
                    out.push_str("\":");
                    Canonical::write(&self.$field, &mut out);
                )*
                out.push('}');
                out
            }

            /// Check every parameter against its range (each problem with its path below
            /// `base`, e.g. `policy.retentionDays`), then the parameters against each other.
            pub fn check(&self, base: &str, errors: &mut Vec<InputError>) {
                $($(
                    let (value, min, max): (u32, u32, u32) = (self.$field, $min, $max);
                    if !(min..=max).contains(&value) {
                        errors.push(InputError::new(
                            ErrorCode::OutOfRange,
                            format!("{base}.{}", $wire),
                            format!("`{value}` is out of range: expected {min} to {max} {}", $unit),
                        ));
                    }
                )?)*
                self.check_together(base, errors);
            }
        }

        /// Overrides of some policy parameters, applied on top of an edition's.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct PolicyOverrides {
            $(
                $(#[$doc])*
                #[serde(rename = $wire, default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl PolicyOverrides {
            /// `base` with every overridden parameter replaced.
            pub fn apply(&self, mut base: Policy) -> Policy {
                $( if let Some(v) = &self.$field { base.$field = v.clone(); } )*
                base
            }

            /// Whether nothing is overridden.
            pub fn is_empty(&self) -> bool {
                true $( && self.$field.is_none() )*
            }
        }

        impl Decode for PolicyOverrides {
            fn decode(d: &mut Decoder, v: &Json<'_>, path: &crate::input::decode::Path<'_>) -> Option<Self> {
                let mut o = d.object(v, path)?;
                $( let $field = o.opt(d, $wire); )*
                o.finish(d);
                Some(PolicyOverrides { $( $field: $field?, )* })
            }
        }

        model!(@deserialize PolicyOverrides);
    };
}

parameters! {
    /// CANC-1: marketplace monthly full-credit window, hours after the order (24).
    marketplace_monthly_cancel_hours: u32 = "marketplaceMonthlyCancelHours", 24,
        range(1, MAX_WINDOW_HOURS, "hours");
    /// CANC-2: marketplace annual full-credit window, days after the order (14).
    marketplace_annual_cancel_days: u32 = "marketplaceAnnualCancelDays", 14,
        range(1, MAX_WINDOW_DAYS, "days");
    /// CANC-5: new-commerce full-refund window, hours (24; 0 = no full-refund window).
    new_commerce_full_refund_hours: u32 = "newCommerceFullRefundHours" as FULL_REFUND_HOURS, 24,
        range(0, MAX_WINDOW_HOURS, "hours");
    /// CANC-5: new-commerce cancellation (prorated refund) window, days (30).
    new_commerce_cancel_days: u32 = "newCommerceCancelDays", 30, range(1, MAX_WINDOW_DAYS, "days");
    /// CANC-5: whether the new-commerce windows restart at each renewal (measured from the
    /// current term's start) or run once from the subscription's start (its order) (false).
    windows_restart_at_renewal: bool = "windowsRestartAtRenewal", false, -;
    /// QTY-2: how a new-commerce seat decrease is handled mid-term (`atRenewal`).
    seat_reduction: SeatReduction = "seatReduction", SeatReduction::AtRenewal, -;
    /// QTY-2 with `withinDays`: days after seats were added during which they can be removed (7).
    seat_reduction_days: u32 = "seatReductionDays", 7, range(1, MAX_WINDOW_DAYS, "days");
    /// SCHED-1: whether a SKU downgrade can be scheduled for renewal (true; the 2023 edition
    /// supports no downgrades).
    sku_downgrades: bool = "skuDowngrades", true, -;
    /// SCHED-1: whether a co-term date can be scheduled for renewal (false; 2023: true).
    coterm_date_changes: bool = "cotermDateChanges", false, -;
    /// UPG-3, CANC-5: whether an upgrade is final (false; 2023: true): it has no cancellation
    /// window of its own, and a subscription it created inherits its source's windows until it
    /// renews.
    upgrades_final: bool = "upgradesFinal", false, -;
    /// UPG-4: whether an existing upgrade target must also be outside its cancellation window,
    /// of no shorter term and end no earlier than the source (false; 2023: true).
    upgrade_target_checks: bool = "upgradeTargetChecks", false, -;
    /// SUSP-3: data retention after suspension, days (90).
    retention_days: u32 = "retentionDays", 90, range(1, MAX_WINDOW_DAYS, "days");
    /// SUSP-3: cap on the retention period, days (120).
    retention_cap_days: u32 = "retentionCapDays" as RETENTION_CAP_DAYS, 120,
        range(1, MAX_WINDOW_DAYS, "days");
    /// ELIG-9: trial length when the offer does not say, days (30).
    trial_days: u32 = "trialDays", 30, range(1, MAX_WINDOW_DAYS, "days");
    /// QTY-1: smallest licence count when the offer does not say (1).
    default_min_quantity: u32 = "defaultMinQuantity", 1, range(1, limits::MAX_QUANTITY, "licences");
    /// ROLE-1, ROLE-2: the role table.
    roles: RoleTable = "roles", RoleTable::default(), -;
    /// MONEY-5: how amounts are cut to the minor unit (`toZero`).
    rounding: Rounding = "rounding", Rounding::ToZero, -;
}

/// Largest window any parameter may set, in hours (ten years).
pub const MAX_WINDOW_HOURS: u32 = 87_600;
/// Largest window any parameter may set, in days (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3_650;

impl Policy {
    /// The checks of parameters against each other.
    fn check_together(&self, base: &str, errors: &mut Vec<InputError>) {
        if self.retention_cap_days < self.retention_days {
            errors.push(InputError::new(
                ErrorCode::OutOfRange,
                format!("{base}.{}", Self::RETENTION_CAP_DAYS),
                format!(
                    "the retention cap `{}` is below the retention period `{}`",
                    self.retention_cap_days, self.retention_days
                ),
            ));
        }
        if self.new_commerce_full_refund_hours > self.new_commerce_cancel_days.saturating_mul(24) {
            errors.push(InputError::new(
                ErrorCode::OutOfRange,
                format!("{base}.{}", Self::FULL_REFUND_HOURS),
                "the full-refund window is longer than the cancellation window".to_string(),
            ));
        }
    }

    /// A stable fingerprint of these parameters: FNV-1a (64 bit) of their canonical JSON (role
    /// lists sorted), written `fnv1a64:` and 16 hex digits. Equal parameters give equal
    /// fingerprints on every platform; any change gives another.
    pub fn fingerprint(&self) -> String {
        let mut canonical = self.clone();
        for list in [
            &mut canonical.roles.marketplace_management,
            &mut canonical.roles.general,
        ] {
            crate::util::sort_by_key(list, |r| *r);
            list.dedup();
        }
        let text = canonical.canonical_text();
        format!("fnv1a64:{:016x}", crate::util::fnv1a(text.as_bytes()))
    }
}

/// A parameter's value in the canonical JSON of [`Policy::fingerprint`].
trait Canonical {
    fn write(&self, out: &mut String);
}

impl Canonical for u32 {
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl Canonical for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl<T: WireName> Canonical for T {
    fn write(&self, out: &mut String) {
        out.push('"');
        out.push_str(self.wire_name());
        out.push('"');
    }
}

impl Canonical for RoleTable {
    fn write(&self, out: &mut String) {
        for (i, (name, roles)) in [
            (
                RoleTable::MARKETPLACE_MANAGEMENT,
                &self.marketplace_management,
            ),
            (RoleTable::GENERAL, &self.general),
        ]
        .into_iter()
        .enumerate()
        {
            out.push_str(if i == 0 { "{\"" } else { ",\"" });
            out.push_str(name);
            out.push_str("\":[");
            for (j, role) in roles.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                role.write(out);
            }
            out.push(']');
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::edition::Edition;

    /// The fingerprint's text is what serde_json writes for the same policy, so fingerprints are
    /// the same as when they were computed through serde_json.
    #[test]
    fn canonical_text_is_serde_jsons() {
        let mut odd = Policy::default();
        odd.roles.general.clear();
        odd.windows_restart_at_renewal = true;
        odd.seat_reduction = SeatReduction::WithinDays;
        odd.rounding = Rounding::HalfEven;
        odd.retention_days = 4_000_000;
        let mut policies: Vec<Policy> = Edition::ALL.iter().map(|e| e.policy()).collect();
        policies.push(odd);
        for p in policies {
            assert_eq!(p.canonical_text(), serde_json::to_string(&p).unwrap());
        }
    }

    /// A request without overrides skips the policy check (`validate::check_parts`): every
    /// edition's own parameters must pass it.
    #[test]
    fn every_editions_parameters_pass_the_check() {
        for e in Edition::ALL {
            let mut errors = Vec::new();
            e.policy().check("policy", &mut errors);
            assert!(errors.is_empty(), "{e:?}: {errors:?}");
        }
    }
}
