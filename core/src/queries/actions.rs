//! Which actions are available on a subscription now, each with its full decision and the
//! instant time alone changes it.

use crate::error::InputErrors;
use crate::model::decision::DeadlineKind;
use crate::model::decision::Decision;
use crate::model::query::{Query, SubscriptionQuery};
use crate::model::request::Action;
use crate::queries::decide::{actions_of, check, decide_at, prefix};
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
    /// The actions, in the order asked (or of [`default_actions`](crate::queries::decide::default_actions)).
    pub actions: Vec<AvailableAction>,
}

/// Every action on the subscription at `now`, each with its full decision.
pub fn available_actions(q: &SubscriptionQuery) -> Result<AvailableActions, InputErrors> {
    available_actions_of(q.view(), false)
}

/// [`available_actions`], deciding every action again at every future point: the plain reading
/// that [`available_actions`] is held equal to (tests only).
#[doc(hidden)]
pub fn available_actions_at_every_point(
    q: &SubscriptionQuery,
) -> Result<AvailableActions, InputErrors> {
    available_actions_of(q.view(), true)
}

/// [`available_actions`] of a query's parts.
pub(crate) fn available_actions_of(
    q: Query<'_>,
    every_point: bool,
) -> Result<AvailableActions, InputErrors> {
    check(q)?;
    let actions = actions_of(q);
    let points = timeline_points(q);
    let mut out = Vec::with_capacity(actions.len());
    for (i, action) in actions.into_iter().enumerate() {
        let (mut decision, watch) = decide_at(q, &action, q.now.0).map_err(|e| prefix(e, i))?;
        if let Some(change) = first_change(q, &action, &decision, watch, &points, every_point) {
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
