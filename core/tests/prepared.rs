//! Prepared subscriptions answer exactly what the one-shot entry points answer: every fixture
//! case split into its facts and its call (`action`, `now`), decided both ways; the queries of a
//! prepared subscription against `availableActions` and `timeline` of the same query; each
//! decision in short (`summarize`) against the summary of the full decision. Random
//! subscriptions and instants: `properties.rs` (`prepared_equals_one_shot`).
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // JSON values built and read by the test itself

mod common;

use serde_json::{json, Value};
use subscription_rules_core::*;

/// A request split into its facts and its call.
fn split(request: &Value) -> Option<(Value, Value, Value)> {
    let mut facts = request.as_object()?.clone();
    let now = facts.remove("now")?;
    let action = facts.remove("action")?;
    Some((Value::Object(facts), action, now))
}

fn errors(e: &InputErrors) -> Vec<String> {
    let mut v: Vec<String> = e
        .errors()
        .iter()
        .map(|x| serde_json::to_string(x).unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn every_fixture_case_prepared_equals_one_shot() {
    let mut compared = 0;
    for case in common::all_cases() {
        let Some(request) = &case.request else {
            continue;
        };
        let Some((facts, action, now)) = split(request) else {
            continue;
        };
        // A number is epoch milliseconds to a prepared subscription (not to a request): below.
        if now.is_number() {
            continue;
        }
        let one_shot = evaluate_value(request);
        let prepared = Prepared::from_json_value(&Json::from(&facts));
        let label = case.label();
        match (one_shot, prepared) {
            (Ok(d), Ok(p)) => {
                let got = p
                    .evaluate_json_value(&Json::from(&action), &Json::from(&now))
                    .unwrap_or_else(|e| panic!("{label}: {e:?}"));
                assert_eq!(got, d, "{label}");
                // In short (only what the summary reads decided): the full decision's summary,
                // prepared and one-shot.
                let short = Ok(DecisionSummary::from(&d));
                let now_read = read_now(&Json::from(&now));
                assert_eq!(
                    p.summarize_call(&now_read, &Json::from(&action)),
                    short,
                    "{label}"
                );
                assert_eq!(summarize_json_value(&Json::from(request)), short, "{label}");
                // One-shot, kept as a decision (a lazy decision's verdict and rule IDs).
                let kept = shorten_json_value(&Json::from(request)).unwrap();
                assert_eq!(Ok(kept.summary()), short, "{label}");
                assert_eq!(kept.decision().verdict, d.verdict, "{label}");
                // Written straight from the decision: the same JSON as the summary.
                let written = p.shorten_call(&now_read, &Json::from(&action)).unwrap();
                assert_eq!(written.summary(), DecisionSummary::from(&d), "{label}");
                assert_eq!(
                    serde_json::to_value(&written).unwrap(),
                    serde_json::to_value(DecisionSummary::from(&d)).unwrap(),
                    "{label}"
                );
                assert_eq!(
                    serde_json::to_value(DecisionInShort::from(d.clone())).unwrap(),
                    serde_json::to_value(DecisionSummary::from(&d)).unwrap(),
                    "{label}"
                );
                // `now` as epoch milliseconds, where the instant is whole milliseconds.
                let t = parse_instant(now.as_str().unwrap()).unwrap();
                if t.timestamp_subsec_nanos() % 1_000_000 == 0 {
                    let ms = json!(t.timestamp_millis());
                    let got = p
                        .evaluate_json_value(&Json::from(&action), &Json::from(&ms))
                        .unwrap();
                    assert_eq!(got, d, "{label}: now as epoch milliseconds");
                }
                compared += 1;
            }
            (Ok(_), Err(e)) => panic!("{label}: decided one-shot, refused at prepare: {e:?}"),
            (Err(want), Ok(p)) => {
                let got = p
                    .evaluate_json_value(&Json::from(&action), &Json::from(&now))
                    .expect_err(&label);
                assert_eq!(errors(&got), errors(&want), "{label}");
                let now_read = read_now(&Json::from(&now));
                let short = p.summarize_call(&now_read, &Json::from(&action));
                assert_eq!(errors(&short.expect_err(&label)), errors(&want), "{label}");
                let short = p.shorten_call(&now_read, &Json::from(&action));
                assert_eq!(errors(&short.expect_err(&label)), errors(&want), "{label}");
                let short = summarize_json_value(&Json::from(request));
                assert_eq!(errors(&short.expect_err(&label)), errors(&want), "{label}");
                let short = shorten_json_value(&Json::from(request));
                assert_eq!(errors(&short.expect_err(&label)), errors(&want), "{label}");
                compared += 1;
            }
            (Err(want), Err(got)) => {
                // The facts' own problems, each one the one-shot call reports too (at the same
                // path with the same code; an unknown field's list of expected names differs).
                let key = |e: &InputError| (e.code, e.path.clone());
                let want: Vec<_> = want.errors().iter().map(key).collect();
                for e in got.errors() {
                    assert!(want.contains(&key(e)), "{label}: {e:?} not in {want:?}");
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 400, "only {compared} cases compared");
}

fn query() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/requests/nce-query.json"),
        )
        .unwrap(),
    )
    .unwrap()
}

#[test]
fn prepared_queries_equal_the_one_shot_queries() {
    let q = query();
    let mut facts = q.as_object().unwrap().clone();
    facts.remove("now");
    let p = Prepared::from_json_value(&Json::from(&Value::Object(facts))).unwrap();
    // At instants across the subscription's life: at the order, inside and past each window.
    for now in [
        "2021-07-15T08:00:00Z",
        "2021-07-17T09:00:00Z",
        "2021-07-22T07:59:59Z",
        "2021-07-22T08:00:00Z",
        "2021-08-20T00:00:00Z",
        "2022-07-15T08:00:00Z",
    ] {
        let mut q = q.clone();
        q["now"] = json!(now);
        let t = parse_instant(now).unwrap().into();
        assert_eq!(
            p.available_actions(t).unwrap(),
            available_actions_value(&q).unwrap(),
            "{now}"
        );
        assert_eq!(p.timeline(t).unwrap(), timeline_value(&q).unwrap(), "{now}");
    }
}

#[test]
fn bad_calls_are_failures_at_their_paths() {
    let q = query();
    let mut facts = q.as_object().unwrap().clone();
    facts.remove("now");
    let p = Prepared::from_json_value(&Json::from(&Value::Object(facts))).unwrap();
    let cancel = json!({"type": "cancel"});
    for (now, code) in [
        (json!("yesterday"), "invalidTimestamp"),
        (json!(1.5), "invalidValue"),
        (json!(true), "invalidType"),
        (json!(null), "missingField"),
        (json!("2021-07-15T07:59:59Z"), "impossible"), // LIFE-1: before the order
    ] {
        let e = p
            .evaluate_json_value(&Json::from(&cancel), &Json::from(&now))
            .expect_err(&now.to_string());
        let first = &e.errors()[0];
        assert_eq!(first.path, "now", "{now}: {e:?}");
        assert_eq!(first.code.as_str(), code, "{now}: {e:?}");
    }
    let e = p
        .evaluate_json_value(
            &Json::from(&json!({"type": "scheduleChange"})),
            &Json::from(&json!("2021-07-17T09:00:00Z")),
        )
        .unwrap_err();
    assert_eq!(e.errors()[0].path, "action.change", "{e:?}");
    // Facts with `now` or `action` in them: unknown fields, as any unknown field.
    let e = Prepared::from_json_value(&Json::from(&q)).unwrap_err();
    assert_eq!(e.errors()[0].path, "now", "{e:?}");
    // Bad facts fail at prepare, at their paths.
    let mut bad = q.as_object().unwrap().clone();
    bad.remove("now");
    bad.insert("subscription".into(), json!({"id": 3}));
    let e = Prepared::from_json_value(&Json::from(&Value::Object(bad))).unwrap_err();
    assert!(
        e.errors().iter().any(|x| x.path == "subscription.id"),
        "{e:?}"
    );
    // A batch: one answer per action, a bad one failing alone.
    let many = p
        .evaluate_many_json_value(
            &Json::from(&json!([cancel, {"type": "nope"}, {"type": "pause"}])),
            &Json::from(&json!("2021-07-17T09:00:00Z")),
        )
        .unwrap();
    assert_eq!(many.len(), 3);
    assert!(many[0].is_ok() && many[1].is_err() && many[2].is_ok());
    // Queries need a subscription.
    let facts = json!({"actor": {"roles": ["adminAgent"], "partnerKind": "directBill"}});
    let p = Prepared::from_json_value(&Json::from(&facts)).unwrap();
    let e = p
        .timeline(parse_instant("2021-07-17T09:00:00Z").unwrap().into())
        .unwrap_err();
    assert_eq!(e.errors()[0].path, "subscription");
}

/// The queries decide again only where a decision noted it can change: the same answers as
/// deciding again at every timeline point, for every fixture case's subscription (its own action
/// and the default set) at the case's instant and at later ones.
#[test]
fn queries_equal_deciding_at_every_point_on_every_fixture() {
    let mut compared = 0;
    for (label, request) in decided_subscriptions() {
        let request = &request;
        let mut q = request.clone();
        let action = q.as_object_mut().unwrap().remove("action").unwrap();
        let now = parse_instant(q["now"].as_str().unwrap()).unwrap();
        for shift_days in [0i64, 1, 3, 8, 15, 29, 31, 200, 370] {
            q["now"] = json!(crate_ts(now + chrono::TimeDelta::days(shift_days)));
            for actions in [None, Some(json!([action.clone()]))] {
                match &actions {
                    Some(a) => q["actions"] = a.clone(),
                    None => {
                        q.as_object_mut().unwrap().remove("actions");
                    }
                }
                let Ok(query) = serde_json::from_value::<SubscriptionQuery>(q.clone()) else {
                    continue;
                };
                let (a, b) = (
                    available_actions(&query),
                    available_actions_at_every_point(&query),
                );
                assert_eq!(a, b, "{}: +{shift_days} days", label);
                assert_eq!(
                    timeline(&query),
                    timeline_at_every_point(&query),
                    "{}: +{shift_days} days",
                    label
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 3000, "only {compared} compared");
}

/// Every fixture case's request that decides and has a subscription, with the case's label.
fn decided_subscriptions() -> Vec<(String, Value)> {
    common::all_cases()
        .into_iter()
        .filter_map(|case| Some((case.label(), case.request?)))
        .filter(|(_, r)| evaluate_value(r).is_ok() && r.get("subscription").is_some())
        .collect()
}

fn crate_ts(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A list's button states are the available actions in short: the same verdict, enabled exactly
/// when the action can be done, the decision's rules, a reason of the verdict's outcome, and the
/// instant time alone changes it; a lazy list's verdicts and rules too, and each decision made
/// alone is the list's; for every fixture subscription at its instant and later.
#[test]
fn action_states_are_the_available_actions_in_short() {
    let mut compared = 0;
    for (label, request) in decided_subscriptions() {
        let request = &request;
        let (facts, _, now) = split(request).unwrap();
        let Ok(p) = Prepared::from_json_value(&Json::from(&facts)) else {
            continue;
        };
        let now = parse_instant(now.as_str().unwrap()).unwrap();
        for days in [0i64, 8, 40] {
            let t = (now + chrono::TimeDelta::days(days)).into();
            let (Ok(all), Ok(states)) = (p.available_actions(t), p.action_states(t)) else {
                continue;
            };
            // Made on their own (their decisions without money), the states are exactly those of
            // the full decisions.
            assert_eq!(
                states,
                subscription_rules_core::ActionStates::from(all.clone()),
                "{label}"
            );
            assert_eq!(all.subscription_id, states.subscription_id);
            assert_eq!(all.actions.len(), states.actions.len());
            // A lazy list's verdicts and rules, and each decision made alone, are the same.
            let verdicts = p.action_verdicts(t).unwrap();
            assert_eq!(verdicts.actions.len(), all.actions.len(), "{label}");
            for (i, (v, a)) in verdicts.actions.iter().zip(&all.actions).enumerate() {
                assert_eq!(v.action, a.action, "{label}");
                assert_eq!(v.verdict, a.decision.verdict, "{label}: {:?}", a.action);
                assert_eq!(v.rules, a.decision.rule_ids(), "{label}: {:?}", a.action);
                assert_eq!(
                    p.available_action(t, i),
                    Ok(Some(a.decision.clone())),
                    "{label}"
                );
            }
            assert_eq!(p.available_action(t, all.actions.len()), Ok(None));
            for (a, s) in all.actions.iter().zip(&states.actions) {
                let d = &a.decision;
                let label = format!("{}: {:?}", label, a.action);
                assert_eq!(s.action, a.action, "{label}");
                assert_eq!(s.verdict, d.verdict, "{label}");
                assert_eq!(
                    s.enabled,
                    matches!(d.verdict, Verdict::AllowedNow | Verdict::Scheduled),
                    "{label}"
                );
                assert_eq!(s.rules, d.rule_ids(), "{label}");
                assert!(
                    d.reasons.iter().any(|r| r.message == s.reason) || d.reasons.is_empty(),
                    "{label}: {}",
                    s.reason
                );
                let change = d
                    .deadlines
                    .iter()
                    .find(|x| x.kind == DeadlineKind::OutcomeChangesAt)
                    .map(|x| x.at);
                assert_eq!(s.changes_at, change, "{label}");
            }
            compared += 1;
        }
    }
    assert!(compared > 300, "only {compared} compared");
}

/// Each available action's decision is the one-shot decision of its request (the query with that
/// action), but for the instant its outcome changes, which only a query adds: a query works out
/// the term and edition at `now` once for all its decisions, a one-shot decision on its own. On
/// every fixture case's subscription at the case's instant and later ones, under each way of
/// choosing the edition.
#[test]
fn each_available_action_is_its_one_shot_decision_on_every_fixture() {
    let mut compared = 0;
    for (label, request) in decided_subscriptions() {
        let mut q = request.clone();
        q.as_object_mut().unwrap().remove("action");
        let now = parse_instant(q["now"].as_str().unwrap()).unwrap();
        for (shift_days, edition) in [
            (0i64, None),
            (8, Some("atTermStart")),
            (40, None),
            (400, Some("atTermStart")),
        ] {
            q["now"] = json!(crate_ts(now + chrono::TimeDelta::days(shift_days)));
            if let Some(e) = edition {
                q["edition"] = json!(e);
            }
            let Ok(query) = serde_json::from_value::<SubscriptionQuery>(q.clone()) else {
                continue;
            };
            let Ok(all) = available_actions(&query) else {
                continue;
            };
            for AvailableAction {
                action,
                mut decision,
            } in all.actions
            {
                let mut one = q.clone();
                one["action"] = serde_json::to_value(&action).unwrap();
                let request: Request = serde_json::from_value(one).unwrap();
                decision
                    .deadlines
                    .retain(|d| d.kind != DeadlineKind::OutcomeChangesAt);
                assert_eq!(
                    Ok(decision),
                    evaluate(&request),
                    "{label}: +{shift_days} days, {action:?}"
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "only {compared} compared");
}
