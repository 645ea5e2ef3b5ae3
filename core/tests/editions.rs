//! Effective-dated editions: each edition's windows at their boundaries, the same request under
//! two editions, the `atOrder` choice, and policy fingerprints.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::{json, Value};
use subscription_rules_core::*;

/// A new-commerce subscription bought 2022-04-01 08:00 (10 licences at 10.00, monthly billing,
/// annual term), with `patch` merged in.
fn request(patch: Value) -> Value {
    let mut r = json!({
        "now": "2022-04-02T08:00:00Z",
        "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
        "subscription": {
            "id": "sub-1", "offerId": "m365-e3", "sku": "E3", "commerceModel": "newCommerce",
            "billingType": "license", "billingFrequency": "monthly", "term": "annual",
            "status": "active", "orderedAt": "2022-04-01T08:00:00Z", "termStart": "2022-04-01T08:00:00Z",
            "quantity": 10, "unitPrice": "10.00", "currency": "USD"
        },
        "action": { "type": "cancel" }
    });
    merge(&mut r, patch);
    r
}

/// RFC 7396 merge of `patch` into `target` (the shared fixture helper).
fn merge(target: &mut Value, patch: Value) {
    common::merge_patch(target, &patch);
}

fn decide(patch: Value) -> Decision {
    evaluate_value(&request(patch)).unwrap_or_else(|e| panic!("{e}"))
}

fn cancel_at(edition: &str, now: &str) -> Decision {
    decide(json!({ "edition": edition, "now": now }))
}

fn refund(d: &Decision) -> Option<String> {
    d.money.first().map(|m| m.amount.to_string())
}

#[test]
fn edition_2021_full_refund_24_hours_then_prorated_30_days() {
    let d = cancel_at("2021", "2022-04-02T07:59:59Z");
    assert_eq!(
        (d.verdict, refund(&d).as_deref()),
        (Verdict::AllowedNow, Some("100.00"))
    );
    assert_eq!(d.edition, Edition::E2021);
    let d = cancel_at("2021", "2022-04-02T08:00:00Z");
    // The April cycle has 30 days; 2 Apr leaves 29: 10.00 × 29 / 30 = 9.666… → 9.66 → 96.60.
    assert_eq!(
        (d.verdict, refund(&d).as_deref()),
        (Verdict::AllowedNow, Some("96.60"))
    );
    assert_eq!(d.money[0].working.remaining_days, Some(29));
    assert_eq!(
        cancel_at("2021", "2022-05-01T07:59:59Z").verdict,
        Verdict::AllowedNow
    );
    assert_eq!(
        cancel_at("2021", "2022-05-01T08:00:00Z").verdict,
        Verdict::Denied
    );
}

#[test]
fn edition_2021_10_prorated_refund_within_72_hours_then_full_term_billed() {
    // No full-refund window: a prorated refund from the first second.
    let d = cancel_at("2021-10", "2022-04-01T09:00:00Z");
    assert_eq!(d.verdict, Verdict::AllowedNow);
    assert!(d
        .deadlines
        .iter()
        .all(|x| x.kind != DeadlineKind::FullRefundUntil));
    assert_eq!(
        d.money[0]
            .working
            .per_unit
            .map(|p| p.to_string())
            .as_deref(),
        Some("10.00")
    );
    let d = cancel_at("2021-10", "2022-04-04T07:59:59Z");
    // 4 Apr leaves 27 of 30 days: 10.00 × 27 / 30 = 9.00 → 90.00.
    assert_eq!(
        (d.verdict, refund(&d).as_deref()),
        (Verdict::AllowedNow, Some("90.00"))
    );
    let d = cancel_at("2021-10", "2022-04-04T08:00:00Z");
    assert_eq!(d.verdict, Verdict::Denied);
    assert!(d
        .reasons
        .iter()
        .any(|r| r.rule == Rule::Canc5 && r.message.as_str().contains("72 hours")));
    assert_eq!(
        d.alternative.as_ref().unwrap().action,
        Action::SetAutoRenew { enabled: false }
    );
}

#[test]
fn edition_2022_03_full_refund_24_hours_prorated_7_days() {
    let d = cancel_at("2022-03", "2022-04-02T07:59:59Z");
    assert_eq!(
        (d.verdict, refund(&d).as_deref()),
        (Verdict::AllowedNow, Some("100.00"))
    );
    assert!(d
        .deadlines
        .iter()
        .any(|x| x.kind == DeadlineKind::FullRefundUntil));
    let d = cancel_at("2022-03", "2022-04-02T08:00:00Z");
    assert_eq!(d.verdict, Verdict::AllowedNow);
    assert!(d
        .deadlines
        .iter()
        .all(|x| x.kind != DeadlineKind::FullRefundUntil));
    // 8 Apr leaves 23 of 30: 10.00 × 23 / 30 = 7.666… → 7.66 → 76.60.
    let d = cancel_at("2022-03", "2022-04-08T07:59:59Z");
    assert_eq!(
        (d.verdict, refund(&d).as_deref()),
        (Verdict::AllowedNow, Some("76.60"))
    );
    assert_eq!(
        cancel_at("2022-03", "2022-04-08T08:00:00Z").verdict,
        Verdict::Denied
    );
}

#[test]
fn edition_2022_03_window_restarts_at_renewal_and_2021_does_not() {
    let renewed = json!({
        "subscription": { "termStart": "2023-04-01T00:00:00Z", "termEnd": "2024-03-31" },
        "now": "2023-04-01T23:59:59Z"
    });
    let mut p = renewed.clone();
    merge(&mut p, json!({ "edition": "2022-03" }));
    let d = decide(p);
    assert_eq!(
        (d.verdict, refund(&d).as_deref()),
        (Verdict::AllowedNow, Some("100.00"))
    );
    let mut p = renewed.clone();
    merge(
        &mut p,
        json!({ "edition": "2022-03", "now": "2023-04-08T00:00:00Z" }),
    );
    assert_eq!(decide(p).verdict, Verdict::Denied);
    let mut p = renewed.clone();
    merge(
        &mut p,
        json!({ "edition": "2022-03", "now": "2023-04-07T23:59:59Z" }),
    );
    assert_eq!(decide(p).verdict, Verdict::AllowedNow);
    // 2021: the window ran once, from the subscription's start a year earlier.
    let mut p = renewed;
    merge(&mut p, json!({ "edition": "2021" }));
    assert_eq!(decide(p).verdict, Verdict::Denied);
}

#[test]
fn a_cancellation_on_day_5_differs_by_edition() {
    let day5 = "2022-04-05T12:00:00Z";
    let outcome = |e: &str| cancel_at(e, day5).verdict;
    assert_eq!(outcome("2021"), Verdict::AllowedNow); // within 30 days
    assert_eq!(outcome("2021-10"), Verdict::Denied); // after 72 hours
    assert_eq!(outcome("2022-03"), Verdict::AllowedNow); // within 7 days
                                                         // The same refund in both allowing editions: 5 Apr leaves 26 of 30 → 8.66 → 86.60.
    assert_eq!(
        refund(&cancel_at("2021", day5)),
        refund(&cancel_at("2022-03", day5))
    );
    assert_eq!(refund(&cancel_at("2021", day5)).as_deref(), Some("86.60"));
}

fn reduce(edition: &str, now: &str, to: u32, extra: Value) -> Decision {
    let mut p = json!({ "edition": edition, "now": now, "action": { "type": "changeQuantity", "quantity": to } });
    merge(&mut p, extra);
    decide(p)
}

#[test]
fn seat_reduction_by_edition() {
    let d = reduce("2021", "2022-04-03T00:00:00Z", 8, json!({}));
    assert_eq!(d.verdict, Verdict::Denied);
    assert_eq!(
        d.alternative.as_ref().unwrap().action,
        Action::ScheduleChange {
            change: Change::Quantity { quantity: 8 }
        }
    );
    let d = reduce("2021-10", "2022-04-03T00:00:00Z", 8, json!({}));
    assert_eq!(d.verdict, Verdict::NeedsSupport);
    assert_eq!(
        d.reasons
            .iter()
            .find(|r| r.rule == Rule::Qty2)
            .unwrap()
            .outcome,
        Outcome::NeedsSupport
    );
    // 2022-03: all ten seats were added at the start, 7 days to remove them.
    let d = reduce("2022-03", "2022-04-08T07:59:59Z", 8, json!({}));
    assert_eq!(d.verdict, Verdict::AllowedNow);
    assert!(d
        .deadlines
        .iter()
        .any(|x| x.kind == DeadlineKind::SeatReductionUntil
            && x.at.to_rfc3339() == "2022-04-08T08:00:00+00:00"));
    // MONEY-4: credit 10 × 10.00 × 23/30 = 76.666… → 76.66; charge 8 × … = 61.333… → 61.33.
    let amounts: Vec<String> = d.money.iter().map(|m| m.amount.to_string()).collect();
    assert_eq!(amounts, vec!["76.66", "61.33"]);
    let d = reduce("2022-03", "2022-04-08T08:00:00Z", 8, json!({}));
    assert_eq!(d.verdict, Verdict::Denied);
    assert_eq!(
        d.alternative.as_ref().unwrap().action,
        Action::ScheduleChange {
            change: Change::Quantity { quantity: 8 }
        }
    );
}

#[test]
fn seat_reduction_within_7_days_of_when_those_seats_were_added() {
    let adds = json!({ "subscription": { "quantity": 15, "seatAdditions": [
        { "addedAt": "2022-04-01T08:00:00Z", "quantity": 10 },
        { "addedAt": "2022-05-10T12:00:00Z", "quantity": 5 }
    ] } });
    // The five added on 10 May can go until 17 May 12:00; the first ten cannot any more.
    assert_eq!(
        reduce("2022-03", "2022-05-17T11:59:59Z", 10, adds.clone()).verdict,
        Verdict::AllowedNow
    );
    assert_eq!(
        reduce("2022-03", "2022-05-17T11:59:59Z", 9, adds.clone()).verdict,
        Verdict::Denied
    );
    assert_eq!(
        reduce("2022-03", "2022-05-17T12:00:00Z", 10, adds).verdict,
        Verdict::Denied
    );
}

#[test]
fn at_order_picks_the_edition_in_force_at_the_order() {
    let pick = |ordered: &str| {
        decide(json!({
            "edition": "atOrder",
            "now": "2023-01-01T00:00:00Z",
            "subscription": { "orderedAt": ordered, "termStart": ordered }
        }))
        .edition
    };
    assert_eq!(pick("2021-09-30T23:59:59Z"), Edition::E2021);
    assert_eq!(pick("2021-10-01T00:00:00Z"), Edition::E2021_10);
    assert_eq!(pick("2022-03-11T23:59:59Z"), Edition::E2021_10);
    assert_eq!(pick("2022-03-12T00:00:00Z"), Edition::E2022_03);
    assert_eq!(decide(json!({})).edition, Edition::E2021);
}

#[test]
fn fingerprint_is_that_of_the_effective_parameters() {
    let d = decide(json!({}));
    assert_eq!(d.policy_fingerprint, Edition::E2021.policy().fingerprint());
    let d = decide(json!({ "edition": "2022-03" }));
    assert_eq!(
        d.policy_fingerprint,
        Edition::E2022_03.policy().fingerprint()
    );
    // Overriding a parameter with the value it already has changes nothing.
    assert_eq!(
        decide(json!({ "policy": { "newCommerceCancelDays": 30 } })).policy_fingerprint,
        decide(json!({})).policy_fingerprint
    );
    // The 2022-03 edition and the 2021 one with 2022-03's parameters are the same rules.
    let same = json!({ "policy": { "newCommerceCancelDays": 7, "windowsRestartAtRenewal": true,
                                    "seatReduction": "withinDays" } });
    assert_eq!(
        decide(same).policy_fingerprint,
        decide(json!({ "edition": "2022-03" })).policy_fingerprint
    );
}

#[test]
fn fingerprints_differ_when_any_parameter_differs() {
    let base = serde_json::to_value(Policy::default()).unwrap();
    let Value::Object(fields) = &base else {
        panic!()
    };
    let reference = Policy::default().fingerprint();
    let mut seen = vec![reference.clone()];
    for (name, value) in fields {
        let changed = match value {
            Value::Number(n) => json!(n.as_u64().unwrap() + 1),
            Value::Bool(b) => json!(!b),
            Value::String(s) if s == "toZero" => json!("halfUp"),
            Value::String(s) if s == "atRenewal" => json!("support"),
            Value::Object(_) => {
                json!({ "marketplaceManagement": ["globalAdmin"], "general": ["adminAgent"] })
            }
            other => panic!("no change written for `{name}`: {other}"),
        };
        let mut v = base.clone();
        v[name] = changed;
        let p: Policy = serde_json::from_value(v).unwrap();
        let print = p.fingerprint();
        assert!(
            !seen.contains(&print),
            "changing `{name}` did not change the fingerprint"
        );
        seen.push(print);
    }
    assert_eq!(seen.len(), fields.len() + 1);
    assert_eq!(
        Policy::default().fingerprint(),
        reference,
        "stable across calls"
    );
}

#[test]
fn bad_edition_and_overrides_are_input_errors() {
    let e = evaluate_value(&request(json!({ "edition": "2024" }))).unwrap_err();
    assert_eq!(
        (e.errors()[0].code, e.errors()[0].path.as_str()),
        (ErrorCode::UnknownVariant, "edition")
    );
    let e =
        evaluate_value(&request(json!({ "policy": { "seatReduction": "never" } }))).unwrap_err();
    assert_eq!(e.errors()[0].path, "policy.seatReduction");
    let e = evaluate_value(&request(
        json!({ "policy": { "newCommerceCancelDays": 0 } }),
    ))
    .unwrap_err();
    assert_eq!(
        (e.errors()[0].code, e.errors()[0].path.as_str()),
        (ErrorCode::OutOfRange, "policy.newCommerceCancelDays")
    );
    let e = evaluate_value(&request(json!({ "locale": "de" }))).unwrap_err();
    assert_eq!(e.errors()[0].path, "locale");
}

#[test]
fn timeline_windows_follow_the_edition() {
    // A renewed term: ordered a year before the current term started.
    let query = |edition: &str| {
        let mut q = request(json!({
            "edition": edition,
            "now": "2023-04-02T00:00:00Z",
            "subscription": { "termStart": "2023-04-01T08:00:00Z", "termEnd": "2024-03-31" }
        }));
        q.as_object_mut().unwrap().remove("action");
        timeline_value(&q).unwrap()
    };
    let at = |t: &Timeline, kind: PointKind| {
        t.points
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.at.to_rfc3339())
    };
    // 2021: the windows ran once, from the order a year earlier.
    let t = query("2021");
    assert_eq!(
        at(&t, PointKind::CancelWindowCloses).as_deref(),
        Some("2022-05-01T08:00:00+00:00")
    );
    assert_eq!(
        at(&t, PointKind::FullRefundWindowCloses).as_deref(),
        Some("2022-04-02T08:00:00+00:00")
    );
    // 2021-10: 72 hours from the order, and no full-refund window at all.
    let t = query("2021-10");
    assert_eq!(
        at(&t, PointKind::CancelWindowCloses).as_deref(),
        Some("2022-04-04T08:00:00+00:00")
    );
    assert_eq!(at(&t, PointKind::FullRefundWindowCloses), None);
    // 2022-03: restarted at the renewal.
    let t = query("2022-03");
    assert_eq!(
        at(&t, PointKind::CancelWindowCloses).as_deref(),
        Some("2023-04-08T08:00:00+00:00")
    );
    assert_eq!(
        at(&t, PointKind::FullRefundWindowCloses).as_deref(),
        Some("2023-04-02T08:00:00+00:00")
    );
    let cancel = t
        .changes
        .iter()
        .find(|c| c.action == ActionKind::Cancel)
        .unwrap();
    assert_eq!(cancel.changes_at.to_rfc3339(), "2023-04-08T08:00:00+00:00");
}

#[test]
fn timeline_labels_in_swedish() {
    let mut q = request(json!({ "locale": "sv" }));
    q.as_object_mut().unwrap().remove("action");
    let t = timeline_value(&q).unwrap();
    let mut q_en = request(json!({}));
    q_en.as_object_mut().unwrap().remove("action");
    let en = timeline_value(&q_en).unwrap();
    assert_eq!(t.points.len(), en.points.len());
    for (s, e) in t.points.iter().zip(&en.points) {
        assert_eq!((s.at, s.kind), (e.at, e.kind));
        assert_ne!(s.label, e.label, "{:?} has no Swedish label", s.kind);
    }
}

/// LIFE-3 `atTermStart`: the edition in force when the term `now` falls in started. Given facts
/// of an earlier term (the July 2021 order, not yet updated) and auto-renew on, the term `now`
/// falls in is the renewal of 2022-07-15: judged by 2022-03 (from 2023-07-15, by 2023). With auto-renew off
/// the given term is the last (LIFE-1 reports it ended), judged by the edition at its start.
#[test]
fn at_term_start_follows_renewals_the_facts_have_not_caught_up_with() {
    let stale = |now: &str, auto_renew: bool| {
        decide(json!({
            "edition": "atTermStart", "now": now,
            "subscription": { "orderedAt": "2021-07-15T08:00:00Z", "termStart": "2021-07-15T08:00:00Z", "autoRenew": auto_renew }
        }))
    };
    // The calendar renews at midnight after the term's last day (2022-07-14): one second
    // before, still the 2021 term; exactly then, the renewed one.
    let d = stale("2022-07-14T23:59:59Z", true);
    assert_eq!(
        (d.edition, d.edition_choice),
        (Edition::E2021, EditionChoice::AtTermStart)
    );
    assert_eq!(
        stale("2022-07-15T00:00:00Z", true).edition,
        Edition::E2022_03
    );
    assert_eq!(
        stale("2023-07-14T23:59:59Z", true).edition,
        Edition::E2022_03
    );
    // The term renewed on 2023-07-15 started under the 2023 edition.
    assert_eq!(stale("2023-07-15T00:00:00Z", true).edition, Edition::E2023);
    assert_eq!(stale("2022-07-20T00:00:00Z", false).edition, Edition::E2021);
    // atOrder ignores renewals.
    let d = decide(json!({
        "edition": "atOrder", "now": "2022-07-20T00:00:00Z",
        "subscription": { "orderedAt": "2021-07-15T08:00:00Z", "termStart": "2022-07-15T08:00:00Z" }
    }));
    assert_eq!(
        (d.edition, d.edition_choice),
        (Edition::E2021, EditionChoice::AtOrder)
    );
}

/// The same subscription (bought 2023-02-01 08:00, the base request's otherwise) decided under
/// each of the four editions, side by side: one row per question, one verdict per edition.
#[test]
fn the_same_subscription_under_every_edition_side_by_side() {
    let editions = ["2021", "2021-10", "2022-03", "2023"];
    let bought = json!({ "subscription": {
        "orderedAt": "2023-02-01T08:00:00Z", "termStart": "2023-02-01T08:00:00Z",
        "upgradePaths": ["E5"]
    } });
    let marketplace = json!({
        "actor": { "roles": ["globalAdmin"] },
        "subscription": { "commerceModel": "marketplace", "term": "monthly" }
    });
    let questions: Vec<(&str, &str, Value)> = vec![
        ("cancel after 2 days", "2023-02-03T08:00:00Z", json!({})),
        ("cancel after 5 days", "2023-02-06T08:00:00Z", json!({})),
        ("cancel after 8 days", "2023-02-09T08:00:00Z", json!({})),
        (
            "remove 2 seats after 3 days",
            "2023-02-04T08:00:00Z",
            json!({ "action": { "type": "changeQuantity", "quantity": 8 } }),
        ),
        (
            "schedule a SKU downgrade",
            "2023-02-10T08:00:00Z",
            json!({ "action": { "type": "scheduleChange", "change": { "kind": "skuDowngrade", "targetSku": "E1" } } }),
        ),
        (
            "schedule a co-term date (a month end)",
            "2023-02-10T08:00:00Z",
            json!({ "action": { "type": "scheduleChange", "change": { "kind": "cotermDate", "cotermDate": "2024-06-30" } } }),
        ),
        (
            "upgrade 4 seats to a new subscription",
            "2023-02-10T08:00:00Z",
            json!({ "action": { "type": "upgrade", "targetSku": "E5", "quantity": 4, "target": { "kind": "new" } } }),
        ),
        (
            "marketplace: cancel after 48 hours",
            "2023-02-03T08:00:00Z",
            marketplace,
        ),
    ];
    let mut table = Vec::new();
    for (question, now, patch) in &questions {
        let mut row = vec![question.to_string()];
        for edition in editions {
            let mut p = bought.clone();
            merge(&mut p, json!({ "edition": edition, "now": now }));
            merge(&mut p, patch.clone());
            let d = decide(p);
            assert_eq!(d.edition.as_str(), edition);
            let final_upgrade = d
                .effects
                .iter()
                .any(|e| e.rule == Rule::Upg3 && e.kind == EffectKind::Irreversible);
            row.push(format!(
                "{}{}",
                d.verdict,
                if final_upgrade { " (final)" } else { "" }
            ));
        }
        println!("{:<40} {}", row[0], row[1..].join(" | "));
        table.push(row);
    }
    let expected = [
        [
            "cancel after 2 days",
            "allowedNow",
            "allowedNow",
            "allowedNow",
            "allowedNow",
        ],
        [
            "cancel after 5 days",
            "allowedNow",
            "denied",
            "allowedNow",
            "allowedNow",
        ],
        [
            "cancel after 8 days",
            "allowedNow",
            "denied",
            "denied",
            "denied",
        ],
        [
            "remove 2 seats after 3 days",
            "denied",
            "needsSupport",
            "allowedNow",
            "allowedNow",
        ],
        [
            "schedule a SKU downgrade",
            "scheduled",
            "scheduled",
            "scheduled",
            "denied",
        ],
        [
            "schedule a co-term date (a month end)",
            "denied",
            "denied",
            "denied",
            "scheduled",
        ],
        [
            "upgrade 4 seats to a new subscription",
            "allowedNow",
            "allowedNow",
            "allowedNow",
            "allowedNow (final)",
        ],
        [
            "marketplace: cancel after 48 hours",
            "scheduled",
            "scheduled",
            "scheduled",
            "allowedNow",
        ],
    ];
    let expected: Vec<Vec<String>> = expected
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
    assert_eq!(table, expected);
}
