//! MONEY-1…5 computed by hand, and money properties over whole windows.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test
//! MONEY: properties of the amounts over whole windows, on top of the hand-computed cases in
//! `tests/fixtures/money.json` (each with its computation in `note`). Amounts are exact decimals
//! (MONEY-5): every comparison here is on `Decimal`, never on floating point.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use subscription_rules_core::calendar::{Calendar, Period};
use subscription_rules_core::money::Pricing;

/// MONEY-1: the one cycle that starts on `start` (through the calendar).
fn cycle_from(start: chrono::NaiveDate, frequency: BillingFrequency) -> Period {
    Calendar::new(
        start,
        subscription_rules_core::Term::Triennial,
        frequency,
        None,
    )
    .cycle(0)
    .unwrap()
}
use subscription_rules_core::{evaluate_str, BillingFrequency, MoneyKind, Rounding, Rule, Verdict};

fn nce(
    term_start: &str,
    frequency: &str,
    quantity: u32,
    unit_price: &str,
    currency: &str,
) -> Value {
    json!({
        "now": term_start,
        "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
        "subscription": {
            "id": "s", "offerId": "o", "sku": "E3", "commerceModel": "newCommerce",
            "billingType": "license", "billingFrequency": frequency, "term": "annual",
            "status": "active", "orderedAt": term_start, "termStart": term_start,
            "quantity": quantity, "unitPrice": unit_price, "currency": currency
        },
        "action": { "type": "cancel" }
    })
}

fn at(s: &str) -> DateTime<Utc> {
    subscription_rules_core::parse_instant(s).unwrap()
}

/// The refund of cancelling at `now`, with the start of the billing period it is computed in.
fn refund_at(request: &Value, now: DateTime<Utc>) -> Option<(Decimal, Option<chrono::NaiveDate>)> {
    let mut r = request.clone();
    r["now"] = json!(now.to_rfc3339());
    let d = evaluate_str(&r.to_string()).unwrap();
    match d.verdict {
        Verdict::AllowedNow => {
            let [line] = d.money.as_slice() else {
                panic!("{now}: one refund line: {:?}", d.money)
            };
            Some((*line.amount, line.working.period_start.map(|d| d.0)))
        }
        _ => None,
    }
}

#[test]
fn money_3_policy_example_through_the_money_api() {
    // 10 licences at 10.08, cycle 15 Jul–14 Aug 2021 (31 days), cancelled 17 Jul:
    // remaining 17 Jul..14 Aug = 29 days; 10.08 × 29 / 31 = 9.42967… → cut 9.42; × 10 = 94.20.
    let period = cycle_from(
        chrono::NaiveDate::from_ymd_opt(2021, 7, 15).unwrap(),
        BillingFrequency::Monthly,
    );
    assert_eq!(period.days, 31);
    let pricing = Pricing {
        quantity: 10,
        unit_price: dec!(10.08),
        currency: "USD",
        rounding: Rounding::ToZero,
    };
    let line = pricing
        .per_unit_prorated(MoneyKind::Refund, Rule::Money3, &period, 29)
        .unwrap();
    assert_eq!(line.amount, dec!(94.20));
    assert_eq!(line.amount.to_string(), "94.20");
    assert_eq!(line.working.per_unit, Some(dec!(9.42).into()));
    // MONEY-4's cut at the line total of the same numbers: 100.80 × 29 / 31 = 94.2967… → 94.29.
    let line = pricing
        .line_prorated(MoneyKind::Charge, Rule::Money4, &period, 29)
        .unwrap();
    assert_eq!(line.amount, dec!(94.29));
}

#[test]
fn money_3_per_licence_cut_never_exceeds_the_line_cut() {
    // Cutting each licence first loses at most one minor unit per licence against cutting the
    // total: 0 <= line - per_licence < quantity × 0.01.
    let period = cycle_from(
        chrono::NaiveDate::from_ymd_opt(2021, 7, 15).unwrap(),
        BillingFrequency::Monthly,
    );
    for quantity in [1u32, 2, 3, 7, 10, 99, 1000] {
        for price in [
            dec!(0.01),
            dec!(1.00),
            dec!(9.99),
            dec!(10.08),
            dec!(33.33),
            dec!(1234.56),
        ] {
            for remaining in 0..=period.days {
                let p = Pricing {
                    quantity,
                    unit_price: price,
                    currency: "USD",
                    rounding: Rounding::ToZero,
                };
                let per = p
                    .per_unit_prorated(MoneyKind::Refund, Rule::Money3, &period, remaining)
                    .unwrap()
                    .amount;
                let line = p
                    .line_prorated(MoneyKind::Refund, Rule::Money4, &period, remaining)
                    .unwrap()
                    .amount;
                assert!(
                    per <= line,
                    "{quantity} × {price}, {remaining} d: {per} > {line}"
                );
                assert!(
                    line.0 - per.0 < Decimal::from(quantity) * dec!(0.01),
                    "{quantity} × {price}, {remaining} d"
                );
            }
        }
    }
}

#[test]
fn money_5_refund_never_negative_never_above_paid_and_never_growing_within_a_cycle() {
    // CANC-5 / MONEY-3 / MONEY-5, hour by hour across the whole 30-day window of several
    // subscriptions: full refund (= paid) for the first 24 h, then a prorated refund that only
    // shrinks within a billing period, never below zero; at 30 days the cancellation is denied.
    // (A monthly-billed term whose first cycle is shorter than 30 days, 10 Feb-9 Mar 2021, has
    // its second cycle billed on 10 Mar: the refund is then that whole new cycle again.)
    let requests = [
        nce("2021-07-15T08:00:00Z", "monthly", 10, "10.08", "USD"),
        nce("2021-02-10T00:00:00Z", "monthly", 3, "25.00", "USD"),
        nce("2024-02-10T13:00:00Z", "monthly", 7, "9.99", "EUR"),
        nce("2021-07-15T08:00:00Z", "annual", 2, "120.00", "USD"),
        nce("2021-07-15T08:00:00Z", "monthly", 3, "1000", "JPY"),
        nce("2021-07-15T08:00:00Z", "monthly", 1, "0.01", "USD"),
    ];
    for request in &requests {
        let s = &request["subscription"];
        let start = at(s["termStart"].as_str().unwrap());
        let paid: Decimal = s["unitPrice"].as_str().unwrap().parse::<Decimal>().unwrap()
            * Decimal::from(s["quantity"].as_u64().unwrap());
        let mut last = paid;
        let mut period = None;
        let mut t = start;
        while t < start + Duration::days(30) {
            let (refund, p) =
                refund_at(request, t).unwrap_or_else(|| panic!("{t}: denied inside the window"));
            if p.is_some() && p != period {
                if period.is_some() {
                    assert_eq!(
                        refund, paid,
                        "{t}: the first day of a new cycle refunds it whole"
                    );
                }
                period = p;
                last = paid;
            }
            assert!(refund >= Decimal::ZERO, "{t}: negative refund {refund}");
            assert!(refund <= paid, "{t}: refund {refund} above paid {paid}");
            assert!(refund <= last, "{t}: refund grew from {last} to {refund}");
            if t < start + Duration::hours(24) {
                assert_eq!(refund, paid, "{t}: full refund inside 24 h");
            }
            last = refund;
            t += Duration::hours(1);
        }
        assert_eq!(
            refund_at(request, start + Duration::days(30)),
            None,
            "denied at 30 days"
        );
        assert!(refund_at(request, start + Duration::days(30) - Duration::seconds(1)).is_some());
    }
}

#[test]
fn money_4_increase_lines_charge_at_least_the_credit() {
    // MONEY-4: for an increase the charge line (new quantity) is never below the credit line (old
    // quantity), and both are within what a whole period of each quantity costs.
    let base = nce("2021-07-15T08:00:00Z", "monthly", 10, "10.08", "USD");
    for day in 0..31 {
        for new in [11u32, 12, 50] {
            let mut r = base.clone();
            r["now"] = json!((at("2021-07-15T08:00:00Z") + Duration::days(day)).to_rfc3339());
            r["action"] = json!({ "type": "changeQuantity", "quantity": new });
            let d = evaluate_str(&r.to_string()).unwrap();
            let [credit, charge] = d.money.as_slice() else {
                panic!("two lines: {:?}", d.money)
            };
            assert_eq!(
                (credit.kind, charge.kind),
                (MoneyKind::Credit, MoneyKind::Charge)
            );
            assert!(credit.amount <= dec!(100.80) && credit.amount >= Decimal::ZERO);
            assert!(
                charge.amount >= credit.amount && charge.amount <= dec!(10.08) * Decimal::from(new)
            );
            assert_eq!(credit.working.remaining_days, charge.working.remaining_days);
        }
    }
}
