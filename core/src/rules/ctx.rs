//! What every rule reads ([`Ctx`]) and writes ([`Answer`]), and the small helpers they share.

#[cfg(feature = "cache")]
use std::borrow::Cow;
#[cfg(feature = "cache")]
use std::cell::Cell;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::calendar::{Calendar, Period};
use crate::i18n::{Locale, Message};
use crate::model::decision::{
    Alternative, ApiCode, Deadline, DeadlineKind, Decision, Effect, EffectKind, MoneyLine, Outcome,
    Reason, RefundKind, RefundOption, RefundableQuantity, RefundableSeats, Verdict,
};
#[cfg(feature = "cache")]
use crate::model::request::Settled;
use crate::model::request::{Action, Change, Facts, Subscription};
use crate::model::vocab::{ActionKind, Status};
use crate::policy::edition::Edition;
use crate::policy::params::Policy;
use crate::rules::catalog::Rule;

/// What every rule may read.
pub(crate) struct Ctx<'a> {
    /// The request's facts.
    pub req: Facts<'a>,
    /// TIME-2: the evaluation instant, taken from the request, never from a clock.
    pub now: DateTime<Utc>,
    /// The edition in force.
    pub edition: Edition,
    /// The effective policy parameters: the edition's, with the request's overrides.
    pub policy: PolicyRef,
    /// Language of the messages.
    pub locale: Locale,
    /// The earliest instant after `now` that a comparison of this decision was made against
    /// (`fast` feature): until then every comparison comes out the same, so the decision does.
    #[cfg(feature = "fast")]
    next: std::cell::Cell<Option<DateTime<Utc>>>,
    /// What of the decision is read ([`Ctx::detail`]).
    #[cfg(feature = "fast")]
    detail: Detail,
    /// MONEY-1: the last calendar asked for and what it was computed from: the rules ask for
    /// the subscription's several times per decision ([`Ctx::calendar`]; `cache` feature).
    #[cfg(feature = "cache")]
    calendar: Cell<Option<(CalendarKey, Calendar)>>,
    /// MONEY-1: the calendar of the request's own subscription, which the rules ask for most
    /// (`cache` feature): found without computing what it is computed from.
    #[cfg(feature = "cache")]
    own: Option<Calendar>,
}

/// A decision's policy: with the `cache` feature an edition's own parameters are read in place
/// (no clone of its role tables); without it a copy.
#[cfg(feature = "cache")]
pub(crate) type PolicyRef = Cow<'static, Policy>;
/// A decision's policy (see the `cache` variant).
#[cfg(not(feature = "cache"))]
pub(crate) type PolicyRef = Policy;

#[cfg(feature = "cache")]
use crate::calendar::{CalendarKey, KeyedCalendar};

/// How much of a decision a query reads, so the rest is not written (`fast` feature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
pub(crate) enum Detail {
    /// Everything.
    #[default]
    Full,
    /// An action's state for a button ([`ActionState`](crate::ActionState)): the verdict,
    /// the rules and their messages; no money.
    States,
    /// The verdict and the rules only: no messages, no money (a later instant of
    /// [`first_change`](crate::queries::timeline::first_change)).
    Verdict,
    /// A decision in short ([`DecisionSummary`](crate::DecisionSummary)): the verdict, when it
    /// takes effect, the rules, the alternative's action and the money; no messages, effects or
    /// deadlines (`evaluateManyCompact`).
    Summary,
}

/// When a decision can next change with time alone (the `fast` feature): `Unknown` without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
pub(crate) enum Watch {
    /// Not recorded: ask again at every instant of interest.
    Unknown,
    /// No comparison with a later instant was made: the decision stays as it is.
    Never,
    /// The decision is the same until this instant.
    Until(DateTime<Utc>),
}

/// The edition a request is evaluated under and its effective parameters.
pub(crate) fn effective(req: Facts<'_>) -> (Edition, PolicyRef) {
    #[cfg(feature = "cache")]
    if let Some(s) = settled_now(req) {
        return (s.edition, settled_policy(req, s));
    }
    let edition = edition_in(
        req,
        req.subscription.map(|s| s.current_term_start(req.now.0)),
    );
    (edition, policy_in(req, edition))
}

/// The edition in force for the start of the term `now` is in, already known.
fn edition_in(req: Facts<'_>, term_start: Option<DateTime<Utc>>) -> Edition {
    let (ordered_at, term_start) = match (req.subscription, term_start) {
        (Some(s), Some(start)) => (s.ordered_at.0, start),
        _ => (req.now.0, req.now.0),
    };
    req.edition.resolve(ordered_at, term_start)
}

/// The effective parameters under `edition`: its own, with the request's overrides.
fn policy_in(req: Facts<'_>, edition: Edition) -> PolicyRef {
    #[cfg(feature = "cache")]
    if req.policy.is_empty() {
        return edition.policy_ref();
    }
    let policy = req.policy.apply(edition.policy());
    #[cfg(feature = "cache")]
    let policy = Cow::Owned(policy);
    policy
}

/// [`Settled`] for `req` at its `now`, from its subscription's calendar `first` (the
/// subscription's own where it has one).
#[cfg(feature = "cache")]
pub(crate) fn settle(req: Facts<'_>, first: Option<KeyedCalendar>) -> Settled {
    let term = term_of(req, first);
    let edition = edition_in(req, term.map(|t| t.0));
    Settled {
        at: req.now.0,
        term,
        edition,
        policy: match policy_in(req, edition) {
            Cow::Borrowed(policy) => Some(policy),
            Cow::Owned(_) => None,
        },
    }
}

/// What the caller worked out for this very instant ([`Facts::settled`]), if it did.
#[cfg(feature = "cache")]
fn settled_now(req: Facts<'_>) -> Option<Settled> {
    req.settled.filter(|s| s.at == req.now.0)
}

/// The term `now` is in (start and end), from the subscription's calendar `first`.
#[cfg(feature = "cache")]
fn term_of(req: Facts<'_>, first: Option<KeyedCalendar>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    req.subscription
        .zip(first)
        .map(|(s, (_, c))| s.term_around_from(c, req.now.0))
}

/// The effective parameters of a decision with `settled` facts: the edition's own, borrowed, or
/// worked out with the overrides.
#[cfg(feature = "cache")]
fn settled_policy(req: Facts<'_>, settled: Settled) -> PolicyRef {
    settled
        .policy
        .map_or_else(|| policy_in(req, settled.edition), Cow::Borrowed)
}

/// The fingerprint of a policy; the editions' own are computed once and borrowed.
pub(crate) fn fingerprint(
    edition: Edition,
    policy: &Policy,
    overridden: bool,
) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    static CACHE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    if overridden {
        return Cow::Owned(policy.fingerprint());
    }
    let cached = CACHE.get_or_init(|| {
        Edition::ALL
            .iter()
            .map(|e| e.policy().fingerprint())
            .collect()
    });
    let i = Edition::ALL.iter().position(|e| *e == edition).unwrap_or(0);
    cached.get(i).map_or_else(
        || Cow::Owned(policy.fingerprint()),
        |f| Cow::Borrowed(f.as_str()),
    )
}

impl<'a> Ctx<'a> {
    pub fn new(req: Facts<'a>) -> Self {
        #[cfg(not(feature = "cache"))]
        let (edition, policy) = effective(req);
        // The term `now` is in (the edition `atTermStart` resolves to its start) and its end.
        #[cfg(feature = "cache")]
        let first = req
            .calendar
            .or_else(|| req.subscription.map(Subscription::keyed_calendar));
        // Worked out here unless the caller did for this instant (a query, once for every
        // action at its `now`). Written out rather than through `settle`, whose `Settled` would
        // only be taken apart again: that made a one-shot decision 59 instructions dearer.
        #[cfg(feature = "cache")]
        let (term, edition, policy) = match settled_now(req) {
            Some(s) => (s.term, s.edition, settled_policy(req, s)),
            None => {
                let term = term_of(req, first);
                let edition = edition_in(req, term.map(|t| t.0));
                (term, edition, policy_in(req, edition))
            }
        };
        // Read below only with the `fast` feature's notes.
        #[cfg(all(feature = "cache", not(feature = "fast")))]
        let _ = term;
        let ctx = Ctx {
            req,
            now: req.now.0, // TIME-2
            edition,
            policy,
            locale: req.locale,
            #[cfg(feature = "fast")]
            next: std::cell::Cell::new(None),
            #[cfg(feature = "fast")]
            detail: Detail::Full,
            #[cfg(feature = "cache")]
            calendar: Cell::new(first),
            #[cfg(feature = "cache")]
            own: first.map(|(_, c)| c),
        };
        // What every decision reads of time besides the rules' own windows: the phase of the
        // subscription (LIFE-1/2, MKT-1: the trial's end, billing's start; without auto-renew the
        // given term's end, LIFE-1, which is then the end of the term `now` is in) and, for the
        // edition `atTermStart`, the end of the term `now` is in (it resolves to the next term's
        // edition after it). An auto-renewing subscription's renewal changes nothing else that
        // is not a rule's own comparison (`Ctx::before`, which notes it).
        #[cfg(feature = "fast")]
        if let Some(sub) = req.subscription {
            let term_end = term
                .filter(|_| {
                    !sub.auto_renew
                        || req.edition == crate::policy::edition::EditionChoice::AtTermStart
                })
                .map(|t| t.1);
            for t in [
                sub.trial_ends_at.map(|t| t.0),
                sub.billing_started_at.map(|t| t.0),
                term_end,
            ]
            .into_iter()
            .flatten()
            {
                ctx.note(t);
            }
        }
        ctx
    }

    /// Whether the request overrides a policy parameter, for the fingerprint: with the `cache`
    /// feature its policy is then its own copy (an edition's is borrowed, [`policy_in`]), so
    /// every override is not looked at again. (An edition's policy held as a copy would give the
    /// same fingerprint, computed instead of found.)
    fn overridden(&self) -> bool {
        #[cfg(feature = "cache")]
        return matches!(self.policy, Cow::Owned(_));
        #[cfg(not(feature = "cache"))]
        !self.req.policy.is_empty()
    }

    /// `now < t`: how every rule compares `now` with an instant. With the `fast` feature `t` is
    /// noted, so a query knows when the decision can next change ([`Ctx::watch`]).
    #[inline]
    pub fn before(&self, t: DateTime<Utc>) -> bool {
        self.note(t);
        self.now < t
    }

    /// Note an instant the decision depends on (`fast` feature; nothing without it).
    #[inline]
    pub fn note(&self, t: DateTime<Utc>) {
        #[cfg(feature = "fast")]
        if t > self.now && self.next.get().is_none_or(|n| t < n) {
            self.next.set(Some(t));
        }
        #[cfg(not(feature = "fast"))]
        let _ = t;
    }

    /// When the decision made in this context can next change with time alone.
    pub fn watch(&self) -> Watch {
        #[cfg(feature = "fast")]
        return self.next.get().map_or(Watch::Never, Watch::Until);
        #[cfg(not(feature = "fast"))]
        Watch::Unknown
    }

    /// How much of this context's answers is written (`fast` feature: without it, everything).
    #[cfg(feature = "fast")]
    pub fn detail(&mut self, detail: Detail) {
        self.detail = detail;
    }

    /// A fresh answer in this context's language.
    pub fn answer(&self) -> Answer {
        Answer {
            lang: self.locale,
            #[cfg(feature = "fast")]
            detail: self.detail,
            // Every decision has reasons, most of them five to eight: one allocation.
            reasons: Vec::with_capacity(8),
            ..Answer::default()
        }
    }

    /// MONEY-1: `sub`'s calendar ([`Subscription::calendar`]), computed once per decision for
    /// the same subscription.
    #[cfg(feature = "cache")]
    pub fn calendar(&self, sub: &Subscription) -> Calendar {
        // The request's own subscription (the same object the calendar was computed from).
        if let (Some(own), Some(req)) = (self.own, self.req.subscription) {
            if std::ptr::eq(sub, req) {
                return own;
            }
        }
        let key = sub.calendar_key();
        if let Some((k, c)) = self.calendar.get() {
            if k == key {
                return c;
            }
        }
        let c = Calendar::new(key.0, key.1, key.2, key.3);
        self.calendar.set(Some((key, c)));
        c
    }

    /// MONEY-1: `sub`'s calendar ([`Subscription::calendar`]): without the `cache` feature
    /// computed each time.
    #[cfg(not(feature = "cache"))]
    pub fn calendar(&self, sub: &Subscription) -> Calendar {
        sub.calendar()
    }

    /// The instant `sub`'s current term ends and the next starts ([`Subscription::renews_at`]).
    pub fn renews_at(&self, sub: &Subscription) -> DateTime<Utc> {
        self.calendar(sub).renews_at()
    }

    /// Last day of `sub`'s current term ([`Subscription::current_term_end`]).
    pub fn term_end(&self, sub: &Subscription) -> NaiveDate {
        self.calendar(sub).end
    }

    /// MONEY-1: `sub`'s billing period containing `day` ([`Subscription::billing_period`]).
    pub fn billing_period(&self, sub: &Subscription, day: NaiveDate) -> Period {
        self.calendar(sub).period_containing(day)
    }

    /// The UTC calendar day of `now` (MONEY-2's event day).
    pub fn today(&self) -> NaiveDate {
        self.now.naive_utc().date()
    }
}

/// `t + hours`, saturating at the largest instant.
pub(crate) fn plus_hours(t: DateTime<Utc>, hours: u32) -> DateTime<Utc> {
    t.checked_add_signed(TimeDelta::hours(i64::from(hours)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// `t + days` (24-hour periods), saturating at the largest instant.
pub(crate) fn plus_days(t: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    plus_hours(t, days.saturating_mul(24))
}

/// An instant in a message, as the answers write instants (the `Display` of
/// [`Instant`](crate::model::scalar::Instant)): written where the message is, straight into it;
/// nothing is made for a message that is not written.
pub(crate) fn at(t: DateTime<Utc>) -> crate::model::scalar::Instant {
    crate::model::scalar::Instant(t)
}

/// Facts derived from a subscription.
impl Subscription {
    /// LIFE-2: `start`, or a trial's conversion to paid (`trialEndsAt`) where that comes later:
    /// nothing paid begins before it.
    pub fn paid_from(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        match self.trial_ends_at {
            Some(conversion) if conversion > start => conversion.0,
            _ => start,
        }
    }

    /// LIFE-2: when the current paid term starts: the conversion of a trial, else the term's
    /// start.
    pub fn paid_term_start(&self) -> DateTime<Utc> {
        self.paid_from(self.term_start.0)
    }

    /// MONEY-1: the current paid term's calendar (its end, renewal and billing cycles).
    pub fn calendar(&self) -> Calendar {
        Calendar::new(
            self.paid_term_start().naive_utc().date(),
            self.term,
            self.billing_frequency,
            self.term_end.map(|day| day.0),
        )
    }

    /// [`Subscription::calendar`] with what it is computed from.
    #[cfg(feature = "cache")]
    pub(crate) fn keyed_calendar(&self) -> KeyedCalendar {
        (self.calendar_key(), self.calendar())
    }

    /// What [`Subscription::calendar`] is computed from.
    #[cfg(feature = "cache")]
    fn calendar_key(&self) -> CalendarKey {
        (
            self.paid_term_start().naive_utc().date(),
            self.term,
            self.billing_frequency,
            self.term_end.map(|day| day.0),
        )
    }

    /// Last day of the current term, inclusive: given, or the calendar's (MONEY-1).
    pub fn current_term_end(&self) -> NaiveDate {
        self.calendar().end
    }

    /// The instant the current term ends and the next starts (the day after the end date).
    pub fn renews_at(&self) -> DateTime<Utc> {
        self.calendar().renews_at()
    }

    /// MONEY-1: the billing period containing `day`, cut at the term's end.
    pub fn billing_period(&self, day: NaiveDate) -> Period {
        self.calendar().period_containing(day)
    }

    /// LIFE-3: when the term that `now` falls in started: `termStart`, or, for a subscription
    /// that renews (auto-renew on) and whose given term ended before `now`, the start of the
    /// renewed term `now` is in (each renewal a term of the same length, MONEY-1).
    pub fn current_term_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.term_around(now).0
    }

    /// The start of the term `now` is in ([`Subscription::current_term_start`]) and the instant
    /// that term ends (the next renewal).
    pub(crate) fn term_around(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        self.term_around_from(self.calendar(), now)
    }

    /// [`Subscription::term_around`] from the subscription's calendar, already computed.
    pub(crate) fn term_around_from(
        &self,
        first: Calendar,
        now: DateTime<Utc>,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        let mut start = self.term_start.0;
        let mut calendar = first;
        if !self.auto_renew {
            return (start, calendar.renews_at());
        }
        // Bounded: a term is at least a month, and instants end with the year 9899.
        for _ in 0..100_000 {
            let next = calendar.renews_at();
            if next > now || next <= start {
                return (start, next);
            }
            start = next;
            calendar = Calendar::new(
                next.naive_utc().date(),
                self.term,
                self.billing_frequency,
                None,
            );
        }
        (start, calendar.renews_at())
    }

    /// Whether the subscription is in its free trial at `now` (ELIG-9).
    pub fn in_trial(&self, now: DateTime<Utc>) -> bool {
        self.trial_ends_at.is_some_and(|end| now < end)
    }
}

/// The findings of the rules for one action, turned into a [`Decision`] by [`Answer::finish`].
#[derive(Debug, Default)]
pub(crate) struct Answer {
    /// Language of the messages.
    pub lang: Locale,
    /// What of the answer is written ([`Detail`]).
    #[cfg(feature = "fast")]
    detail: Detail,
    reasons: Vec<Reason>,
    effects: Vec<Effect>,
    money: Vec<MoneyLine>,
    deadlines: Vec<Deadline>,
    /// Boxed: most answers have none, and every answer is made and moved (an alternative with
    /// its message is larger than the rest of the answer).
    alternative: Option<Box<Alternative>>,
    scheduled_at: Option<DateTime<Utc>>,
    refund_options: Option<Vec<RefundOption>>,
    cancellation_allowed_until: Option<DateTime<Utc>>,
    refundable_quantity: Option<RefundableQuantity>,
}

/// A reason's message as [`msg!`](crate::msg) gives it: with the `fast` feature a closure that
/// makes it, called only where the answer's [`Detail`] reads it; without it, the message.
pub(crate) trait IntoMessage {
    /// The message, in `lang`.
    fn text(self, lang: Locale) -> Message;
}

#[cfg(feature = "fast")]
impl<F: FnOnce(Locale) -> Message> IntoMessage for F {
    #[inline(always)]
    fn text(self, lang: Locale) -> Message {
        self(lang)
    }
}

#[cfg(not(feature = "fast"))]
impl IntoMessage for Message {
    #[inline(always)]
    fn text(self, _: Locale) -> Message {
        self
    }
}

/// What [`Answer::effect`] takes: an effect, or a closure that makes it.
pub(crate) trait IntoEffect {
    /// The effect.
    fn into_effect(self) -> EffectKind;
}

impl IntoEffect for EffectKind {
    #[inline(always)]
    fn into_effect(self) -> EffectKind {
        self
    }
}

impl<F: FnOnce() -> EffectKind> IntoEffect for F {
    #[inline(always)]
    fn into_effect(self) -> EffectKind {
        self()
    }
}

impl Answer {
    /// A reason's message, written only where it is read: every one in full; for a list's
    /// states ([`Detail::States`]) those that can be the state's reason ([`Answer::wanted`]);
    /// none for a verdict alone (`fast` feature).
    #[inline(always)]
    fn message(&self, outcome: Outcome, message: impl IntoMessage) -> Message {
        if self.wanted(outcome) {
            message.text(self.lang)
        } else {
            Message::default()
        }
    }

    /// Whether a reason of `outcome` given now has its message read ([`Answer::message`]).
    #[cfg(feature = "fast")]
    #[inline(never)]
    fn wanted(&self, outcome: Outcome) -> bool {
        // A state shows the first reason of the verdict's outcome, or the first reason where
        // none has it; deny beats support beats schedule beats allow, and a warning decides
        // nothing. So a message is read only if it is the first reason, or the first of its
        // outcome with none before it that would outrank it.
        let rank = |o: Outcome| match o {
            Outcome::Warn => 0,
            Outcome::Allow => 1,
            Outcome::Schedule => 2,
            Outcome::NeedsSupport => 3,
            Outcome::Deny => 4,
        };
        match self.detail {
            Detail::Full => true,
            Detail::States => {
                self.reasons.is_empty()
                    || (outcome != Outcome::Warn
                        && self.reasons.iter().all(|r| rank(r.outcome) < rank(outcome)))
            }
            Detail::Verdict | Detail::Summary => false,
        }
    }

    /// Every message is read without the `fast` feature.
    #[cfg(not(feature = "fast"))]
    #[inline(always)]
    fn wanted(&self, _: Outcome) -> bool {
        true
    }

    fn reason(&mut self, rule: Rule, outcome: Outcome, message: Message) {
        self.reasons.push(Reason {
            rule,
            outcome,
            message,
            api_code: None,
        });
    }

    /// A cancellation's refunds as the publisher's API lists them: each `(kind, window close)`
    /// still open at `now`, and the close of the cancellation window where one ends it.
    pub fn refunds(
        &mut self,
        now: DateTime<Utc>,
        windows: &[(RefundKind, DateTime<Utc>)],
        cancellable_until: Option<DateTime<Utc>>,
    ) {
        self.refund_options = Some(
            windows
                .iter()
                .filter(|(_, closes)| now < *closes)
                .map(|(kind, closes)| RefundOption {
                    kind: *kind,
                    expires_at: (*closes).into(),
                })
                .collect(),
        );
        self.cancellation_allowed_until = cancellable_until;
    }

    /// A seat decision's refundable seats (the publisher API's `refundableQuantity`).
    pub fn refundable(&mut self, details: Vec<RefundableSeats>) {
        let total = details
            .iter()
            .fold(0u32, |n, d| n.saturating_add(d.quantity));
        self.refundable_quantity = Some(RefundableQuantity {
            total_quantity: total,
            details,
        });
    }

    /// The publisher's API refusal code of the denial just given.
    pub fn code(&mut self, code: ApiCode) {
        if let Some(r) = self.reasons.last_mut() {
            r.api_code = Some(code);
        }
    }

    /// The refusal code of a denial for the subscription's status: `2011` deleted, `800091`
    /// suspended; else `other`.
    pub fn status_code(&mut self, status: Status, other: Option<ApiCode>) {
        let code = match status {
            Status::Deleted => Some(ApiCode::DeletedCannotBeUpdated),
            Status::Suspended => Some(ApiCode::SuspendedCannotBeUpdated),
            _ => other,
        };
        if let Some(code) = code {
            self.code(code);
        }
    }

    /// The rule allows the action.
    pub fn allow(&mut self, rule: Rule, message: impl IntoMessage) {
        let message = self.message(Outcome::Allow, message);
        self.reason(rule, Outcome::Allow, message);
    }

    /// The rule denies the action.
    pub fn deny(&mut self, rule: Rule, message: impl IntoMessage) {
        let message = self.message(Outcome::Deny, message);
        self.reason(rule, Outcome::Deny, message);
    }

    /// The rule sends the action to support.
    pub fn support(&mut self, rule: Rule, message: impl IntoMessage) {
        let message = self.message(Outcome::NeedsSupport, message);
        self.reason(rule, Outcome::NeedsSupport, message);
    }

    /// The rule allows the action at `when` (the renewal).
    pub fn schedule(&mut self, rule: Rule, when: DateTime<Utc>, message: impl IntoMessage) {
        self.scheduled_at = Some(self.scheduled_at.map_or(when, |s| s.max(when)));
        let message = self.message(Outcome::Schedule, message);
        self.reason(rule, Outcome::Schedule, message);
    }

    /// The rule allows the action but warns.
    pub fn warn(&mut self, rule: Rule, message: impl IntoMessage) {
        let message = self.message(Outcome::Warn, message);
        self.reason(rule, Outcome::Warn, message);
    }

    /// Something else that changes if the action is carried out (kept only where the answer
    /// is read in full, `fast` feature): an [`EffectKind`], or a closure that makes one where it
    /// would allocate (its strings are not copied for an answer that drops them).
    pub fn effect(&mut self, rule: Rule, kind: impl IntoEffect) {
        #[cfg(feature = "fast")]
        if self.detail != Detail::Full {
            return;
        }
        if self.effects.capacity() == 0 {
            // Room for the usual few at once (growing from nothing costs more than allocating).
            self.effects = Vec::with_capacity(4);
        }
        self.effects.push(Effect {
            rule,
            kind: kind.into_effect(),
        });
    }

    /// A money line, if it could be computed: computed only where the answer's money is read
    /// (not for [`Detail::States`] or [`Detail::Verdict`], `fast` feature).
    pub fn money(&mut self, line: impl FnOnce() -> Option<MoneyLine>) {
        #[cfg(feature = "fast")]
        if matches!(self.detail, Detail::States | Detail::Verdict) {
            return;
        }
        if let Some(line) = line() {
            if self.money.capacity() == 0 {
                self.money = Vec::with_capacity(2);
            }
            self.money.push(line);
        }
    }

    /// A dated point (kept only where the answer is read in full, `fast` feature).
    pub fn deadline(&mut self, kind: DeadlineKind, when: DateTime<Utc>, rule: Rule) {
        #[cfg(feature = "fast")]
        if self.detail != Detail::Full {
            return;
        }
        if self.deadlines.capacity() == 0 {
            self.deadlines = Vec::with_capacity(4);
        }
        self.deadlines.push(Deadline {
            kind,
            at: when.into(),
            rule,
        });
    }

    /// The action to take instead (the first one offered is kept).
    pub fn alternative(&mut self, action: Action, rule: Rule, message: impl IntoMessage) {
        if self.alternative.is_none() {
            // Read only in full.
            #[cfg(feature = "fast")]
            let message = if self.detail == Detail::Full {
                message.text(self.lang)
            } else {
                Message::default()
            };
            #[cfg(not(feature = "fast"))]
            let message = message.text(self.lang);
            self.alternative = Some(Box::new(Alternative {
                action,
                rule,
                message,
            }));
        }
    }

    /// Whether any rule so far denies or sends to support.
    pub fn blocked(&self) -> bool {
        self.reasons
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Deny | Outcome::NeedsSupport))
    }

    /// Combine the findings: deny beats support beats scheduled beats allowed now.
    pub fn finish(mut self, action: ActionKind, ctx: &Ctx<'_>) -> Decision {
        let now = ctx.now;
        let has = |o: Outcome| self.reasons.iter().any(|r| r.outcome == o);
        let verdict = if has(Outcome::Deny) {
            Verdict::Denied
        } else if has(Outcome::NeedsSupport) {
            Verdict::NeedsSupport
        } else if has(Outcome::Schedule) {
            Verdict::Scheduled
        } else {
            Verdict::AllowedNow
        };
        let effective_at = match verdict {
            Verdict::AllowedNow => Some(now),
            Verdict::Scheduled => self.scheduled_at,
            Verdict::Denied | Verdict::NeedsSupport => {
                // Nothing happens: no effects, no money, no dates of it, no warnings about them.
                self.effects.clear();
                self.money.clear();
                self.deadlines.clear();
                self.reasons.retain(|r| r.outcome != Outcome::Warn);
                None
            }
        };
        crate::util::sort_by_key(&mut self.deadlines, |d| d.at);
        Decision {
            action,
            verdict,
            effective_at: effective_at.map(Into::into),
            reasons: self.reasons,
            alternative: self.alternative.map(|a| *a),
            effects: self.effects,
            money: self.money,
            deadlines: self.deadlines,
            evaluated_at: now.into(),
            edition: ctx.edition,
            edition_choice: ctx.req.edition,
            policy_fingerprint: fingerprint(ctx.edition, &ctx.policy, ctx.overridden()),
            refund_options: self.refund_options,
            cancellation_allowed_until_date: self.cancellation_allowed_until.map(Into::into),
            refundable_quantity: self.refundable_quantity,
        }
    }
}

/// SCHED-7 (and PAUSE-2, RENEW-3, UPG-6): the effect of removing every saved scheduled change.
pub(crate) fn remove_scheduled_changes(sub: &Subscription, rule: Rule, a: &mut Answer) {
    remove_scheduled_changes_where(sub, rule, &|_| true, a);
}

/// The effect of removing the saved changes `which` picks, if any; whether there were any.
pub(crate) fn remove_scheduled_changes_where(
    sub: &Subscription,
    rule: Rule,
    which: &dyn Fn(&Change) -> bool,
    a: &mut Answer,
) -> bool {
    let removed = sub.scheduled_changes.iter().filter(|c| which(&c.change));
    let any = removed.clone().next().is_some();
    if any {
        a.effect(rule, || EffectKind::ScheduledChangesRemoved {
            change_ids: removed.map(|c| c.id.clone()).collect(),
        });
    }
    any
}
