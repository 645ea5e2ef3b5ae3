//! CANC: cancellation (`cancel`).

use chrono::{DateTime, Utc};

use crate::i18n::{pick, Span};
use crate::model::decision::{ApiCode, RefundKind};
use crate::model::decision::{DeadlineKind, EffectKind, MoneyKind};
use crate::model::request::Action;
use crate::model::request::Subscription;
use crate::model::vocab::SuspendReason;
use crate::model::vocab::{BillingFrequency, BillingType, CommerceModel, Status};
use crate::money::{remaining_days, Pricing};
use crate::msg;
use crate::policy::params::Policy;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, plus_days, plus_hours, remove_scheduled_changes, Answer, Ctx};
use crate::rules::life;

/// Decide `cancel`.
pub(crate) fn cancel(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    // CANC-8: a deleted subscription cannot be cancelled again.
    if sub.status == Status::Deleted {
        a.deny(
            Rule::Canc8,
            msg!(
                a.lang,
                "the subscription is already cancelled (`deleted`)",
                "prenumerationen är redan avbruten (`deleted`)"
            ),
        );
        a.code(ApiCode::DeletedCannotBeUpdated);
        return;
    }
    match (sub.commerce_model, sub.billing_type) {
        (CommerceModel::Marketplace, BillingType::Usage) => usage_based(ctx, sub, a),
        (CommerceModel::Marketplace, BillingType::License) => marketplace_licence(ctx, sub, a),
        (CommerceModel::NewCommerce, _) => new_commerce(ctx, sub, a),
        (CommerceModel::Legacy, _) => legacy(a),
    }
}

fn pricing<'a>(ctx: &Ctx<'_>, sub: &'a Subscription) -> Option<Pricing<'a>> {
    Some(Pricing {
        quantity: sub.quantity?,
        unit_price: sub.unit_price?.0,
        currency: &sub.currency,
        rounding: ctx.policy.rounding,
    })
}

/// The publisher API's view of a cancellation (`refundOptions`, `cancellationAllowedUntilDate`),
/// from the same windows the rules below measure: new commerce's full and prorated refunds
/// (CANC-5; accepted until the prorated window closes), a marketplace licence's full credit
/// (CANC-1/2; accepted at any time, at renewal after it), and none otherwise.
pub(crate) fn publisher_view(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let deleted = sub.status == Status::Deleted;
    match (sub.commerce_model, sub.billing_type) {
        (CommerceModel::NewCommerce, _) => {
            let (full, prorated) = windows(sub, &ctx.policy);
            let mut offered = Vec::with_capacity(2);
            if let Some(f) = full.filter(|_| !deleted) {
                offered.push((RefundKind::Full, f));
            }
            if !deleted {
                offered.push((RefundKind::Partial, prorated));
            }
            a.refunds(ctx.now, &offered, Some(prorated));
        }
        (CommerceModel::Marketplace, BillingType::License) if !deleted => {
            let (_, closes, _, _) = marketplace_window(sub, &ctx.policy);
            a.refunds(ctx.now, &[(RefundKind::Full, closes)], None);
        }
        _ => a.refunds(ctx.now, &[], None),
    }
}

/// The effects every carried-out cancellation has, at `when`.
fn ending_effects(sub: &Subscription, when: DateTime<Utc>, a: &mut Answer) {
    let rule = match sub.commerce_model {
        CommerceModel::NewCommerce => Rule::Canc5,
        _ if sub.billing_type == BillingType::Usage => Rule::Canc4,
        _ if sub.billing_frequency == BillingFrequency::Annual => Rule::Canc2,
        _ => Rule::Canc1,
    };
    a.effect(
        rule,
        EffectKind::StatusChanges {
            from: sub.status,
            to: Status::Deleted,
            at: when.into(),
        },
    );
    // CANC-7 / ADDON-5: cancelling the base disables its add-ons.
    let add_ons = sub.add_ons.iter().filter(|x| x.status != Status::Deleted);
    let n = add_ons.clone().fold(0u32, |n, _| n.saturating_add(1));
    if n > 0 {
        a.warn(
            Rule::Addon5,
            msg!(
                a.lang,
                ["its ", n, " add-on(s) are disabled with it"],
                ["dess ", n, " tillägg inaktiveras med den"]
            ),
        );
        // The IDs copied only where the effects are read.
        a.effect(Rule::Canc7, || EffectKind::AddOnsDisabled {
            add_on_ids: add_ons.map(|x| x.id.clone()).collect(),
        });
    }
    // SCHED-7: cancelling removes saved scheduled changes.
    remove_scheduled_changes(sub, Rule::Sched7, a);
}

/// CANC-4: usage-based ISV services are deprovisioned now and never refunded.
fn usage_based(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    a.allow(
        Rule::Canc4,
        msg!(
            a.lang,
            "usage-based services are deprovisioned now; usage is billed as used and never refunded",
            "användningsbaserade tjänster avetableras nu; användning faktureras och återbetalas aldrig"
        ),
    );
    ending_effects(sub, ctx.now, a);
}

/// A marketplace licence subscription's full-credit window: the rule that measures it (CANC-1
/// for monthly billing, CANC-2 for annual), when it closes (measured from the order) and its
/// length as a count and a unit (`hours` or `days`). The timeline asks this, not its own sums.
pub(crate) fn marketplace_window(
    sub: &Subscription,
    p: &Policy,
) -> (Rule, DateTime<Utc>, u32, WindowUnit) {
    // From the order; for a trial, from its conversion to paid (LIFE-2).
    let from = sub.paid_from(sub.ordered_at.0);
    match sub.billing_frequency {
        BillingFrequency::Monthly => {
            let h = p.marketplace_monthly_cancel_hours;
            (Rule::Canc1, plus_hours(from, h), h, WindowUnit::Hours)
        }
        BillingFrequency::Annual => {
            let d = p.marketplace_annual_cancel_days;
            (Rule::Canc2, plus_days(from, d), d, WindowUnit::Days)
        }
    }
}

/// The unit a window's length is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WindowUnit {
    /// Hours.
    Hours,
    /// Days (24-hour periods).
    Days,
}

/// CANC-1 (monthly, 24 hours) and CANC-2 (annual, 14 days), measured from the order; CANC-3
/// once the window has passed; CANC-8 for `pending` subscriptions.
fn marketplace_licence(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let (rule, closes, n, unit) = marketplace_window(sub, &ctx.policy);
    let span = match unit {
        WindowUnit::Hours => Span::Hours(n, a.lang),
        WindowUnit::Days => Span::Days(n, a.lang),
    };
    if sub.status == Status::Pending {
        a.allow(
            Rule::Canc8,
            msg!(
                a.lang,
                "a `pending` marketplace subscription follows the order windows",
                "en marketplace-prenumeration med status `pending` följer fönstren från beställningen"
            ),
        );
    }
    let billed = sub.billing_frequency;
    if ctx.before(closes) {
        // From pieces, not a format string: the most common cancellation's message.
        let (count, unit) = span.parts();
        a.allow(
            rule,
            msg!(
                a.lang,
                [
                    "cancelled within ",
                    count,
                    unit,
                    " of the order (",
                    billed.as_str(),
                    " billing): full credit on the next invoice"
                ],
                [
                    "avbruten inom ",
                    count,
                    unit,
                    " efter beställningen (",
                    billed.as_str(),
                    " fakturering): full kredit på nästa faktura"
                ]
            ),
        );
        a.deadline(DeadlineKind::FullCreditUntil, closes, rule);
        if !life::unbilled(ctx, sub, a) {
            if let Some(p) = pricing(ctx, sub) {
                a.money(|| p.full(MoneyKind::Credit, rule));
            }
        }
        ending_effects(sub, ctx.now, a);
    } else {
        let renewal = ctx.renews_at(sub);
        a.schedule(
            rule,
            renewal,
            msg!(
                a.lang,
                "more than {span} after the order ({billed} billing): the cancellation takes effect at renewal on {}, with no credit",
                "mer än {span} efter beställningen ({billed} fakturering): uppsägningen sker vid förnyelsen {}, utan kredit",
                at(renewal)
            ),
        );
        a.schedule(
            Rule::Canc3,
            renewal,
            msg!(
                a.lang,
                "the immediate cancellation with credit closed at {}",
                "omedelbar uppsägning med kredit stängde {}",
                at(closes)
            ),
        );
        ending_effects(sub, renewal, a);
    }
}

/// CANC-5: where the new-commerce windows are measured from. The 2021 and October 2021 editions
/// run them once, from the subscription's start (its order); from March 2022 they restart at
/// each renewal, from the current term's start (LIFE-3: a renewed term is a new term). A trial's
/// windows run from its conversion to paid (LIFE-2).
pub(crate) fn window_start(sub: &Subscription, p: &Policy) -> DateTime<Utc> {
    if let Some(source) = inherited(sub, p) {
        return source;
    }
    let start = if p.windows_restart_at_renewal {
        sub.term_start.0
    } else {
        sub.ordered_at.0
    };
    sub.paid_from(start)
}

/// CANC-5 (2023): a subscription a final upgrade created has no window of its own: until it
/// renews (LIFE-3: `termStart` after `orderedAt`), its windows are its source's.
pub(crate) fn inherited(sub: &Subscription, p: &Policy) -> Option<DateTime<Utc>> {
    let from = sub.upgraded_from.as_ref()?;
    (p.upgrades_final && sub.term_start.0 <= sub.ordered_at.0).then_some(from.window_start.0)
}

/// CANC-5: the full-refund window's close (none when its length is 0) and the cancellation
/// window's close.
pub(crate) fn windows(sub: &Subscription, p: &Policy) -> (Option<DateTime<Utc>>, DateTime<Utc>) {
    let start = window_start(sub, p);
    let full = (p.new_commerce_full_refund_hours > 0)
        .then(|| plus_hours(start, p.new_commerce_full_refund_hours));
    (full, plus_days(start, p.new_commerce_cancel_days))
}

/// CANC-5 (windows per edition, money by MONEY-3) and CANC-6 (access removed, final).
fn new_commerce(ctx: &Ctx<'_>, sub: &Subscription, a: &mut Answer) {
    let p = &ctx.policy;
    let (full_until, prorated_until) = windows(sub, p);
    let from = if inherited(sub, p).is_some() {
        pick(
            a.lang,
            "the upgrade source's window start, inherited until this subscription renews",
            "uppgraderingskällans fönsterstart, som ärvs tills prenumerationen förnyas",
        )
    } else if sub
        .trial_ends_at
        .is_some_and(|t| t.0 == window_start(sub, p))
    {
        pick(
            a.lang,
            "the trial's conversion to paid",
            "provperiodens övergång till betald",
        )
    } else if p.windows_restart_at_renewal {
        pick(a.lang, "the term start", "periodens start")
    } else {
        pick(a.lang, "the subscription's start", "prenumerationens start")
    };
    let days = p.new_commerce_cancel_days;
    let span = if days < 7 {
        Span::Hours(days * 24, a.lang)
    } else {
        Span::Days(days, a.lang)
    };
    if !ctx.before(prorated_until) {
        a.deny(
            Rule::Canc5,
            msg!(
                a.lang,
                "the cancellation window closed at {} ({span} after {from}); the full term is billed",
                "uppsägningsfönstret stängde {} ({span} efter {from}); hela perioden faktureras",
                at(prorated_until)
            ),
        );
        // The publisher's API names the window in the unit it states it in.
        a.code(if days < 7 {
            ApiCode::PastCancellationHours
        } else {
            ApiCode::PastCancellationDays
        });
        if sub.auto_renew {
            a.alternative(
                Action::SetAutoRenew { enabled: false },
                Rule::Renew2,
                msg!(
                    a.lang,
                    "turn auto-renew off so the subscription ends with its term at {}",
                    "stäng av automatisk förnyelse så att prenumerationen upphör när perioden slutar {}",
                    at(ctx.renews_at(sub))
                ),
            );
        }
        return;
    }
    let full = full_until.is_some_and(|f| ctx.before(f));
    if let (true, Some(f)) = (full, full_until) {
        let h = p.new_commerce_full_refund_hours;
        a.allow(
            Rule::Canc5,
            msg!(
                a.lang,
                ["cancelled within ", h, " hours of ", from, ": full refund"],
                [
                    "avbruten inom ",
                    h,
                    " timmar efter ",
                    from,
                    ": full återbetalning"
                ]
            ),
        );
        a.deadline(DeadlineKind::FullRefundUntil, f, Rule::Canc5);
    } else {
        let (n, unit) = span.parts();
        a.allow(
            Rule::Canc5,
            msg!(
                a.lang,
                [
                    "cancelled within ",
                    n,
                    unit,
                    " of ",
                    from,
                    ": refund minus the days used"
                ],
                [
                    "avbruten inom ",
                    n,
                    unit,
                    " efter ",
                    from,
                    ": återbetalning minus de använda dagarna"
                ]
            ),
        );
    }
    a.deadline(
        DeadlineKind::ProratedRefundUntil,
        prorated_until,
        Rule::Canc5,
    );
    a.warn(
        Rule::Canc6,
        msg!(
            a.lang,
            "access is removed at once and cannot be restored",
            "åtkomsten tas bort direkt och kan inte återställas"
        ),
    );
    a.effect(Rule::Canc6, EffectKind::AccessRemoved);
    a.effect(Rule::Canc6, EffectKind::Irreversible);
    ending_effects(sub, ctx.now, a);
    if sub.in_trial(ctx.now) {
        // MONEY-6 through ELIG-9's own words: a trial is billed nothing.
        a.allow(
            Rule::Elig9,
            msg!(
                a.lang,
                "the subscription is in its free trial: nothing was paid, nothing is refunded",
                "prenumerationen är i sin kostnadsfria provperiod: inget betalades, inget återbetalas"
            ),
        );
        return;
    }
    if life::unbilled(ctx, sub, a) {
        return;
    }
    if let Some(pricing) = pricing(ctx, sub) {
        if full {
            a.money(|| pricing.full(MoneyKind::Refund, Rule::Money3));
        } else {
            let period = ctx.billing_period(sub, ctx.today());
            let remaining = remaining_days(&period, ctx.today());
            a.money(|| {
                pricing.per_unit_prorated(MoneyKind::Refund, Rule::Money3, &period, remaining)
            });
        }
    }
}

/// Legacy licence-based subscriptions have no self-service cancellation in the sources: they are
/// ended by suspending them (SUSP-1), after which data is deleted (SUSP-3).
fn legacy(a: &mut Answer) {
    a.deny(
        Rule::Susp1,
        msg!(
            a.lang,
            "legacy subscriptions are not cancelled self-service; suspend it, and its data is deleted after the retention period",
            "traditionella prenumerationer avbryts inte via självbetjäning; inaktivera den, så tas data bort efter lagringsperioden"
        ),
    );
    a.alternative(
        Action::Suspend {
            reason: SuspendReason::CustomerRequest,
        },
        Rule::Susp1,
        msg!(
            a.lang,
            "suspend the subscription at the customer's request",
            "inaktivera prenumerationen på kundens begäran"
        ),
    );
}
