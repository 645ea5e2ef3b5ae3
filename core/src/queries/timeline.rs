//! A subscription's timeline: every dated point (windows closing, renewal, trial end, data
//! deletion, scheduled changes), each window asked of the rule that measures it, and when each
//! action's verdict changes with time alone.

use crate::error::InputErrors;
use crate::model::decision::Decision;
use crate::model::decision::Verdict;
use crate::model::query::{Query, SubscriptionQuery};
use crate::model::request::Action;
use crate::model::scalar::Instant;
use crate::model::vocab::ActionKind;
use crate::model::vocab::BillingType;
use crate::model::vocab::CommerceModel;
use crate::model::vocab::Status;
use crate::names::wire_enum;
use crate::policy::params::SeatReduction;
use crate::queries::decide::{actions_of, check, decide_at, prefix, settle, verdict_at};
use crate::rules::canc::{self, WindowUnit};
use crate::rules::catalog::Rule;
use crate::rules::ctx::Watch;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

wire_enum! {
    /// What a timeline point is.
    PointKind {
        /// The order was placed.
        Ordered = "ordered",
        /// The current term started (MONEY-1).
        TermStart = "termStart",
        /// New commerce (2022-03 on): seats added at one time can no longer be removed
        /// mid-term (QTY-2).
        SeatReductionWindowCloses = "seatReductionWindowCloses",
        /// Marketplace: the full-credit cancellation window closes (CANC-1/2).
        FullCreditWindowCloses = "fullCreditWindowCloses",
        /// New commerce: the full-refund window closes (CANC-5).
        FullRefundWindowCloses = "fullRefundWindowCloses",
        /// New commerce: the cancellation window closes (CANC-5).
        CancelWindowCloses = "cancelWindowCloses",
        /// The free trial ends and converts to paid (ELIG-9, SCHED-5).
        TrialEnds = "trialEnds",
        /// The subscription was suspended (SUSP-1).
        Suspended = "suspended",
        /// Data is deleted unless reactivated (SUSP-3).
        DataDeletion = "dataDeletion",
        /// A scheduled change takes effect (SCHED-4).
        ScheduledChange = "scheduledChange",
        /// The term ends and the subscription renews (RENEW-1).
        Renewal = "renewal",
        /// The term ends without renewal (auto-renew off).
        TermEnds = "termEnds",
    }
}

/// A dated point of a subscription's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TimelinePoint {
    /// When (half-open windows: at this instant the window has closed).
    pub at: Instant,
    /// What.
    pub kind: PointKind,
    /// The rule behind it.
    pub rule: Rule,
    /// Lowercase English label.
    pub label: String,
    /// Whether it is before `now`.
    pub past: bool,
}

/// The instant an action's decision changes with time alone (the facts unchanged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OutcomeChange {
    /// The action.
    pub action: ActionKind,
    /// Its verdict at `now`.
    pub verdict: Verdict,
    /// The first instant after `now` at which the verdict differs.
    pub changes_at: Instant,
    /// The verdict from then on.
    pub verdict_after: Verdict,
    /// The rules of the decision from then on.
    pub rules_after: Vec<Rule>,
}

/// A subscription's dated points, in order, and when each action's outcome changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The subscription.
    pub subscription_id: String,
    /// The evaluation instant.
    pub now: Instant,
    /// Every dated point, in time order.
    pub points: Vec<TimelinePoint>,
    /// For each action whose verdict changes with time alone, the instant it changes.
    pub changes: Vec<OutcomeChange>,
}

pub(crate) fn timeline_points(q: Query<'_>, labels: bool) -> Vec<TimelinePoint> {
    use crate::tr;
    // A point's label, written only where it is read (a timeline; not the instants of the
    // actions' queries).
    macro_rules! label {
        ($($t:tt)*) => {
            if labels { tr!($($t)*) } else { String::new() }
        };
    }
    let sub = q.subscription;
    let l = q.locale;
    let (_, policy) = crate::rules::ctx::effective(q.facts(&Action::Cancel, q.now.0));
    let p = &policy;
    let renewed = sub.term_start > sub.ordered_at;
    let mut pts: Vec<(DateTime<Utc>, PointKind, Rule, String)> = vec![
        (
            sub.ordered_at.0,
            PointKind::Ordered,
            Rule::Time1,
            label!(l, "order placed", "beställningen lades"),
        ),
        (
            sub.term_start.0,
            PointKind::TermStart,
            // LIFE-3: a renewed term is a new term (windows that restart at renewal, restart).
            if renewed { Rule::Life3 } else { Rule::Money1 },
            if renewed {
                label!(
                    l,
                    "current term starts (renewed: a new term)",
                    "den aktuella perioden börjar (förnyad: en ny period)"
                )
            } else {
                label!(l, "current term starts", "den aktuella perioden börjar")
            },
        ),
    ];
    match (sub.commerce_model, sub.billing_type) {
        (CommerceModel::NewCommerce, _) => {
            // CANC-5 as the edition measures it (from the order, or the term start from 2022-03).
            let (full, closes) = canc::windows(sub, p);
            if let Some(full) = full {
                let h = p.new_commerce_full_refund_hours;
                pts.push((
                    full,
                    PointKind::FullRefundWindowCloses,
                    Rule::Canc5,
                    label!(
                        l,
                        "full-refund cancellation closes ({h} h)",
                        "uppsägning med full återbetalning stänger ({h} h)"
                    ),
                ));
            }
            let d = p.new_commerce_cancel_days;
            pts.push((
                closes,
                PointKind::CancelWindowCloses,
                Rule::Canc5,
                label!(
                    l,
                    "cancellation closes ({d} days)",
                    "uppsägningsfönstret stänger ({d} dagar)"
                ),
            ));
        }
        (CommerceModel::Marketplace, BillingType::License) => {
            // CANC-1/2: the window as the rule measures it.
            let (rule, closes, n, unit) = canc::marketplace_window(sub, p);
            let span = match unit {
                WindowUnit::Hours => label!(l, "{n} h", "{n} h"),
                WindowUnit::Days => label!(l, "{n} days", "{n} dagar"),
            };
            pts.push((
                closes,
                PointKind::FullCreditWindowCloses,
                rule,
                label!(
                    l,
                    "full-credit cancellation closes ({span} after the order)",
                    "uppsägning med full kredit stänger ({span} efter beställningen)"
                ),
            ));
        }
        _ => {}
    }
    // QTY-2: each seat addition's reduction window, where the edition has them (2022-03 on).
    if let (CommerceModel::NewCommerce, BillingType::License, SeatReduction::WithinDays) =
        (sub.commerce_model, sub.billing_type, p.seat_reduction)
    {
        let days = p.seat_reduction_days;
        for (added, closes, n) in crate::rules::qty::seat_windows(sub, p, sub.quantity.unwrap_or(0))
        {
            let added = crate::rules::ctx::at(added);
            pts.push((
                closes,
                PointKind::SeatReductionWindowCloses,
                Rule::Qty2,
                label!(
                    l,
                    "{n} seat(s) added {added} can no longer be removed before renewal ({days} days)",
                    "{n} licens(er) som lades till {added} kan inte längre tas bort före förnyelsen ({days} dagar)"
                ),
            ));
        }
    }
    if let Some(t) = sub.trial_ends_at {
        pts.push((
            t.0,
            PointKind::TrialEnds,
            Rule::Sched5,
            label!(
                l,
                "free trial ends and converts to paid",
                "provperioden slutar och blir betald"
            ),
        ));
    }
    if let Some(t) = sub.suspended_at.filter(|_| sub.status == Status::Suspended) {
        pts.push((
            t.0,
            PointKind::Suspended,
            Rule::Susp1,
            label!(l, "suspended", "inaktiverad"),
        ));
        let days = crate::rules::susp::retention_days(sub, p);
        pts.push((
            crate::rules::susp::deletion_at(sub, p, t.0),
            PointKind::DataDeletion,
            Rule::Susp3,
            label!(
                l,
                "data deleted unless reactivated ({days} days after suspension)",
                "data tas bort om den inte återaktiveras ({days} dagar efter inaktiveringen)"
            ),
        ));
    }
    let renewal = sub.renews_at();
    for c in &sub.scheduled_changes {
        let id = &c.id;
        pts.push((
            renewal,
            PointKind::ScheduledChange,
            Rule::Sched4,
            label!(
                l,
                "scheduled change `{id}` takes effect",
                "den schemalagda ändringen `{id}` träder i kraft"
            ),
        ));
    }
    if sub.auto_renew {
        pts.push((
            renewal,
            PointKind::Renewal,
            Rule::Renew1,
            label!(l, "term ends and renews", "perioden slutar och förnyas"),
        ));
    } else {
        pts.push((
            renewal,
            PointKind::TermEnds,
            Rule::Renew2,
            label!(
                l,
                "term ends without renewal",
                "perioden slutar utan förnyelse"
            ),
        ));
    }
    crate::util::sort_by_key(&mut pts, |x| (x.0, x.1));
    pts.into_iter()
        .map(|(at, kind, rule, label)| TimelinePoint {
            past: at <= q.now,
            at: at.into(),
            kind,
            rule,
            label,
        })
        .collect()
}

/// The first future point at which `action`'s verdict differs from `now`'s (`watch`: when the
/// decision at `now` can next change).
///
/// Decided again only where it can change: a decision notes the instants its comparisons with
/// `now` were made against ([`Watch`]), and until the earliest of them every comparison, so the
/// decision, comes out the same; the points before it are passed over. Without those notes
/// (`Watch::Unknown`, or `every_point`) it is decided again at every point: the answer is the
/// same (the tests compare the two on every fixture and on random subscriptions and instants).
pub(crate) fn first_change(
    q: Query<'_>,
    action: &Action,
    now: &Decision,
    watch: Watch,
    points: &[TimelinePoint],
    every_point: bool,
) -> Option<OutcomeChange> {
    // A seat addition's reduction window is read by one rule only, QTY-2's decrease
    // (`qty::seat_windows`): another action's verdict cannot change there, so it is not decided
    // again at each of up to 100 such instants (which made the query quadratic in them).
    let seats = action.kind() == ActionKind::ChangeQuantity;
    // The points are in order of time: each instant once, without collecting them.
    let mut last = None;
    let mut at = points
        .iter()
        .filter(|p| p.at > q.now && (seats || p.kind != PointKind::SeatReductionWindowCloses))
        .map(|p| p.at.0)
        .filter(move |t| last.replace(*t) != Some(*t))
        .peekable();
    let mut next = if every_point { Watch::Unknown } else { watch };
    loop {
        match next {
            Watch::Never => return None,
            Watch::Until(t) => while at.next_if(|p| *p < t).is_some() {},
            Watch::Unknown => {}
        }
        let t = at.next()?;
        // A point that cannot be decided is passed over, as are the points after it until one can.
        // Only the verdict and rules of a later decision are read: it is made without messages,
        // but at every point (the plain reading the tests hold this to) in full.
        let mut watch = Watch::Unknown;
        let later = if every_point {
            decide_at(q, action, t, &mut watch)
        } else {
            verdict_at(q, action, t, &mut watch)
        };
        let Ok(later) = later else {
            next = Watch::Unknown;
            continue;
        };
        if later.verdict != now.verdict {
            return Some(OutcomeChange {
                action: action.kind(),
                verdict: now.verdict,
                changes_at: t.into(),
                verdict_after: later.verdict,
                rules_after: later.rule_ids(),
            });
        }
        next = if every_point { Watch::Unknown } else { watch };
    }
}

/// The subscription's timeline at `now`: refund windows closing, renewal, trial end, data
/// deletion, scheduled changes; and for each action whose outcome changes with time alone, the
/// instant it changes.
pub fn timeline(q: &SubscriptionQuery) -> Result<Timeline, InputErrors> {
    timeline_of(q.view(), false)
}

/// [`timeline`], deciding every action again at every future point: the plain reading that
/// [`timeline`] is held equal to (tests only).
#[doc(hidden)]
pub fn timeline_at_every_point(q: &SubscriptionQuery) -> Result<Timeline, InputErrors> {
    timeline_of(q.view(), true)
}

/// [`timeline`] of a query's parts.
pub(crate) fn timeline_of(q: Query<'_>, every_point: bool) -> Result<Timeline, InputErrors> {
    check(q)?;
    let mut q = q;
    settle(&mut q);
    let points = timeline_points(q, true);
    let actions = actions_of(q);
    let mut changes = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        // Only the verdict of the decision at `now` is read (and in the plain reading, in full).
        let mut watch = Watch::Unknown;
        let decision = if every_point {
            decide_at(q, action, q.now.0, &mut watch)
        } else {
            verdict_at(q, action, q.now.0, &mut watch)
        };
        let decision = decision.map_err(|e| prefix(e, i))?;
        changes.extend(first_change(
            q,
            action,
            &decision,
            watch,
            &points,
            every_point,
        ));
    }
    Ok(Timeline {
        subscription_id: q.subscription.id.clone(),
        now: q.now,
        points,
        changes,
    })
}
