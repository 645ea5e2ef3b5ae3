//! Policy parameters: every number and table of POLICY.md that the publisher may change, with
//! the documented defaults. A request may override any of them (`policy` in the request).

use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, InputError};
use crate::model::{wire_enum, Role};

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

/// Which roles may do what (ROLE-1, ROLE-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RoleTable {
    /// ROLE-1: marketplace management (rename, licences, cancel, auto-renew, reseller ID,
    /// activation of a marketplace subscription).
    pub marketplace_management: Vec<Role>,
    /// ROLE-2: every other action.
    pub general: Vec<Role>,
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

/// Every policy parameter, with the POLICY.md defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Policy {
    /// CANC-1: marketplace monthly full-credit window, hours after the order (24).
    pub marketplace_monthly_cancel_hours: u32,
    /// CANC-2: marketplace annual full-credit window, days after the order (14).
    pub marketplace_annual_cancel_days: u32,
    /// CANC-5: new-commerce full-refund window, hours after the term start (24).
    pub new_commerce_full_refund_hours: u32,
    /// CANC-5: new-commerce prorated-refund window, days after the term start (30).
    pub new_commerce_cancel_days: u32,
    /// SUSP-3: data retention after suspension, days (90).
    pub retention_days: u32,
    /// SUSP-3: cap on the retention period, days (120).
    pub retention_cap_days: u32,
    /// ELIG-9: trial length when the offer does not say, days (30).
    pub trial_days: u32,
    /// QTY-1: smallest licence count when the offer does not say (1).
    pub default_min_quantity: u32,
    /// ROLE-1, ROLE-2: the role table.
    pub roles: RoleTable,
    /// MONEY-5: how amounts are cut to the minor unit (`toZero`).
    pub rounding: Rounding,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            marketplace_monthly_cancel_hours: 24,
            marketplace_annual_cancel_days: 14,
            new_commerce_full_refund_hours: 24,
            new_commerce_cancel_days: 30,
            retention_days: 90,
            retention_cap_days: 120,
            trial_days: 30,
            default_min_quantity: 1,
            roles: RoleTable::default(),
            rounding: Rounding::ToZero,
        }
    }
}

/// Largest window any parameter may set, in hours (ten years).
pub const MAX_WINDOW_HOURS: u32 = 87_600;
/// Largest window any parameter may set, in days (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3_650;

impl Policy {
    /// Check the parameters against their ranges; every problem is reported with its path
    /// below `base` (e.g. `policy.retentionDays`).
    pub fn check(&self, base: &str, errors: &mut Vec<InputError>) {
        let hours = [
            (
                "marketplaceMonthlyCancelHours",
                self.marketplace_monthly_cancel_hours,
            ),
            (
                "newCommerceFullRefundHours",
                self.new_commerce_full_refund_hours,
            ),
        ];
        for (name, value) in hours {
            if !(1..=MAX_WINDOW_HOURS).contains(&value) {
                errors.push(InputError::new(
                    ErrorCode::OutOfRange,
                    format!("{base}.{name}"),
                    format!(
                        "`{value}` is not a window length: expected 1 to {MAX_WINDOW_HOURS} hours"
                    ),
                ));
            }
        }
        let days = [
            (
                "marketplaceAnnualCancelDays",
                self.marketplace_annual_cancel_days,
            ),
            ("newCommerceCancelDays", self.new_commerce_cancel_days),
            ("retentionDays", self.retention_days),
            ("retentionCapDays", self.retention_cap_days),
            ("trialDays", self.trial_days),
        ];
        for (name, value) in days {
            if !(1..=MAX_WINDOW_DAYS).contains(&value) {
                errors.push(InputError::new(
                    ErrorCode::OutOfRange,
                    format!("{base}.{name}"),
                    format!(
                        "`{value}` is not a window length: expected 1 to {MAX_WINDOW_DAYS} days"
                    ),
                ));
            }
        }
        if self.retention_cap_days < self.retention_days {
            errors.push(InputError::new(
                ErrorCode::OutOfRange,
                format!("{base}.retentionCapDays"),
                format!(
                    "the retention cap `{}` is below the retention period `{}`",
                    self.retention_cap_days, self.retention_days
                ),
            ));
        }
        if self.new_commerce_full_refund_hours > self.new_commerce_cancel_days.saturating_mul(24) {
            errors.push(InputError::new(
                ErrorCode::OutOfRange,
                format!("{base}.newCommerceFullRefundHours"),
                "the full-refund window is longer than the cancellation window".to_string(),
            ));
        }
        if self.default_min_quantity == 0 {
            errors.push(InputError::new(
                ErrorCode::OutOfRange,
                format!("{base}.defaultMinQuantity"),
                "`0` is not a minimum quantity: expected at least 1".to_string(),
            ));
        }
    }
}
