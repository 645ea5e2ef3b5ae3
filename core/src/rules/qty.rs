//! QTY: licence quantity (`changeQuantity`), with MKT-4 for marketplace SaaS and the seat
//! reduction of the later editions.

use chrono::{DateTime, Utc};

use crate::model::decision::ApiCode;
use crate::model::decision::{DeadlineKind, EffectKind, MoneyKind, RefundableSeats};
use crate::model::request::Action;
use crate::model::request::Change;
use crate::model::request::Subscription;
use crate::model::vocab::{BillingType, CommerceModel, Status};
use crate::money::{remaining_days, Pricing};
use crate::msg;
use crate::policy::params::{Policy, SeatReduction};
use crate::rules::canc;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, plus_days, remove_scheduled_changes, Answer, Ctx};
use crate::rules::life;

/// QTY-1: the offer's limits (the policy's default minimum when no offer is given).
pub(crate) fn limits(ctx: &Ctx<'_>) -> (u32, Option<u32>) {
    let offer = ctx.req.offer;
    let min = offer
        .and_then(|o| o.min_quantity)
        .unwrap_or(ctx.policy.default_min_quantity);
    (min, offer.and_then(|o| o.max_quantity))
}

/// QTY-1: `quantity` is within `min..=max`; reports under `rule`.
pub(crate) fn within_limits(
    quantity: u32,
    min: u32,
    max: Option<u32>,
    rule: Rule,
    a: &mut Answer,
) -> bool {
    let ok = quantity >= min && max.is_none_or(|m| quantity <= m);
    let range = Limits(min, max, a.lang);
    if ok {
        a.allow(
            rule,
            msg!(
                a.lang,
                "{quantity} licences is within the offer's limits ({range})",
                "{quantity} licenser ligger inom erbjudandets gränser ({range})"
            ),
        );
    } else {
        a.deny(
            rule,
            msg!(
                a.lang,
                "{quantity} licences is outside the offer's limits ({range})",
                "{quantity} licenser ligger utanför erbjudandets gränser ({range})"
            ),
        );
        a.code(ApiCode::QuantityOutsideLimits);
    }
    ok
}

/// An offer's limits in a message (`1–300`, `at least 1`), written only where the message is.
struct Limits(u32, Option<u32>, crate::i18n::Locale);

impl std::fmt::Display for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Limits(min, max, lang) = *self;
        match (max, lang) {
            (Some(m), _) => write!(f, "{min}–{m}"),
            (None, crate::i18n::Locale::En) => write!(f, "at least {min}"),
            (None, crate::i18n::Locale::Sv) => write!(f, "minst {min}"),
        }
    }
}

/// Decide `changeQuantity`.
pub(crate) fn change_quantity(ctx: &Ctx<'_>, sub: &Subscription, quantity: u32, a: &mut Answer) {
    let Some(current) = sub
        .quantity
        .filter(|_| sub.billing_type == BillingType::License)
    else {
        a.deny(
            Rule::Qty1,
            msg!(
                a.lang,
                "usage-based subscriptions have no licence quantity",
                "användningsbaserade prenumerationer har inget antal licenser"
            ),
        );
        return;
    };
    let (min, max) = limits(ctx);
    within_limits(quantity, min, max, Rule::Qty1, a);
    if quantity == current {
        a.deny(
            Rule::Qty1,
            msg!(
                a.lang,
                "the quantity is already {current}; nothing to change",
                "antalet är redan {current}; inget att ändra"
            ),
        );
    }
    match sub.commerce_model {
        CommerceModel::NewCommerce => new_commerce(ctx, sub, current, quantity, a),
        CommerceModel::Legacy | CommerceModel::Marketplace => anytime(sub, current, quantity, a),
    }
}

/// QTY-2: new commerce. Increases apply now with MONEY-4 lines. Decreases follow the edition:
/// at renewal (SCHED-1, 2021), through support (October 2021), or within `seatReductionDays` of
/// when those seats were added (March 2022).
fn new_commerce(ctx: &Ctx<'_>, sub: &Subscription, current: u32, quantity: u32, a: &mut Answer) {
    // The publisher API's `refundableQuantity`: seats inside their reduction window, per addition
    // (none under editions without such windows).
    let mut details = Vec::new();
    if ctx.policy.seat_reduction == SeatReduction::WithinDays {
        for (until, n) in open_seat_windows(ctx, sub, current) {
            details.push(RefundableSeats {
                quantity: n,
                allowed_until_date_time: until.into(),
            });
        }
    }
    a.refundable(details);
    let status = sub.status;
    if status != Status::Active {
        a.deny(
            Rule::Qty2,
            msg!(
                a.lang,
                "licences change only while `active`; this one is `{status}`",
                "licenser ändras bara när prenumerationen är `active`; den här är `{status}`"
            ),
        );
        a.status_code(status, None);
        return;
    }
    if quantity < current {
        decrease(ctx, sub, current, quantity, a);
        return;
    }
    if quantity == current || a.blocked() {
        return;
    }
    a.allow(
        Rule::Qty2,
        msg!(
            a.lang,
            "seat increases apply mid-term with a prorated charge",
            "ökningar av antalet licenser gäller direkt med proportionell debitering"
        ),
    );
    a.allow(
        Rule::Sched2,
        msg!(
            a.lang,
            "a seat increase may be applied mid-term",
            "en ökning av licenser får göras mitt i perioden"
        ),
    );
    mid_term_change(ctx, sub, current, quantity, a);
}

/// The effects and MONEY-4 lines of a quantity change made now.
fn mid_term_change(ctx: &Ctx<'_>, sub: &Subscription, current: u32, quantity: u32, a: &mut Answer) {
    a.effect(
        Rule::Qty2,
        EffectKind::QuantityChanges {
            from: current,
            to: quantity,
        },
    );
    remove_scheduled_changes(sub, Rule::Sched7, a);
    if life::unbilled(ctx, sub, a) {
        return;
    }
    let Some(unit_price) = sub.unit_price else {
        return;
    };
    let period = ctx.billing_period(sub, ctx.today());
    let remaining = remaining_days(&period, ctx.today());
    let line = |q: u32, kind: MoneyKind| {
        Pricing {
            quantity: q,
            unit_price: unit_price.0,
            currency: &sub.currency,
            rounding: ctx.policy.rounding,
        }
        .line_prorated(kind, Rule::Money4, &period, remaining)
    };
    a.money(|| line(current, MoneyKind::Credit));
    a.money(|| line(quantity, MoneyKind::Charge));
}

/// The alternative of a denied decrease: the same count, scheduled for renewal (only a count the
/// offer allows: the alternative is an action that can be sent as it is).
fn schedule_instead(ctx: &Ctx<'_>, sub: &Subscription, quantity: u32, a: &mut Answer) {
    let (min, max) = limits(ctx);
    if quantity < min || max.is_some_and(|m| quantity > m) {
        return;
    }
    let renewal = at(ctx.renews_at(sub));
    a.alternative(
        Action::ScheduleChange {
            change: Change::Quantity { quantity },
        },
        Rule::Sched1,
        msg!(
            a.lang,
            "schedule the decrease to {quantity} for the renewal at {renewal}",
            "schemalägg minskningen till {quantity} till förnyelsen {renewal}"
        ),
    );
}

/// QTY-2 (2022-03 on): each seat addition and the instant its reduction window closes, with its
/// licences. The term's own seats count as added at the window's start (purchase or renewal)
/// when no additions are listed.
pub(crate) fn seat_windows<'s>(
    sub: &'s Subscription,
    policy: &Policy,
    current: u32,
) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>, u32)> + 's {
    let days = policy.seat_reduction_days;
    let own = sub
        .seat_additions
        .is_empty()
        .then(|| (canc::window_start(sub, policy), current));
    own.into_iter()
        .chain(
            sub.seat_additions
                .iter()
                .map(|add| (add.added_at.0, add.quantity)),
        )
        .map(move |(added, n)| (added, plus_days(added, days), n))
}

/// The seat additions whose reduction window is open at `now`: when each closes, and its seats.
fn open_seat_windows<'s>(
    ctx: &'s Ctx<'_>,
    sub: &'s Subscription,
    current: u32,
) -> impl Iterator<Item = (DateTime<Utc>, u32)> + 's {
    seat_windows(sub, &ctx.policy, current)
        .filter(|(added, until, _)| !ctx.before(*added) && ctx.before(*until))
        .map(|(_, until, n)| (until, n))
}

/// The seats added within the reduction window at `now`, and when the earliest of them closes.
fn removable(ctx: &Ctx<'_>, sub: &Subscription, current: u32) -> (u32, Option<DateTime<Utc>>) {
    let mut n: u32 = 0;
    let mut closes: Option<DateTime<Utc>> = None;
    for (until, quantity) in open_seat_windows(ctx, sub, current) {
        n = n.saturating_add(quantity);
        closes = Some(closes.map_or(until, |c| c.min(until)));
    }
    (n.min(current), closes)
}

fn decrease(ctx: &Ctx<'_>, sub: &Subscription, current: u32, quantity: u32, a: &mut Answer) {
    match ctx.policy.seat_reduction {
        SeatReduction::AtRenewal => {
            let renewal = at(ctx.renews_at(sub));
            a.deny(
                Rule::Qty2,
                msg!(
                    a.lang,
                    "new-commerce seat decreases apply only at renewal",
                    "minskningar av licenser för ny handel gäller först vid förnyelsen"
                ),
            );
            a.code(ApiCode::QuantityCannotDecrease);
            a.deny(
                Rule::Sched1,
                msg!(
                    a.lang,
                    "a seat decrease is an end-of-term change: schedule it for {renewal}",
                    "en minskning av licenser är en ändring vid periodens slut: schemalägg den till {renewal}"
                ),
            );
            schedule_instead(ctx, sub, quantity, a);
        }
        SeatReduction::Support => {
            a.support(
                Rule::Qty2,
                msg!(
                    a.lang,
                    "seat reductions go through support under edition `{}`",
                    "minskningar av licenser görs via supporten enligt utgåvan `{}`",
                    ctx.edition
                ),
            );
            schedule_instead(ctx, sub, quantity, a);
        }
        SeatReduction::WithinDays => {
            let days = ctx.policy.seat_reduction_days;
            let (n, closes) = removable(ctx, sub, current);
            let wanted = current - quantity;
            if wanted <= n {
                a.allow(
                    Rule::Qty2,
                    msg!(
                        a.lang,
                        "{wanted} seat(s) removed within {days} days of being added",
                        "{wanted} licens(er) tas bort inom {days} dagar efter att de lades till"
                    ),
                );
                if let Some(c) = closes {
                    a.deadline(DeadlineKind::SeatReductionUntil, c, Rule::Qty2);
                }
                mid_term_change(ctx, sub, current, quantity, a);
            } else {
                a.deny(
                    Rule::Qty2,
                    msg!(
                        a.lang,
                        "only {n} seat(s) were added within the last {days} days; {wanted} cannot be removed before renewal",
                        "bara {n} licens(er) lades till under de senaste {days} dagarna; {wanted} kan inte tas bort före förnyelsen"
                    ),
                );
                a.code(ApiCode::PastSeatReductionDays);
                schedule_instead(ctx, sub, quantity, a);
            }
        }
    }
}

/// QTY-3 (and MKT-4 for marketplace SaaS): increase or decrease at any time while active.
fn anytime(sub: &Subscription, current: u32, quantity: u32, a: &mut Answer) {
    let status = sub.status;
    if status != Status::Active {
        a.deny(
            Rule::Qty3,
            msg!(
                a.lang,
                "licences change only while `active`; this one is `{status}`",
                "licenser ändras bara när prenumerationen är `active`; den här är `{status}`"
            ),
        );
        a.status_code(status, None);
        return;
    }
    if a.blocked() {
        return;
    }
    if quantity > current {
        a.allow(
            Rule::Qty3,
            msg!(
                a.lang,
                "licences can be increased at any time while active",
                "licenser kan ökas när som helst medan prenumerationen är aktiv"
            ),
        );
    } else {
        a.allow(
            Rule::Qty3,
            msg!(
                a.lang,
                "licences can be decreased at any time while active",
                "licenser kan minskas när som helst medan prenumerationen är aktiv"
            ),
        );
    }
    if sub.commerce_model == CommerceModel::Marketplace {
        a.allow(
            Rule::Mkt4,
            msg!(
                a.lang,
                "licence-based SaaS licences can be increased or decreased",
                "licenser för licensbaserad SaaS kan ökas eller minskas"
            ),
        );
    }
    a.effect(
        Rule::Qty3,
        EffectKind::QuantityChanges {
            from: current,
            to: quantity,
        },
    );
    remove_scheduled_changes(sub, Rule::Sched7, a);
}
