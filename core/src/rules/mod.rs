//! The rules, one file per POLICY.md family (`canc.rs` is CANC, `elig.rs` is ELIG, …). Each rule
//! is a small function that reads the request and the policy parameters (`ctx::Ctx`) and says
//! what it finds into an `ctx::Answer`, naming its POLICY.md ID. `decide` picks the family of
//! the action; [`catalog`] lists every rule with the function that implements it.

use crate::error::{ErrorCode, InputError, InputErrors};
use crate::model::decision::{Decision, DecisionInShort, DecisionSummary};
use crate::model::request::{Action, Facts, Request};
use crate::model::vocab::ActionKind;
#[cfg(feature = "fast")]
use crate::rules::ctx::Detail;
use crate::rules::ctx::{Ctx, Watch};

pub(crate) mod addon;
pub(crate) mod canc;
pub(crate) mod cat;
pub mod catalog;
pub(crate) mod ctx;
pub(crate) mod elig;
pub(crate) mod life;
pub(crate) mod mkt;
pub(crate) mod pause;
pub(crate) mod qty;
pub(crate) mod renew;
pub(crate) mod role;
pub(crate) mod sched;
pub(crate) mod susp;
pub(crate) mod upg;

fn missing(path: &str, action: ActionKind) -> InputErrors {
    InputErrors(vec![InputError::new(
        ErrorCode::MissingField,
        path,
        format!("`{action}` needs `{path}`"),
    )])
}

/// Check a request (every problem, with its path) and decide it.
pub(crate) fn evaluate(req: &Request) -> Result<Decision, InputErrors> {
    let errors = crate::input::validate::check(req.facts());
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    decide(req.facts())
}

/// Decide one (already validated) request.
pub(crate) fn decide(req: Facts<'_>) -> Result<Decision, InputErrors> {
    decide_in(&Ctx::new(req), req)
}

/// [`evaluate`] in short: check a request (every problem, with its path) and decide it as a
/// [`DecisionSummary`].
pub(crate) fn summarize(req: &Request) -> Result<DecisionSummary, InputErrors> {
    let errors = crate::input::validate::check(req.facts());
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    summarize_facts(req.facts())
}

/// [`evaluate`] in short: check a request (every problem, with its path) and decide only what
/// its [`DecisionInShort`] holds.
pub(crate) fn shorten(req: &Request) -> Result<DecisionInShort, InputErrors> {
    let errors = crate::input::validate::check(req.facts());
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    shorten_facts(req.facts())
}

/// Decide one (already validated) request in short. With the `fast` feature only what the
/// summary reads is made ([`Detail::Summary`]: no messages, effects or deadlines); the summary
/// is that of the full decision (`core/tests/prepared.rs`, `properties.rs`).
pub(crate) fn summarize_facts(req: Facts<'_>) -> Result<DecisionSummary, InputErrors> {
    shorten_facts(req).map(|d| d.summary())
}

/// [`summarize_facts`], its summary to be written straight from the decision.
pub(crate) fn shorten_facts(req: Facts<'_>) -> Result<DecisionInShort, InputErrors> {
    #[cfg(feature = "fast")]
    let ctx = {
        let mut ctx = Ctx::new(req);
        ctx.detail(Detail::Summary);
        ctx
    };
    #[cfg(not(feature = "fast"))]
    let ctx = Ctx::new(req);
    decide_in(&ctx, req).map(DecisionInShort::from)
}

/// [`decide`], with when the decision can next change with time alone (what the queries
/// decide again at) written to `watch`: beside the decision, not with it, which would move a
/// decision (~400 bytes) into a pair.
pub(crate) fn decide_watching(req: Facts<'_>, watch: &mut Watch) -> Result<Decision, InputErrors> {
    watching(&Ctx::new(req), req, watch)
}

/// [`decide_watching`] with only what a query reads of it written ([`Detail`], `fast` feature).
#[cfg(feature = "fast")]
pub(crate) fn decide_in_detail(
    req: Facts<'_>,
    detail: Detail,
    watch: &mut Watch,
) -> Result<Decision, InputErrors> {
    // Set in place (a context is ~250 bytes to move).
    let mut ctx = Ctx::new(req);
    ctx.detail(detail);
    watching(&ctx, req, watch)
}

fn watching(ctx: &Ctx<'_>, req: Facts<'_>, watch: &mut Watch) -> Result<Decision, InputErrors> {
    let decided = decide_in(ctx, req);
    *watch = ctx.watch();
    decided
}

fn decide_in(ctx: &Ctx<'_>, req: Facts<'_>) -> Result<Decision, InputErrors> {
    let kind = req.action.kind();
    let mut a = ctx.answer();
    if let Action::Purchase { quantity } = req.action {
        let (Some(customer), Some(offer)) = (req.customer, req.offer) else {
            return Err(missing(
                if req.customer.is_none() {
                    Request::CUSTOMER
                } else {
                    Request::OFFER
                },
                kind,
            ));
        };
        role::check(ctx, None, kind, &mut a);
        elig::purchase(ctx, customer, offer, *quantity, &mut a);
        return Ok(a.finish(kind, ctx));
    }
    let Some(sub) = req.subscription else {
        return Err(missing(Request::SUBSCRIPTION, kind));
    };
    role::check(ctx, Some(sub.commerce_model), kind, &mut a);
    if let Action::Cancel = req.action {
        // The publisher API's view of the windows, on every cancel decision (an ended term's too).
        canc::publisher_view(ctx, sub, &mut a);
    }
    // LIFE-1: a term that ended without renewal takes no action.
    if life::ended(ctx, sub, &mut a) {
        return Ok(a.finish(kind, ctx));
    }
    mkt::publisher_action(sub, kind, &mut a);
    match req.action {
        Action::Purchase { .. } => {}
        Action::Cancel => canc::cancel(ctx, sub, &mut a),
        Action::Suspend { reason } => susp::suspend(ctx, sub, *reason, &mut a),
        Action::Reactivate => susp::reactivate(ctx, sub, &mut a),
        Action::Pause => pause::pause(ctx, sub, &mut a),
        Action::Resume => pause::resume(ctx, sub, &mut a),
        Action::SetAutoRenew { enabled } => renew::set_auto_renew(sub, *enabled, &mut a),
        Action::ChangeQuantity { quantity } => qty::change_quantity(ctx, sub, *quantity, &mut a),
        Action::Rename { name } => mkt::rename(sub, name, &mut a),
        Action::SetResellerId { reseller_id } => {
            mkt::set_reseller_id(ctx, sub, reseller_id, &mut a)
        }
        Action::Activate {
            licenses_assigned,
            setup_confirmed,
        } => mkt::activate(ctx, sub, *licenses_assigned, *setup_confirmed, &mut a),
        Action::PurchaseAddOn { quantity, channel } => {
            let Some(offer) = req.offer else {
                return Err(missing(Request::OFFER, kind));
            };
            addon::purchase_add_on(ctx, sub, offer, *quantity, *channel, &mut a);
        }
        Action::ScheduleChange { change } => sched::schedule_change(ctx, sub, change, &mut a),
        Action::CancelScheduledChange { change_id } => {
            sched::cancel_scheduled_change(ctx, sub, change_id, &mut a)
        }
        Action::Upgrade {
            target_sku,
            quantity,
            target,
            timing,
        } => {
            let u = upg::Upgrade {
                target_sku,
                quantity: *quantity,
                target,
                timing: *timing,
            };
            upg::upgrade(ctx, sub, &u, &mut a);
        }
    }
    Ok(a.finish(kind, ctx))
}
