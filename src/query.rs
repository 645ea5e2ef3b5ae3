//! The questions a UI asks besides "may I do this": which actions are available on a
//! subscription now (with each decision), its timeline, and the catalog filtered for a customer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::decision::{Alternative, DeadlineKind, Decision, Reason, Verdict};
use crate::decode::{Decode, Decoder};
use crate::edition::EditionChoice;
use crate::error::{InputError, InputErrors};
use crate::i18n::Locale;
use crate::json::Json;
use crate::limits;
use crate::model::*;
use crate::policy::PolicyOverrides;
use crate::rule::Rule;
use crate::rules::{self, Ctx};

/// Facts about one subscription at `now`: the input of [`available_actions`] and [`timeline`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscriptionQuery {
    /// The evaluation instant (TIME-2).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub now: DateTime<Utc>,
    /// Who acts.
    pub actor: Actor,
    /// The subscription.
    pub subscription: Subscription,
    /// The customer (upgrade targets, add-on regions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// An offer: quantity limits of the subscription's offer, or an add-on offer to consider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// The edition (`2021` when absent, or `atOrder`).
    #[serde(default)]
    pub edition: EditionChoice,
    /// Overrides of the edition's policy parameters.
    #[serde(default, skip_serializing_if = "PolicyOverrides::is_empty")]
    pub policy: PolicyOverrides,
    /// Language of the messages.
    #[serde(default)]
    pub locale: Locale,
    /// The actions to decide, with their parameters; a representative set when absent (see
    /// [`default_actions`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
}

impl SubscriptionQuery {
    fn request(&self, action: Action, now: DateTime<Utc>) -> Request {
        Request {
            now,
            actor: self.actor.clone(),
            subscription: Some(self.subscription.clone()),
            customer: self.customer.clone(),
            offer: self.offer.clone(),
            edition: self.edition,
            policy: self.policy.clone(),
            locale: self.locale,
            action,
        }
    }
}

/// One action of [`available_actions`] with its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
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
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AvailableActions {
    /// The subscription.
    pub subscription_id: String,
    /// The actions, in the order asked (or of [`default_actions`]).
    pub actions: Vec<AvailableAction>,
}

/// The representative actions for a subscription when none are given: every action that
/// applies to it, with parameters a button would send (quantity ±1, the auto-renew toggle, each
/// scheduled change, each upgrade path, the given add-on offer).
pub fn default_actions(q: &SubscriptionQuery) -> Vec<Action> {
    let sub = &q.subscription;
    let mut out = vec![Action::Rename {
        name: sub.name.clone().unwrap_or_else(|| sub.id.clone()),
    }];
    if let (BillingType::License, Some(n)) = (sub.billing_type, sub.quantity) {
        out.push(Action::ChangeQuantity {
            quantity: n.saturating_add(1),
        });
        if n > 0 {
            out.push(Action::ChangeQuantity { quantity: n - 1 });
        }
    }
    out.push(Action::SetAutoRenew {
        enabled: !sub.auto_renew,
    });
    if sub.commerce_model == CommerceModel::Marketplace {
        out.push(Action::SetResellerId {
            reseller_id: sub.reseller_id.clone().unwrap_or_else(|| "0".into()),
        });
        out.push(Action::Activate {
            licenses_assigned: true,
            setup_confirmed: true,
        });
    }
    out.push(Action::Suspend {
        reason: SuspendReason::CustomerRequest,
    });
    out.extend([
        Action::Reactivate,
        Action::Cancel,
        Action::Pause,
        Action::Resume,
    ]);
    if let (CommerceModel::NewCommerce, Some(n)) = (sub.commerce_model, sub.quantity) {
        if n > 1 {
            out.push(Action::ScheduleChange {
                change: Change::Quantity { quantity: n - 1 },
            });
        }
    }
    out.extend(
        sub.scheduled_changes
            .iter()
            .map(|c| Action::CancelScheduledChange {
                change_id: c.id.clone(),
            }),
    );
    out.extend(sub.upgrade_paths.iter().map(|sku| Action::Upgrade {
        target_sku: sku.clone(),
        quantity: sub.quantity.unwrap_or(1),
        target: UpgradeTarget::New,
        timing: Timing::Now,
    }));
    if let Some(offer) = q.offer.as_ref().filter(|o| o.add_on_for.is_some()) {
        out.push(Action::PurchaseAddOn {
            quantity: offer.min_quantity.unwrap_or(1),
            channel: AddOnChannel::BaseSubscription,
        });
    }
    out
}

fn check(q: &SubscriptionQuery) -> Result<(), InputErrors> {
    // Validate the facts once, as a request with a neutral action.
    let errors = crate::validate::check(&q.request(Action::Cancel, q.now));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

/// Every action on the subscription at `now`, each with its full decision.
pub fn available_actions(q: &SubscriptionQuery) -> Result<AvailableActions, InputErrors> {
    check(q)?;
    let actions = q.actions.clone().unwrap_or_else(|| default_actions(q));
    let points = timeline_points(q);
    let mut out = Vec::with_capacity(actions.len());
    for (i, action) in actions.into_iter().enumerate() {
        let mut decision = decide_at(q, &action, q.now).map_err(|e| prefix(e, i))?;
        if let Some(change) = first_change(q, &action, &decision, &points) {
            decision.deadlines.push(crate::decision::Deadline {
                kind: DeadlineKind::OutcomeChangesAt,
                at: change.changes_at,
                rule: change.rules_after.first().copied().unwrap_or(Rule::Time2),
            });
            crate::util::sort_by_key(&mut decision.deadlines, |d| d.at);
        }
        out.push(AvailableAction { action, decision });
    }
    Ok(AvailableActions {
        subscription_id: q.subscription.id.clone(),
        actions: out,
    })
}

fn prefix(e: InputErrors, i: usize) -> InputErrors {
    let mut errors = e.0;
    for err in &mut errors {
        // `action…` of the request decided is `actions[i]…` of the query.
        if let Some(rest) = err.path.strip_prefix("action") {
            err.path = format!("actions[{i}]{rest}");
        }
    }
    InputErrors(errors)
}

fn decide_at(
    q: &SubscriptionQuery,
    action: &Action,
    now: DateTime<Utc>,
) -> Result<Decision, InputErrors> {
    crate::evaluate(&q.request(action.clone(), now))
}

wire_enum! {
    /// What a timeline point is.
    PointKind {
        /// The order was placed.
        Ordered = "ordered",
        /// The current term started (MONEY-1).
        TermStart = "termStart",
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
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TimelinePoint {
    /// When (half-open windows: at this instant the window has closed).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub at: DateTime<Utc>,
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
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OutcomeChange {
    /// The action.
    pub action: ActionKind,
    /// Its verdict at `now`.
    pub verdict: Verdict,
    /// The first instant after `now` at which the verdict differs.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub changes_at: DateTime<Utc>,
    /// The verdict from then on.
    pub verdict_after: Verdict,
    /// The rules of the decision from then on.
    pub rules_after: Vec<Rule>,
}

/// A subscription's dated points, in order, and when each action's outcome changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The subscription.
    pub subscription_id: String,
    /// The evaluation instant.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub now: DateTime<Utc>,
    /// Every dated point, in time order.
    pub points: Vec<TimelinePoint>,
    /// For each action whose verdict changes with time alone, the instant it changes.
    pub changes: Vec<OutcomeChange>,
}

fn timeline_points(q: &SubscriptionQuery) -> Vec<TimelinePoint> {
    use crate::tr;
    let sub = &q.subscription;
    let l = q.locale;
    let (_, policy) = rules::effective(&q.request(Action::Cancel, q.now));
    let p = &policy;
    let mut pts: Vec<(DateTime<Utc>, PointKind, Rule, String)> = vec![
        (
            sub.ordered_at,
            PointKind::Ordered,
            Rule::Time1,
            tr!(l, "order placed", "beställningen lades"),
        ),
        (
            sub.term_start,
            PointKind::TermStart,
            Rule::Money1,
            tr!(l, "current term starts", "den aktuella perioden börjar"),
        ),
    ];
    match (sub.commerce_model, sub.billing_type) {
        (CommerceModel::NewCommerce, _) => {
            // CANC-5 as the edition measures it (from the order, or the term start from 2022-03).
            let (full, closes) = rules::cancel::windows(sub, p);
            if let Some(full) = full {
                let h = p.new_commerce_full_refund_hours;
                pts.push((
                    full,
                    PointKind::FullRefundWindowCloses,
                    Rule::Canc5,
                    tr!(
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
                tr!(
                    l,
                    "cancellation closes ({d} days)",
                    "uppsägningsfönstret stänger ({d} dagar)"
                ),
            ));
        }
        (CommerceModel::Marketplace, BillingType::License) => {
            let (rule, closes, span) = match sub.billing_frequency {
                BillingFrequency::Monthly => {
                    let h = p.marketplace_monthly_cancel_hours;
                    (
                        Rule::Canc1,
                        rules::plus_hours(sub.ordered_at, h),
                        tr!(l, "{h} h", "{h} h"),
                    )
                }
                BillingFrequency::Annual => {
                    let d = p.marketplace_annual_cancel_days;
                    (
                        Rule::Canc2,
                        rules::plus_days(sub.ordered_at, d),
                        tr!(l, "{d} days", "{d} dagar"),
                    )
                }
            };
            pts.push((
                closes,
                PointKind::FullCreditWindowCloses,
                rule,
                tr!(
                    l,
                    "full-credit cancellation closes ({span} after the order)",
                    "uppsägning med full kredit stänger ({span} efter beställningen)"
                ),
            ));
        }
        _ => {}
    }
    if let Some(t) = sub.trial_ends_at {
        pts.push((
            t,
            PointKind::TrialEnds,
            Rule::Sched5,
            tr!(
                l,
                "free trial ends and converts to paid",
                "provperioden slutar och blir betald"
            ),
        ));
    }
    if let Some(t) = sub.suspended_at.filter(|_| sub.status == Status::Suspended) {
        pts.push((
            t,
            PointKind::Suspended,
            Rule::Susp1,
            tr!(l, "suspended", "inaktiverad"),
        ));
        let days = rules::suspend::retention_days(sub, p);
        pts.push((
            rules::suspend::deletion_at(sub, p, t),
            PointKind::DataDeletion,
            Rule::Susp3,
            tr!(
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
            tr!(
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
            tr!(l, "term ends and renews", "perioden slutar och förnyas"),
        ));
    } else {
        pts.push((
            renewal,
            PointKind::TermEnds,
            Rule::Renew2,
            tr!(
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
            at,
            kind,
            rule,
            label,
        })
        .collect()
}

/// The first future point at which `action`'s verdict differs from `now`'s.
fn first_change(
    q: &SubscriptionQuery,
    action: &Action,
    now: &Decision,
    points: &[TimelinePoint],
) -> Option<OutcomeChange> {
    let mut instants: Vec<DateTime<Utc>> = points
        .iter()
        .filter(|p| p.at > q.now)
        .map(|p| p.at)
        .collect();
    instants.dedup();
    // One request for every instant: only `now` changes (cloning the facts per instant made a
    // query with full lists cost actions × instants copies of them).
    let mut request = q.request(action.clone(), q.now);
    instants.into_iter().find_map(|t| {
        request.now = t;
        let later = crate::evaluate(&request).ok()?;
        (later.verdict != now.verdict).then(|| OutcomeChange {
            action: action.kind(),
            verdict: now.verdict,
            changes_at: t,
            verdict_after: later.verdict,
            rules_after: later.rule_ids(),
        })
    })
}

/// The subscription's timeline at `now`: refund windows closing, renewal, trial end, data
/// deletion, scheduled changes; and for each action whose outcome changes with time alone, the
/// instant it changes.
pub fn timeline(q: &SubscriptionQuery) -> Result<Timeline, InputErrors> {
    check(q)?;
    let points = timeline_points(q);
    let actions = q.actions.clone().unwrap_or_else(|| default_actions(q));
    let mut changes = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        let decision = decide_at(q, action, q.now).map_err(|e| prefix(e, i))?;
        changes.extend(first_change(q, action, &decision, &points));
    }
    Ok(Timeline {
        subscription_id: q.subscription.id.clone(),
        now: q.now,
        points,
        changes,
    })
}

/// Catalog filters (CAT-1); an absent filter lets every offer through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogFilters {
    /// Only offers of this publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// Only offers of this billing type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_type: Option<BillingType>,
    /// Only offers of this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
}

/// The input of [`filter_catalog`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogQuery {
    /// The evaluation instant (TIME-2).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[serde(serialize_with = "crate::time::ser")]
    pub now: DateTime<Utc>,
    /// The partner's person acting.
    pub actor: Actor,
    /// The customer.
    pub customer: Customer,
    /// The offers to filter.
    pub offers: Vec<Offer>,
    /// The filters.
    #[serde(default)]
    pub filters: CatalogFilters,
    /// The edition (`2021` when absent, or `atOrder`: the one in force at `now`).
    #[serde(default)]
    pub edition: EditionChoice,
    /// Overrides of the edition's policy parameters.
    #[serde(default, skip_serializing_if = "PolicyOverrides::is_empty")]
    pub policy: PolicyOverrides,
    /// Language of the messages.
    #[serde(default)]
    pub locale: Locale,
}

/// One offer of a filtered catalog with its eligibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CatalogEntry {
    /// Offer ID.
    pub offer_id: String,
    /// Offer name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `allowedNow` if the customer can buy it, else `denied`.
    pub verdict: Verdict,
    /// Every rule that applied (ELIG-1…8).
    pub reasons: Vec<Reason>,
    /// What to do instead (e.g. `reactivate`, ELIG-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<Alternative>,
}

/// The answer of [`filter_catalog`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// Offers that pass the filters, each with its eligibility, in input order.
    pub offers: Vec<CatalogEntry>,
    /// IDs of the offers the filters left out.
    pub filtered_out: Vec<String>,
}

/// CAT-1: filter offers by publisher, billing type and category, and give every remaining offer
/// its eligibility verdict and reasons (ELIG-1…8) for this customer and partner.
pub fn filter_catalog(q: &CatalogQuery) -> Result<Catalog, InputErrors> {
    let mut errors = Vec::new();
    q.policy
        .apply(q.edition.resolve(q.now).policy())
        .check("policy", &mut errors);
    if !(q.customer.billing_country.len() == 2
        && q.customer
            .billing_country
            .bytes()
            .all(|b| b.is_ascii_uppercase()))
    {
        errors.push(InputError::new(
            crate::error::ErrorCode::InvalidValue,
            "customer.billingCountry",
            format!(
                "`{}` is not an ISO 3166 country code such as `SE`",
                crate::decode::clip(&q.customer.billing_country)
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let f = &q.filters;
    let mut out = Catalog {
        offers: Vec::new(),
        filtered_out: Vec::new(),
    };
    // One request for every offer: the customer (up to 1,000 subscriptions) is copied once,
    // not once per offer.
    let mut request = Request {
        now: q.now,
        actor: q.actor.clone(),
        subscription: None,
        customer: Some(q.customer.clone()),
        offer: None,
        edition: q.edition,
        policy: q.policy.clone(),
        locale: q.locale,
        action: Action::Purchase { quantity: None },
    };
    for offer in &q.offers {
        let keep = f.publisher.is_none_or(|p| p == offer.publisher)
            && f.billing_type.is_none_or(|b| b == offer.billing_type)
            && f.category.is_none_or(|c| c == offer.category);
        if !keep {
            out.filtered_out.push(offer.id.clone());
            continue;
        }
        request.offer = Some(offer.clone());
        let ctx = Ctx::new(&request);
        let quantity = (offer.billing_type == BillingType::License).then(|| {
            offer
                .min_quantity
                .unwrap_or(ctx.policy.default_min_quantity)
        });
        let mut a = ctx.answer();
        a.allow(
            Rule::Cat1,
            crate::tr!(
                a.lang,
                "the offer matches the filters",
                "erbjudandet matchar filtren"
            ),
        );
        rules::role::check(&ctx, None, ActionKind::Purchase, &mut a);
        rules::purchase::eligibility(&q.actor, &q.customer, offer, &mut a);
        rules::purchase::quantity(&ctx, offer, quantity, &mut a);
        let d = a.finish(ActionKind::Purchase, &ctx);
        out.offers.push(CatalogEntry {
            offer_id: offer.id.clone(),
            name: offer.name.clone(),
            verdict: d.verdict,
            reasons: d.reasons,
            alternative: d.alternative,
        });
    }
    Ok(out)
}

impl Decode for SubscriptionQuery {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &crate::decode::Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let now = o.req(d, "now");
        let actor = o.req(d, "actor");
        let subscription = o.req(d, "subscription");
        let customer = o.opt(d, "customer");
        let offer = o.opt(d, "offer");
        let edition = o.or(d, "edition", EditionChoice::E2021);
        let policy = o.or(d, "policy", PolicyOverrides::default());
        let locale = o.or(d, "locale", Locale::En);
        let actions = o.opt_list(d, "actions", limits::MAX_ACTIONS);
        o.finish(d);
        Some(SubscriptionQuery {
            now: now?,
            actor: actor?,
            subscription: subscription?,
            customer: customer?,
            offer: offer?,
            edition: edition?,
            policy: policy?,
            locale: locale?,
            actions: actions?,
        })
    }
}

impl Decode for CatalogFilters {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &crate::decode::Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let publisher = o.opt(d, "publisher");
        let billing_type = o.opt(d, "billingType");
        let category = o.opt(d, "category");
        o.finish(d);
        Some(CatalogFilters {
            publisher: publisher?,
            billing_type: billing_type?,
            category: category?,
        })
    }
}

impl Decode for CatalogQuery {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &crate::decode::Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let now = o.req(d, "now");
        let actor = o.req(d, "actor");
        let customer = o.req(d, "customer");
        let offers = o.list(d, "offers", limits::MAX_OFFERS);
        let filters = o.or(d, "filters", CatalogFilters::default());
        let edition = o.or(d, "edition", EditionChoice::E2021);
        let policy = o.or(d, "policy", PolicyOverrides::default());
        let locale = o.or(d, "locale", Locale::En);
        o.finish(d);
        Some(CatalogQuery {
            now: now?,
            actor: actor?,
            customer: customer?,
            offers: offers?,
            filters: filters?,
            edition: edition?,
            policy: policy?,
            locale: locale?,
        })
    }
}
