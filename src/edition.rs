//! Effective-dated editions of the policy. The publisher changed some rules after the 2021
//! sources; a subscription is evaluated under the edition in force for it.
//!
//! | edition | in force for orders from | what changes |
//! |---|---|---|
//! | `2021` | (the sources; the default) | POLICY.md as written |
//! | `2021-10` | 2021-10-01T00:00:00Z | new-commerce cancel: prorated refund within 72 hours, then the full term is billed; seat reductions only through support |
//! | `2022-03` | 2022-03-12T00:00:00Z | cancel and seat reduction within 7 days; seats removable within 7 days of being added; windows restart at each renewal; full refund within 24 hours of purchase or renewal |

use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;

use crate::model::wire_enum;
use crate::policy::{Policy, SeatReduction};

wire_enum! {
    /// An edition of the policy.
    Edition {
        /// The 2021 sources (POLICY.md defaults).
        E2021 = "2021",
        /// October 2021: 72-hour prorated cancellation; seat reductions through support.
        E2021_10 = "2021-10",
        /// March 2022: 7-day windows, restarting at renewal; full refund within 24 hours.
        E2022_03 = "2022-03",
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
        /// The edition in force at the subscription's order instant (at `now` for a purchase).
        AtOrder = "atOrder",
    }
}

/// Catalog entry of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionInfo {
    /// The edition.
    pub id: Edition,
    /// In force for orders placed at or after this instant.
    pub effective_from: DateTime<Utc>,
    /// What it changes, in English.
    pub summary: &'static str,
    /// Its parameters.
    pub policy: Policy,
}

fn instant(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

impl Edition {
    /// Orders placed at or after this instant fall under this edition.
    pub fn effective_from(self) -> DateTime<Utc> {
        match self {
            Edition::E2021 => instant(2021, 1, 1),
            Edition::E2021_10 => instant(2021, 10, 1),
            Edition::E2022_03 => instant(2022, 3, 12),
        }
    }

    /// The parameters of this edition.
    pub fn policy(self) -> Policy {
        let base = Policy::default();
        match self {
            Edition::E2021 => base,
            Edition::E2021_10 => Policy {
                new_commerce_full_refund_hours: 0,
                new_commerce_cancel_days: 3,
                seat_reduction: SeatReduction::Support,
                ..base
            },
            Edition::E2022_03 => Policy {
                new_commerce_full_refund_hours: 24,
                new_commerce_cancel_days: 7,
                windows_restart_at_renewal: true,
                seat_reduction: SeatReduction::WithinDays,
                seat_reduction_days: 7,
                ..base
            },
        }
    }

    fn summary(self) -> &'static str {
        match self {
            Edition::E2021 => "the 2021 sources as written in POLICY.md",
            Edition::E2021_10 => "new-commerce cancellation gives a prorated refund within the first 72 hours, then the full term is billed; seat reductions only through support",
            Edition::E2022_03 => "7 days for cancelling and for reducing seats; seats can be removed within 7 days of being added; the window restarts at each renewal; full refund within 24 hours of purchase or renewal",
        }
    }

    /// Catalog entry.
    pub fn info(self) -> EditionInfo {
        EditionInfo {
            id: self,
            effective_from: self.effective_from(),
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

impl Default for EditionChoice {
    fn default() -> Self {
        EditionChoice::E2021
    }
}

impl EditionChoice {
    /// The edition chosen, given the order instant it depends on for `atOrder`.
    pub fn resolve(self, ordered_at: DateTime<Utc>) -> Edition {
        match self {
            EditionChoice::E2021 => Edition::E2021,
            EditionChoice::E2021_10 => Edition::E2021_10,
            EditionChoice::E2022_03 => Edition::E2022_03,
            EditionChoice::AtOrder => Edition::in_force_at(ordered_at),
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
        assert_ne!(prints[0], prints[1]);
        assert_ne!(prints[1], prints[2]);
        assert_ne!(prints[0], prints[2]);
        assert!(prints[0].starts_with("fnv1a64:") && prints[0].len() == 24);
    }
}
