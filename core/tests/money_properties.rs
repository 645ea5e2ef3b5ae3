//! MONEY-1 and MONEY-6 over random real subscriptions: any start day (month ends included), a
//! co-termed end or none, a trial or none, pending or billed, at any instant of the term. For
//! every cancel, seat change and upgrade: no line prices a day after the term's end, no refund or
//! credit exceeds what was billed for the days left, every line is in its price's currency, and
//! nothing unbilled (a trial, a pending marketplace subscription) moves money.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // JSON values built and read by the test itself

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use subscription_rules_core::{evaluate, MoneyKind, Request};

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[derive(Debug, Clone)]
struct Case {
    request: Value,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (0i64..9 * 365, 0i64..24 * 3600),                           // order day and time
        prop::sample::select(vec![("monthly", "monthly"), ("annual", "monthly"), ("annual", "annual"), ("triennial", "monthly"), ("triennial", "annual")]),
        prop::option::weighted(0.4, 0i64..400),                     // co-termed end, days after the start
        prop::option::weighted(0.3, 1i64..=30),                     // trial days
        prop::sample::select(vec!["newCommerce", "marketplace"]),
        any::<bool>(),                                              // pending (marketplace)
        (0i64..500 * 24 * 3600),                                    // now, seconds after the order
        (1u32..=50, 1i64..=100_000, prop::sample::select(vec!["USD", "EUR", "JPY"])),
        0usize..4,                                                  // action
    )
        .prop_map(|((day, secs), (term, freq), coterm, trial, model, pending, now, (qty, cents, currency), action)| {
            let ordered = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc()
                + Duration::days(day)
                + Duration::seconds(secs);
            let price = if currency == "JPY" { Decimal::new(cents, 0) } else { Decimal::new(cents, 2) };
            let mut sub = json!({
                "id": "s", "offerId": "o", "sku": "E3", "commerceModel": model,
                "billingType": "license", "billingFrequency": freq, "term": term,
                "status": if model == "marketplace" && pending { "pending" } else { "active" },
                "orderedAt": ts(ordered), "termStart": ts(ordered),
                "quantity": qty, "unitPrice": price.to_string(), "currency": currency,
                "upgradePaths": ["E5"],
            });
            if let Some(d) = coterm {
                sub["termEnd"] = json!((ordered.date_naive() + Duration::days(d)).to_string());
            }
            if let Some(d) = trial {
                sub["trialEndsAt"] = json!(ts(ordered + Duration::days(d)));
            }
            let action = match action {
                0 => json!({ "type": "cancel" }),
                1 => json!({ "type": "changeQuantity", "quantity": qty + 3 }),
                2 => json!({ "type": "changeQuantity", "quantity": qty.saturating_sub(1).max(1) }),
                _ => json!({ "type": "upgrade", "targetSku": "E5", "quantity": qty, "target": { "kind": "new" } }),
            };
            let mut request = json!({
                "now": ts(ordered + Duration::seconds(now)),
                "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
                "subscription": sub,
                "action": action,
            });
            if request["action"]["type"] == "upgrade" {
                request["offer"] = json!({
                    "id": "o5", "publisher": "microsoft", "billingType": "license", "category": "enterprise",
                    "unitPrice": (price * Decimal::from(2)).to_string(), "currency": currency
                });
            }
            Case { request }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn money_never_prices_past_the_term_nor_above_what_was_billed(c in case()) {
        let request: Request = serde_json::from_value(c.request.clone()).unwrap();
        // Every generated subscription is possible (LIFE-1), so each one is decided.
        let decision = evaluate(&request).unwrap();
        let sub = request.subscription.as_ref().unwrap();
        let end = sub.current_term_end();
        let today = request.now.date_naive();
        let billed = sub.trial_ends_at.is_none_or(|t| request.now >= t)
            && !(sub.status == subscription_rules_core::Status::Pending && sub.billing_started_at.is_none());
        if !billed {
            prop_assert!(decision.money.is_empty(), "nothing billed, yet money moves: {:?}", decision.money);
        }
        for line in &decision.money {
            let w = &line.working;
            prop_assert_eq!(&line.currency, &sub.currency, "{:?}", line);
            prop_assert_eq!(line.amount.scale(), subscription_rules_core::money::minor_units(&sub.currency));
            if let Some(period_end) = w.period_end {
                prop_assert!(*period_end <= end, "a period past the term's end {}: {:?}", end, w);
            }
            if let Some(remaining) = w.remaining_days {
                let left = (end - today).num_days() + 1;
                prop_assert!(i64::from(remaining) <= left.max(0), "{} days priced, {} left to {}: {:?}", remaining, left, end, w);
                prop_assert!(remaining <= w.period_days.unwrap(), "{:?}", w);
            }
            if matches!(line.kind, MoneyKind::Refund | MoneyKind::Credit) && line.rule != subscription_rules_core::Rule::Money4 {
                let paid = *sub.unit_price.unwrap() * Decimal::from(sub.quantity.unwrap());
                prop_assert!(*line.amount <= paid, "{} refunded of {} paid", line.amount, paid);
                prop_assert!(!line.amount.is_sign_negative());
            }
        }
    }
}
