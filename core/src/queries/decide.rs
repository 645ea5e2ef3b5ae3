//! Deciding the actions of a [`SubscriptionQuery`]: the representative set when none are given,
//! the facts checked once, each action decided at an instant.
use crate::error::InputErrors;
use crate::input::limits;
use crate::model::decision::Decision;
use crate::model::query::{Query, SubscriptionQuery};
use crate::model::request::Action;
use crate::model::request::Change;
use crate::model::request::Request;
use crate::model::request::UpgradeTarget;
use crate::model::vocab::AddOnChannel;
use crate::model::vocab::BillingType;
use crate::model::vocab::CommerceModel;
use crate::model::vocab::SuspendReason;
use crate::model::vocab::Timing;
use crate::rules::ctx::{Detail, Watch};
use chrono::DateTime;
use chrono::Utc;

/// The representative actions for a subscription when none are given: every action that
/// applies to it, with parameters a button would send (quantity ±1, the auto-renew toggle, each
/// scheduled change, each upgrade path, the given add-on offer).
pub fn default_actions(q: &SubscriptionQuery) -> Vec<Action> {
    defaults(q.view())
}

/// The actions a query decides: those asked for, or the representative set.
pub(crate) fn actions_of(q: Query<'_>) -> Vec<Action> {
    q.actions.map_or_else(|| defaults(q), <[Action]>::to_vec)
}

/// [`default_actions`] of a query's parts.
pub(crate) fn defaults(q: Query<'_>) -> Vec<Action> {
    let sub = q.subscription;
    let mut out = Vec::new();
    // Every default action is one `evaluate` accepts for a subscription it accepts: a rename to
    // a name that is not blank, a count no larger than the largest accepted.
    let name = [sub.name.as_deref(), Some(sub.id.as_str())]
        .into_iter()
        .flatten()
        .find(|n| !n.chars().all(char::is_whitespace));
    if let Some(name) = name {
        out.push(Action::Rename {
            name: name.to_string(),
        });
    }
    if let (BillingType::License, Some(n)) = (sub.billing_type, sub.quantity) {
        if n < limits::MAX_QUANTITY {
            out.push(Action::ChangeQuantity { quantity: n + 1 });
        }
        if n > 0 {
            out.push(Action::ChangeQuantity { quantity: n - 1 });
        }
    }
    out.push(Action::SetAutoRenew {
        enabled: !sub.auto_renew,
    });
    if sub.commerce_model == CommerceModel::Marketplace {
        out.push(Action::SetResellerId {
            reseller_id: sub.reseller_id.clone().unwrap_or_else(|| "0".into()),
        });
        out.push(Action::Activate {
            licenses_assigned: true,
            setup_confirmed: true,
        });
    }
    out.push(Action::Suspend {
        reason: SuspendReason::CustomerRequest,
    });
    out.extend([
        Action::Reactivate,
        Action::Cancel,
        Action::Pause,
        Action::Resume,
    ]);
    if let (CommerceModel::NewCommerce, Some(n)) = (sub.commerce_model, sub.quantity) {
        if n > 1 {
            out.push(Action::ScheduleChange {
                change: Change::Quantity { quantity: n - 1 },
            });
        }
    }
    out.extend(
        sub.scheduled_changes
            .iter()
            .map(|c| Action::CancelScheduledChange {
                change_id: c.id.clone(),
            }),
    );
    out.extend(sub.upgrade_paths.iter().map(|sku| Action::Upgrade {
        target_sku: sku.clone(),
        quantity: sub.quantity.unwrap_or(1),
        target: UpgradeTarget::New,
        timing: Timing::Now,
    }));
    if let Some(offer) = q.offer.filter(|o| o.add_on_for.is_some()) {
        out.push(Action::PurchaseAddOn {
            quantity: offer.min_quantity.unwrap_or(1),
            channel: AddOnChannel::BaseSubscription,
        });
    }
    out
}

/// The query's term and edition at `now` worked out once (`cache` feature; nothing without it):
/// every decision at `now` reads them instead of working them out again.
pub(crate) fn settle(q: &mut Query<'_>) {
    #[cfg(feature = "cache")]
    {
        q.settled = Some(crate::rules::ctx::settle(
            q.facts(&Action::Cancel, q.now.0),
            Some(q.calendar),
        ));
    }
    #[cfg(not(feature = "cache"))]
    let _ = q;
}

pub(crate) fn check(q: Query<'_>) -> Result<(), InputErrors> {
    // Validate the facts once, as a request with a neutral action.
    let errors = crate::input::validate::check(q.facts(&Action::Cancel, q.now.0));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

pub(crate) fn prefix(e: InputErrors, i: usize) -> InputErrors {
    let mut errors = e.0;
    for err in &mut errors {
        // `action…` of the request decided is `actions[i]…` of the query.
        if let Some(rest) = err.path.strip_prefix(Request::ACTION) {
            err.path = format!("{}[{i}]{rest}", SubscriptionQuery::ACTIONS);
        }
    }
    InputErrors(errors)
}

pub(crate) fn decide_at(
    q: Query<'_>,
    action: &Action,
    now: DateTime<Utc>,
    watch: &mut Watch,
) -> Result<Decision, InputErrors> {
    decide_at_in(q, action, now, Detail::Full, watch)
}

/// [`decide_at`] for a decision read only for its verdict and rules (a later instant of
/// [`first_change`](crate::queries::timeline::first_change)): with the `fast` feature its
/// messages and money are not written.
pub(crate) fn verdict_at(
    q: Query<'_>,
    action: &Action,
    now: DateTime<Utc>,
    watch: &mut Watch,
) -> Result<Decision, InputErrors> {
    decide_at_in(q, action, now, Detail::Verdict, watch)
}

/// [`decide_at`] with only `detail` of the decision written (`fast` feature; everything
/// without it). When the decision can next change with time alone is written to `watch`.
pub(crate) fn decide_at_in(
    q: Query<'_>,
    action: &Action,
    now: DateTime<Utc>,
    detail: Detail,
    watch: &mut Watch,
) -> Result<Decision, InputErrors> {
    let facts = q.facts(action, now);
    // The facts were checked once (`check`): what depends on the action is checked here.
    let errors = crate::input::validate::check_action(facts);
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    #[cfg(feature = "fast")]
    if detail != Detail::Full {
        return crate::rules::decide_in_detail(facts, detail, watch);
    }
    #[cfg(not(feature = "fast"))]
    let _ = detail;
    crate::rules::decide_watching(facts, watch)
}
