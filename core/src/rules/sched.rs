//! SCHED: changes at renewal, new commerce (`scheduleChange`, `cancelScheduledChange`).
//! SCHED-7 (saved changes removed by other actions) is an effect of those actions.

use chrono::{Datelike, NaiveDate};

use crate::calendar::Calendar;
use crate::model::decision::{ApiCode, DeadlineKind, EffectKind};
use crate::model::request::Action;
use crate::model::request::{Change, Subscription};
use crate::model::scalar::Day;
use crate::model::vocab::{BillingFrequency, CommerceModel, Status, Term};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, Answer, Ctx};
use crate::rules::life::{self, Phase};
use crate::rules::qty;

/// The kind name of a change, for "same kind replaces".
fn kind(c: &Change) -> &'static str {
    c.tag()
}

/// SCHED-3: scheduled changes need a new-commerce, active subscription with auto-renew on.
fn preconditions(sub: &Subscription, a: &mut Answer) {
    let (model, status) = (sub.commerce_model, sub.status);
    if model != CommerceModel::NewCommerce {
        a.deny(
            Rule::Sched3,
            msg!(
                a.lang,
                "changes at renewal are for new-commerce subscriptions; this one is `{model}`",
                "ändringar vid förnyelse gäller nya handelsprenumerationer; den här är `{model}`"
            ),
        );
    }
    if status != Status::Active {
        a.deny(
            Rule::Sched3,
            msg!(
                a.lang,
                "changes are scheduled only on an `active` subscription; this one is `{status}`",
                "ändringar schemaläggs bara på en `active` prenumeration; den här är `{status}`"
            ),
        );
    }
    if !sub.auto_renew {
        a.deny(
            Rule::Sched3,
            msg!(
                a.lang,
                "changes at renewal need auto-renew on",
                "ändringar vid förnyelse kräver att automatisk förnyelse är på"
            ),
        );
        a.alternative(
            Action::SetAutoRenew { enabled: true },
            Rule::Sched3,
            msg!(
                a.lang,
                "turn auto-renew on first; scheduled changes apply when the subscription renews",
                "slå på automatisk förnyelse först; schemalagda ändringar gäller när prenumerationen förnyas"
            ),
        );
    }
}

/// SCHED-1: the change is one that waits for the end of the term; `what` names it.
fn at_end(a: &mut Answer, en: &str, sv: &str) {
    a.allow(
        Rule::Sched1,
        msg!(
            a.lang,
            "{en} happens only at the end of the term",
            "{sv} sker bara i slutet av perioden"
        ),
    );
}

/// Decide `scheduleChange`.
pub(crate) fn schedule_change(ctx: &Ctx<'_>, sub: &Subscription, change: &Change, a: &mut Answer) {
    preconditions(sub, a);
    let renewal = ctx.renews_at(sub);
    match change {
        Change::SkuUpgrade { target_sku } => {
            let sku = &sub.sku;
            if sub.upgrade_paths.contains(target_sku) {
                a.allow(
                    Rule::Sched2,
                    msg!(
                        a.lang,
                        "`{target_sku}` is an eligible upgrade; upgrades may also be scheduled",
                        "`{target_sku}` är en berättigad uppgradering; uppgraderingar får också schemaläggas"
                    ),
                );
            } else {
                a.deny(
                    Rule::Sched3,
                    msg!(
                        a.lang,
                        "`{target_sku}` is not an eligible upgrade of `{sku}`",
                        "`{target_sku}` är inte en berättigad uppgradering av `{sku}`"
                    ),
                );
            }
        }
        Change::SkuDowngrade { target_sku } => {
            if !ctx.policy.sku_downgrades {
                let edition = ctx.edition;
                a.deny(
                    Rule::Sched1,
                    msg!(
                        a.lang,
                        "SKU downgrades are not supported under the `{edition}` rules",
                        "nedgraderingar av SKU stöds inte enligt reglerna `{edition}`"
                    ),
                );
            } else if target_sku == &sub.sku {
                a.deny(
                    Rule::Sched1,
                    msg!(
                        a.lang,
                        "the subscription is already on `{target_sku}`",
                        "prenumerationen har redan `{target_sku}`"
                    ),
                );
            } else {
                at_end(a, "a SKU downgrade", "en nedgradering av SKU");
            }
        }
        Change::Quantity { quantity: q } => {
            let current = sub.quantity.unwrap_or(0);
            let (min, max) = qty::limits(ctx);
            qty::within_limits(*q, min, max, Rule::Qty1, a);
            if *q == current {
                a.deny(
                    Rule::Sched1,
                    msg!(
                        a.lang,
                        "the quantity is already {current}",
                        "antalet är redan {current}"
                    ),
                );
            } else if *q < current {
                at_end(a, "a seat decrease", "en minskning av licenser");
            } else {
                a.allow(
                    Rule::Sched2,
                    msg!(
                        a.lang,
                        "a seat increase may also be applied mid-term",
                        "en ökning av licenser får också göras mitt i perioden"
                    ),
                );
            }
        }
        Change::Term { term } => {
            if *term == sub.term {
                a.deny(
                    Rule::Sched1,
                    msg!(
                        a.lang,
                        "the term is already `{term}`",
                        "perioden är redan `{term}`"
                    ),
                );
            } else if *term == Term::Monthly && frequency_after(sub) == BillingFrequency::Annual {
                cycle_longer_than_term(a);
            } else {
                at_end(a, "a term change", "en ändring av perioden");
            }
        }
        Change::BillingFrequency {
            billing_frequency: f,
        } => {
            if *f == sub.billing_frequency {
                a.deny(
                    Rule::Sched1,
                    msg!(
                        a.lang,
                        "the billing frequency is already `{f}`",
                        "faktureringsfrekvensen är redan `{f}`"
                    ),
                );
            } else if *f == BillingFrequency::Annual && term_after(sub) == Term::Monthly {
                cycle_longer_than_term(a);
            } else {
                at_end(
                    a,
                    "a billing frequency change",
                    "en ändring av faktureringsfrekvensen",
                );
            }
        }
        Change::CotermDate { coterm_date } => coterm(ctx, sub, coterm_date.0, a),
    }
    // LIFE-2, SCHED-5, SCHED-7: on a trial, the conversion to paid is the next renewal. It
    // converts to the paid SKU, so it removes a saved SKU change; any other change takes effect
    // at the conversion.
    let conversion = match life::phase_in(ctx, sub) {
        Phase::Trial { converts_at } => Some(converts_at),
        _ => None,
    };
    if let Some(converts_at) = conversion {
        a.deadline(DeadlineKind::TrialEndsAt, converts_at, Rule::Life2);
        if matches!(
            change,
            Change::SkuUpgrade { .. } | Change::SkuDowngrade { .. }
        ) {
            a.deny(
                Rule::Sched7,
                msg!(
                    a.lang,
                    "the trial converts to the paid SKU at {} (SCHED-5), which removes a saved SKU change: schedule it after the conversion",
                    "provperioden konverteras till den betalda SKU:n {} (SCHED-5), vilket tar bort en sparad SKU-ändring: schemalägg den efter konverteringen",
                    at(converts_at)
                ),
            );
        }
    }
    if a.blocked() {
        return;
    }
    let when = conversion.unwrap_or(renewal);
    a.schedule(
        Rule::Sched4,
        when,
        msg!(
            a.lang,
            "takes effect at renewal, {}; it can be viewed, updated or removed until then",
            "gäller från förnyelsen {}; den kan visas, uppdateras eller tas bort fram till dess",
            at(when)
        ),
    );
    a.effect(
        Rule::Sched4,
        EffectKind::ChangeScheduled { at: when.into() },
    );
    crate::rules::ctx::remove_scheduled_changes_where(
        sub,
        Rule::Sched4,
        &|c| kind(c) == kind(change),
        a,
    );
    if matches!(
        change,
        Change::SkuUpgrade { .. } | Change::SkuDowngrade { .. }
    ) {
        reassign(a);
    }
    if let Some(converts_at) = conversion {
        a.warn(
            Rule::Sched5,
            msg!(
                a.lang,
                "the trial converts to the paid SKU at {}, the end of its term: this change takes effect then",
                "provperioden konverteras till den betalda SKU:n {}, i slutet av perioden: ändringen gäller då",
                at(converts_at)
            ),
        );
    }
}

/// What a saved change for the renewal sets (`pick` reads it from a change), else `current`.
fn after_renewal<T>(sub: &Subscription, pick: impl Fn(&Change) -> Option<T>, current: T) -> T {
    sub.scheduled_changes
        .iter()
        .find_map(|c| pick(&c.change))
        .unwrap_or(current)
}

/// The term after renewal: a saved term change's, else the current one.
fn term_after(sub: &Subscription) -> Term {
    let term = |c: &Change| match c {
        Change::Term { term } => Some(*term),
        _ => None,
    };
    after_renewal(sub, term, sub.term)
}

/// The billing frequency after renewal: a saved frequency change's, else the current one.
fn frequency_after(sub: &Subscription) -> BillingFrequency {
    let frequency = |c: &Change| match c {
        Change::BillingFrequency { billing_frequency } => Some(*billing_frequency),
        _ => None,
    };
    after_renewal(sub, frequency, sub.billing_frequency)
}

/// SCHED-1 with LIFE-1: the next term would be billed annually on a monthly term.
fn cycle_longer_than_term(a: &mut Answer) {
    a.deny(
        Rule::Sched1,
        msg!(
            a.lang,
            "after renewal the term would be monthly and billed annually: the billing cycle cannot be longer than the term",
            "efter förnyelsen skulle perioden vara en månad och faktureras årsvis: faktureringscykeln kan inte vara längre än perioden"
        ),
    );
    a.code(ApiCode::BillingCycleLongerThanTerm);
}

/// SCHED-1 (2023): a co-term date for the next term. It must fall in that term (from the renewal
/// to the term's natural last day) and be a day on which another active, paid subscription of
/// the customer ends, or the last day of a calendar month.
fn coterm(ctx: &Ctx<'_>, sub: &Subscription, day: NaiveDate, a: &mut Answer) {
    if !ctx.policy.coterm_date_changes {
        let edition = ctx.edition;
        a.deny(
            Rule::Sched1,
            msg!(
                a.lang,
                "a co-term date can be scheduled from the 2023 rules; this decision is under `{edition}`",
                "ett samordnat slutdatum kan schemaläggas från reglerna 2023; det här beslutet följer `{edition}`"
            ),
        );
        return;
    }
    let first = ctx.calendar(sub).renewal();
    let last = Calendar::new(first, sub.term, sub.billing_frequency, None).end;
    let outside = day < first || day > last;
    let (day, renewal, natural_end) = (Day(day), Day(first), Day(last));
    if outside {
        a.deny(
            Rule::Sched1,
            msg!(
                a.lang,
                "the co-term date {day} is outside the next term, {renewal} to {natural_end}",
                "det samordnade slutdatumet {day} ligger utanför nästa period, {renewal} till {natural_end}"
            ),
        );
        return;
    }
    let anchor = ctx.req.customer.and_then(|c| {
        c.subscriptions.iter().find(|s| {
            s.id != sub.id
                && s.status == Status::Active
                && s.term_end == Some(day)
                && s.trial_ends_at.is_none_or(|t| !ctx.before(t.0))
        })
    });
    if let Some(other) = anchor {
        let id = &other.id;
        a.allow(
            Rule::Sched1,
            msg!(
                a.lang,
                "the next term ends on {day}, with the customer's subscription `{id}`",
                "nästa period slutar {day}, samtidigt som kundens prenumeration `{id}`"
            ),
        );
    } else if day.0.succ_opt().is_some_and(|next| next.day() == 1) {
        a.allow(
            Rule::Sched1,
            msg!(
                a.lang,
                "the next term ends on {day}, the last day of a month",
                "nästa period slutar {day}, den sista dagen i en månad"
            ),
        );
    } else {
        a.deny(
            Rule::Sched1,
            msg!(
                a.lang,
                "{day} is neither a day on which another active, paid subscription of the customer ends nor the last day of a month",
                "{day} är varken en dag då en annan aktiv, betald prenumeration hos kunden slutar eller den sista dagen i en månad"
            ),
        );
        a.code(ApiCode::CotermDateMatchesNothing);
    }
}

/// SCHED-6: a scheduled SKU change needs licences reassigned by hand.
pub(crate) fn reassign(a: &mut Answer) {
    a.warn(
        Rule::Sched6,
        msg!(
            a.lang,
            "after a SKU change, licences must be reassigned to users by hand",
            "efter en SKU-ändring måste licenserna tilldelas användarna manuellt"
        ),
    );
    a.effect(Rule::Sched6, EffectKind::LicenceReassignmentRequired);
}

/// Decide `cancelScheduledChange`: a saved change can be removed until the renewal (SCHED-4).
pub(crate) fn cancel_scheduled_change(ctx: &Ctx<'_>, sub: &Subscription, id: &str, a: &mut Answer) {
    if !sub.scheduled_changes.iter().any(|c| c.id == id) {
        let shown = crate::input::decode::clip(id);
        a.deny(
            Rule::Sched4,
            msg!(
                a.lang,
                "there is no scheduled change `{shown}`",
                "det finns ingen schemalagd ändring `{shown}`"
            ),
        );
        return;
    }
    let renewal = at(ctx.renews_at(sub));
    if !ctx.before(ctx.renews_at(sub)) {
        a.deny(
            Rule::Sched4,
            msg!(
                a.lang,
                "the change took effect at renewal, {renewal}",
                "ändringen trädde i kraft vid förnyelsen {renewal}"
            ),
        );
        return;
    }
    a.allow(
        Rule::Sched4,
        msg!(
            a.lang,
            "scheduled changes can be removed until the renewal at {renewal}",
            "schemalagda ändringar kan tas bort fram till förnyelsen {renewal}"
        ),
    );
    a.effect(Rule::Sched4, || EffectKind::ScheduledChangesRemoved {
        change_ids: vec![id.to_string()],
    });
}
