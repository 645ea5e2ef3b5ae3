//! What the engine answers: the verdict, every rule that decided it, the alternative, the
//! effects, the money with its working, and the deadlines.

use serde::{Deserialize, Serialize};

use crate::i18n::Message;
use crate::model::scalar::Amount;
use crate::model::scalar::Day;
use crate::model::scalar::Instant;
use crate::model::vocab::{ActionKind, Status};
use crate::names::wire_enum;
use crate::policy::edition::{Edition, EditionChoice};
use crate::policy::params::Rounding;
use crate::rules::catalog::Rule;

wire_enum! {
    /// The answer to "may this be done now?".
    Verdict {
        /// Allowed, effective immediately.
        AllowedNow = "allowedNow",
        /// Allowed, takes effect at `effectiveAt` (the renewal).
        Scheduled = "scheduled",
        /// Not allowed; `reasons` holds every rule that denies it.
        Denied = "denied",
        /// Cannot be done self-service; a support request is the way.
        NeedsSupport = "needsSupport",
    }
}

wire_enum! {
    /// What one rule contributed to a decision.
    Outcome {
        /// The rule allows the action.
        Allow = "allow",
        /// The rule allows it, at a later instant.
        Schedule = "schedule",
        /// The rule denies it.
        Deny = "deny",
        /// The rule sends it to support.
        NeedsSupport = "needsSupport",
        /// The rule allows it but warns of something the partner must do.
        Warn = "warn",
    }
}

/// One rule that applied, and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// The POLICY.md rule.
    pub rule: Rule,
    /// Its contribution.
    pub outcome: Outcome,
    /// Lowercase English message (in the request's `locale`).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub message: Message,
    /// For a denial the publisher's API also refuses, its refusal code (POLICY.md, "Later
    /// editions"): what that API would answer, so a page can match the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_code: Option<ApiCode>,
}

wire_enum! {
    /// The publisher's API refusal codes (POLICY.md, "Later editions") a denial may carry.
    ApiCode {
        /// `800090`: the quantity cannot be decreased (mid-term, in this edition).
        QuantityCannotDecrease = "800090",
        /// `900117`: past the N-day cancellation window.
        PastCancellationDays = "900117",
        /// `900213`: past the N-hour cancellation window.
        PastCancellationHours = "900213",
        /// `900257`: past the N-day window for reducing seats.
        PastSeatReductionDays = "900257",
        /// `800093`: not eligible to change auto-renew.
        NotEligibleToAutoRenew = "800093",
        /// `2002`: the quantity is outside the offer's minimum and maximum.
        QuantityOutsideLimits = "2002",
        /// `2011`: a deleted subscription cannot be updated.
        DeletedCannotBeUpdated = "2011",
        /// `800091`: a suspended subscription cannot be updated.
        SuspendedCannotBeUpdated = "800091",
        /// `900258`: the upgrade's existing target is not active.
        TargetNotActive = "900258",
        /// `900267`: the upgrade's existing target has a shorter term than the source.
        TargetTermShorter = "900267",
        /// `900236`: the upgrade's existing target ends before the source.
        TargetEndsEarlier = "900236",
        /// `900270`: the billing cycle would be longer than the term.
        BillingCycleLongerThanTerm = "900270",
        /// `900259`: the upgrade's target is its source.
        TargetIsSource = "900259",
        /// `900242`: a custom term end (co-term) date matches no active subscription's end and no
        /// month's end.
        CotermDateMatchesNothing = "900242",
    }
}

/// The action that reaches the user's goal when this one cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    /// The complete action to take instead, as a request's `action` carries it (send it as it is:
    /// `{type: "scheduleChange", change: {kind: "quantity", quantity: 8}}`).
    pub action: crate::model::request::Action,
    /// The rule that points to it.
    pub rule: Rule,
    /// Why.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub message: Message,
}

/// Something else that changes when the action is carried out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Effect {
    /// The rule that says so.
    pub rule: Rule,
    /// What changes.
    #[serde(flatten)]
    // A TS interface cannot extend a union: as a plain type the field makes `{rule} & EffectKind`.
    #[cfg_attr(feature = "tsify", tsify(type = "EffectKind"))]
    pub kind: EffectKind,
}

/// What an effect changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum EffectKind {
    /// The status moves.
    StatusChanges {
        /// Before.
        from: Status,
        /// After.
        to: Status,
        /// When.
        at: Instant,
    },
    /// Users cannot sign in or use the services (SUSP-2, PAUSE-1).
    AccessBlocked,
    /// Access ends for good (CANC-6).
    AccessRemoved,
    /// Access comes back (PAUSE-3, reactivation).
    AccessRestored,
    /// The partner keeps being billed (PAUSE-1).
    BillingContinues,
    /// Billing starts (MKT-1).
    BillingStarts {
        /// When.
        at: Instant,
    },
    /// The action cannot be undone (CANC-6).
    Irreversible,
    /// Auto-renew is turned off (PAUSE-2, RENEW-3 via the action).
    AutoRenewOff,
    /// Auto-renew is turned on.
    AutoRenewOn,
    /// Saved scheduled changes are removed (SCHED-7, PAUSE-2, RENEW-3, UPG-6).
    ScheduledChangesRemoved {
        /// Their IDs.
        change_ids: Vec<String>,
    },
    /// Add-ons of the base are disabled (ADDON-5, CANC-7).
    AddOnsDisabled {
        /// Their IDs.
        add_on_ids: Vec<String>,
    },
    /// Data is deleted unless the subscription is reactivated first (SUSP-3).
    DataDeletionScheduled {
        /// When.
        at: Instant,
    },
    /// The licence count changes.
    QuantityChanges {
        /// Before.
        from: u32,
        /// After.
        to: u32,
    },
    /// Another subscription's licence count changes (an upgrade's existing target, UPG-4).
    TargetQuantityChanges {
        /// That subscription's ID.
        subscription_id: String,
        /// Before.
        from: u32,
        /// After.
        to: u32,
    },
    /// The nickname changes.
    Renamed {
        /// The new name.
        name: String,
    },
    /// The reseller (MPN) ID is recorded (MKT-3).
    ResellerIdSet {
        /// The ID.
        reseller_id: String,
    },
    /// Publisher facts recorded for activation (MKT-1).
    ActivationRecorded {
        /// Licences assigned by the publisher.
        licenses_assigned: bool,
        /// Account setup confirmed by the publisher.
        setup_confirmed: bool,
    },
    /// Licences must be reassigned to users by hand (SCHED-6).
    LicenceReassignmentRequired,
    /// A trial starts (ELIG-9).
    TrialStarts {
        /// When the trial ends and paid billing starts.
        ends_at: Instant,
    },
    /// A change is saved for renewal (SCHED-4).
    ChangeScheduled {
        /// When it takes effect.
        at: Instant,
    },
    /// A new subscription is created.
    SubscriptionCreated {
        /// Its SKU or offer.
        sku: String,
        /// Its licence count.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quantity: Option<u32>,
        /// Its status when created.
        status: Status,
        /// Last day of its term, inclusive (UPG-5, ADDON-6).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        term_end: Option<Day>,
        /// For a subscription an upgrade creates: its source and the source's window start, the
        /// subscription's `upgradedFrom` fact from then on (CANC-5 under 2023).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        upgraded_from: Option<crate::model::request::UpgradedFrom>,
    },
}

wire_enum! {
    /// Direction of a money line.
    MoneyKind {
        /// Paid back to the partner.
        Refund = "refund",
        /// Credited on the next invoice.
        Credit = "credit",
        /// Charged.
        Charge = "charge",
    }
}

/// How an amount was computed, so a person can redo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Working {
    /// Licences.
    pub quantity: u32,
    /// Price of one licence for one period.
    pub unit_price: Amount,
    /// First day of the billing period (MONEY-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<Day>,
    /// Last day of the billing period, inclusive (MONEY-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<Day>,
    /// Days in the period (MONEY-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_days: Option<u32>,
    /// Days from the event day through the period end (MONEY-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<u32>,
    /// The per-licence amount after the cut, where the cut is per licence (MONEY-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<Amount>,
    /// Rounding mode (MONEY-5).
    pub rounding: Rounding,
    /// Decimal places of the currency.
    pub minor_units: u32,
    /// The computation written out, e.g. `10.08 × 29 / 31 = 9.4296… → 9.42 × 10 = 94.20`.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub formula: crate::model::formula::Formula,
    /// The rules its numbers follow: MONEY-1 (the period) and MONEY-2 (the remaining days) where
    /// it is prorated, MONEY-5 (the cut) always. (Borrowed: every working's list is one of the
    /// program's.)
    #[cfg_attr(feature = "tsify", tsify(type = "Rule[]"))]
    pub rules: std::borrow::Cow<'static, [Rule]>,
}

/// A money line's ISO 4217 currency code, as the request gave it: three letters kept in place
/// (a decision's money lines need no string for it), any other text as a string. It reads as
/// that text: dereferenced as a `str`, serialized as a JSON string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Currency(CurrencyCode);

#[derive(Clone, PartialEq, Eq, Hash)]
enum CurrencyCode {
    /// Three ASCII bytes (every code the input's check lets through).
    Code([u8; 3]),
    /// Any other text (a money line computed without that check, or deserialized).
    Other(String),
}

impl Currency {
    /// The code as a `str`.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            CurrencyCode::Code(code) => std::str::from_utf8(code).unwrap_or_default(),
            CurrencyCode::Other(s) => s,
        }
    }
}

impl From<&str> for Currency {
    fn from(s: &str) -> Self {
        match <[u8; 3]>::try_from(s.as_bytes()) {
            Ok(code) if s.is_ascii() => Currency(CurrencyCode::Code(code)),
            _ => Currency(CurrencyCode::Other(s.to_owned())),
        }
    }
}

impl std::ops::Deref for Currency {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::util::reads_as_text!(Currency);

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Currency::from(&*s))
    }
}

/// One amount of money the action moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MoneyLine {
    /// Refund, credit or charge.
    pub kind: MoneyKind,
    /// The rule that computes it.
    pub rule: Rule,
    /// The amount, exact, at the currency's minor unit.
    pub amount: Amount,
    /// ISO 4217 code.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub currency: Currency,
    /// How it was computed.
    pub working: Working,
}

wire_enum! {
    /// What a deadline is.
    DeadlineKind {
        /// Cancelling before this gives a full refund (CANC-5).
        FullRefundUntil = "fullRefundUntil",
        /// Cancelling before this gives a prorated refund (CANC-5).
        ProratedRefundUntil = "proratedRefundUntil",
        /// Cancelling before this gives a full credit (CANC-1/2).
        FullCreditUntil = "fullCreditUntil",
        /// The subscription's data is deleted at this instant unless reactivated (SUSP-3).
        DataDeletionAt = "dataDeletionAt",
        /// Reactivation is possible until this instant (SUSP-3).
        ReactivateUntil = "reactivateUntil",
        /// The term ends and the subscription renews (or ends) at this instant.
        RenewsAt = "renewsAt",
        /// The term ends at this instant without renewal (auto-renew off).
        EndsAt = "endsAt",
        /// The free trial ends and paid billing starts (ELIG-9).
        TrialEndsAt = "trialEndsAt",
        /// Seats added recently can be removed until this instant (March 2022 edition, QTY-2).
        SeatReductionUntil = "seatReductionUntil",
        /// The decision for the same action changes at this instant with time alone.
        OutcomeChangesAt = "outcomeChangesAt",
    }
}

/// An instant at which something changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// What it is.
    pub kind: DeadlineKind,
    /// When (UTC; half-open: at this instant the window has closed).
    pub at: Instant,
    /// The rule behind it.
    pub rule: Rule,
}

wire_enum! {
    /// A refund the publisher's API offers on a cancellation (`refundOptions[].type`).
    RefundKind {
        /// Everything paid for the term comes back.
        Full = "Full",
        /// The amount minus the days used.
        Partial = "Partial",
    }
}

/// One of the publisher API's `refundOptions` (RESOURCE.md), computed from the engine's windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundOption {
    /// `Full` or `Partial`.
    #[serde(rename = "type")]
    pub kind: RefundKind,
    /// When this refund stops being offered (its window's close).
    pub expires_at: Instant,
}

/// The publisher API's `refundableQuantity` (RESOURCE.md): the seats that can still be removed,
/// per seat addition, computed from the engine's seat-reduction windows (QTY-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundableQuantity {
    /// Every seat that can still be removed.
    pub total_quantity: u32,
    /// Per seat addition still inside its window: how many, and until when.
    pub details: Vec<RefundableSeats>,
}

/// Seats of one addition that can still be removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundableSeats {
    /// How many.
    pub quantity: u32,
    /// The last instant they can be removed is before this one (the window's close).
    pub allowed_until_date_time: Instant,
}

/// The full answer for one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The action decided.
    pub action: ActionKind,
    /// The verdict.
    pub verdict: Verdict,
    /// When the action takes effect (now, or the renewal); absent when denied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_at: Option<Instant>,
    /// Every rule that applied, in evaluation order.
    pub reasons: Vec<Reason>,
    /// What to do instead, where something else reaches the goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<Alternative>,
    /// What else changes (empty when denied).
    pub effects: Vec<Effect>,
    /// Money moved (empty when denied).
    pub money: Vec<MoneyLine>,
    /// Until when the current outcome holds, and other dated points.
    pub deadlines: Vec<Deadline>,
    /// The evaluation instant (TIME-2).
    pub evaluated_at: Instant,
    /// The edition of the policy the decision was made under.
    pub edition: Edition,
    /// How it was chosen: the request's `edition` (`2021` when absent, a named edition, or
    /// `atOrder` / `atTermStart`, the edition in force at the order / the current term's start).
    pub edition_choice: EditionChoice,
    /// Stable hash of the effective policy parameters ([`crate::Policy::fingerprint`]): a server
    /// re-checking a decision rejects one made under other rules. An edition's own is borrowed
    /// (computed once); one with overrides is the decision's own.
    pub policy_fingerprint: std::borrow::Cow<'static, str>,
    /// `cancel` only: the refunds the engine's windows offer at `now`, as the publisher's API
    /// lists them (`Full` / `Partial`, each with `expiresAt`); empty when none is offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_options: Option<Vec<RefundOption>>,
    /// `cancel` of a new-commerce subscription: the close of its cancellation window (CANC-5), the
    /// publisher API's `cancellationAllowedUntilDate` (a cancellation is accepted before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_allowed_until_date: Option<Instant>,
    /// `changeQuantity` of a new-commerce subscription: the seats that can still be removed, per
    /// seat addition (the publisher API's `refundableQuantity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refundable_quantity: Option<RefundableQuantity>,
}

impl Decision {
    /// The rule IDs that decided, in order, without repeats.
    pub fn rule_ids(&self) -> Vec<Rule> {
        let mut out: Vec<Rule> = Vec::with_capacity(self.reasons.len());
        for r in &self.reasons {
            if !out.contains(&r.rule) {
                out.push(r.rule);
            }
        }
        out
    }

    /// Whether the action may be carried out (now or scheduled).
    pub fn is_allowed(&self) -> bool {
        matches!(self.verdict, Verdict::AllowedNow | Verdict::Scheduled)
    }
}

/// `rule`, then the kind's `type` and fields, as `#[serde(flatten)]` writes them, but as one
/// struct: a flattened struct is written as a map, whose keys reach the serializer as strings
/// rather than as the `&'static str` names of a struct's fields (the wasm boundary names those by
/// address, and its JS side checks each once per answer rather than at every object).
impl Serialize for Effect {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // At most `rule`, `type` and three fields.
        let mut out = s.serialize_struct("Effect", 5)?;
        out.serialize_field("rule", &self.rule)?;
        self.kind.serialize(flat::Fields(&mut out))?;
        out.end()
    }
}

/// [`flat::Fields`].
mod flat {
    use serde::ser::{Error, Impossible, Serialize, SerializeStruct, Serializer};

    /// A serializer that writes a struct's fields into another struct being written: what
    /// [`super::EffectKind`] (an internally tagged enum) writes each variant as. Anything else is
    /// an error.
    pub(super) struct Fields<'a, M>(pub(super) &'a mut M);

    macro_rules! not_a_struct {
        ($($name:ident($($t:ty),*);)*) => {
            $(fn $name(self, $(_: $t),*) -> Result<(), M::Error> {
                Err(M::Error::custom("an effect's kind is written as a struct"))
            })*
        };
    }

    macro_rules! impossible {
        ($($name:ident($($t:ty),*) -> $out:ty;)*) => {
            $(fn $name(self, $(_: $t),*) -> Result<$out, M::Error> {
                Err(M::Error::custom("an effect's kind is written as a struct"))
            })*
        };
    }

    impl<M: SerializeStruct> Serializer for Fields<'_, M> {
        type Ok = ();
        type Error = M::Error;
        type SerializeSeq = Impossible<(), M::Error>;
        type SerializeTuple = Impossible<(), M::Error>;
        type SerializeTupleStruct = Impossible<(), M::Error>;
        type SerializeTupleVariant = Impossible<(), M::Error>;
        type SerializeMap = Impossible<(), M::Error>;
        type SerializeStruct = Self;
        type SerializeStructVariant = Impossible<(), M::Error>;

        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, M::Error> {
            Ok(self)
        }

        not_a_struct! {
            serialize_bool(bool);
            serialize_i8(i8);
            serialize_i16(i16);
            serialize_i32(i32);
            serialize_i64(i64);
            serialize_u8(u8);
            serialize_u16(u16);
            serialize_u32(u32);
            serialize_u64(u64);
            serialize_f32(f32);
            serialize_f64(f64);
            serialize_char(char);
            serialize_str(&str);
            serialize_bytes(&[u8]);
            serialize_none();
            serialize_unit();
            serialize_unit_struct(&'static str);
            serialize_unit_variant(&'static str, u32, &'static str);
        }

        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), M::Error> {
            Err(M::Error::custom("an effect's kind is written as a struct"))
        }

        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), M::Error> {
            Err(M::Error::custom("an effect's kind is written as a struct"))
        }

        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), M::Error> {
            Err(M::Error::custom("an effect's kind is written as a struct"))
        }

        impossible! {
            serialize_seq(Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
    }

    impl<M: SerializeStruct> SerializeStruct for Fields<'_, M> {
        type Ok = ();
        type Error = M::Error;

        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            value: &T,
        ) -> Result<(), M::Error> {
            self.0.serialize_field(key, value)
        }

        fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
            self.0.skip_field(key)
        }

        fn end(self) -> Result<(), M::Error> {
            Ok(())
        }
    }
}

/// The short form of a [`Decision`], for batches where the whole decision is not needed: the
/// verdict, when it takes effect, the IDs of the rules that decided it (in order, no repeats),
/// the alternative action and the money amounts. Written by [`evaluate_many_compact`](crate::evaluate_many_compact).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DecisionSummary {
    /// The verdict.
    pub verdict: Verdict,
    /// When a `scheduled` action takes effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_at: Option<Instant>,
    /// The IDs of the rules that decided, as [`Decision::rule_ids`].
    pub rules: Vec<Rule>,
    /// The alternative action, where the decision names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<ActionKind>,
    /// The money lines: kind, rule, amount and currency (no working).
    pub money: Vec<MoneySummary>,
}

/// A decision in short, written as its [`DecisionSummary`] is (the same JSON, field for field)
/// straight from the decision: no summary's lists made first, for a batch that writes many.
/// [`DecisionInShort::summary`] gives the summary itself.
#[derive(Debug)]
pub struct DecisionInShort(Decision);

impl DecisionInShort {
    /// The summary this writes.
    pub fn summary(&self) -> DecisionSummary {
        DecisionSummary::from(&self.0)
    }

    /// The decision in short itself: what its summary reads is made (verdict, `effectiveAt`,
    /// reasons' rules, the alternative, money); messages, effects and deadlines are not.
    pub fn decision(&self) -> &Decision {
        &self.0
    }
}

impl From<Decision> for DecisionInShort {
    fn from(d: Decision) -> Self {
        DecisionInShort(d)
    }
}

impl Serialize for DecisionInShort {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let d = &self.0;
        let fields =
            3 + usize::from(d.effective_at.is_some()) + usize::from(d.alternative.is_some());
        let mut out = s.serialize_struct("DecisionSummary", fields)?;
        out.serialize_field("verdict", &d.verdict)?;
        if let Some(at) = &d.effective_at {
            out.serialize_field("effectiveAt", at)?;
        }
        out.serialize_field("rules", &RulesOnce(&d.reasons))?;
        if let Some(a) = &d.alternative {
            out.serialize_field("alternative", &a.action.kind())?;
        }
        out.serialize_field("money", &MoneyInShort(&d.money))?;
        out.end()
    }
}

/// The rules of reasons in order, each once ([`Decision::rule_ids`], without its list).
struct RulesOnce<'a>(&'a [Reason]);

impl Serialize for RulesOnce<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let reasons = self.0;
        s.collect_seq(reasons.iter().enumerate().filter_map(|(i, r)| {
            let before = reasons.get(..i).unwrap_or_default();
            (!before.iter().any(|b| b.rule == r.rule)).then_some(r.rule)
        }))
    }
}

/// The money lines as a summary's ([`MoneySummary`]), borrowed.
struct MoneyInShort<'a>(&'a [MoneyLine]);

impl Serialize for MoneyInShort<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|m| MoneyLineInShort {
            kind: m.kind,
            rule: m.rule,
            amount: &m.amount,
            currency: &m.currency,
        }))
    }
}

/// A [`MoneySummary`], borrowed.
#[derive(Serialize)]
struct MoneyLineInShort<'a> {
    kind: MoneyKind,
    rule: Rule,
    amount: &'a Amount,
    currency: &'a Currency,
}

/// One money line of a [`DecisionSummary`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MoneySummary {
    /// Refund, credit or charge.
    pub kind: MoneyKind,
    /// The rule that computes it.
    pub rule: Rule,
    /// The amount, at the currency's minor unit.
    pub amount: Amount,
    /// ISO 4217 code.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub currency: Currency,
}

impl From<&Decision> for DecisionSummary {
    fn from(d: &Decision) -> Self {
        DecisionSummary {
            verdict: d.verdict,
            effective_at: d.effective_at,
            rules: d.rule_ids(),
            alternative: d.alternative.as_ref().map(|a| a.action.kind()),
            money: d
                .money
                .iter()
                .map(|m| MoneySummary {
                    kind: m.kind,
                    rule: m.rule,
                    amount: m.amount,
                    currency: m.currency.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A currency reads as its code whether it is kept in place (three ASCII bytes) or as a
    /// string (any other text), and reads back from JSON as it was.
    #[test]
    fn a_currency_reads_as_its_code() {
        for code in ["USD", "KWD", "", "US", "EURO", "ÅÄ", "åäö"] {
            let c = Currency::from(code);
            assert_eq!(c.as_str(), code);
            assert_eq!(&*c, code);
            assert_eq!(c, code);
            assert_eq!(c.to_string(), code);
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, serde_json::to_string(code).unwrap());
            assert_eq!(serde_json::from_str::<Currency>(&json).unwrap(), c);
        }
        assert!(matches!(Currency::from("USD").0, CurrencyCode::Code(_)));
        assert!(matches!(Currency::from("ÅÄ").0, CurrencyCode::Other(_)));
    }
}
