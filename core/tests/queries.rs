//! Available actions, timeline and catalog filtering (CAT-1) on each commerce model.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::{json, Value};
use subscription_rules_core::*;

fn query(model: &str, extra: Value) -> Value {
    let mut q = json!({
        "now": "2021-07-15T20:00:00Z",
        "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
        "subscription": {
            "id": "sub-1", "offerId": "o-1", "sku": "E3", "commerceModel": model,
            "billingType": "license", "billingFrequency": "monthly", "term": "annual",
            "status": "active", "orderedAt": "2021-07-15T08:00:00Z",
            "termStart": "2021-07-15T08:00:00Z", "quantity": 10, "unitPrice": "10.08",
            "currency": "USD", "upgradePaths": ["E5"],
            "scheduledChanges": [{ "id": "sc-1", "change": { "kind": "quantity", "quantity": 8 } }]
        }
    });
    merge(&mut q, extra);
    q
}

/// RFC 7396 merge of `patch` into `target` (the shared fixture helper).
fn merge(target: &mut Value, patch: Value) {
    common::merge_patch(target, &patch);
}

fn actions(q: &Value) -> AvailableActions {
    available_actions_value(q).unwrap()
}

fn find(all: &AvailableActions, kind: ActionKind, nth: usize) -> &Decision {
    &all.actions
        .iter()
        .filter(|a| a.action.kind() == kind)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {kind} #{nth}"))
        .decision
}

#[test]
fn available_actions_new_commerce() {
    let all = actions(&query("newCommerce", json!({})));
    assert_eq!(all.subscription_id, "sub-1");
    // Within 24 h of the term start: cancel with a full refund, until that window closes.
    let cancel = find(&all, ActionKind::Cancel, 0);
    assert_eq!(cancel.verdict, Verdict::AllowedNow);
    assert_eq!(cancel.money[0].amount.to_string(), "100.80");
    let changes: Vec<_> = cancel
        .deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::OutcomeChangesAt)
        .collect();
    // The verdict stays "allowed" at 24 h (full → prorated) and turns "denied" at 30 days.
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].at.to_rfc3339(), "2021-08-14T08:00:00+00:00");
    // Increase now (QTY-2), decrease denied with the scheduleChange alternative (SCHED-1).
    assert_eq!(
        find(&all, ActionKind::ChangeQuantity, 0).verdict,
        Verdict::AllowedNow
    );
    let decrease = find(&all, ActionKind::ChangeQuantity, 1);
    assert_eq!(decrease.verdict, Verdict::Denied);
    assert_eq!(
        decrease.alternative.as_ref().unwrap().action.kind(),
        ActionKind::ScheduleChange
    );
    // SUSP-4: suspend needs support; pause is self-service.
    assert_eq!(
        find(&all, ActionKind::Suspend, 0).verdict,
        Verdict::NeedsSupport
    );
    assert_eq!(
        find(&all, ActionKind::Pause, 0).verdict,
        Verdict::AllowedNow
    );
    assert_eq!(find(&all, ActionKind::Resume, 0).verdict, Verdict::Denied);
    assert_eq!(
        find(&all, ActionKind::ScheduleChange, 0).verdict,
        Verdict::Scheduled
    );
    assert_eq!(
        find(&all, ActionKind::CancelScheduledChange, 0).verdict,
        Verdict::AllowedNow
    );
    assert_eq!(
        find(&all, ActionKind::Upgrade, 0).verdict,
        Verdict::AllowedNow
    );
    assert!(all
        .actions
        .iter()
        .all(|a| a.action.kind() != ActionKind::Activate));
}

#[test]
fn available_actions_marketplace() {
    let all = actions(&query(
        "marketplace",
        json!({ "actor": { "roles": ["salesAgent"] }, "subscription": { "scheduledChanges": null } }),
    ));
    // ROLE-1: a sales agent cannot manage a marketplace subscription…
    for kind in [
        ActionKind::Rename,
        ActionKind::Cancel,
        ActionKind::SetAutoRenew,
        ActionKind::SetResellerId,
    ] {
        let d = find(&all, kind, 0);
        assert_eq!(d.verdict, Verdict::Denied, "{kind}");
        assert_eq!(d.reasons[0].rule, Rule::Role1, "{kind}");
    }
    // …but ROLE-2 lets it suspend.
    let suspend = find(&all, ActionKind::Suspend, 0);
    assert_eq!(suspend.verdict, Verdict::AllowedNow);
    assert_eq!(suspend.reasons[0].rule, Rule::Role2);
    // Pause is for new commerce only.
    assert_eq!(find(&all, ActionKind::Pause, 0).verdict, Verdict::Denied);

    let all = actions(&query(
        "marketplace",
        json!({ "subscription": { "scheduledChanges": null } }),
    ));
    let cancel = find(&all, ActionKind::Cancel, 0);
    assert_eq!(cancel.verdict, Verdict::AllowedNow);
    assert_eq!(cancel.money[0].kind, MoneyKind::Credit);
    let change = cancel
        .deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::OutcomeChangesAt)
        .unwrap();
    assert_eq!(change.at.to_rfc3339(), "2021-07-16T08:00:00+00:00"); // CANC-1: 24 h after the order
    assert_eq!(find(&all, ActionKind::Activate, 0).verdict, Verdict::Denied); // already active (ELIG-10)
}

#[test]
fn available_actions_legacy() {
    let all = actions(&query(
        "legacy",
        json!({ "subscription": { "scheduledChanges": null } }),
    ));
    let cancel = find(&all, ActionKind::Cancel, 0);
    assert_eq!(cancel.verdict, Verdict::Denied);
    assert_eq!(
        cancel.alternative.as_ref().unwrap().action.kind(),
        ActionKind::Suspend
    );
    assert_eq!(
        find(&all, ActionKind::Suspend, 0).verdict,
        Verdict::AllowedNow
    );
    assert_eq!(
        find(&all, ActionKind::SetAutoRenew, 0).verdict,
        Verdict::Denied
    ); // RENEW-2
    assert_eq!(
        find(&all, ActionKind::ChangeQuantity, 1).verdict,
        Verdict::AllowedNow
    ); // QTY-3
}

#[test]
fn available_actions_with_given_actions_and_error_paths() {
    let q = query(
        "newCommerce",
        json!({ "actions": [{ "type": "cancel" }, { "type": "changeQuantity", "quantity": -1 }] }),
    );
    let errors = available_actions_value(&q).unwrap_err();
    assert_eq!(errors.errors()[0].path, "actions[1].quantity");
    assert_eq!(errors.errors()[0].code, ErrorCode::OutOfRange);
    let q = query("newCommerce", json!({ "actions": [{ "type": "cancel" }] }));
    assert_eq!(actions(&q).actions.len(), 1);
}

fn kinds(t: &Timeline) -> Vec<(String, PointKind)> {
    t.points
        .iter()
        .map(|p| (p.at.to_rfc3339(), p.kind))
        .collect()
}

#[test]
fn timeline_new_commerce() {
    let t = timeline_value(&query(
        "newCommerce",
        json!({ "subscription": { "trialEndsAt": "2021-08-14T08:00:00Z" } }),
    ))
    .unwrap();
    let at = |s: &str| s.to_string();
    assert_eq!(
        kinds(&t),
        vec![
            // LIFE-2: the paid term, and so its windows and its renewal, start at the trial's
            // conversion (14 Aug), not at the order: the trial no longer uses them up.
            (at("2021-07-15T08:00:00+00:00"), PointKind::Ordered),
            (at("2021-07-15T08:00:00+00:00"), PointKind::TermStart),
            (at("2021-08-14T08:00:00+00:00"), PointKind::TrialEnds),
            (
                at("2021-08-15T08:00:00+00:00"),
                PointKind::FullRefundWindowCloses
            ),
            (
                at("2021-09-13T08:00:00+00:00"),
                PointKind::CancelWindowCloses
            ),
            (at("2022-08-14T00:00:00+00:00"), PointKind::ScheduledChange),
            (at("2022-08-14T00:00:00+00:00"), PointKind::Renewal),
        ]
    );
    assert!(t.points[0].past && !t.points[2].past);
    let cancel = t
        .changes
        .iter()
        .find(|c| c.action == ActionKind::Cancel)
        .unwrap();
    assert_eq!(
        (cancel.verdict, cancel.verdict_after),
        (Verdict::AllowedNow, Verdict::Denied)
    );
    assert_eq!(cancel.changes_at.to_rfc3339(), "2021-09-13T08:00:00+00:00");
}

#[test]
fn timeline_marketplace_annual() {
    let t = timeline_value(&query(
        "marketplace",
        json!({ "subscription": { "billingFrequency": "annual", "autoRenew": false, "scheduledChanges": null } }),
    ))
    .unwrap();
    let ks: Vec<_> = t.points.iter().map(|p| p.kind).collect();
    assert_eq!(
        ks,
        vec![
            PointKind::Ordered,
            PointKind::TermStart,
            PointKind::FullCreditWindowCloses,
            PointKind::TermEnds
        ]
    );
    assert_eq!(t.points[2].at.to_rfc3339(), "2021-07-29T08:00:00+00:00"); // CANC-2: 14 days
    assert_eq!(t.points[2].rule, Rule::Canc2);
    // Cancel goes from "allowed now with credit" to "scheduled at renewal" (CANC-3).
    let cancel = t
        .changes
        .iter()
        .find(|c| c.action == ActionKind::Cancel)
        .unwrap();
    assert_eq!(
        (cancel.verdict, cancel.verdict_after),
        (Verdict::AllowedNow, Verdict::Scheduled)
    );
    assert!(cancel.rules_after.contains(&Rule::Canc3));
}

#[test]
fn timeline_legacy_suspended_shows_data_deletion() {
    let t = timeline_value(&query(
        "legacy",
        json!({
            "now": "2021-09-01T00:00:00Z",
            "subscription": { "status": "suspended", "suspendedAt": "2021-08-01T00:00:00Z", "scheduledChanges": null,
                               "accountOpenedAt": "2021-07-01T00:00:00Z", "billingStartedAt": "2021-07-11T00:00:00Z" }
        }),
    ))
    .unwrap();
    let deletion = t
        .points
        .iter()
        .find(|p| p.kind == PointKind::DataDeletion)
        .unwrap();
    // SUSP-3: 90 days + 10 days between account opening and first billing.
    assert_eq!(deletion.at.to_rfc3339(), "2021-11-09T00:00:00+00:00");
    let reactivate = t
        .changes
        .iter()
        .find(|c| c.action == ActionKind::Reactivate)
        .unwrap();
    assert_eq!(
        (reactivate.verdict, reactivate.verdict_after),
        (Verdict::AllowedNow, Verdict::Denied)
    );
    assert_eq!(reactivate.changes_at, deletion.at);
}

fn catalog_query(filters: Value) -> Value {
    json!({
        "now": "2021-07-17T09:00:00Z",
        "actor": { "roles": ["salesAgent"], "partnerKind": "indirectProvider", "partnerId": "P-100" },
        "customer": { "id": "c-1", "segment": "education", "billingCountry": "SE",
                      "subscriptions": [{ "id": "s-9", "offerId": "isv-crm", "sku": "crm", "status": "suspended" }] },
        "offers": [
            { "id": "m365-e3", "publisher": "microsoft", "billingType": "license", "category": "enterprise", "segments": ["commercial"] },
            { "id": "m365-a1", "publisher": "microsoft", "billingType": "license", "category": "trial", "segments": ["education"] },
            { "id": "isv-crm", "publisher": "partner", "billingType": "license", "category": "smallBusiness",
              "onePerCustomer": true, "supportedCountries": ["US", "GB"] },
            { "id": "isv-vm", "publisher": "partner", "billingType": "usage", "category": "enterprise", "productType": "virtualMachine" },
            { "id": "isv-meter", "publisher": "partner", "billingType": "usage", "category": "enterprise", "exclusivePartners": ["P-100"] }
        ],
        "filters": filters
    })
}

#[test]
fn cat_1_filters_and_gives_every_offer_its_eligibility() {
    let c = filter_catalog_value(&catalog_query(json!({}))).unwrap();
    let verdicts: Vec<_> = c
        .offers
        .iter()
        .map(|o| (o.offer_id.as_str(), o.verdict))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            ("m365-e3", Verdict::Denied),     // ELIG-7: commercial only
            ("m365-a1", Verdict::AllowedNow), // education trial
            ("isv-crm", Verdict::Denied),     // ELIG-1, ELIG-2, ELIG-3
            ("isv-vm", Verdict::Denied),      // ELIG-6
            ("isv-meter", Verdict::AllowedNow)
        ]
    );
    let crm = &c.offers[2];
    let rules: Vec<_> = crm
        .reasons
        .iter()
        .filter(|r| r.outcome == Outcome::Deny)
        .map(|r| r.rule)
        .collect();
    assert_eq!(rules, vec![Rule::Elig1, Rule::Elig2, Rule::Elig3]);
    assert_eq!(
        crm.alternative.as_ref().unwrap().action.kind(),
        ActionKind::Reactivate
    );
    assert!(crm.reasons.iter().any(|r| r.rule == Rule::Cat1));
    assert!(crm.reasons.iter().any(|r| r.rule == Rule::Elig8));
    assert!(c.filtered_out.is_empty());

    let c = filter_catalog_value(&catalog_query(
        json!({ "publisher": "partner", "billingType": "usage" }),
    ))
    .unwrap();
    assert_eq!(
        c.offers
            .iter()
            .map(|o| o.offer_id.as_str())
            .collect::<Vec<_>>(),
        vec!["isv-vm", "isv-meter"]
    );
    assert_eq!(c.filtered_out, vec!["m365-e3", "m365-a1", "isv-crm"]);

    let c = filter_catalog_value(&catalog_query(json!({ "category": "trial" }))).unwrap();
    assert_eq!(c.offers.len(), 1);
    assert_eq!(c.offers[0].offer_id, "m365-a1");
}

#[test]
fn cat_1_bad_filter_is_an_input_error() {
    let errors =
        filter_catalog_value(&catalog_query(json!({ "publisher": "someone" }))).unwrap_err();
    assert_eq!(errors.errors()[0].path, "filters.publisher");
    assert_eq!(errors.errors()[0].code, ErrorCode::UnknownVariant);
}

#[test]
fn json_twins_answer_in_the_envelope() {
    let text = serde_json::to_string(&query("newCommerce", json!({}))).unwrap();
    for out in [available_actions_json(&text), timeline_json(&text)] {
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["type"], "success");
    }
    let v: Value = serde_json::from_str(&filter_catalog_json("{")).unwrap();
    assert_eq!(v["type"], "failure");
    assert_eq!(v["errors"][0]["code"], "invalidJson");
}

/// LIFE-3: a renewed term (its start after the order) is a new term: under the 2022-03 edition
/// its windows restart at its start, and the timeline marks that start with LIFE-3.
#[test]
fn timeline_of_a_renewed_term_restarts_its_windows() {
    let t = timeline_value(&query(
        "newCommerce",
        json!({
            "now": "2022-07-16T00:00:00Z",
            "edition": "2022-03",
            "subscription": { "termStart": "2022-07-15T08:00:00Z", "scheduledChanges": null }
        }),
    ))
    .unwrap();
    let start = t
        .points
        .iter()
        .find(|p| p.kind == PointKind::TermStart)
        .unwrap();
    assert_eq!(start.rule, Rule::Life3);
    assert_eq!(start.at.to_rfc3339(), "2022-07-15T08:00:00+00:00");
    let at = |kind: PointKind| {
        t.points
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.at.to_rfc3339())
            .unwrap()
    };
    assert_eq!(
        at(PointKind::FullRefundWindowCloses),
        "2022-07-16T08:00:00+00:00"
    );
    assert_eq!(
        at(PointKind::CancelWindowCloses),
        "2022-07-22T08:00:00+00:00"
    );
    // The first term (start = order) is marked by MONEY-1, not LIFE-3.
    let first = timeline_value(&query("newCommerce", json!({}))).unwrap();
    let start = first
        .points
        .iter()
        .find(|p| p.kind == PointKind::TermStart)
        .unwrap();
    assert_eq!(start.rule, Rule::Money1);
}

/// A subscription `evaluate` accepts is answered by both queries: their default actions never
/// ask for more licences than the largest count, nor a rename to a blank name.
#[test]
fn default_actions_are_always_valid_for_a_valid_subscription() {
    for extra in [
        json!({ "subscription": { "quantity": limits::MAX_QUANTITY } }),
        json!({ "subscription": { "name": "" } }),
        json!({ "subscription": { "name": "   " } }),
        json!({ "subscription": { "name": " ", "id": " " } }),
    ] {
        let q = query("newCommerce", extra.clone());
        let a = available_actions_value(&q);
        assert!(a.is_ok(), "{extra}: {a:?}");
        let t = timeline_value(&q);
        assert!(t.is_ok(), "{extra}: {t:?}");
        // And the subscription itself is one `evaluate` decides.
        let mut request = q.clone();
        request["action"] = json!({ "type": "cancel" });
        assert!(evaluate_value(&request).is_ok(), "{extra}");
    }
}

/// QTY-2 under 2022-03: each seat addition has its own 7-day reduction window. Removing one seat
/// stays allowed while any addition's window is open, so its verdict changes when the last one
/// closes (the 2 seats added 2021-07-20T10:00, at 2021-07-27T10:00), not at the purchase seats'
/// close nor at a renewal; removing three changes when the purchase seats' window closes. The
/// timeline lists each window.
#[test]
fn outcome_changes_at_the_seat_reduction_window_that_decides_it() {
    let q = |now: &str, to: u32| {
        query(
            "newCommerce",
            json!({
                "now": now, "edition": "2022-03",
                "subscription": {
                    "quantity": 12, "scheduledChanges": null,
                    "seatAdditions": [
                        { "addedAt": "2021-07-15T08:00:00Z", "quantity": 10 },
                        { "addedAt": "2021-07-20T10:00:00Z", "quantity": 2 }
                    ]
                },
                "actions": [{ "type": "changeQuantity", "quantity": to }]
            }),
        )
    };
    let change = |now: &str, to: u32| {
        let all = actions(&q(now, to));
        let d = find(&all, ActionKind::ChangeQuantity, 0).clone();
        let at = d
            .deadlines
            .iter()
            .find(|x| x.kind == DeadlineKind::OutcomeChangesAt)
            .map(|x| x.at.to_string());
        (d.verdict, at)
    };
    assert_eq!(
        change("2021-07-21T09:00:00Z", 11),
        (Verdict::AllowedNow, Some("2021-07-27T10:00:00Z".into()))
    );
    assert_eq!(
        change("2021-07-21T09:00:00Z", 9),
        (Verdict::AllowedNow, Some("2021-07-22T08:00:00Z".into()))
    );
    // At the boundaries: one second before the last window closes, allowed; exactly at, denied.
    assert_eq!(change("2021-07-27T09:59:59Z", 11).0, Verdict::AllowedNow);
    assert_eq!(change("2021-07-27T10:00:00Z", 11).0, Verdict::Denied);
    let t = timeline_value(&q("2021-07-21T09:00:00Z", 11)).unwrap();
    let seats: Vec<String> = t
        .points
        .iter()
        .filter(|p| p.kind == PointKind::SeatReductionWindowCloses)
        .map(|p| p.at.to_string())
        .collect();
    assert_eq!(seats, ["2021-07-22T08:00:00Z", "2021-07-27T10:00:00Z"]);
    let change = t
        .changes
        .iter()
        .find(|c| c.action == ActionKind::ChangeQuantity)
        .unwrap();
    assert_eq!(change.changes_at.to_string(), "2021-07-27T10:00:00Z");
    assert_eq!(change.verdict_after, Verdict::Denied);
}
