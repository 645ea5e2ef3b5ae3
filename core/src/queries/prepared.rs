//! Prepared subscriptions: a request's facts (everything but `now` and the action) read and
//! checked once, then asked many questions — a decision per action and instant, the available
//! actions, the timeline — without reading them again.
//!
//! Each answer equals the one-shot answer of the same request: a call checks the facts with its
//! action and `now` exactly as [`evaluate`](crate::evaluate) checks a request (the part of the
//! check that reads neither is also run once, at preparing, so bad facts fail there), then
//! decides. Nothing is cached between calls.

use crate::error::{ErrorCode, InputError, InputErrors};
use crate::input::decode::{from_value_at, Path};
use crate::input::json::Json;
use crate::model::decision::{Decision, DecisionInShort, DecisionSummary};
use crate::model::query::Query;
use crate::model::request::{Action, Facts, PreparedFacts, Request};
use crate::model::scalar::Instant;
use crate::queries::actions::{
    action_states_of, action_verdicts_of, available_action_of, available_actions_of, ActionStates,
    ActionVerdicts, AvailableActions,
};
use crate::queries::timeline::{timeline_of, Timeline};
use crate::rules::ctx::Detail;
use chrono::DateTime;

/// A subscription's facts, read and checked once: ask it [`Prepared::evaluate`] for any action
/// at any instant, [`Prepared::available_actions`] and [`Prepared::timeline`].
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    facts: PreparedFacts,
    /// The subscription's billing calendar (MONEY-1), which depends on the facts alone: computed
    /// once here for every call (`cache` feature).
    #[cfg(feature = "cache")]
    calendar: Option<crate::calendar::KeyedCalendar>,
}

impl Prepared {
    /// Check `facts` (every problem that does not depend on the action or `now`, with its path)
    /// and keep them.
    pub fn new(facts: PreparedFacts) -> Result<Self, InputErrors> {
        // The instant of the check: the order (no fact may be before it), or 1970 for facts
        // without a subscription. What depends on `now` or the action is checked at each call.
        let at = facts
            .subscription
            .as_ref()
            .map_or(Instant(DateTime::UNIX_EPOCH), |s| s.ordered_at);
        let mut errors = crate::input::validate::check(facts.facts(&Action::Cancel, at));
        errors.retain(|e| !of_call(&e.path));
        if errors.is_empty() {
            Ok(Prepared {
                #[cfg(feature = "cache")]
                calendar: facts
                    .subscription
                    .as_ref()
                    .map(crate::model::request::Subscription::keyed_calendar),
                facts,
            })
        } else {
            Err(InputErrors(errors))
        }
    }

    /// Read facts (a request without `now` and `action`) from a JSON value and check them.
    pub fn from_json_value(value: &Json<'_>) -> Result<Self, InputErrors> {
        let facts: PreparedFacts = crate::input::decode::from_value(value).map_err(InputErrors)?;
        Prepared::new(facts)
    }

    /// The facts kept.
    pub fn facts(&self) -> &PreparedFacts {
        &self.facts
    }

    /// Decide `action` at `now`: what [`evaluate`](crate::evaluate) answers for the request of
    /// these facts with this action and instant.
    pub fn evaluate(&self, action: &Action, now: Instant) -> Result<Decision, InputErrors> {
        let facts = self.checked(action, now)?;
        crate::rules::decide(facts)
    }

    /// The facts of a call, checked: what the action and `now` can change (all of them without
    /// the `cache` feature), the same problems in the same order as `evaluate` finds.
    #[inline]
    fn checked<'a>(&'a self, action: &'a Action, now: Instant) -> Result<Facts<'a>, InputErrors> {
        #[cfg(feature = "cache")]
        let facts = crate::model::request::Facts {
            calendar: self.calendar,
            ..self.facts.facts(action, now)
        };
        #[cfg(not(feature = "cache"))]
        let facts = self.facts.facts(action, now);
        // The facts were checked at preparing: what the action and `now` can change is checked
        // here (the same problems, in the same order, as `evaluate` finds). Without the `cache`
        // feature everything is checked again, as `evaluate` checks it.
        #[cfg(feature = "cache")]
        let errors = crate::input::validate::check_call(facts);
        #[cfg(not(feature = "cache"))]
        let errors = crate::input::validate::check(facts);
        if !errors.is_empty() {
            return Err(InputErrors(errors));
        }
        Ok(facts)
    }

    /// [`Prepared::evaluate`] in short: the same decision as a [`DecisionSummary`], with only
    /// what the summary reads made (no messages, effects or deadlines).
    pub fn summarize(&self, action: &Action, now: Instant) -> Result<DecisionSummary, InputErrors> {
        let facts = self.checked(action, now)?;
        crate::rules::summarize_facts(facts)
    }

    /// [`Prepared::summarize`], the summary to be written straight from the decision (as JSON
    /// it is the same).
    pub fn shorten(&self, action: &Action, now: Instant) -> Result<DecisionInShort, InputErrors> {
        let facts = self.checked(action, now)?;
        crate::rules::shorten_facts(facts)
    }

    /// [`Prepared::shorten`] of an action read here at a `now` read already, as
    /// [`Prepared::summarize_call`].
    pub fn shorten_call(
        &self,
        now: &Result<Instant, Vec<InputError>>,
        action: &Json<'_>,
    ) -> Result<DecisionInShort, InputErrors> {
        self.call(now, action, Prepared::shorten)
    }

    /// [`Prepared::summarize`] of an action read here at a `now` read already: every problem of
    /// the call, `now`'s first, as [`Prepared::evaluate_call`] reports them.
    pub fn summarize_call(
        &self,
        now: &Result<Instant, Vec<InputError>>,
        action: &Json<'_>,
    ) -> Result<DecisionSummary, InputErrors> {
        self.call(now, action, Prepared::summarize)
    }

    /// A call of `decide` on an action read here at a `now` read already, or every problem of
    /// both, `now`'s first.
    fn call<T>(
        &self,
        now: &Result<Instant, Vec<InputError>>,
        action: &Json<'_>,
        decide: impl FnOnce(&Self, &Action, Instant) -> Result<T, InputErrors>,
    ) -> Result<T, InputErrors> {
        match (now, read_action(action)) {
            (Ok(now), Ok(action)) => decide(self, &action, *now),
            (now, action) => {
                let mut errors = now.clone().err().unwrap_or_default();
                errors.extend(action.err().unwrap_or_default());
                Err(InputErrors(errors))
            }
        }
    }

    /// [`Prepared::evaluate`] with the action and `now` as JSON values: `now` an RFC 3339 string
    /// or epoch milliseconds; problems at `now` and `action…`, as in a request.
    pub fn evaluate_json_value(
        &self,
        action: &Json<'_>,
        now: &Json<'_>,
    ) -> Result<Decision, InputErrors> {
        self.evaluate_call(&read_now(now), action)
    }

    /// [`Prepared::evaluate`] of an action read here at a `now` read already: every problem of
    /// the call, `now`'s first, as a request's.
    pub fn evaluate_call(
        &self,
        now: &Result<Instant, Vec<InputError>>,
        action: &Json<'_>,
    ) -> Result<Decision, InputErrors> {
        self.call(now, action, Prepared::evaluate)
    }

    /// Decide each action of an array at `now`: one answer per action, in order (at most
    /// [`limits::MAX_BATCH`](crate::limits::MAX_BATCH)). A bad `now` or a value that is not an
    /// array fails the whole call; a bad action fails its own answer.
    pub fn evaluate_many_json_value(
        &self,
        actions: &Json<'_>,
        now: &Json<'_>,
    ) -> Result<Vec<Result<Decision, InputErrors>>, InputErrors> {
        let now = read_now(now).map_err(InputErrors)?;
        let Json::Array(items) = actions else {
            return Err(InputErrors(vec![not_actions()]));
        };
        crate::input::limits::check_batch(items.len())?;
        Ok(items
            .iter()
            .map(|a| self.evaluate_call(&Ok(now), a))
            .collect())
    }

    /// The facts as a subscription query at `now` (every action's default set).
    fn query(&self, now: Instant) -> Result<Query<'_>, InputErrors> {
        let f = &self.facts;
        let Some(subscription) = f.subscription.as_ref() else {
            return Err(InputErrors(vec![InputError::new(
                ErrorCode::MissingField,
                PreparedFacts::SUBSCRIPTION,
                format!(
                    "the available actions and the timeline need `{}`",
                    PreparedFacts::SUBSCRIPTION
                ),
            )]));
        };
        Ok(Query {
            now,
            actor: &f.actor,
            subscription,
            customer: f.customer.as_ref(),
            offer: f.offer.as_ref(),
            edition: f.edition,
            policy: &f.policy,
            locale: f.locale,
            actions: None,
            #[cfg(feature = "cache")]
            calendar: self
                .calendar
                .unwrap_or_else(|| subscription.keyed_calendar()),
            #[cfg(feature = "cache")]
            settled: None,
        })
    }

    /// [`available_actions`](crate::available_actions) of these facts at `now`.
    pub fn available_actions(&self, now: Instant) -> Result<AvailableActions, InputErrors> {
        available_actions_of(self.query(now)?, false, Detail::Full)
    }

    /// Every action's state at `now`, in short: [`Prepared::available_actions`] as a list of
    /// buttons needs it.
    pub fn action_states(&self, now: Instant) -> Result<ActionStates, InputErrors> {
        action_states_of(self.query(now)?)
    }

    /// Every action's verdict and rules at `now`: the decisions of
    /// [`Prepared::available_actions`], made with no more than that.
    pub fn action_verdicts(&self, now: Instant) -> Result<ActionVerdicts, InputErrors> {
        action_verdicts_of(self.query(now)?)
    }

    /// The decision of action number `index` of [`Prepared::available_actions`] at `now`, alone
    /// (the others are not decided); `None` past the last action.
    pub fn available_action(
        &self,
        now: Instant,
        index: usize,
    ) -> Result<Option<Decision>, InputErrors> {
        available_action_of(self.query(now)?, index)
    }

    /// [`timeline`](crate::timeline) of these facts at `now`.
    pub fn timeline(&self, now: Instant) -> Result<Timeline, InputErrors> {
        timeline_of(self.query(now)?, false)
    }
}

/// Whether an error is about what each call gives (`now`, `action…`), not about the facts.
fn of_call(path: &str) -> bool {
    // `action`, `action.change`, `action[…]`: no other path of a request starts so.
    path == Request::NOW || path.starts_with(Request::ACTION)
}

/// What a batch of actions that is not an array is answered.
pub fn not_actions() -> InputError {
    InputError::new(
        ErrorCode::InvalidType,
        crate::model::query::SubscriptionQuery::ACTIONS,
        "expected an array of actions",
    )
}

/// A call's action, read as a request's `action` is (problems at `action…`).
pub fn read_action(value: &Json<'_>) -> Result<Action, Vec<InputError>> {
    if let Json::Null = value {
        return Err(vec![needed(Request::ACTION)]);
    }
    from_value_at(value, &Path::Key(&Path::Root, Request::ACTION))
}

/// `name` is absent (or `null`).
fn needed(name: &str) -> InputError {
    InputError::new(ErrorCode::MissingField, name, "required for each call")
}

/// A call's `now`: an RFC 3339 string, read as a request's `now` is, or whole epoch
/// milliseconds (`Date.now()`, `date.getTime()`).
pub fn read_now(value: &Json<'_>) -> Result<Instant, Vec<InputError>> {
    let path = Path::Key(&Path::Root, Request::NOW);
    if let Json::Null = value {
        return Err(vec![needed(Request::NOW)]);
    }
    if let Json::Int(_) | Json::Float(..) = value {
        let ms = match value {
            Json::Int(ms) => Some(*ms),
            _ => None,
        };
        let Some(t) = ms.and_then(DateTime::from_timestamp_millis) else {
            return Err(vec![InputError::new(
                ErrorCode::InvalidValue,
                Request::NOW,
                "not whole epoch milliseconds",
            )]);
        };
        // Read as the same instant written, so every check of a `now` applies alike.
        let text = crate::time::format_rfc3339(&t);
        return from_value_at(&Json::String(text.into()), &path);
    }
    from_value_at(value, &path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn call_paths() {
        assert!(of_call("now"));
        assert!(of_call("action"));
        assert!(of_call("action.change"));
        assert!(!of_call("actor"));
        assert!(!of_call("nowhere"));
    }
}
