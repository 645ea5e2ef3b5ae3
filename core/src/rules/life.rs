//! LIFE: the phase a subscription is in at `now` (trial, pending, active, ended), and MONEY-6:
//! what has been billed. The other families read the phase from here instead of deriving it.

use chrono::{DateTime, Utc};

use crate::model::request::Action;
use crate::model::request::Subscription;
use crate::model::vocab::{CommerceModel, Status};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, Answer, Ctx};

/// Where a subscription is in its life at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// In its free trial (LIFE-2): nothing billed; the paid term starts at `converts_at`.
    Trial {
        /// The conversion to paid (`trialEndsAt`).
        converts_at: DateTime<Utc>,
    },
    /// A marketplace subscription whose billing has not started (MKT-1): nothing billed.
    Pending,
    /// Billed and running.
    Active,
    /// The term ended without renewal (LIFE-1): nothing applies but buying again.
    Ended {
        /// When the term ended (the instant the next term would have started).
        at: DateTime<Utc>,
    },
}

/// LIFE-1, LIFE-2, MKT-1: the phase of `sub` at `now`.
pub(crate) fn phase(sub: &Subscription, now: DateTime<Utc>) -> Phase {
    if let Some(end) = sub.trial_ends_at.filter(|end| now < **end) {
        return Phase::Trial { converts_at: end.0 };
    }
    phase_after_trial(sub, now, sub.renews_at())
}

/// [`phase`] in a decision's context (with the `fast` feature the calendar is computed once per
/// decision).
pub(crate) fn phase_in(ctx: &Ctx<'_>, sub: &Subscription) -> Phase {
    #[cfg(not(feature = "fast"))]
    return phase(sub, ctx.now);
    #[cfg(feature = "fast")]
    if let Some(end) = sub.trial_ends_at.filter(|end| ctx.now < **end) {
        return Phase::Trial { converts_at: end.0 };
    }
    #[cfg(feature = "fast")]
    phase_after_trial(sub, ctx.now, ctx.renews_at(sub))
}

fn phase_after_trial(sub: &Subscription, now: DateTime<Utc>, renews_at: DateTime<Utc>) -> Phase {
    if !sub.auto_renew && now >= renews_at && sub.status != Status::Deleted {
        return Phase::Ended { at: renews_at };
    }
    let billing_started = sub.billing_started_at.is_some_and(|t| t <= now);
    if sub.commerce_model == CommerceModel::Marketplace
        && sub.status == Status::Pending
        && !billing_started
    {
        return Phase::Pending;
    }
    Phase::Active
}

/// LIFE-1: a term that ended without renewal takes no action; the decision says when it ended and
/// offers buying again. Returns whether it had ended.
pub(crate) fn ended(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) -> bool {
    let Phase::Ended { at: when } = phase_in(ctx, sub) else {
        return false;
    };
    a.deny(
        Rule::Life1,
        msg!(
            a.lang,
            "the term ended at {} without renewal (auto-renew was off): the subscription is over",
            "perioden slutade {} utan förnyelse (automatisk förnyelse var av): prenumerationen är avslutad",
            at(when)
        ),
    );
    a.alternative(
        Action::Purchase {
            quantity: sub.quantity,
        },
        Rule::Life1,
        msg!(a.lang, "buy a new subscription", "köp en ny prenumeration"),
    );
    true
}

/// MONEY-6: whether nothing has been billed at `now` (a trial, LIFE-2; a pending marketplace
/// subscription, MKT-1), so no refund, credit or charge line applies. Says so in the answer.
pub(crate) fn unbilled(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) -> bool {
    match phase_in(ctx, sub) {
        Phase::Trial { converts_at } => {
            a.warn(
                Rule::Money6,
                msg!(
                    a.lang,
                    "in its free trial until {}: nothing has been billed, so no money changes hands",
                    "i sin provperiod till {}: inget har fakturerats, så inga pengar byter ägare",
                    at(converts_at)
                ),
            );
            true
        }
        Phase::Pending => {
            a.warn(
                Rule::Money6,
                msg!(
                    a.lang,
                    "billing has not started (`pending`, MKT-1): nothing was billed, so nothing is credited",
                    "faktureringen har inte börjat (`pending`, MKT-1): inget har fakturerats, så inget krediteras"
                ),
            );
            true
        }
        Phase::Active | Phase::Ended { .. } => false,
    }
}
