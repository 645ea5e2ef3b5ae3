//! Property tests on generated *valid* requests: determinism (TIME-2), money bounds (MONEY-5),
//! monotone closing windows (CANC-1/2/5), scheduled outcomes at renewal (SCHED-4, CANC-3), serde
//! round trips of decisions, and agreement of the collecting decoder with serde's derive.
//!
//! Requests are generated as JSON values (what a caller sends), read by serde's derive, and
//! checked with `parse_request` first, so every case is a request the engine accepts.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // JSON values built and read by the test itself

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use subscription_rules_core::*;

/// 2020-01-01T00:00:00Z.
const EPOCH: i64 = 1_577_836_800;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn ts(secs: i64) -> String {
    instant(secs).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are reported with their minimal input; no files are written beside the tests.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// A price with 0, 1 or 2 decimals (as the currency allows), from 0 to 10,000.
fn price(currency: &'static str) -> impl Strategy<Value = String> {
    let max_scale = if currency == "JPY" { 0u32 } else { 2 };
    (0i64..=1_000_000, 0..=max_scale).prop_map(|(cents, scale)| {
        let mantissa = cents / 10i64.pow(2 - scale.min(2));
        Decimal::new(mantissa, scale).to_string()
    })
}

/// Offsets from the window anchor: near each window boundary (24 h, 14 days, 30 days, a month,
/// a year) within two hours either side, or anywhere in the first 400 days; never before the
/// anchor (`now` before the order is an input error, LIFE-1).
fn offset() -> impl Strategy<Value = i64> {
    prop_oneof![
        (
            prop::sample::select(vec![0, 24 * HOUR, 14 * DAY, 30 * DAY, 31 * DAY, 365 * DAY]),
            -2 * HOUR..=2 * HOUR
        )
            .prop_map(|(b, d)| (b + d).max(0)),
        0..=400 * DAY,
    ]
}

/// The commerce model, billing type and status that go together.
#[derive(Debug, Clone)]
struct Shape {
    model: &'static str,
    billing_type: &'static str,
    frequency: &'static str,
    term: &'static str,
    status: &'static str,
    currency: &'static str,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::sample::select(vec!["legacy", "newCommerce", "marketplace"]),
        prop::sample::select(vec!["license", "license", "usage"]),
        prop::sample::select(vec!["monthly", "annual"]),
        prop::sample::select(vec!["monthly", "annual", "triennial"]),
        prop::sample::select(vec![
            "active",
            "active",
            "active",
            "pending",
            "suspended",
            "paused",
            "deleted",
        ]),
        prop::sample::select(vec!["USD", "USD", "EUR", "JPY"]),
    )
        .prop_map(
            |(model, billing_type, frequency, term, status, currency)| Shape {
                model,
                billing_type,
                // A monthly term is billed monthly (LIFE-1: no cycle longer than the term).
                frequency: if term == "monthly" {
                    "monthly"
                } else {
                    frequency
                },
                term,
                status,
                currency,
            },
        )
}

/// A valid subscription as JSON, with its window anchor (order for marketplace, term start
/// otherwise) in seconds.
fn subscription() -> impl Strategy<Value = (Value, i64)> {
    shape().prop_flat_map(|s| {
        (
            Just(s.clone()),
            0i64..3 * 365 * DAY,   // order instant after EPOCH
            0i64..=2 * HOUR,       // term start after the order
            1u32..=500,            // quantity
            price(s.currency),     // unit price
            any::<bool>(),         // auto-renew
            0usize..=3,            // add-ons
            prop::collection::vec((1u32..=600, 0u8..5), 0..=3), // scheduled changes
            prop::option::weighted(0.1, 1i64..=30 * DAY), // trial end after the order
            0i64..=5 * DAY,        // suspended after the order
        )
            .prop_map(
                |(s, ordered, start, quantity, unit_price, auto_renew, add_ons, changes, trial, susp)| {
                    let ordered_at = EPOCH + ordered;
                    let term_start = ordered_at + start;
                    let mut sub = json!({
                        "id": "sub-1",
                        "offerId": "offer-1",
                        "sku": "E3",
                        "commerceModel": s.model,
                        "billingType": s.billing_type,
                        "billingFrequency": s.frequency,
                        "term": s.term,
                        "status": s.status,
                        "orderedAt": ts(ordered_at),
                        "termStart": ts(term_start),
                        "currency": s.currency,
                        "autoRenew": auto_renew,
                        "upgradePaths": ["E5"],
                    });
                    if s.billing_type == "license" {
                        sub["quantity"] = json!(quantity);
                        sub["unitPrice"] = json!(unit_price);
                    }
                    if add_ons > 0 {
                        sub["addOns"] = (0..add_ons)
                            .map(|i| json!({"id": format!("addon-{i}"), "status": "active"}))
                            .collect();
                    }
                    if !changes.is_empty() {
                        sub["scheduledChanges"] = changes
                            .iter()
                            .enumerate()
                            .map(|(i, (q, k))| {
                                let change = match k {
                                    0 => json!({"kind": "quantity", "quantity": q}),
                                    1 => json!({"kind": "term", "term": "monthly"}),
                                    2 => json!({"kind": "billingFrequency", "billingFrequency": "annual"}),
                                    3 => json!({"kind": "skuUpgrade", "targetSku": "E5"}),
                                    _ => json!({"kind": "skuDowngrade", "targetSku": "E1"}),
                                };
                                json!({"id": format!("sc-{i}"), "change": change})
                            })
                            .collect();
                    }
                    if let Some(t) = trial {
                        sub["trialEndsAt"] = json!(ts(ordered_at + t));
                    }
                    if s.status == "suspended" {
                        sub["suspendedAt"] = json!(ts(ordered_at + susp));
                    }
                    let anchor = if s.model == "marketplace" {
                        ordered_at
                    } else {
                        term_start
                    };
                    (sub, anchor)
                },
            )
    })
}

/// Every action but `purchase` (which needs no subscription), with parameters.
fn action() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => Just(json!({"type": "cancel"})),
        1 => (1u32..=600).prop_map(|q| json!({"type": "changeQuantity", "quantity": q})),
        1 => Just(json!({"type": "rename", "name": "Sales team"})),
        1 => any::<bool>().prop_map(|b| json!({"type": "setAutoRenew", "enabled": b})),
        1 => Just(json!({"type": "setResellerId", "resellerId": "1234567"})),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(a, b)| json!({"type": "activate", "licensesAssigned": a, "setupConfirmed": b})),
        1 => prop::sample::select(vec!["customerRequest", "nonPayment", "fraud"]).prop_map(|r| json!({"type": "suspend", "reason": r})),
        1 => Just(json!({"type": "reactivate"})),
        1 => Just(json!({"type": "pause"})),
        1 => Just(json!({"type": "resume"})),
        2 => prop_oneof![
            (1u32..=600).prop_map(|q| json!({"kind": "quantity", "quantity": q})),
            prop::sample::select(vec!["monthly", "annual", "triennial"]).prop_map(|t| json!({"kind": "term", "term": t})),
            prop::sample::select(vec!["monthly", "annual"]).prop_map(|f| json!({"kind": "billingFrequency", "billingFrequency": f})),
            prop::sample::select(vec!["E5", "E1"]).prop_map(|s| json!({"kind": "skuUpgrade", "targetSku": s})),
            prop::sample::select(vec!["E3", "E1"]).prop_map(|s| json!({"kind": "skuDowngrade", "targetSku": s})),
        ].prop_map(|c| json!({"type": "scheduleChange", "change": c})),
        1 => (0usize..4).prop_map(|i| json!({"type": "cancelScheduledChange", "changeId": format!("sc-{i}")})),
        1 => (1u32..=600, prop::sample::select(vec!["now", "renewal"]), any::<bool>()).prop_map(|(q, timing, new)| {
            let target = if new { json!({"kind": "new"}) } else { json!({"kind": "existing", "subscriptionId": "sub-2"}) };
            json!({"type": "upgrade", "targetSku": "E5", "quantity": q, "target": target, "timing": timing})
        }),
        1 => (1u32..=20, prop::sample::select(vec!["baseSubscription", "catalog"])).prop_map(|(q, c)| json!({"type": "purchaseAddOn", "quantity": q, "channel": c})),
    ]
}

fn actor() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![
            vec!["adminAgent"],
            vec!["globalAdmin"],
            vec!["salesAgent"],
            vec!["billingAdmin", "supportAgent"],
        ]),
        prop::sample::select(vec!["directBill", "indirectProvider", "indirectReseller"]),
    )
        .prop_map(|(roles, kind)| json!({"roles": roles, "partnerKind": kind}))
}

/// Customer and add-on offer that go with the subscription (`purchaseAddOn`, upgrades), the
/// offer priced in the subscription's currency (MONEY-6: one currency per decision).
fn extras(currency: &str) -> Value {
    let price = if currency == "JPY" { "600" } else { "6.00" };
    json!({
        "customer": {
            "id": "c-1", "segment": "commercial", "billingCountry": "SE",
            "subscriptions": [{"id": "sub-2", "offerId": "offer-5", "sku": "E5", "status": "active"}]
        },
        "offer": {
            "id": "addon-offer", "publisher": "microsoft", "billingType": "license",
            "category": "enterprise", "addOnFor": ["offer-1"], "availableCountries": ["SE"],
            "unitPrice": price, "currency": currency
        }
    })
}

/// A valid request as JSON, its subscription's window anchor, and the typed request.
fn request_with(action: impl Strategy<Value = Value>) -> impl Strategy<Value = (Value, i64)> {
    (subscription(), actor(), action, offset(), any::<bool>()).prop_map(
        |((sub, anchor), actor, action, off, with_extras)| {
            let mut req = json!({
                "now": ts(anchor + off),
                "actor": actor,
                "subscription": sub,
                "action": action,
            });
            if with_extras || action_needs_offer(&req) {
                let e = extras(req["subscription"]["currency"].as_str().unwrap_or("USD"));
                req["customer"] = e["customer"].clone();
                req["offer"] = e["offer"].clone();
            }
            (req, anchor)
        },
    )
}

fn action_needs_offer(req: &Value) -> bool {
    req["action"]["type"] == "purchaseAddOn"
}

fn typed(req: &Value) -> Request {
    serde_json::from_value(req.clone()).unwrap_or_else(|e| panic!("serde rejects {req}: {e}"))
}

fn at(req: &Value, secs: i64) -> Value {
    let mut r = req.clone();
    r["now"] = json!(ts(secs));
    r
}

fn paid(sub: &Subscription) -> Option<Decimal> {
    Some(*sub.unit_price? * Decimal::from(sub.quantity?))
}

fn has_deadline(d: &Decision, kind: DeadlineKind) -> bool {
    d.deadlines.iter().any(|x| x.kind == kind)
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Every generated request is valid, and the collecting decoder reads exactly what serde's
    /// derive reads, from the JSON value and from the text.
    #[test]
    fn decoder_and_serde_agree_on_valid_requests((req, _) in request_with(action())) {
        let by_serde = typed(&req);
        let text = req.to_string();
        let by_decoder = parse_request(&text)
            .unwrap_or_else(|e| panic!("the decoder rejects a valid request {text}: {e:?}"));
        prop_assert_eq!(&by_decoder, &by_serde);
        let by_text: Request = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&by_decoder, &by_text);
        // And both give the same decision through every entry point.
        let d1 = evaluate(&by_serde).unwrap();
        prop_assert_eq!(&evaluate_value(&req).unwrap(), &d1);
        prop_assert_eq!(&evaluate_str(&text).unwrap(), &d1);
    }

    /// TIME-2: the same request gives the same decision, and the JSON twin the same bytes.
    #[test]
    fn same_request_same_decision((req, _) in request_with(action())) {
        let r = typed(&req);
        prop_assert_eq!(evaluate(&r), evaluate(&r.clone()));
        let text = req.to_string();
        let first = evaluate_json(&text);
        prop_assert!(first.starts_with(r#"{"type":"success""#), "{}", first);
        prop_assert_eq!(&first, &evaluate_json(&text));
        // Re-serialising the typed request (a different text, the same facts) changes nothing.
        prop_assert_eq!(&first, &evaluate_json(&serde_json::to_string(&r).unwrap()));
    }

    /// Decisions survive a serde round trip: serialise, deserialise, equal.
    #[test]
    fn decisions_survive_a_serde_round_trip((req, _) in request_with(action())) {
        let d = evaluate(&typed(&req)).unwrap();
        let text = serde_json::to_string(&d).unwrap();
        let back: Decision = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &d);
        let value = serde_json::to_value(&d).unwrap();
        let back: Decision = serde_json::from_value(value).unwrap();
        prop_assert_eq!(&back, &d);
    }

    /// MONEY-5: a refund or credit is never negative and never above what was paid
    /// (`unitPrice × quantity`), has the currency's decimals, and is in its currency.
    #[test]
    fn refunds_and_credits_are_within_what_was_paid((req, _) in request_with(action())) {
        let r = typed(&req);
        let sub = r.subscription.as_ref().unwrap();
        let d = evaluate(&r).unwrap();
        for line in &d.money {
            prop_assert!(!line.amount.is_sign_negative() || line.amount.is_zero(), "negative: {:?}", line);
            if matches!(line.kind, MoneyKind::Refund | MoneyKind::Credit) {
                let paid = paid(sub).expect("money only on licence-based subscriptions");
                prop_assert!(line.amount <= paid, "{} > paid {} ({})", line.amount, paid, line.working.formula);
                prop_assert_eq!(&line.currency, &sub.currency);
                prop_assert_eq!(line.amount.scale(), money::minor_units(&sub.currency));
            }
        }
    }

    /// SCHED-4, CANC-1/2/3, UPG: whatever is scheduled takes effect at the renewal, never
    /// before: `effectiveAt` equals the renewal instant, and so do the dated effects.
    #[test]
    fn scheduled_outcomes_take_effect_at_renewal((req, _) in request_with(action())) {
        let r = typed(&req);
        let sub = r.subscription.as_ref().unwrap();
        // LIFE-2: on a trial, a scheduled change waits for the conversion to paid (an upgrade
        // still for the renewal).
        let renewal = match (sub.trial_ends_at, &r.action) {
            (Some(t), Action::ScheduleChange { .. }) if r.now < *t => *t,
            _ => sub.renews_at(),
        };
        let d = evaluate(&r).unwrap();
        if d.verdict == Verdict::Scheduled {
            prop_assert_eq!(d.effective_at, Some(renewal.into()), "{:?}", d);
            for e in &d.effects {
                match &e.kind {
                    EffectKind::ChangeScheduled { at } | EffectKind::StatusChanges { at, .. } => {
                        prop_assert_eq!(*at, renewal, "{:?}", e);
                    }
                    _ => {}
                }
            }
        }
        if d.verdict == Verdict::AllowedNow {
            prop_assert_eq!(d.effective_at, Some(r.now));
        }
        if matches!(d.verdict, Verdict::Denied | Verdict::NeedsSupport) {
            prop_assert!(d.effective_at.is_none() && d.effects.is_empty() && d.money.is_empty());
        }
    }
}

/// A subscription whose cancel has a closing window: marketplace licence (CANC-1/2) or new
/// commerce (CANC-5), active, no trial.
fn windowed_cancel() -> impl Strategy<Value = (Value, i64)> {
    (
        request_with(Just(json!({"type": "cancel"}))),
        prop::sample::select(vec!["marketplace", "newCommerce"]),
    )
        .prop_map(|((mut req, anchor), model)| {
            let sub = &mut req["subscription"];
            sub["commerceModel"] = json!(model);
            sub["status"] = json!("active");
            // Renewing, so the term never ends under the windows (LIFE-1: an ended term takes no
            // action, whatever the window).
            sub["autoRenew"] = json!(true);
            sub["billingType"] = json!("license");
            if sub.get("quantity").is_none() {
                sub["quantity"] = json!(3);
                sub["unitPrice"] = json!("12.34");
                sub["currency"] = json!("USD");
            }
            let obj = sub.as_object_mut().unwrap();
            obj.remove("trialEndsAt");
            obj.remove("suspendedAt");
            req["actor"] = json!({"roles": ["adminAgent"], "partnerKind": "directBill"});
            // The anchor: the order, for marketplace (CANC-1/2) and, under the default 2021
            // edition, for new commerce too (CANC-5 runs once from the subscription's start; only
            // the 2022-03 edition restarts it at the current term's start).
            let anchor2 = parse_instant(req["subscription"]["orderedAt"].as_str().unwrap())
                .unwrap()
                .timestamp();
            let now = parse_instant(req["now"].as_str().unwrap())
                .unwrap()
                .timestamp();
            let now = anchor2 + (now - anchor).max(0);
            req["now"] = json!(ts(now));
            (req, anchor2)
        })
}

proptest! {
    #![proptest_config(config(192))]

    /// CANC-1/2/5: closing windows are monotone. If cancelling is allowed now at `t`, it is
    /// allowed now at every earlier instant of the same term; if it gives the full refund (new
    /// commerce) or the full credit (marketplace) at `t`, so does every earlier instant; and
    /// within one billing period, a refund never grows as time passes.
    #[test]
    fn cancel_windows_are_monotone((req, anchor) in windowed_cancel(), back in 0.0f64..=1.0) {
        // `t` in the current term: between the anchor (order / term start) and the renewal.
        let renewal = typed(&req).subscription.unwrap().renews_at().timestamp();
        let t = typed(&req).now.timestamp();
        let t = anchor + (t - anchor).rem_euclid((renewal - anchor).max(1));
        let req = at(&req, t);
        let later = typed(&req);
        let sub = later.subscription.as_ref().unwrap();
        // An earlier instant between the anchor and `t`.
        let earlier_secs = anchor + ((t - anchor) as f64 * back) as i64;
        let earlier = typed(&at(&req, earlier_secs));
        prop_assert!(earlier.now <= later.now && later.now < sub.renews_at());
        let dl = evaluate(&later).unwrap();
        let de = evaluate(&earlier).unwrap();
        if dl.verdict == Verdict::AllowedNow {
            prop_assert_eq!(de.verdict, Verdict::AllowedNow, "allowed at {} but not at {}: {:?}", later.now, earlier.now, de);
        }
        for kind in [DeadlineKind::FullRefundUntil, DeadlineKind::FullCreditUntil] {
            if has_deadline(&dl, kind) {
                prop_assert!(has_deadline(&de, kind), "{:?} at {} but not at {}", kind, later.now, earlier.now);
                // The full amount, both times.
                prop_assert_eq!(dl.money.first().map(|m| *m.amount), paid(sub));
                prop_assert_eq!(de.money.first().map(|m| *m.amount), paid(sub));
            }
        }
        let full_later = has_deadline(&dl, DeadlineKind::FullRefundUntil) || has_deadline(&dl, DeadlineKind::FullCreditUntil);
        let full_earlier = has_deadline(&de, DeadlineKind::FullRefundUntil) || has_deadline(&de, DeadlineKind::FullCreditUntil);
        if let (Some(ml), Some(me)) = (dl.money.first(), de.money.first()) {
            let same_period = ml.working.period_start == me.working.period_start
                || full_later
                || full_earlier;
            if same_period {
                prop_assert!(me.amount >= ml.amount, "refund grew from {} (at {}) to {} (at {})", me.amount, earlier.now, ml.amount, later.now);
            }
        }
    }

    /// The window boundaries themselves (half-open, POLICY.md): one second before the close the
    /// outcome is the open one; at the close it is not.
    #[test]
    fn windows_are_half_open_at_their_close((req, anchor) in windowed_cancel()) {
        let r = typed(&req);
        let sub = r.subscription.as_ref().unwrap();
        let p = Policy::default();
        let (close, kind) = match (sub.commerce_model, sub.billing_frequency) {
            (CommerceModel::Marketplace, BillingFrequency::Monthly) => (anchor + i64::from(p.marketplace_monthly_cancel_hours) * HOUR, DeadlineKind::FullCreditUntil),
            (CommerceModel::Marketplace, BillingFrequency::Annual) => (anchor + i64::from(p.marketplace_annual_cancel_days) * DAY, DeadlineKind::FullCreditUntil),
            _ => (anchor + i64::from(p.new_commerce_full_refund_hours) * HOUR, DeadlineKind::FullRefundUntil),
        };
        let before = evaluate(&typed(&at(&req, close - 1))).unwrap();
        let closed = evaluate(&typed(&at(&req, close))).unwrap();
        prop_assert!(has_deadline(&before, kind), "{:?}", before);
        prop_assert!(!has_deadline(&closed, kind), "{:?}", closed);
        if sub.commerce_model == CommerceModel::NewCommerce {
            let end = anchor + i64::from(p.new_commerce_cancel_days) * DAY;
            prop_assert_eq!(evaluate(&typed(&at(&req, end - 1))).unwrap().verdict, Verdict::AllowedNow);
            prop_assert_eq!(evaluate(&typed(&at(&req, end))).unwrap().verdict, Verdict::Denied);
        } else {
            prop_assert_eq!(closed.verdict, Verdict::Scheduled);
            prop_assert_eq!(closed.effective_at, Some(sub.renews_at().into()));
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// The query entry points are deterministic too, and answer in the envelope.
    #[test]
    fn queries_are_deterministic((req, _) in request_with(action())) {
        let mut q = req.clone();
        let action = q.as_object_mut().unwrap().remove("action").unwrap();
        q["actions"] = json!([action, {"type": "cancel"}]);
        let text = q.to_string();
        let a = available_actions_json(&text);
        prop_assert!(a.starts_with(r#"{"type":"success""#), "{}", a);
        prop_assert_eq!(&a, &available_actions_json(&text));
        let t = timeline_json(&text);
        prop_assert!(t.starts_with(r#"{"type":"success""#), "{}", t);
        prop_assert_eq!(&t, &timeline_json(&text));
        let tl = timeline_value(&q).unwrap();
        prop_assert!(tl.points.windows(2).all(|w| w[0].at <= w[1].at), "points out of order");
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// A prepared subscription answers what the one-shot entry points answer: the decision of
    /// each random request, its answer at a second random instant, and the default available
    /// actions and timeline (no re-reading, no cache: the same answers). Under each way of
    /// choosing the edition (`atTermStart` changes it at a renewal).
    #[test]
    fn prepared_equals_one_shot(
        (req, _) in request_with(action()),
        later in 0i64..400 * DAY,
        edition in prop::sample::select(vec!["2021", "2022-03", "2023", "atOrder", "atTermStart"]),
    ) {
        let mut req = req;
        req["edition"] = json!(edition);
        let mut facts = req.as_object().unwrap().clone();
        let now = facts.remove("now").unwrap();
        let action = facts.remove("action").unwrap();
        let p = Prepared::from_json_value(&Json::from(&Value::Object(facts))).unwrap();
        prop_assert_eq!(
            p.evaluate_json_value(&Json::from(&action), &Json::from(&now)),
            evaluate_value(&req)
        );
        // In short (only what the summary reads decided): the full decision's summary.
        let short = evaluate_value(&req).map(|d| DecisionSummary::from(&d));
        prop_assert_eq!(&p.summarize_call(&read_now(&Json::from(&now)), &Json::from(&action)), &short);
        prop_assert_eq!(&summarize_json_value(&Json::from(&req)), &short);
        prop_assert_eq!(&shorten_json_value(&Json::from(&req)).map(|d| d.summary()), &short);
        // Written straight from the decision: the summary's JSON.
        let written = p.shorten_call(&read_now(&Json::from(&now)), &Json::from(&action));
        prop_assert_eq!(
            written.map(|w| serde_json::to_value(w).unwrap()).map_err(|e| e.errors().to_vec()),
            short.clone().map(|s| serde_json::to_value(s).unwrap()).map_err(|e| e.errors().to_vec())
        );
        let t = parse_instant(now.as_str().unwrap()).unwrap().timestamp() + later;
        let mut moved = req.clone();
        moved["now"] = json!(ts(t));
        prop_assert_eq!(
            p.evaluate_json_value(&Json::from(&action), &Json::from(&json!(t * 1000))),
            evaluate_value(&moved)
        );
        prop_assert_eq!(
            p.summarize_call(&read_now(&Json::from(&json!(t * 1000))), &Json::from(&action)),
            evaluate_value(&moved).map(|d| DecisionSummary::from(&d))
        );
        let mut q = moved.clone();
        q.as_object_mut().unwrap().remove("action");
        prop_assert_eq!(p.available_actions(instant(t).into()), available_actions_value(&q));
        prop_assert_eq!(p.timeline(instant(t).into()), timeline_value(&q));
        // Deciding again only where a decision noted it can change: the same as at every point.
        let query: SubscriptionQuery = serde_json::from_value(q.clone()).unwrap();
        prop_assert_eq!(available_actions(&query), available_actions_at_every_point(&query));
        prop_assert_eq!(timeline(&query), timeline_at_every_point(&query));
        // The buttons' states, made on their own (only the messages a state can show written):
        // the full decisions in short.
        if let Ok(all) = p.available_actions(instant(t).into()) {
            // Each decision of the query (which works out the term and edition at `now` once)
            // is the one-shot decision of its action, but for when its outcome changes.
            for one in &all.actions {
                let mut d = one.decision.clone();
                d.deadlines.retain(|x| x.kind != DeadlineKind::OutcomeChangesAt);
                let mut r = q.clone();
                r["action"] = serde_json::to_value(&one.action).unwrap();
                prop_assert_eq!(Ok(d), evaluate_value(&r));
            }
            // A lazy list's verdicts and rules, and each of its decisions made alone: the same.
            let verdicts = p.action_verdicts(instant(t).into()).unwrap();
            prop_assert_eq!(&verdicts.subscription_id, &all.subscription_id);
            prop_assert_eq!(verdicts.actions.len(), all.actions.len());
            for (i, (v, one)) in verdicts.actions.iter().zip(&all.actions).enumerate() {
                prop_assert_eq!(&v.action, &one.action);
                prop_assert_eq!(v.verdict, one.decision.verdict);
                prop_assert_eq!(&v.rules, &one.decision.rule_ids());
                prop_assert_eq!(
                    p.available_action(instant(t).into(), i),
                    Ok(Some(one.decision.clone()))
                );
            }
            prop_assert_eq!(p.available_action(instant(t).into(), all.actions.len()), Ok(None));
            prop_assert_eq!(p.action_states(instant(t).into()), Ok(ActionStates::from(all)));
        }
    }
}
