//! MKT: marketplace (ISV SaaS) specifics, and the simple edits (rename, reseller ID, activation).

use super::{Answer, Ctx};
use crate::decision::EffectKind;
use crate::model::{ActionKind, CommerceModel, PartnerKind, Status, Subscription};
use crate::rule::Rule;

/// MKT-2: while the publisher requires steps of its own, changes other than `rename` are denied.
/// Reading chosen: `activate` records the completion of those very steps, so it is not blocked.
pub(crate) fn publisher_action(sub: &Subscription, action: ActionKind, a: &mut Answer) {
    if sub.commerce_model == CommerceModel::Marketplace
        && sub.publisher_action_required
        && !matches!(action, ActionKind::Rename | ActionKind::Activate)
    {
        a.deny(
            Rule::Mkt2,
            "the publisher requires steps of its own first (status \"action required\"); complete them at the publisher's site",
        );
    }
}

/// SUSP-5: a deleted subscription is final; nothing more can be changed on it.
fn not_deleted(sub: &Subscription, a: &mut Answer) -> bool {
    if sub.status == Status::Deleted {
        a.deny(
            Rule::Susp5,
            "the subscription is deleted; a deleted subscription cannot be changed",
        );
        return false;
    }
    true
}

/// `rename`: any subscription that is not deleted.
pub(crate) fn rename(sub: &Subscription, name: &str, a: &mut Answer) {
    if not_deleted(sub, a) {
        let rule = super::role::rule_for(Some(sub.commerce_model), ActionKind::Rename);
        a.effect(
            rule,
            EffectKind::Renamed {
                name: name.to_string(),
            },
        );
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
            "a reseller ID is recorded on marketplace subscriptions only",
        );
        ok = false;
    }
    if ctx.req.actor.partner_kind != PartnerKind::IndirectProvider {
        a.deny(
            Rule::Mkt3,
            format!(
                "only an `indirectProvider` transacting for an indirect reseller adds a reseller ID; the actor is `{}`",
                ctx.req.actor.partner_kind
            ),
        );
        ok = false;
    }
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        a.deny(
            Rule::Mkt3,
            format!(
                "`{}` is not a reseller ID: it must be digits only",
                crate::decode::clip(id)
            ),
        );
        ok = false;
    }
    if ok {
        a.allow(
            Rule::Mkt3,
            format!("reseller ID `{id}` applies: indirect provider for an indirect reseller"),
        );
        a.effect(
            Rule::Mkt3,
            EffectKind::ResellerIdSet {
                reseller_id: id.to_string(),
            },
        );
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
        a.deny(
            Rule::Mkt1,
            format!(
                "activation applies to marketplace SaaS subscriptions; this one is `{}`",
                sub.commerce_model
            ),
        );
        return;
    }
    if sub.status != Status::Pending {
        a.deny(
            Rule::Elig10,
            format!(
                "only a `pending` subscription is activated; this one is `{}`",
                sub.status
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
            "the publisher has assigned the licences and confirmed account setup: billing starts now",
        );
        a.effect(
            Rule::Mkt1,
            EffectKind::StatusChanges {
                from: Status::Pending,
                to: Status::Active,
                at: ctx.now,
            },
        );
        a.effect(Rule::Mkt1, EffectKind::BillingStarts { at: ctx.now });
    } else {
        let missing = match (assigned, confirmed) {
            (false, false) => "the licences are not assigned and account setup is not confirmed",
            (false, true) => "the licences are not assigned",
            _ => "account setup is not confirmed",
        };
        a.allow(
            Rule::Mkt1,
            format!(
                "recorded; the subscription stays `pending` and billing has not started: {missing}"
            ),
        );
    }
}
