//! MKT: marketplace (ISV SaaS) specifics, and the simple edits (rename, reseller ID, activation).

use crate::model::decision::ApiCode;
use crate::model::decision::EffectKind;
use crate::model::request::Subscription;
use crate::model::vocab::{ActionKind, CommerceModel, PartnerKind, Status};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{Answer, Ctx};

/// MKT-2: while the publisher requires steps of its own, changes other than `rename` are denied.
/// Reading chosen: `activate` records the completion of those very steps, so it is not blocked.
pub(crate) fn publisher_action(sub: &Subscription, action: ActionKind, a: &mut Answer) {
    if sub.commerce_model == CommerceModel::Marketplace
        && sub.publisher_action_required
        && !matches!(action, ActionKind::Rename | ActionKind::Activate)
    {
        a.deny(
            Rule::Mkt2,
            msg!(
                a.lang,
                "the publisher requires steps of its own first (status \"action required\"); complete them at the publisher's site",
                "utgivaren kräver egna steg först (status \"åtgärd krävs\"); slutför dem på utgivarens webbplats"
            ),
        );
    }
}

/// SUSP-5: a deleted subscription is final; nothing more can be changed on it.
fn not_deleted(sub: &Subscription, a: &mut Answer) -> bool {
    if sub.status == Status::Deleted {
        a.deny(
            Rule::Susp5,
            msg!(
                a.lang,
                "the subscription is deleted; a deleted subscription cannot be changed",
                "prenumerationen är borttagen; en borttagen prenumeration kan inte ändras"
            ),
        );
        a.code(ApiCode::DeletedCannotBeUpdated);
        return false;
    }
    true
}

/// `rename`: any subscription that is not deleted.
pub(crate) fn rename(sub: &Subscription, name: &str, a: &mut Answer) {
    if not_deleted(sub, a) {
        let rule = crate::rules::role::rule_for(Some(sub.commerce_model), ActionKind::Rename);
        a.effect(rule, || EffectKind::Renamed {
            name: name.to_string(),
        });
    }
}

/// MKT-3: a reseller (MPN) ID, only for an `indirectProvider` transacting for an indirect
/// reseller, on a marketplace subscription; a non-empty string of digits.
pub(crate) fn set_reseller_id(ctx: &Ctx<'_>, sub: &Subscription, id: &str, a: &mut Answer) {
    not_deleted(sub, a);
    let mut ok = true;
    if sub.commerce_model != CommerceModel::Marketplace {
        a.deny(
            Rule::Mkt3,
            msg!(
                a.lang,
                "a reseller ID is recorded on marketplace subscriptions only",
                "ett återförsäljar-ID registreras bara på marketplace-prenumerationer"
            ),
        );
        ok = false;
    }
    let kind = ctx.req.actor.partner_kind;
    if kind != PartnerKind::IndirectProvider {
        a.deny(
            Rule::Mkt3,
            msg!(
                a.lang,
                "only an `indirectProvider` transacting for an indirect reseller adds a reseller ID; the actor is `{kind}`",
                "bara en `indirectProvider` som handlar för en indirekt återförsäljare lägger till ett återförsäljar-ID; aktören är `{kind}`"
            ),
        );
        ok = false;
    }
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        let shown = crate::input::decode::clip(id);
        a.deny(
            Rule::Mkt3,
            msg!(
                a.lang,
                "`{shown}` is not a reseller ID: it must be digits only",
                "`{shown}` är inget återförsäljar-ID: det får bara innehålla siffror"
            ),
        );
        ok = false;
    }
    if ok {
        a.allow(
            Rule::Mkt3,
            msg!(
                a.lang,
                "reseller ID `{id}` applies: indirect provider for an indirect reseller",
                "återförsäljar-ID `{id}` gäller: indirekt leverantör för en indirekt återförsäljare"
            ),
        );
        a.effect(Rule::Mkt3, || EffectKind::ResellerIdSet {
            reseller_id: id.to_string(),
        });
    }
}

/// MKT-1 (with ELIG-10): a `pending` marketplace subscription is activated at the publisher;
/// billing starts only once the licences are assigned and the account setup is confirmed.
pub(crate) fn activate(
    ctx: &Ctx<'_>,
    sub: &Subscription,
    assigned: bool,
    confirmed: bool,
    a: &mut Answer,
) {
    if sub.commerce_model != CommerceModel::Marketplace {
        let model = sub.commerce_model;
        a.deny(
            Rule::Mkt1,
            msg!(
                a.lang,
                "activation applies to marketplace SaaS subscriptions; this one is `{model}`",
                "aktivering gäller marketplace-prenumerationer (SaaS); den här är `{model}`"
            ),
        );
        return;
    }
    if sub.status != Status::Pending {
        let status = sub.status;
        a.deny(
            Rule::Elig10,
            msg!(
                a.lang,
                "only a `pending` subscription is activated; this one is `{status}`",
                "bara en prenumeration med status `pending` aktiveras; den här är `{status}`"
            ),
        );
        return;
    }
    a.effect(
        Rule::Mkt1,
        EffectKind::ActivationRecorded {
            licenses_assigned: assigned,
            setup_confirmed: confirmed,
        },
    );
    if assigned && confirmed {
        a.allow(
            Rule::Mkt1,
            msg!(
                a.lang,
                "the publisher has assigned the licences and confirmed account setup: billing starts now",
                "utgivaren har tilldelat licenserna och bekräftat kontokonfigurationen: faktureringen startar nu"
            ),
        );
        a.effect(
            Rule::Mkt1,
            EffectKind::StatusChanges {
                from: Status::Pending,
                to: Status::Active,
                at: ctx.now.into(),
            },
        );
        a.effect(Rule::Mkt1, EffectKind::BillingStarts { at: ctx.now.into() });
    } else {
        let missing = match (assigned, confirmed, a.lang) {
            (false, false, crate::i18n::Locale::En) => {
                "the licences are not assigned and account setup is not confirmed"
            }
            (false, false, crate::i18n::Locale::Sv) => {
                "licenserna är inte tilldelade och kontokonfigurationen är inte bekräftad"
            }
            (false, true, crate::i18n::Locale::En) => "the licences are not assigned",
            (false, true, crate::i18n::Locale::Sv) => "licenserna är inte tilldelade",
            (_, _, crate::i18n::Locale::En) => "account setup is not confirmed",
            (_, _, crate::i18n::Locale::Sv) => "kontokonfigurationen är inte bekräftad",
        };
        a.allow(
            Rule::Mkt1,
            msg!(
                a.lang,
                "recorded; the subscription stays `pending` and billing has not started: {missing}",
                "registrerat; prenumerationen förblir `pending` och faktureringen har inte startat: {missing}"
            ),
        );
    }
}
