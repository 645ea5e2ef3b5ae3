//! The rule catalog: every rule of POLICY.md as a typed identifier.
//!
//! A [`Rule`] serialises as its stable ID (`"CANC-5"`), so decisions, fixtures and the JS side
//! all speak the same names. [`Rule::info`] gives the family, a one-line title and the section of
//! the source document the rule was taken from.

use serde::{Deserialize, Serialize};

/// A rule family: the prefix of a rule ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
pub enum Family {
    /// Time: UTC instants, `now` as input.
    Time,
    /// Who may act.
    Role,
    /// Buying a subscription.
    Elig,
    /// Catalog filtering.
    Cat,
    /// Add-ons.
    Addon,
    /// Marketplace (ISV SaaS) specifics.
    Mkt,
    /// Suspend and reactivate.
    Susp,
    /// Cancellation.
    Canc,
    /// Pause and resume (new commerce).
    Pause,
    /// Auto-renew.
    Renew,
    /// Changes scheduled for renewal (new commerce).
    Sched,
    /// Upgrades (new commerce).
    Upg,
    /// Licence quantity.
    Qty,
    /// Amounts.
    Money,
}

/// Catalog entry of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// The rule.
    pub id: Rule,
    /// Its family.
    pub family: Family,
    /// One-line English title.
    pub title: &'static str,
    /// Where the rule comes from: source document and section.
    pub source: &'static str,
}

const MARKET: &str = "Manage commercial marketplace products and offers for your customers";
const CREATE: &str = "Create, suspend or cancel customer subscriptions";

macro_rules! rules {
    ($( $variant:ident = $id:literal, $family:ident, $source:expr, $title:literal; )*) => {
        /// A rule of POLICY.md, serialised as its stable ID (e.g. `"CANC-5"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $id, "`: ", $title)]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        /// Every rule, in POLICY.md order.
        pub const ALL_RULES: &[Rule] = &[$(Rule::$variant),*];

        impl Rule {
            /// The stable ID, e.g. `"CANC-5"`.
            pub const fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id),* }
            }

            /// Catalog entry: family, title and source section.
            pub const fn info(self) -> RuleInfo {
                match self {
                    $(Rule::$variant => RuleInfo {
                        id: Rule::$variant,
                        family: Family::$family,
                        title: $title,
                        source: $source,
                    }),*
                }
            }

            /// Look a rule up by its ID.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $($id => Some(Rule::$variant),)* _ => None }
            }
        }
    };
}

rules! {
    Time1 = "TIME-1", Time, CREATE, "All instants are UTC; inputs carry an explicit offset";
    Time2 = "TIME-2", Time, CREATE, "The evaluation instant `now` is an input; no clock is read";
    Role1 = "ROLE-1", Role, MARKET, "Marketplace management needs globalAdmin or adminAgent";
    Role2 = "ROLE-2", Role, CREATE, "Other actions need one of the five partner roles";
    Elig1 = "ELIG-1", Elig, CREATE, "One-per-customer offers cannot be bought twice";
    Elig2 = "ELIG-2", Elig, CREATE, "A suspended subscription to the offer is reactivated, not bought again";
    Elig3 = "ELIG-3", Elig, CREATE, "ISV offer: the customer's billing country must be supported";
    Elig4 = "ELIG-4", Elig, CREATE, "ISV offer: must be available through the CSP program";
    Elig5 = "ELIG-5", Elig, CREATE, "ISV offer marked exclusive: only listed partners may buy";
    Elig6 = "ELIG-6", Elig, CREATE, "Only licence-based and metered SaaS are bought here; others in the Azure portal";
    Elig7 = "ELIG-7", Elig, CREATE, "The offer must be available to the customer's segment";
    Elig8 = "ELIG-8", Elig, CREATE, "Licence-based offers need a whole quantity within min/max; usage-based take none";
    Elig9 = "ELIG-9", Elig, CREATE, "Offers with a free trial start in trial; the trial cannot be waived";
    Elig10 = "ELIG-10", Elig, MARKET, "Marketplace SaaS is pending until set up at the publisher";
    Cat1 = "CAT-1", Cat, CREATE, "Catalog filtering by publisher, billing type and category, with eligibility";
    Addon1 = "ADDON-1", Addon, CREATE, "Add-ons need an active base subscription";
    Addon2 = "ADDON-2", Addon, CREATE, "Add-ons are bought from the base subscription, not the catalog";
    Addon3 = "ADDON-3", Addon, CREATE, "Only directBill and indirectProvider partners buy add-ons";
    Addon4 = "ADDON-4", Addon, CREATE, "Only add-ons eligible for the base and available in the region";
    Addon5 = "ADDON-5", Addon, CREATE, "Cancelling the base disables its add-ons";
    Addon6 = "ADDON-6", Addon, CREATE, "Add-on dates follow the base; first invoice is prorated";
    Mkt1 = "MKT-1", Mkt, MARKET, "Marketplace billing starts when licences are assigned and setup is confirmed";
    Mkt2 = "MKT-2", Mkt, MARKET, "While the publisher requires action, only rename is allowed";
    Mkt3 = "MKT-3", Mkt, MARKET, "A reseller (MPN) ID only where applicable, digits only";
    Mkt4 = "MKT-4", Mkt, MARKET, "Licence-based SaaS licences can be increased or decreased";
    Susp1 = "SUSP-1", Susp, CREATE, "Suspend only from active, with a reason";
    Susp2 = "SUSP-2", Susp, CREATE, "While suspended, users cannot sign in or use the services";
    Susp3 = "SUSP-3", Susp, CREATE, "Data is deleted unless reactivated within the retention period";
    Susp4 = "SUSP-4", Susp, CREATE, "New commerce cannot be suspended or reactivated self-service";
    Susp5 = "SUSP-5", Susp, CREATE, "CSP subscriptions have no expiry or grace period";
    Canc1 = "CANC-1", Canc, CREATE, "Marketplace monthly: full credit within 24 hours of the order, else at renewal";
    Canc2 = "CANC-2", Canc, CREATE, "Marketplace annual: full credit within 14 days of the order, else at renewal";
    Canc3 = "CANC-3", Canc, CREATE, "After the window the immediate cancel is no longer offered";
    Canc4 = "CANC-4", Canc, CREATE, "Usage-based ISV services are never refunded; deprovisioned now";
    Canc5 = "CANC-5", Canc, CREATE, "New commerce: full refund within 24 hours, prorated within 30 days, then none";
    Canc6 = "CANC-6", Canc, CREATE, "New commerce cancellation removes access at once and is final";
    Canc7 = "CANC-7", Canc, CREATE, "Cancelling a base subscription disables its add-ons";
    Canc8 = "CANC-8", Canc, CREATE, "A deleted subscription cannot be cancelled; pending follows the order windows";
    Pause1 = "PAUSE-1", Pause, CREATE, "Pause only from active; access blocked, billing continues";
    Pause2 = "PAUSE-2", Pause, CREATE, "Pausing turns auto-renew off and removes scheduled changes";
    Pause3 = "PAUSE-3", Pause, CREATE, "Resume only from paused; access restored at once";
    Renew1 = "RENEW-1", Renew, CREATE, "Subscriptions renew automatically by default";
    Renew2 = "RENEW-2", Renew, CREATE, "Auto-renew changes only for marketplace and new commerce, while active";
    Renew3 = "RENEW-3", Renew, CREATE, "Turning auto-renew off removes scheduled changes";
    Sched1 = "SCHED-1", Sched, CREATE, "Downgrades, seat decreases, term and billing changes only at renewal";
    Sched2 = "SCHED-2", Sched, CREATE, "Upgrades and seat increases may apply mid-term or be scheduled";
    Sched3 = "SCHED-3", Sched, CREATE, "Scheduling needs active, auto-renew on, and an eligible upgrade SKU";
    Sched4 = "SCHED-4", Sched, CREATE, "Scheduled changes take effect at renewal; editable until then";
    Sched5 = "SCHED-5", Sched, CREATE, "Trials convert to the paid SKU at the end of their term";
    Sched6 = "SCHED-6", Sched, CREATE, "Scheduled SKU changes need licences reassigned by hand";
    Sched7 = "SCHED-7", Sched, CREATE, "Some actions before renewal remove saved scheduled changes";
    Upg1 = "UPG-1", Upg, CREATE, "Upgrades start only from active";
    Upg2 = "UPG-2", Upg, CREATE, "The target SKU must be an eligible upgrade";
    Upg3 = "UPG-3", Upg, CREATE, "Partial when fewer licences move; at least 1, at most the source quantity";
    Upg4 = "UPG-4", Upg, CREATE, "Target is a new subscription or an active one of the target SKU";
    Upg5 = "UPG-5", Upg, CREATE, "A new subscription from an upgrade ends its term with the source";
    Upg6 = "UPG-6", Upg, CREATE, "A mid-term upgrade removes the source's scheduled upgrades";
    Qty1 = "QTY-1", Qty, MARKET, "Quantity is a whole number within the offer's min/max";
    Qty2 = "QTY-2", Qty, CREATE, "New commerce: increases mid-term and prorated; decreases at renewal";
    Qty3 = "QTY-3", Qty, MARKET, "Legacy and marketplace: increase or decrease at any time while active";
    Money1 = "MONEY-1", Money, CREATE, "Billing periods are whole UTC calendar days, end date inclusive";
    Money2 = "MONEY-2", Money, CREATE, "Remaining days run from the event day through the period end";
    Money3 = "MONEY-3", Money, CREATE, "Cancellation refunds and upgrade lines: per-licence proration, cut";
    Money4 = "MONEY-4", Money, CREATE, "Mid-term quantity changes: credit old, charge new, cut per line";
    Money5 = "MONEY-5", Money, CREATE, "Exact decimals; cut toward zero; refunds never negative nor above paid";
}

impl Rule {
    /// The family of this rule.
    pub const fn family(self) -> Family {
        self.info().family
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The whole catalog, in POLICY.md order.
pub fn catalog() -> Vec<RuleInfo> {
    ALL_RULES.iter().map(|r| r.info()).collect()
}
