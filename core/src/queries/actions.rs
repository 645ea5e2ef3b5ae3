//! Which actions are available on a subscription now, each with its full decision and the
//! instant time alone changes it.

use crate::error::InputErrors;
use crate::model::decision::DeadlineKind;
use crate::model::decision::Decision;
use crate::model::query::SubscriptionQuery;
use crate::model::request::Action;
use crate::queries::decide::{check, decide_at, default_actions, prefix};
use crate::queries::timeline::{first_change, timeline_points};
use crate::rules::catalog::Rule;
use serde::{Deserialize, Serialize};

/// One action of [`available_actions`] with its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AvailableAction {
    /// The action and the parameters it was decided with.
    pub action: Action,
    /// The decision; its deadlines include `outcomeChangesAt` when time alone changes it.
    pub decision: Decision,
}

/// Every action on the subscription at `now`, each with its decision: what a page needs to show
/// each button enabled or disabled with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AvailableActions {
    /// The subscription.
    pub subscription_id: String,
    /// The actions, in the order asked (or of [`default_actions`]).
    pub actions: Vec<AvailableAction>,
}

/// Every action on the subscription at `now`, each with its full decision.
pub fn available_actions(q: &SubscriptionQuery) -> Result<AvailableActions, InputErrors> {
    check(q)?;
    let actions = q.actions.clone().unwrap_or_else(|| default_actions(q));
    let points = timeline_points(q);
    let mut out = Vec::with_capacity(actions.len());
    for (i, action) in actions.into_iter().enumerate() {
        let mut decision = decide_at(q, &action, q.now.0).map_err(|e| prefix(e, i))?;
        if let Some(change) = first_change(q, &action, &decision, &points) {
            decision.deadlines.push(crate::model::decision::Deadline {
                kind: DeadlineKind::OutcomeChangesAt,
                at: change.changes_at,
                rule: change.rules_after.first().copied().unwrap_or(Rule::Time2),
            });
            crate::util::sort_by_key(&mut decision.deadlines, |d| d.at);
        }
        out.push(AvailableAction { action, decision });
    }
    Ok(AvailableActions {
        subscription_id: q.subscription.id.clone(),
        actions: out,
    })
}
