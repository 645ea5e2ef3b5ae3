//! Checks a well-formed request cannot express in its shape: ranges, currency codes, decimals
//! per currency, ends before starts, and facts an action needs.

use chrono::{Datelike, Months};
use rust_decimal::Decimal;

use crate::error::{ErrorCode, InputError};
use crate::input::limits;
use crate::model::request::{
    Action, Change, Customer, Facts, Offer, Request, ScheduledChange, SeatAddition, Subscription,
    SubscriptionRef, UpgradeTarget, UpgradedFrom,
};
use crate::model::vocab::{BillingFrequency, BillingType, Status, Term};
use crate::money::minor_units;
use crate::rules::catalog::Rule;

struct Errors(Vec<InputError>);

/// A field's path, written only when a problem names it (checks of valid input build none).
trait FieldPath {
    fn render(&self) -> String;
}

impl FieldPath for str {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl FieldPath for String {
    fn render(&self) -> String {
        self.clone()
    }
}

/// `list[i].field` (`field` may be empty): an item of a list, written only when named.
struct Item<'a>(&'a [&'a str], usize, &'a [&'a str]);

impl FieldPath for Item<'_> {
    fn render(&self) -> String {
        let mut path = format!("{}[{}]", at(self.0), self.1);
        if !self.2.is_empty() {
            path.push('.');
            path.push_str(&at(self.2));
        }
        path
    }
}

impl FieldPath for [&str] {
    fn render(&self) -> String {
        at(self)
    }
}

/// A field's path from the wire names of its fields: `subscription.termEnd` (written out rather
/// than `slice::join`, whose generic code is a kilobyte of the module).
fn at(names: &[&str]) -> String {
    let mut path = String::new();
    for name in names {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
    }
    path
}

impl Errors {
    fn add(&mut self, code: ErrorCode, path: &(impl FieldPath + ?Sized), message: String) {
        if self.0.len() < limits::MAX_ERRORS {
            self.0.push(InputError::new(code, path.render(), message));
        }
    }

    fn currency(&mut self, path: &(impl FieldPath + ?Sized), code: &str) {
        if !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            self.add(
                ErrorCode::InvalidValue,
                path,
                format!(
                    "`{}` is not an ISO 4217 currency code such as `USD`",
                    crate::input::decode::clip(code)
                ),
            );
        }
    }

    fn country(&mut self, path: &(impl FieldPath + ?Sized), code: &str) {
        if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            self.add(
                ErrorCode::InvalidValue,
                path,
                format!(
                    "`{}` is not an ISO 3166 country code such as `SE`",
                    crate::input::decode::clip(code)
                ),
            );
        }
    }

    fn price(&mut self, path: &(impl FieldPath + ?Sized), amount: Decimal, currency: &str) {
        let price = || crate::util::decimal_text(&amount);
        let units = minor_units(currency);
        if amount.normalize().scale() > units {
            self.add(
                ErrorCode::InvalidMoney,
                path,
                format!(
                    "`{}` has more decimals than `{currency}` has ({units})",
                    price()
                ),
            );
        }
        if amount.is_sign_negative() && !amount.is_zero() {
            self.add(
                ErrorCode::InvalidMoney,
                path,
                format!("`{}` is negative", price()),
            );
        }
        if amount > Decimal::from(limits::MAX_UNIT_PRICE) {
            self.add(
                ErrorCode::InvalidMoney,
                path,
                format!("`{}` is larger than the largest accepted amount", price()),
            );
        }
    }

    fn quantity(&mut self, path: &(impl FieldPath + ?Sized), q: u32) {
        if q > limits::MAX_QUANTITY {
            self.add(
                ErrorCode::OutOfRange,
                path,
                format!(
                    "`{q}` licences is more than the largest accepted count ({})",
                    limits::MAX_QUANTITY
                ),
            );
        }
    }
}

/// Every problem of a request that decoded (or was built in Rust), with its path.
pub(crate) fn check(req: Facts<'_>) -> Vec<InputError> {
    check_parts(req, Parts::All)
}

/// What of [`check`] depends on the action (or on `now`, besides the policy's edition): for the
/// actions of a query, whose facts were checked once with another action. For facts that
/// [`check`] found nothing wrong with, this finds what [`check`] would, in the same order, but
/// the policy's problems.
pub(crate) fn check_action(req: Facts<'_>) -> Vec<InputError> {
    check_parts(req, Parts::Action)
}

/// [`check_action`] with the policy's problems first: what [`check`] finds for facts it found
/// nothing wrong with at another instant and action (a prepared subscription's call). The
/// policy is checked again because `now` picks the edition it overrides.
#[cfg(feature = "cache")]
pub(crate) fn check_call(req: Facts<'_>) -> Vec<InputError> {
    check_parts(req, Parts::Call)
}

/// Which problems [`check_parts`] looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "cache"), allow(dead_code))]
enum Parts {
    /// Every problem.
    All,
    /// The policy's and those that depend on the action or `now`.
    Call,
    /// Those that depend on the action or `now`.
    Action,
}

/// One body for the three checks, so that they find the same problems in the same order.
fn check_parts(req: Facts<'_>, parts: Parts) -> Vec<InputError> {
    let mut e = Errors(Vec::new());
    let facts = parts == Parts::All;
    // An edition's own parameters are valid (a test holds them to it): only overrides are
    // checked.
    if parts != Parts::Action && !req.policy.is_empty() {
        crate::rules::ctx::effective(req)
            .1
            .check(Request::POLICY, &mut e.0);
    }
    if let Some(sub) = req.subscription {
        subscription(&mut e, sub, req.action, facts);
        life(&mut e, req, sub);
    }
    upgrade_target(&mut e, req);
    if facts {
        if let Some(offer) = req.offer {
            self::offer(&mut e, offer);
        }
        if let Some(sub) = req.subscription {
            for (i, add) in sub.seat_additions.iter().enumerate() {
                e.quantity(
                    &Item(
                        &[Request::SUBSCRIPTION, Subscription::SEAT_ADDITIONS],
                        i,
                        &[SeatAddition::QUANTITY],
                    ),
                    add.quantity,
                );
            }
        }
        if let Some(c) = req.customer {
            customer(&mut e, c);
        }
    }
    action(&mut e, req.action);
    e.0
}

/// The subscription's problems; with `facts` false only those that depend on the action.
fn subscription(e: &mut Errors, s: &Subscription, action: &Action, facts: bool) {
    if facts {
        subscription_facts(e, s);
    }
    if matches!(action, Action::Reactivate)
        && s.status == Status::Suspended
        && s.suspended_at.is_none()
    {
        e.0.push(
            InputError::new(
                ErrorCode::MissingField,
                at(&[Request::SUBSCRIPTION, Subscription::SUSPENDED_AT]),
                format!(
                    "reactivating needs `{}` to check the retention period",
                    Subscription::SUSPENDED_AT
                ),
            )
            .with_rule(Rule::Susp3),
        );
    }
    if facts {
        scheduled_quantities(e, s);
    }
}

fn subscription_facts(e: &mut Errors, s: &Subscription) {
    e.currency(
        &[Request::SUBSCRIPTION, Subscription::CURRENCY][..],
        &s.currency,
    );
    if s.billing_type == BillingType::License {
        if s.quantity.is_none() {
            e.add(
                ErrorCode::MissingField,
                &[Request::SUBSCRIPTION, Subscription::QUANTITY][..],
                format!(
                    "a licence-based subscription needs `{}`",
                    Subscription::QUANTITY
                ),
            );
        }
        if s.unit_price.is_none() {
            e.add(
                ErrorCode::MissingField,
                &[Request::SUBSCRIPTION, Subscription::UNIT_PRICE][..],
                format!(
                    "a licence-based subscription needs `{}`",
                    Subscription::UNIT_PRICE
                ),
            );
        }
    }
    if let Some(q) = s.quantity {
        e.quantity(&[Request::SUBSCRIPTION, Subscription::QUANTITY][..], q);
    }
    if let Some(p) = s.unit_price {
        e.price(
            &[Request::SUBSCRIPTION, Subscription::UNIT_PRICE][..],
            p.0,
            &s.currency,
        );
    }
    let start = crate::model::scalar::Day(s.term_start.naive_utc().date());
    if let Some(end) = s.term_end {
        if end < start {
            e.add(
                ErrorCode::EndBeforeStart,
                &[Request::SUBSCRIPTION, Subscription::TERM_END][..],
                format!("the term ends on {end}, before it starts on {start}"),
            );
        } else if start
            .checked_add_months(Months::new(61))
            .is_some_and(|limit| end > limit)
        {
            e.add(
                ErrorCode::OutOfRange,
                &[Request::SUBSCRIPTION, Subscription::TERM_END][..],
                format!("the term ends on {end}, more than five years after it starts"),
            );
        }
    }
    // Each at its own field (an order in 1969 used to be reported at `termStart`).
    for (field, year) in [
        (Subscription::ORDERED_AT, s.ordered_at.year()),
        (Subscription::TERM_START, s.term_start.year()),
    ] {
        if year < 1970 {
            e.add(
                ErrorCode::OutOfRange,
                &[Request::SUBSCRIPTION, field][..],
                "instants before 1970 are not accepted".into(),
            );
        }
    }
    let ordered = s.ordered_at;
    if let Some(t) = s.trial_ends_at.filter(|t| *t < ordered) {
        e.add(
            ErrorCode::EndBeforeStart,
            &[Request::SUBSCRIPTION, Subscription::TRIAL_ENDS_AT][..],
            format!("the trial ends at {t}, before the order at {ordered}"),
        );
    }
    if let Some(t) = s.suspended_at.filter(|t| *t < ordered) {
        e.add(
            ErrorCode::EndBeforeStart,
            &[Request::SUBSCRIPTION, Subscription::SUSPENDED_AT][..],
            format!("suspended at {t}, before the order at {ordered}"),
        );
    }
    if let (Some(opened), Some(billed)) = (s.account_opened_at, s.billing_started_at) {
        if billed < opened {
            e.add(
                ErrorCode::EndBeforeStart,
                &[Request::SUBSCRIPTION, Subscription::BILLING_STARTED_AT][..],
                format!("billing started at {billed}, before the account was opened at {opened}"),
            );
        }
    }
}

fn scheduled_quantities(e: &mut Errors, s: &Subscription) {
    for (i, c) in s.scheduled_changes.iter().enumerate() {
        if let Change::Quantity { quantity } = c.change {
            e.quantity(
                &Item(
                    &[Request::SUBSCRIPTION, Subscription::SCHEDULED_CHANGES],
                    i,
                    &[ScheduledChange::CHANGE, Change::QUANTITY],
                ),
                quantity,
            );
        }
    }
}

/// LIFE-1: facts no subscription can have, each at the field that makes them impossible; and
/// MONEY-6: a price in another currency than the subscription's in the same decision.
fn life(e: &mut Errors, req: Facts<'_>, s: &Subscription) {
    let ordered = s.ordered_at;
    let mut impossible = |path: String, message: String| {
        if e.0.len() < limits::MAX_ERRORS {
            e.0.push(InputError::new(ErrorCode::Impossible, path, message).with_rule(Rule::Life1));
        }
    };
    if req.now < ordered {
        impossible(
            Request::NOW.to_string(),
            format!(
                "`{}` ({}) is before the order ({ordered})",
                Request::NOW,
                req.now
            ),
        );
    }
    if s.term_start < ordered {
        impossible(
            at(&[Request::SUBSCRIPTION, Subscription::TERM_START]),
            format!(
                "the term starts at {}, before the order at {ordered}",
                s.term_start
            ),
        );
    }
    if let Some(from) = &s.upgraded_from {
        if from.window_start > ordered {
            impossible(
                at(&[Request::SUBSCRIPTION, Subscription::UPGRADED_FROM, UpgradedFrom::WINDOW_START]),
                format!(
                    "the source's window starts at {}, after this subscription's order at {ordered}",
                    from.window_start
                ),
            );
        }
    }
    if s.term == Term::Monthly && s.billing_frequency == BillingFrequency::Annual {
        impossible(
            at(&[Request::SUBSCRIPTION, Subscription::BILLING_FREQUENCY]),
            "a monthly term cannot be billed annually: the billing cycle would be longer than the term"
                .to_string(),
        );
    }
    if let Some(offer) = req.offer {
        let priced = offer.unit_price.is_some() && s.unit_price.is_some();
        let uses_both = matches!(
            req.action,
            Action::Upgrade { .. } | Action::PurchaseAddOn { .. } | Action::ChangeQuantity { .. }
        );
        if let Some(currency) = offer.currency.as_deref().filter(|c| *c != s.currency) {
            if priced && uses_both && e.0.len() < limits::MAX_ERRORS {
                e.0.push(
                    InputError::new(
                        ErrorCode::CurrencyMismatch,
                        at(&[Request::OFFER, Offer::CURRENCY]),
                        format!(
                            "the offer is priced in `{}` and the subscription in `{}`: one decision has one currency",
                            crate::input::decode::clip(currency),
                            crate::input::decode::clip(&s.currency)
                        ),
                    )
                    .with_rule(Rule::Money6),
                );
            }
        }
    }
}

/// UPG-4 from 2023 checks an existing target's window, term and end: its facts are needed then.
fn upgrade_target(e: &mut Errors, req: Facts<'_>) {
    if let (
        Action::Upgrade {
            target: UpgradeTarget::Existing { subscription_id },
            ..
        },
        Some(c),
    ) = (req.action, req.customer)
    {
        let found = c
            .subscriptions
            .iter()
            .position(|t| &t.id == subscription_id);
        if let Some((i, t)) = found.and_then(|i| Some((i, c.subscriptions.get(i)?))) {
            if crate::rules::ctx::effective(req).1.upgrade_target_checks {
                for (field, given) in [
                    (SubscriptionRef::TERM, t.term.is_some()),
                    (SubscriptionRef::TERM_START, t.term_start.is_some()),
                ] {
                    if !given && e.0.len() < limits::MAX_ERRORS {
                        e.0.push(
                            InputError::new(
                                ErrorCode::MissingField,
                                format!(
                                    "{}[{i}].{field}",
                                    at(&[Request::CUSTOMER, Customer::SUBSCRIPTIONS])
                                ),
                                format!(
                                    "an existing upgrade target needs `{field}` under these rules (its window, term and end are checked)"
                                ),
                            )
                            .with_rule(Rule::Upg4),
                        );
                    }
                }
            }
        }
    }
}

fn offer(e: &mut Errors, o: &Offer) {
    if let Some(c) = &o.currency {
        e.currency(&[Request::OFFER, Offer::CURRENCY][..], c);
        if let Some(p) = o.unit_price {
            e.price(&[Request::OFFER, Offer::UNIT_PRICE][..], p.0, c);
        }
    }
    if let Some(q) = o.min_quantity {
        e.quantity(&[Request::OFFER, Offer::MIN_QUANTITY][..], q);
    }
    if let Some(q) = o.max_quantity {
        e.quantity(&[Request::OFFER, Offer::MAX_QUANTITY][..], q);
    }
    if let (Some(min), Some(max)) = (o.min_quantity, o.max_quantity) {
        if max < min {
            e.add(
                ErrorCode::EndBeforeStart,
                &[Request::OFFER, Offer::MAX_QUANTITY][..],
                format!("the maximum `{max}` is below the minimum `{min}`"),
            );
        }
    }
    if o.trial_days.is_some_and(|d| d == 0 || d > 3650) {
        e.add(
            ErrorCode::OutOfRange,
            &[Request::OFFER, Offer::TRIAL_DAYS][..],
            "a trial lasts 1 to 3650 days".into(),
        );
    }
    for (i, c) in o.supported_countries.iter().flatten().enumerate() {
        e.country(
            &Item(&[Request::OFFER, Offer::SUPPORTED_COUNTRIES], i, &[]),
            c,
        );
    }
    for (i, c) in o.available_countries.iter().flatten().enumerate() {
        e.country(
            &Item(&[Request::OFFER, Offer::AVAILABLE_COUNTRIES], i, &[]),
            c,
        );
    }
}

fn customer(e: &mut Errors, c: &Customer) {
    e.country(
        &[Request::CUSTOMER, Customer::BILLING_COUNTRY][..],
        &c.billing_country,
    );
    for (i, t) in c.subscriptions.iter().enumerate() {
        let path = |field: &str| {
            format!(
                "{}[{i}].{field}",
                at(&[Request::CUSTOMER, Customer::SUBSCRIPTIONS])
            )
        };
        if let (Some(start), Some(end)) = (t.term_start, t.term_end) {
            if end < start.naive_utc().date() {
                e.add(
                    ErrorCode::EndBeforeStart,
                    &path(SubscriptionRef::TERM_END),
                    format!("the term ends on {end}, before it starts on {start}"),
                );
            }
        }
        if let Some(q) = t.quantity {
            e.quantity(
                &Item(
                    &[Request::CUSTOMER, Customer::SUBSCRIPTIONS],
                    i,
                    &[SubscriptionRef::QUANTITY],
                ),
                q,
            );
        }
        if t.term == Some(Term::Monthly) && t.billing_frequency == Some(BillingFrequency::Annual) {
            e.add(
                ErrorCode::Impossible,
                &path(SubscriptionRef::BILLING_FREQUENCY),
                "a monthly term cannot be billed annually: the billing cycle would be longer than the term".into(),
            );
        }
    }
}

fn action(e: &mut Errors, a: &Action) {
    match a {
        Action::Purchase { quantity: Some(q) }
        | Action::PurchaseAddOn { quantity: q, .. }
        | Action::ChangeQuantity { quantity: q }
        | Action::Upgrade { quantity: q, .. }
        | Action::ScheduleChange {
            change: Change::Quantity { quantity: q },
        } => {
            let path: &[&str] = match a {
                Action::ScheduleChange { .. } => {
                    &[Request::ACTION, Action::CHANGE, Change::QUANTITY]
                }
                _ => &[Request::ACTION, Action::QUANTITY],
            };
            e.quantity(path, *q);
        }
        Action::Rename { name } if name.chars().all(char::is_whitespace) => {
            e.add(
                ErrorCode::InvalidValue,
                &[Request::ACTION, Action::NAME][..],
                "a name cannot be empty".into(),
            );
        }
        _ => {}
    }
}
