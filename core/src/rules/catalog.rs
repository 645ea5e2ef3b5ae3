//! The rule catalog: every rule of POLICY.md as a typed identifier.
//!
//! A [`Rule`] serialises as its stable ID (`"CANC-5"`), so decisions, fixtures and the JS side
//! all speak the same names. [`Rule::info`] gives the family, a one-line title and the section of
//! the source document the rule was taken from.

use serde::{Deserialize, Serialize};

/// A rule family: the prefix of a rule ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
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
    /// The facts must describe a possible subscription; its phase (trial, pending, active, ended).
    Life,
}

/// Catalog entry of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// The rule.
    pub id: Rule,
    /// Its family.
    pub family: Family,
    /// One-line English title.
    pub title: &'static str,
    /// One-line Swedish title.
    pub title_sv: &'static str,
    /// Where the rule comes from: source document and section.
    pub source: &'static str,
}

const MARKET: &str = "Manage commercial marketplace products and offers for your customers";
const CREATE: &str = "Create, suspend or cancel customer subscriptions";

macro_rules! rules {
    ($( $variant:ident = $id:literal, $family:ident, $source:expr, $impl:ident $(:: $impl_rest:ident)*, $title:literal, $title_sv:literal; )*) => {
        /// A rule of POLICY.md, serialised as its stable ID (e.g. `"CANC-5"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        pub enum Rule {
            $(
                #[doc = concat!("`", $id, "`: ", $title)]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        // Written as its ID: one table lookup instead of a serializer call per variant.
        impl Serialize for Rule {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
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
                        title_sv: $title_sv,
                        source: $source,
                    }),*
                }
            }

            /// The function that implements this rule, as a path below the crate root
            /// (`rules::canc::new_commerce`): one hop from an ID to its code. For readers and
            /// tests; not part of the answers (nor of the wasm module, which never calls it).
            pub const fn implemented_by(self) -> &'static str {
                match self {
                    $(Rule::$variant => concat!(stringify!($impl) $(, "::", stringify!($impl_rest))*),)*
                }
            }

            /// Look a rule up by its ID.
            pub fn from_id(id: &str) -> Option<Rule> {
                ALL_RULES.iter().copied().find(|r| r.id() == id)
            }
        }
    };
}

rules! {
    Time1 = "TIME-1", Time, CREATE, time::parse_instant, "All instants are UTC; inputs carry an explicit offset", "Alla tidpunkter är UTC; indata anger en uttrycklig förskjutning";
    Time2 = "TIME-2", Time, CREATE, rules::ctx::Ctx::new, "The evaluation instant is an input; no clock is read", "Utvärderingstidpunkten är indata; ingen klocka läses";
    Role1 = "ROLE-1", Role, MARKET, rules::role::check, "Marketplace management needs globalAdmin or adminAgent", "Hantering av marketplace kräver globalAdmin eller adminAgent";
    Role2 = "ROLE-2", Role, CREATE, rules::role::check, "Other actions need one of the five partner roles", "Övriga åtgärder kräver en av partnerns fem roller";
    Elig1 = "ELIG-1", Elig, CREATE, rules::elig::eligibility, "One-per-customer offers cannot be bought twice", "Erbjudanden med en per kund kan inte köpas två gånger";
    Elig2 = "ELIG-2", Elig, CREATE, rules::elig::eligibility, "A suspended subscription to the offer is reactivated, not bought again", "En inaktiverad prenumeration på erbjudandet återaktiveras i stället för att köpas igen";
    Elig3 = "ELIG-3", Elig, CREATE, rules::elig::eligibility, "ISV offer: the customer's billing country must be supported", "ISV-erbjudande: kundens faktureringsland måste stödjas";
    Elig4 = "ELIG-4", Elig, CREATE, rules::elig::eligibility, "ISV offer: must be available through the CSP program", "ISV-erbjudande: måste vara tillgängligt via CSP-programmet";
    Elig5 = "ELIG-5", Elig, CREATE, rules::elig::eligibility, "ISV offer marked exclusive: only listed partners may buy", "Exklusivt ISV-erbjudande: bara angivna partner får köpa";
    Elig6 = "ELIG-6", Elig, CREATE, rules::elig::eligibility, "Only licence-based and metered SaaS are bought here; others in the Azure portal", "Bara licensbaserad och uppmätt SaaS köps här; övrigt i Azure Portal";
    Elig7 = "ELIG-7", Elig, CREATE, rules::elig::eligibility, "The offer must be available to the customer's segment", "Erbjudandet måste vara tillgängligt för kundens segment";
    Elig8 = "ELIG-8", Elig, CREATE, rules::elig::quantity, "Licence-based offers need a whole quantity within min/max; usage-based take none", "Licensbaserade erbjudanden kräver ett heltal inom min/max; användningsbaserade tar inget antal";
    Elig9 = "ELIG-9", Elig, CREATE, rules::elig::trial, "Offers with a free trial start in trial; the trial cannot be waived", "Erbjudanden med kostnadsfri provperiod startar i provperiod; den kan inte väljas bort";
    Elig10 = "ELIG-10", Elig, MARKET, rules::elig::purchase, "Marketplace SaaS is pending until set up at the publisher", "Marketplace-SaaS är `pending` tills den konfigurerats hos utgivaren";
    Cat1 = "CAT-1", Cat, CREATE, rules::cat::filter_catalog, "Catalog filtering by publisher, billing type and category, with eligibility", "Katalogfiltrering på utgivare, faktureringstyp och kategori, med behörighet";
    Addon1 = "ADDON-1", Addon, CREATE, rules::addon::purchase_add_on, "Add-ons need an active base subscription", "Tillägg kräver en aktiv basprenumeration";
    Addon2 = "ADDON-2", Addon, CREATE, rules::addon::purchase_add_on, "Add-ons are bought from the base subscription, not the catalog", "Tillägg köps från basprenumerationen, inte via katalogen";
    Addon3 = "ADDON-3", Addon, CREATE, rules::addon::purchase_add_on, "Only directBill and indirectProvider partners buy add-ons", "Bara partner med direktfakturering och indirekta leverantörer köper tillägg";
    Addon4 = "ADDON-4", Addon, CREATE, rules::addon::purchase_add_on, "Only add-ons eligible for the base and available in the region", "Bara tillägg som är berättigade för basen och tillgängliga i regionen";
    Addon5 = "ADDON-5", Addon, CREATE, rules::canc::ending_effects, "Cancelling the base disables its add-ons", "Om basen avbryts inaktiveras dess tillägg";
    Addon6 = "ADDON-6", Addon, CREATE, rules::addon::purchase_add_on, "Add-on dates follow the base; first invoice is prorated", "Tilläggets datum följer basen; första fakturan är proportionell";
    Mkt1 = "MKT-1", Mkt, MARKET, rules::mkt::activate, "Marketplace billing starts when licences are assigned and setup is confirmed", "Marketplace-fakturering startar när licenser tilldelats och konfigurationen bekräftats";
    Mkt2 = "MKT-2", Mkt, MARKET, rules::mkt::publisher_action, "While the publisher requires action, only rename is allowed", "Medan utgivaren kräver åtgärder tillåts bara namnbyte";
    Mkt3 = "MKT-3", Mkt, MARKET, rules::mkt::set_reseller_id, "A reseller (MPN) ID only where applicable, digits only", "Ett återförsäljar-ID (MPN) bara där det är tillämpligt, bara siffror";
    Mkt4 = "MKT-4", Mkt, MARKET, rules::qty::anytime, "Licence-based SaaS licences can be increased or decreased", "Licenser för licensbaserad SaaS kan ökas eller minskas";
    Susp1 = "SUSP-1", Susp, CREATE, rules::susp::suspend, "Suspend only from active, with a reason", "Inaktivering bara från aktiv, med ett skäl";
    Susp2 = "SUSP-2", Susp, CREATE, rules::susp::suspend, "While suspended, users cannot sign in or use the services", "Under inaktivering kan användarna inte logga in eller använda tjänsterna";
    Susp3 = "SUSP-3", Susp, CREATE, rules::susp::reactivate, "Data is deleted unless reactivated within the retention period", "Data tas bort om prenumerationen inte återaktiveras inom lagringsperioden";
    Susp4 = "SUSP-4", Susp, CREATE, rules::susp::new_commerce, "New commerce cannot be suspended or reactivated self-service", "Ny handel kan inte inaktiveras eller återaktiveras via självbetjäning";
    Susp5 = "SUSP-5", Susp, CREATE, rules::susp::reactivate, "CSP subscriptions have no expiry or grace period", "CSP-prenumerationer har ingen förfallo- eller respitperiod";
    Canc1 = "CANC-1", Canc, CREATE, rules::canc::marketplace_licence, "Marketplace monthly: full credit within 24 hours of the order, else at renewal", "Marketplace månadsvis: full kredit inom 24 timmar efter beställning, annars vid förnyelse";
    Canc2 = "CANC-2", Canc, CREATE, rules::canc::marketplace_licence, "Marketplace annual: full credit within 14 days of the order, else at renewal", "Marketplace årsvis: full kredit inom 14 dagar efter beställning, annars vid förnyelse";
    Canc3 = "CANC-3", Canc, CREATE, rules::canc::marketplace_licence, "After the window the immediate cancel is no longer offered", "Efter fönstret erbjuds inte längre omedelbar uppsägning";
    Canc4 = "CANC-4", Canc, CREATE, rules::canc::usage_based, "Usage-based ISV services are never refunded; deprovisioned now", "Användningsbaserade ISV-tjänster återbetalas aldrig; de avetableras direkt";
    Canc5 = "CANC-5", Canc, CREATE, rules::canc::new_commerce, "New commerce: full refund within 24 hours, prorated within 30 days, then none", "Ny handel: full återbetalning inom 24 timmar, proportionell inom 30 dagar, sedan ingen";
    Canc6 = "CANC-6", Canc, CREATE, rules::canc::new_commerce, "New commerce cancellation removes access at once and is final", "Uppsägning inom ny handel tar bort åtkomsten direkt och är slutgiltig";
    Canc7 = "CANC-7", Canc, CREATE, rules::canc::ending_effects, "Cancelling a base subscription disables its add-ons", "Om en basprenumeration avbryts inaktiveras dess tillägg";
    Canc8 = "CANC-8", Canc, CREATE, rules::canc::cancel, "A deleted subscription cannot be cancelled; pending follows the order windows", "En borttagen prenumeration kan inte avbrytas; `pending` följer beställningens fönster";
    Pause1 = "PAUSE-1", Pause, CREATE, rules::pause::pause, "Pause only from active; access blocked, billing continues", "Paus bara från aktiv; åtkomsten blockeras, faktureringen fortsätter";
    Pause2 = "PAUSE-2", Pause, CREATE, rules::pause::pause, "Pausing turns auto-renew off and removes scheduled changes", "Paus stänger av automatisk förnyelse och tar bort schemalagda ändringar";
    Pause3 = "PAUSE-3", Pause, CREATE, rules::pause::resume, "Resume only from paused; access restored at once", "Återupptagande bara från pausad; åtkomsten återställs direkt";
    Renew1 = "RENEW-1", Renew, CREATE, rules::renew::set_auto_renew, "Subscriptions renew automatically by default", "Prenumerationer förnyas automatiskt som standard";
    Renew2 = "RENEW-2", Renew, CREATE, rules::renew::set_auto_renew, "Auto-renew changes only for marketplace and new commerce, while active", "Automatisk förnyelse ändras bara för marketplace och ny handel, medan aktiv";
    Renew3 = "RENEW-3", Renew, CREATE, rules::renew::set_auto_renew, "Turning auto-renew off removes scheduled changes", "När automatisk förnyelse stängs av tas schemalagda ändringar bort";
    Sched1 = "SCHED-1", Sched, CREATE, rules::sched::schedule_change, "Downgrades, seat decreases, term and billing changes only at renewal", "Nedgraderingar, färre licenser, period- och faktureringsändringar bara vid förnyelse";
    Sched2 = "SCHED-2", Sched, CREATE, rules::sched::schedule_change, "Upgrades and seat increases may apply mid-term or be scheduled", "Uppgraderingar och fler licenser får göras mitt i perioden eller schemaläggas";
    Sched3 = "SCHED-3", Sched, CREATE, rules::sched::preconditions, "Scheduling needs active, auto-renew on, and an eligible upgrade SKU", "Schemaläggning kräver aktiv, automatisk förnyelse på och en berättigad uppgradering";
    Sched4 = "SCHED-4", Sched, CREATE, rules::sched::cancel_scheduled_change, "Scheduled changes take effect at renewal; editable until then", "Schemalagda ändringar gäller vid förnyelse; de kan ändras fram till dess";
    Sched5 = "SCHED-5", Sched, CREATE, rules::sched::schedule_change, "Trials convert to the paid SKU at the end of their term", "Provperioder konverteras till betald SKU i slutet av perioden";
    Sched6 = "SCHED-6", Sched, CREATE, rules::sched::reassign, "Scheduled SKU changes need licences reassigned by hand", "Schemalagda SKU-ändringar kräver att licenser tilldelas om manuellt";
    Sched7 = "SCHED-7", Sched, CREATE, rules::ctx::remove_scheduled_changes, "Some actions before renewal remove saved scheduled changes", "Vissa åtgärder före förnyelse tar bort sparade schemalagda ändringar";
    Upg1 = "UPG-1", Upg, CREATE, rules::upg::upgrade, "Upgrades start only from active", "Uppgraderingar startar bara från aktiv";
    Upg2 = "UPG-2", Upg, CREATE, rules::upg::upgrade, "The target SKU must be an eligible upgrade", "Mål-SKU:n måste vara en berättigad uppgradering";
    Upg3 = "UPG-3", Upg, CREATE, rules::upg::upgrade, "Partial when fewer licences move; at least 1, at most the source quantity", "Partiell när färre licenser flyttas; minst 1, högst källans antal";
    Upg4 = "UPG-4", Upg, CREATE, rules::upg::target, "Target is a new subscription or an active one of the target SKU", "Målet är en ny prenumeration eller en aktiv med mål-SKU:n";
    Upg5 = "UPG-5", Upg, CREATE, rules::upg::effects, "A new subscription from an upgrade ends its term with the source", "En ny prenumeration från en uppgradering slutar sin period samtidigt som källan";
    Upg6 = "UPG-6", Upg, CREATE, rules::upg::effects, "A mid-term upgrade removes the source's scheduled upgrades", "En uppgradering mitt i perioden tar bort källans schemalagda uppgraderingar";
    Qty1 = "QTY-1", Qty, MARKET, rules::qty::change_quantity, "Quantity is a whole number within the offer's min/max", "Antalet är ett heltal inom erbjudandets min/max";
    Qty2 = "QTY-2", Qty, CREATE, rules::qty::new_commerce, "New commerce: increases mid-term and prorated; decreases at renewal", "Ny handel: ökningar direkt och proportionellt; minskningar vid förnyelse";
    Qty3 = "QTY-3", Qty, MARKET, rules::qty::anytime, "Legacy and marketplace: increase or decrease at any time while active", "Traditionell och marketplace: öka eller minska när som helst medan aktiv";
    Money1 = "MONEY-1", Money, CREATE, calendar::Calendar::period_containing, "Billing periods are whole UTC calendar days, end date inclusive", "Faktureringsperioder är hela UTC-kalenderdagar, slutdatum inräknat";
    Money2 = "MONEY-2", Money, CREATE, money::remaining_days, "Remaining days run from the event day through the period end", "Återstående dagar räknas från händelsedagen till periodens slut";
    Money3 = "MONEY-3", Money, CREATE, money::Pricing::per_unit_prorated, "Cancellation refunds and upgrade lines: per-licence proration, cut", "Återbetalning vid uppsägning och uppgraderingsrader: per licens, proportionellt, avkortat";
    Money4 = "MONEY-4", Money, CREATE, money::Pricing::line_prorated, "Mid-term quantity changes: credit old, charge new, cut per line", "Ändrat antal mitt i perioden: kredit för gammalt, debitering för nytt, avkortat per rad";
    Money5 = "MONEY-5", Money, CREATE, money::cut, "Exact decimals; cut toward zero; refunds never negative nor above paid", "Exakta decimaltal; avkortning mot noll; återbetalning aldrig negativ eller över betalt";
    Money6 = "MONEY-6", Money, CREATE, rules::life::unbilled, "Only what was billed is refunded or credited; one currency per decision", "Bara det som fakturerats återbetalas eller krediteras; en valuta per beslut";
    Life1 = "LIFE-1", Life, CREATE, rules::life::ended, "Impossible facts are input errors; a term ended without renewal takes no action", "Omöjliga fakta är indatafel; en period som slutat utan förnyelse tar inga åtgärder";
    Life2 = "LIFE-2", Life, CREATE, rules::life::phase, "A trial bills nothing; the paid term and its windows start at the conversion", "En provperiod faktureras inte; den betalda perioden och dess fönster börjar vid konverteringen";
    Life3 = "LIFE-3", Life, CREATE, rules::canc::window_start, "A renewed term is a new term for windows that restart at renewal", "En förnyad period är en ny period för fönster som börjar om vid förnyelse";
}

impl Rule {
    /// The family of this rule.
    pub const fn family(self) -> Family {
        self.info().family
    }

    /// The title in `locale`.
    pub const fn title(self, locale: crate::i18n::Locale) -> &'static str {
        match locale {
            crate::i18n::Locale::En => self.info().title,
            crate::i18n::Locale::Sv => self.info().title_sv,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_rule_has_a_title_in_english_and_swedish() {
        for rule in ALL_RULES {
            let (en, sv) = (rule.title(Locale::En), rule.title(Locale::Sv));
            assert!(!en.trim().is_empty(), "{rule} has no English title");
            assert!(!sv.trim().is_empty(), "{rule} has no Swedish title");
            assert_ne!(en, sv, "{rule}: the Swedish title is the English one");
            assert_eq!(Rule::from_id(rule.id()), Some(*rule));
        }
        // Every rule ID of POLICY.md (65, and MONEY-6 and LIFE-1…3 since its amendment).
        assert_eq!(ALL_RULES.len(), 69);
    }

    #[test]
    fn a_rules_number_is_its_place_in_all_rules() {
        // The package's lazy decisions send a rule as its number (`src/wasm.rs`, `packed`) and
        // name it by its place in `ALL_RULES`.
        for (i, rule) in ALL_RULES.iter().enumerate() {
            assert_eq!(*rule as usize, i, "{rule}");
        }
    }
}
