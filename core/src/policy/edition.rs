//! Effective-dated editions of the policy. The publisher changed some rules after the 2021
//! sources; a subscription is evaluated under the edition in force for it.
//!
//! | edition | in force for orders from | what changes |
//! |---|---|---|
//! | `2021` | (the sources; the default) | POLICY.md as written |
//! | `2021-10` | 2021-10-01T00:00:00Z | new-commerce cancel: prorated refund within 72 hours, then the full term is billed; seat reductions only through support |
//! | `2022-03` | 2022-03-12T00:00:00Z | cancel and seat reduction within 7 days; seats removable within 7 days of being added; windows restart at each renewal; full refund within 24 hours of purchase or renewal |
//! | `2023` | 2023-01-01T00:00:00Z (reading chosen: POLICY.md gives the year only) | as 2022-03, and: co-term dates can be scheduled; no SKU downgrades; an upgrade is final, and what it creates inherits its source's window until it renews; an existing upgrade target must be outside its window, of no shorter term and end no earlier; marketplace licences: full credit within 72 hours (monthly and annual) |

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::scalar::Instant;
use crate::names::wire_enum;
use crate::policy::params::{Policy, SeatReduction};

wire_enum! {
    /// An edition of the policy.
    Edition {
        /// The 2021 sources (POLICY.md defaults).
        E2021 = "2021",
        /// October 2021: 72-hour prorated cancellation; seat reductions through support.
        E2021_10 = "2021-10",
        /// March 2022: 7-day windows, restarting at renewal; full refund within 24 hours.
        E2022_03 = "2022-03",
        /// 2023: co-term dates, no downgrades, final upgrades, stricter upgrade targets, 72-hour
        /// marketplace window.
        E2023 = "2023",
    }
}

wire_enum! {
    /// Which edition a request is evaluated under.
    EditionChoice {
        /// The 2021 edition (the default).
        E2021 = "2021",
        /// The October 2021 edition.
        E2021_10 = "2021-10",
        /// The March 2022 edition.
        E2022_03 = "2022-03",
        /// The 2023 edition.
        E2023 = "2023",
        /// The edition in force at the subscription's order instant (at `now` for a purchase).
        AtOrder = "atOrder",
        /// The edition in force at the start of the subscription's current term (LIFE-3): a
        /// subscription ordered in 2021 and renewed in July 2022 is judged by the 2022-03 rules
        /// for that term (at `now` for a purchase).
        AtTermStart = "atTermStart",
    }
}

/// Catalog entry of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EditionInfo {
    /// The edition.
    pub id: Edition,
    /// In force for orders placed at or after this instant.
    pub effective_from: Instant,
    /// What it changes, in English.
    pub summary: &'static str,
    /// Its parameters.
    pub policy: Policy,
}

/// Midnight UTC of a day, from its Unix time (no calendar code needed for three constants).
fn instant(unix_seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix_seconds, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

impl Edition {
    /// Orders placed at or after this instant fall under this edition.
    pub fn effective_from(self) -> DateTime<Utc> {
        match self {
            Edition::E2021 => instant(1_609_459_200), // 2021-01-01T00:00:00Z
            Edition::E2021_10 => instant(1_633_046_400), // 2021-10-01T00:00:00Z
            Edition::E2022_03 => instant(1_647_043_200), // 2022-03-12T00:00:00Z
            Edition::E2023 => instant(1_672_531_200), // 2023-01-01T00:00:00Z
        }
    }

    /// The parameters of this edition.
    pub fn policy(self) -> Policy {
        self.built().cloned().unwrap_or_else(|| self.build_policy())
    }

    /// [`Edition::policy`], borrowed: a decision without overrides reads the edition's
    /// parameters in place, no clone of the role tables (`cache` feature).
    #[cfg(feature = "cache")]
    pub(crate) fn policy_ref(self) -> std::borrow::Cow<'static, Policy> {
        match self.built() {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => std::borrow::Cow::Owned(self.build_policy()),
        }
    }

    /// Each edition's parameters, built once: a decision does not build every older edition
    /// again.
    fn built(self) -> Option<&'static Policy> {
        static CACHE: std::sync::OnceLock<Vec<Policy>> = std::sync::OnceLock::new();
        let all = CACHE.get_or_init(|| Edition::ALL.iter().map(|e| e.build_policy()).collect());
        let i = Edition::ALL.iter().position(|e| *e == self).unwrap_or(0);
        all.get(i)
    }

    fn build_policy(self) -> Policy {
        let base = Policy::default();
        let march_2022 = || Policy {
            new_commerce_full_refund_hours: 24,
            new_commerce_cancel_days: 7,
            windows_restart_at_renewal: true,
            seat_reduction: SeatReduction::WithinDays,
            seat_reduction_days: 7,
            ..Policy::default()
        };
        match self {
            Edition::E2021 => base,
            Edition::E2021_10 => Policy {
                new_commerce_full_refund_hours: 0,
                new_commerce_cancel_days: 3,
                seat_reduction: SeatReduction::Support,
                ..base
            },
            Edition::E2022_03 => march_2022(),
            Edition::E2023 => Policy {
                marketplace_monthly_cancel_hours: 72,
                marketplace_annual_cancel_days: 3,
                sku_downgrades: false,
                coterm_date_changes: true,
                upgrades_final: true,
                upgrade_target_checks: true,
                ..march_2022()
            },
        }
    }

    fn summary(self) -> &'static str {
        match self {
            Edition::E2021 => "the 2021 sources as written in POLICY.md",
            Edition::E2021_10 => "new-commerce cancellation gives a prorated refund within the first 72 hours, then the full term is billed; seat reductions only through support",
            Edition::E2022_03 => "7 days for cancelling and for reducing seats; seats can be removed within 7 days of being added; the window restarts at each renewal; full refund within 24 hours of purchase or renewal",
            Edition::E2023 => "as 2022-03, and: a co-term date can be scheduled for renewal; SKU downgrades are not supported; an upgrade is final, and a subscription it creates inherits its source's cancellation window until it renews; an existing upgrade target must be active, outside its cancellation window, of no shorter term and end no earlier than the source; marketplace licence subscriptions get full credit within 72 hours of the order",
        }
    }

    /// Catalog entry.
    pub fn info(self) -> EditionInfo {
        EditionInfo {
            id: self,
            effective_from: self.effective_from().into(),
            summary: self.summary(),
            policy: self.policy(),
        }
    }

    /// The edition in force for an order placed at `ordered_at`.
    pub fn in_force_at(ordered_at: DateTime<Utc>) -> Edition {
        Edition::ALL
            .iter()
            .rev()
            .copied()
            .find(|e| e.effective_from() <= ordered_at)
            .unwrap_or(Edition::E2021)
    }
}

#[allow(clippy::derivable_impls)] // the enum is generated by `wire_enum!`
impl Default for EditionChoice {
    fn default() -> Self {
        EditionChoice::E2021
    }
}

impl EditionChoice {
    /// The edition chosen, given the instants it depends on: the order for `atOrder`, the
    /// current term's start for `atTermStart`.
    pub fn resolve(self, ordered_at: DateTime<Utc>, term_start: DateTime<Utc>) -> Edition {
        match self {
            EditionChoice::E2021 => Edition::E2021,
            EditionChoice::E2021_10 => Edition::E2021_10,
            EditionChoice::E2022_03 => Edition::E2022_03,
            EditionChoice::E2023 => Edition::E2023,
            EditionChoice::AtOrder => Edition::in_force_at(ordered_at),
            EditionChoice::AtTermStart => Edition::in_force_at(term_start),
        }
    }
}

/// Every edition, oldest first.
pub fn editions() -> Vec<EditionInfo> {
    Edition::ALL.iter().map(|e| e.info()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_in_force_by_order_instant() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            Edition::in_force_at(t("2020-06-01T00:00:00Z")),
            Edition::E2021
        );
        assert_eq!(
            Edition::in_force_at(t("2021-09-30T23:59:59Z")),
            Edition::E2021
        );
        assert_eq!(
            Edition::in_force_at(t("2021-10-01T00:00:00Z")),
            Edition::E2021_10
        );
        assert_eq!(
            Edition::in_force_at(t("2022-03-11T23:59:59Z")),
            Edition::E2021_10
        );
        assert_eq!(
            Edition::in_force_at(t("2022-03-12T00:00:00Z")),
            Edition::E2022_03
        );
        assert_eq!(
            Edition::in_force_at(t("2022-12-31T23:59:59Z")),
            Edition::E2022_03
        );
        assert_eq!(
            Edition::in_force_at(t("2023-01-01T00:00:00Z")),
            Edition::E2023
        );
    }

    #[test]
    fn fingerprints_equal_for_equal_parameters_and_differ_otherwise() {
        let a = Edition::E2021.policy();
        assert_eq!(a.fingerprint(), Policy::default().fingerprint());
        let mut reordered = a.clone();
        reordered.roles.general.reverse();
        assert_eq!(reordered.fingerprint(), a.fingerprint());
        let prints: Vec<String> = Edition::ALL
            .iter()
            .map(|e| e.policy().fingerprint())
            .collect();
        for (i, a) in prints.iter().enumerate() {
            for b in &prints[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(prints[0].starts_with("fnv1a64:") && prints[0].len() == 24);
    }
}
