//! RENEW: auto-renew (`setAutoRenew`).

use crate::model::decision::ApiCode;
use crate::model::decision::{DeadlineKind, EffectKind};
use crate::model::request::Action;
use crate::model::request::Subscription;
use crate::model::vocab::{CommerceModel, Status};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{at, remove_scheduled_changes, Answer};

/// Decide `setAutoRenew`: RENEW-2 (marketplace and new commerce only, while active), RENEW-3
/// (turning it off removes scheduled changes), RENEW-1 (on is the default, renewal date).
pub(crate) fn set_auto_renew(sub: &Subscription, enabled: bool, a: &mut Answer) {
    if sub.commerce_model == CommerceModel::Legacy {
        a.deny(
            Rule::Renew2,
            msg!(
                a.lang,
                "auto-renew can be changed only for marketplace and new-commerce subscriptions",
                "automatisk förnyelse kan bara ändras för marketplace- och nya handelsprenumerationer"
            ),
        );
        a.code(ApiCode::NotEligibleToAutoRenew);
    }
    let status = sub.status;
    if status != Status::Active {
        a.deny(
            Rule::Renew2,
            msg!(
                a.lang,
                "auto-renew can be changed only while `active`; this one is `{status}`",
                "automatisk förnyelse kan bara ändras när prenumerationen är `active`; den här är `{status}`"
            ),
        );
        a.status_code(status, Some(ApiCode::NotEligibleToAutoRenew));
        if status == Status::Paused {
            a.alternative(
                Action::Resume,
                Rule::Renew2,
                msg!(
                    a.lang,
                    "resume the subscription first; auto-renew can be turned on after that",
                    "återuppta prenumerationen först; därefter kan automatisk förnyelse slås på"
                ),
            );
        }
    }
    if a.blocked() {
        return;
    }
    let renewal = sub.renews_at();
    if enabled == sub.auto_renew {
        let state = match (enabled, a.lang) {
            (true, crate::i18n::Locale::En) => "on",
            (false, crate::i18n::Locale::En) => "off",
            (true, crate::i18n::Locale::Sv) => "på",
            (false, crate::i18n::Locale::Sv) => "av",
        };
        a.allow(
            Rule::Renew2,
            msg!(
                a.lang,
                "auto-renew is already {state}; nothing changes",
                "automatisk förnyelse är redan {state}; inget ändras"
            ),
        );
    } else if enabled {
        a.allow(
            Rule::Renew1,
            msg!(
                a.lang,
                "auto-renew on: the subscription renews at {}",
                "automatisk förnyelse på: prenumerationen förnyas {}",
                at(renewal)
            ),
        );
        a.effect(Rule::Renew1, EffectKind::AutoRenewOn);
    } else {
        a.allow(
            Rule::Renew2,
            msg!(
                a.lang,
                "auto-renew off: the subscription ends at {}",
                "automatisk förnyelse av: prenumerationen upphör {}",
                at(renewal)
            ),
        );
        a.effect(Rule::Renew2, EffectKind::AutoRenewOff);
        let n = sub.scheduled_changes.len();
        if n > 0 {
            a.warn(
                Rule::Renew3,
                msg!(
                    a.lang,
                    "{n} scheduled change(s) need auto-renew and are removed",
                    "{n} schemalagd(a) ändring(ar) kräver automatisk förnyelse och tas bort"
                ),
            );
        }
        remove_scheduled_changes(sub, Rule::Renew3, a);
    }
    let kind = if enabled {
        DeadlineKind::RenewsAt
    } else {
        DeadlineKind::EndsAt
    };
    a.deadline(kind, renewal, Rule::Renew1);
}
