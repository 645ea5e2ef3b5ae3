//! Which actions are available on a subscription now, each with its full decision and the
//! instant time alone changes it.

use crate::error::InputErrors;
use crate::model::decision::DeadlineKind;
use crate::model::decision::Decision;
use crate::model::query::{Query, SubscriptionQuery};
use crate::model::request::Action;
use crate::queries::decide::{actions_of, check, decide_at_in, prefix, settle};
use crate::queries::timeline::{first_change, timeline_points};
use crate::rules::catalog::Rule;
use crate::rules::ctx::{Detail, Watch};
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
    available_actions_of(q.view(), false, Detail::Full)
}

/// [`available_actions`], deciding every action again at every future point: the plain reading
/// that [`available_actions`] is held equal to (tests only).
#[doc(hidden)]
pub fn available_actions_at_every_point(
    q: &SubscriptionQuery,
) -> Result<AvailableActions, InputErrors> {
    available_actions_of(q.view(), true, Detail::Full)
}

/// [`available_actions`] of a query's parts.
pub(crate) fn available_actions_of(
    q: Query<'_>,
    every_point: bool,
    detail: Detail,
) -> Result<AvailableActions, InputErrors> {
    let actions = each_action(q, Some(every_point), detail, |action, decision| {
        AvailableAction {
            action,
            // Taken out of its place: the one copy of the decision, into the answer.
            decision: std::mem::replace(decision, taken()),
        }
    })?;
    Ok(AvailableActions {
        subscription_id: q.subscription.id.clone(),
        actions,
    })
}

/// Every action of the query decided at `now` (with `detail` of it written), with the instant
/// time alone changes it (`outcomeChangesAt`) unless `changes` is `None` (`Some(every_point)`:
/// see [`first_change`]), each handed to `make` where it was decided: the available actions take
/// the decisions, the states make their short form of each in place.
fn each_action<T>(
    q: Query<'_>,
    changes: Option<bool>,
    detail: Detail,
    mut make: impl FnMut(Action, &mut Decision) -> T,
) -> Result<Vec<T>, InputErrors> {
    check(q)?;
    let mut q = q;
    settle(&mut q);
    let actions = actions_of(q);
    // Only the points' instants are read: no labels.
    let points = match changes {
        Some(_) => timeline_points(q, false),
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(actions.len());
    for (i, action) in actions.into_iter().enumerate() {
        // Kept where it was decided (not moved: a decision is ~400 bytes to copy).
        let mut watch = Watch::Unknown;
        let mut got = decide_at_in(q, &action, q.now.0, detail, &mut watch);
        let decision = match &mut got {
            Ok(decision) => decision,
            Err(e) => return Err(prefix(InputErrors(std::mem::take(&mut e.0)), i)),
        };
        if let Some(every_point) = changes {
            add_change(q, &action, decision, watch, &points, every_point);
        }
        out.push(make(action, decision));
    }
    Ok(out)
}

/// A decision's `outcomeChangesAt` deadline, where time alone changes it.
fn add_change(
    q: Query<'_>,
    action: &Action,
    decision: &mut Decision,
    watch: Watch,
    points: &[crate::queries::timeline::TimelinePoint],
    every_point: bool,
) {
    if let Some(change) = first_change(q, action, decision, watch, points, every_point) {
        decision.deadlines.push(crate::model::decision::Deadline {
            kind: DeadlineKind::OutcomeChangesAt,
            at: change.changes_at,
            rule: change.rules_after.first().copied().unwrap_or(Rule::Time2),
        });
        crate::util::sort_by_key(&mut decision.deadlines, |d| d.at);
    }
}

/// The decision of the query's action number `index` of [`available_actions_of`] (its
/// `outcomeChangesAt` included), the others not decided; `None` past the last action.
pub(crate) fn available_action_of(
    q: Query<'_>,
    index: usize,
) -> Result<Option<Decision>, InputErrors> {
    check(q)?;
    let mut q = q;
    settle(&mut q);
    let Some(action) = actions_of(q).into_iter().nth(index) else {
        return Ok(None);
    };
    let points = timeline_points(q, false);
    let mut watch = Watch::Unknown;
    let mut decision = decide_at_in(q, &action, q.now.0, Detail::Full, &mut watch)
        .map_err(|e| prefix(e, index))?;
    add_change(q, &action, &mut decision, watch, &points, false);
    Ok(Some(decision))
}

/// An action's verdict and the rules that decided it ([`ActionVerdicts`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionVerdict {
    /// The action and the parameters it was decided with.
    pub action: Action,
    /// The verdict.
    pub verdict: crate::model::decision::Verdict,
    /// The IDs of the rules that decided, as [`Decision::rule_ids`].
    pub rules: Vec<Rule>,
}

/// Every action on the subscription at `now` with its verdict and rules only: the decisions of
/// [`available_actions`] made with no more than that (a lazy list's, which makes each decision
/// in full when it is read: [`Prepared::available_action`](crate::Prepared::available_action)).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionVerdicts {
    /// The subscription.
    pub subscription_id: String,
    /// The actions, in the order of [`AvailableActions`].
    pub actions: Vec<ActionVerdict>,
}

/// [`ActionVerdicts`] of a query's parts.
pub(crate) fn action_verdicts_of(q: Query<'_>) -> Result<ActionVerdicts, InputErrors> {
    Ok(ActionVerdicts {
        actions: each_action(q, None, Detail::Verdict, |action, decision| ActionVerdict {
            action,
            verdict: decision.verdict,
            rules: decision.rule_ids(),
        })?,
        subscription_id: q.subscription.id.clone(),
    })
}

/// What is left where a decision was taken out of its place: read by nothing, dropped.
fn taken() -> Decision {
    Decision {
        action: crate::model::vocab::ActionKind::Cancel,
        verdict: crate::model::decision::Verdict::Denied,
        effective_at: None,
        reasons: Vec::new(),
        alternative: None,
        effects: Vec::new(),
        money: Vec::new(),
        deadlines: Vec::new(),
        evaluated_at: crate::model::scalar::Instant(chrono::DateTime::UNIX_EPOCH),
        edition: crate::policy::edition::Edition::E2021,
        edition_choice: crate::policy::edition::EditionChoice::E2021,
        policy_fingerprint: std::borrow::Cow::Borrowed(""),
        refund_options: None,
        cancellation_allowed_until_date: None,
        refundable_quantity: None,
    }
}

/// An action's state for a button in a list of subscriptions: what [`available_actions`] decides
/// of it, in short (the verdict, whether the button is enabled, the rules and the one reason a
/// list shows), so a page of many subscriptions is answered without every decision in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ActionState {
    /// The action and the parameters it was decided with.
    pub action: Action,
    /// The verdict.
    pub verdict: crate::model::decision::Verdict,
    /// Whether the action can be done (now or at renewal): the button is enabled.
    pub enabled: bool,
    /// The IDs of the rules that decided, as the decision's `reasons` list them.
    pub rules: Vec<Rule>,
    /// Why, in one line: the message of the first reason whose outcome is the verdict's (the
    /// first reason where none is).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub reason: crate::i18n::Message,
    /// When time alone changes the verdict (`outcomeChangesAt`), where it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes_at: Option<crate::model::scalar::Instant>,
}

/// [`ActionStates`] of a query's parts: the decisions of [`available_actions_of`], made with only
/// what a state shows (`fast` feature), each made a state as it is decided.
pub(crate) fn action_states_of(q: Query<'_>) -> Result<ActionStates, InputErrors> {
    Ok(ActionStates {
        actions: each_action(q, Some(false), Detail::States, ActionState::of)?,
        subscription_id: q.subscription.id.clone(),
    })
}

/// Every action's state on a subscription at `now`: [`AvailableActions`] in short.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ActionStates {
    /// The subscription.
    pub subscription_id: String,
    /// The actions, in the order of [`AvailableActions`].
    pub actions: Vec<ActionState>,
}

impl From<AvailableActions> for ActionStates {
    fn from(all: AvailableActions) -> Self {
        ActionStates {
            subscription_id: all.subscription_id,
            actions: all
                .actions
                .into_iter()
                .map(
                    |AvailableAction {
                         action,
                         mut decision,
                     }| ActionState::of(action, &mut decision),
                )
                .collect(),
        }
    }
}

impl ActionState {
    /// The state of `action` from its decision (which it takes the reason's message from).
    fn of(action: Action, decision: &mut Decision) -> ActionState {
        use crate::model::decision::{Outcome, Verdict};
        let outcome = match decision.verdict {
            Verdict::AllowedNow => Outcome::Allow,
            Verdict::Scheduled => Outcome::Schedule,
            Verdict::Denied => Outcome::Deny,
            Verdict::NeedsSupport => Outcome::NeedsSupport,
        };
        let i = decision
            .reasons
            .iter()
            .position(|r| r.outcome == outcome)
            .unwrap_or(0);
        // Taken, not copied: the decision is dropped after.
        let reason = decision
            .reasons
            .get_mut(i)
            .map(|r| std::mem::take(&mut r.message))
            .unwrap_or_default();
        ActionState {
            enabled: matches!(decision.verdict, Verdict::AllowedNow | Verdict::Scheduled),
            verdict: decision.verdict,
            rules: decision.rule_ids(),
            reason,
            changes_at: decision
                .deadlines
                .iter()
                .find(|d| d.kind == DeadlineKind::OutcomeChangesAt)
                .map(|d| d.at),
            action,
        }
    }
}
