//! UPG: upgrades, new commerce (`upgrade`), full and partial, with MONEY-3 lines.

use chrono::{DateTime, Utc};

use crate::calendar::{Calendar, Period};
use crate::model::decision::{ApiCode, EffectKind, MoneyKind};
use crate::model::request::Action;
use crate::model::request::{Change, Subscription, SubscriptionRef, UpgradeTarget, UpgradedFrom};
use crate::model::scalar::Day;
use crate::model::vocab::{BillingFrequency, CommerceModel, Status, Timing};
use crate::money::{remaining_days, Pricing};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, plus_days, remove_scheduled_changes_where, Answer, Ctx};

/// The parameters of an upgrade.
pub(crate) struct Upgrade<'a> {
    pub target_sku: &'a str,
    pub quantity: u32,
    pub target: &'a UpgradeTarget,
    pub timing: Timing,
}

/// Decide `upgrade`.
pub(crate) fn upgrade(ctx: &Ctx<'_>, sub: &Subscription, u: &Upgrade<'_>, a: &mut Answer) {
    let model = sub.commerce_model;
    // UPG-1 (reading revisited): partial and mid-term upgrades are new commerce's; a legacy
    // subscription can be upgraded in full (all its licences, now).
    let whole = sub.quantity.is_some_and(|q| q == u.quantity);
    if model == CommerceModel::Legacy && whole && u.timing == Timing::Now {
        a.allow(
            Rule::Upg1,
            msg!(
                a.lang,
                "a legacy subscription can be upgraded in full: all its licences move",
                "en traditionell prenumeration kan uppgraderas helt: alla dess licenser flyttas"
            ),
        );
    } else if model != CommerceModel::NewCommerce {
        a.deny(
            Rule::Upg1,
            msg!(
                a.lang,
                "partial and mid-term upgrades are for new-commerce subscriptions; this one is `{model}`",
                "partiella uppgraderingar och uppgraderingar mitt i perioden gäller nya handelsprenumerationer; den här är `{model}`"
            ),
        );
    }
    // UPG-1: only from active.
    let status = sub.status;
    if status == Status::Active {
        a.allow(
            Rule::Upg1,
            msg!(
                a.lang,
                "the source subscription is active",
                "källprenumerationen är aktiv"
            ),
        );
    } else {
        a.deny(
            Rule::Upg1,
            msg!(
                a.lang,
                "upgrades start only from `active`; this one is `{status}`",
                "uppgraderingar startar bara från `active`; den här är `{status}`"
            ),
        );
    }
    // UPG-2: an eligible target SKU.
    let (target, sku) = (u.target_sku, &sub.sku);
    if sub.upgrade_paths.iter().any(|p| p == u.target_sku) {
        a.allow(
            Rule::Upg2,
            msg!(
                a.lang,
                "`{target}` is an eligible upgrade of `{sku}`",
                "`{target}` är en berättigad uppgradering av `{sku}`"
            ),
        );
    } else {
        a.deny(
            Rule::Upg2,
            msg!(
                a.lang,
                "`{target}` is not an eligible upgrade of `{sku}`",
                "`{target}` är inte en berättigad uppgradering av `{sku}`"
            ),
        );
    }
    // UPG-3: 1 ≤ licences moved ≤ the source's quantity; partial when fewer.
    let source_qty = sub.quantity.unwrap_or(0);
    let moved = u.quantity;
    let partial = moved < source_qty;
    if moved == 0 || moved > source_qty {
        a.deny(
            Rule::Upg3,
            msg!(
                a.lang,
                "{moved} licences cannot move: between 1 and the source's {source_qty}",
                "{moved} licenser kan inte flyttas: mellan 1 och källans {source_qty}"
            ),
        );
    } else if partial {
        a.allow(
            Rule::Upg3,
            msg!(
                a.lang,
                "partial upgrade: {moved} of {source_qty} licences move",
                "partiell uppgradering: {moved} av {source_qty} licenser flyttas"
            ),
        );
    } else {
        a.allow(
            Rule::Upg3,
            msg!(
                a.lang,
                "full upgrade: all {source_qty} licences move",
                "fullständig uppgradering: alla {source_qty} licenser flyttas"
            ),
        );
    }
    // UPG-4: a new subscription, or an active existing one of the target SKU.
    self::target(ctx, sub, u, a);
    if u.timing == Timing::Renewal && !sub.auto_renew {
        // SCHED-3: a scheduled upgrade needs auto-renew on.
        a.deny(
            Rule::Sched3,
            msg!(
                a.lang,
                "an upgrade at renewal needs auto-renew on",
                "en uppgradering vid förnyelsen kräver automatisk förnyelse"
            ),
        );
        a.alternative(
            Action::SetAutoRenew { enabled: true },
            Rule::Sched3,
            msg!(
                a.lang,
                "turn auto-renew on first",
                "slå på automatisk förnyelse först"
            ),
        );
    }
    if a.blocked() {
        return;
    }
    if u.timing == Timing::Renewal {
        let renewal = ctx.renews_at(sub);
        a.schedule(
            Rule::Sched4,
            renewal,
            msg!(
                a.lang,
                "the upgrade takes effect at renewal, {}",
                "uppgraderingen gäller från förnyelsen {}",
                at(renewal)
            ),
        );
        a.effect(
            Rule::Sched4,
            EffectKind::ChangeScheduled { at: renewal.into() },
        );
        // SCHED-4: one SKU change per renewal: this upgrade replaces a saved one.
        let sku = |c: &Change| matches!(c, Change::SkuUpgrade { .. } | Change::SkuDowngrade { .. });
        if remove_scheduled_changes_where(sub, Rule::Sched4, &sku, a) {
            a.warn(
                Rule::Sched4,
                msg!(
                    a.lang,
                    "it replaces the saved SKU change: one SKU change per renewal",
                    "den ersätter den sparade SKU-ändringen: en SKU-ändring per förnyelse"
                ),
            );
        }
        crate::rules::sched::reassign(a);
        return;
    }
    a.allow(
        Rule::Sched2,
        msg!(
            a.lang,
            "upgrades may be applied mid-term",
            "uppgraderingar får göras mitt i perioden"
        ),
    );
    effects(ctx, sub, u, partial, source_qty, a);
}

fn target(ctx: &Ctx<'_>, sub: &Subscription, u: &Upgrade<'_>, a: &mut Answer) {
    let want = u.target_sku;
    let UpgradeTarget::Existing { subscription_id } = u.target else {
        a.allow(
            Rule::Upg4,
            msg!(
                a.lang,
                "the licences move to a new `{want}` subscription",
                "licenserna flyttas till en ny `{want}`-prenumeration"
            ),
        );
        return;
    };
    if subscription_id == &sub.id {
        a.deny(
            Rule::Upg4,
            msg!(
                a.lang,
                "the target cannot be the source subscription itself",
                "målet kan inte vara källprenumerationen själv"
            ),
        );
        a.code(ApiCode::TargetIsSource);
        return;
    }
    let Some(t) = existing_target(ctx, u) else {
        let id = crate::input::decode::clip(subscription_id);
        a.deny(
            Rule::Upg4,
            msg!(
                a.lang,
                "the customer has no subscription `{id}`",
                "kunden har ingen prenumeration `{id}`"
            ),
        );
        return;
    };
    let id = &t.id;
    // Each failing condition is its own reason: a page can show them all.
    let mut ok = true;
    if t.status != Status::Active {
        ok = false;
        let status = t.status;
        a.deny(
            Rule::Upg4,
            msg!(
                a.lang,
                "the target subscription `{id}` must be `active`; it is `{status}`",
                "målprenumerationen `{id}` måste vara `active`; den är `{status}`"
            ),
        );
        a.code(ApiCode::TargetNotActive);
    }
    if t.sku != u.target_sku {
        ok = false;
        let sku = &t.sku;
        a.deny(
            Rule::Upg4,
            msg!(
                a.lang,
                "the target subscription `{id}` is of `{sku}`, not `{want}`",
                "målprenumerationen `{id}` har `{sku}`, inte `{want}`"
            ),
        );
    }
    if ctx.policy.upgrade_target_checks {
        ok &= target_checks(ctx, sub, t, a);
    }
    if !ok {
        return;
    }
    a.allow(
        Rule::Upg4,
        msg!(
            a.lang,
            "the licences move to the existing subscription `{id}`",
            "licenserna flyttas till den befintliga prenumerationen `{id}`"
        ),
    );
}

/// The upgrade's existing target, if the customer holds it.
fn existing_target<'a>(ctx: &Ctx<'a>, u: &Upgrade<'_>) -> Option<&'a SubscriptionRef> {
    let UpgradeTarget::Existing { subscription_id } = u.target else {
        return None;
    };
    ctx.req
        .customer?
        .subscriptions
        .iter()
        .find(|s| &s.id == subscription_id)
}

/// UPG-4 from 2023: an existing target must be outside its cancellation window, of no shorter
/// term and end no earlier than the source. The facts it needs are required input then (LIFE-1's
/// check of the action).
fn target_checks(ctx: &Ctx<'_>, sub: &Subscription, t: &SubscriptionRef, a: &mut Answer) -> bool {
    let id = &t.id;
    let mut ok = true;
    if let Some(from) = target_paid_start(t) {
        let closes = plus_days(from, ctx.policy.new_commerce_cancel_days);
        if ctx.before(closes) {
            ok = false;
            a.deny(
                Rule::Upg4,
                msg!(
                    a.lang,
                    "the target subscription `{id}` is inside its cancellation window until {}; it can be a target after that",
                    "målprenumerationen `{id}` är inom sitt uppsägningsfönster till {}; den kan vara mål efter det",
                    at(closes)
                ),
            );
        }
    }
    if let Some(term) = t.term {
        let source = sub.term;
        if term < source {
            ok = false;
            a.deny(
                Rule::Upg4,
                msg!(
                    a.lang,
                    "the target subscription `{id}` has a `{term}` term, shorter than the source's `{source}`",
                    "målprenumerationen `{id}` har perioden `{term}`, kortare än källans `{source}`"
                ),
            );
            a.code(ApiCode::TargetTermShorter);
        }
    }
    if let Some(end) = target_calendar(t).map(|c| c.end) {
        let (end, source_end) = (Day(end), Day(ctx.term_end(sub)));
        if end < source_end {
            ok = false;
            a.deny(
                Rule::Upg4,
                msg!(
                    a.lang,
                    "the target subscription `{id}` ends on {end}, before the source's {source_end}",
                    "målprenumerationen `{id}` slutar {end}, före källans {source_end}"
                ),
            );
            a.code(ApiCode::TargetEndsEarlier);
        }
    }
    ok
}

/// LIFE-2 for an existing target: its paid term starts at its term start, or at a trial's later
/// conversion (what [`Subscription::paid_term_start`] is for the source).
fn target_paid_start(t: &SubscriptionRef) -> Option<DateTime<Utc>> {
    let start = t.term_start?.0;
    Some(match t.trial_ends_at {
        Some(conversion) if conversion.0 > start => conversion.0,
        _ => start,
    })
}

/// An existing target's calendar, where its facts give one (its term's start and length; billed
/// monthly when its frequency is not given).
fn target_calendar(t: &SubscriptionRef) -> Option<Calendar> {
    let start = target_paid_start(t)?;
    Some(Calendar::new(
        start.naive_utc().date(),
        t.term?,
        t.billing_frequency.unwrap_or(BillingFrequency::Monthly),
        t.term_end.map(|d| d.0),
    ))
}

fn effects(
    ctx: &Ctx<'_>,
    sub: &Subscription,
    u: &Upgrade<'_>,
    partial: bool,
    source_qty: u32,
    a: &mut Answer,
) {
    let term_end = Day(ctx.term_end(sub));
    if let UpgradeTarget::New = u.target {
        // UPG-5: the new subscription ends its term with the source.
        a.allow(
            Rule::Upg5,
            msg!(
                a.lang,
                "the new subscription's term ends with the source's, on {term_end}",
                "den nya prenumerationens period slutar samtidigt som källans, {term_end}"
            ),
        );
        a.effect(Rule::Upg5, || EffectKind::SubscriptionCreated {
            sku: u.target_sku.to_string(),
            quantity: Some(u.quantity),
            status: Status::Active,
            term_end: Some(term_end),
            upgraded_from: Some(UpgradedFrom {
                subscription_id: sub.id.clone(),
                window_start: crate::rules::canc::window_start(sub, &ctx.policy).into(),
            }),
        });
    }
    let target = existing_target(ctx, u);
    if let Some(t) = target {
        // UPG-4: the target's side: its count after the licences arrive.
        if let Some(q) = t.quantity {
            a.effect(Rule::Upg4, || EffectKind::TargetQuantityChanges {
                subscription_id: t.id.clone(),
                from: q,
                to: q.saturating_add(u.quantity),
            });
        }
    }
    if ctx.policy.upgrades_final {
        final_upgrade(ctx, sub, u, a);
    }
    if partial {
        a.effect(
            Rule::Upg3,
            EffectKind::QuantityChanges {
                from: source_qty,
                to: source_qty - u.quantity,
            },
        );
        // UPG-6: a mid-term upgrade removes the source's scheduled upgrades.
        remove_scheduled_changes_where(
            sub,
            Rule::Upg6,
            &|c| matches!(c, Change::SkuUpgrade { .. }),
            a,
        );
        // SCHED-7: a saved quantity change to as many licences as remain, or more, was a
        // decrease from the old count and would now keep or raise the new one: removed, said.
        let left = source_qty - u.quantity;
        let stale = |c: &Change| matches!(c, Change::Quantity { quantity } if *quantity >= left);
        if remove_scheduled_changes_where(sub, Rule::Sched7, &stale, a) {
            a.warn(
                Rule::Sched7,
                msg!(
                    a.lang,
                    "a saved quantity change no longer lowers the count, {left} after the upgrade: it is removed",
                    "en sparad antalsändring sänker inte längre antalet, {left} efter uppgraderingen: den tas bort"
                ),
            );
        }
    } else {
        a.effect(
            Rule::Upg3,
            EffectKind::StatusChanges {
                from: Status::Active,
                to: Status::Deleted,
                at: ctx.now.into(),
            },
        );
        // SCHED-7: upgrading the SKU removes every saved change of the source.
        crate::rules::ctx::remove_scheduled_changes(sub, Rule::Sched7, a);
    }
    // MONEY-6: nothing billed (a trial), nothing credited or charged.
    if crate::rules::life::unbilled(ctx, sub, a) {
        return;
    }
    // MONEY-3: credit on the source and charge on the target, each per licence at its own price
    // and in its own price's currency (the two are the same: MONEY-6 refuses a mix as input).
    // UPG-4: licences joining an existing target are charged over the target's own billing
    // period, where its facts give one; else over the source's.
    let source_period = ctx.billing_period(sub, ctx.today());
    let target_period = target
        .and_then(target_calendar)
        .map_or(source_period, |cal| cal.period_containing(ctx.today()));
    let line = |price, currency: &str, kind, period: &Period| {
        Pricing {
            quantity: u.quantity,
            unit_price: price,
            currency,
            rounding: ctx.policy.rounding,
        }
        .per_unit_prorated(
            kind,
            Rule::Money3,
            period,
            remaining_days(period, ctx.today()),
        )
    };
    if let Some(price) = sub.unit_price {
        a.money(|| line(price.0, &sub.currency, MoneyKind::Credit, &source_period));
    }
    if let Some(offer) = ctx.req.offer {
        if let Some(price) = offer.unit_price {
            let currency = offer.currency.as_deref().unwrap_or(&sub.currency);
            a.money(|| line(price.0, currency, MoneyKind::Charge, &target_period));
        }
    }
}

/// 2023: an upgrade is final (UPG-3), and a subscription it creates has no cancellation window
/// of its own: it inherits the source's until it renews (UPG-5, CANC-5).
fn final_upgrade(ctx: &Ctx<'_>, sub: &Subscription, u: &Upgrade<'_>, a: &mut Answer) {
    a.warn(
        Rule::Upg3,
        msg!(
            a.lang,
            "an upgrade is final: once submitted it cannot be undone",
            "en uppgradering är slutgiltig: när den har skickats kan den inte ångras"
        ),
    );
    a.effect(Rule::Upg3, EffectKind::Irreversible);
    if let UpgradeTarget::New = u.target {
        let (_, closes) = crate::rules::canc::windows(sub, &ctx.policy);
        let when = at(closes);
        a.warn(
            Rule::Upg5,
            msg!(
                a.lang,
                "the new subscription has no cancellation window of its own: until it renews, it has the source's (cancellable until {when})",
                "den nya prenumerationen har inget eget uppsägningsfönster: tills den förnyas har den källans (kan sägas upp till {when})"
            ),
        );
    }
}
