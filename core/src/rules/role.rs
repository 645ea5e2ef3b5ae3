//! ROLE: who may act.

use crate::model::vocab::{ActionKind, CommerceModel, Role};
use crate::msg;
use crate::rules::catalog::Rule;
use crate::rules::ctx::{Answer, Ctx};

/// ROLE-1: the marketplace-management actions of a `marketplace` subscription.
pub(crate) fn is_marketplace_management(model: Option<CommerceModel>, action: ActionKind) -> bool {
    model == Some(CommerceModel::Marketplace)
        && matches!(
            action,
            ActionKind::Rename
                | ActionKind::ChangeQuantity
                | ActionKind::Cancel
                | ActionKind::SetAutoRenew
                | ActionKind::SetResellerId
                | ActionKind::Activate
        )
}

/// The ROLE rule that governs `action` on a subscription of `model`.
pub(crate) fn rule_for(model: Option<CommerceModel>, action: ActionKind) -> Rule {
    if is_marketplace_management(model, action) {
        Rule::Role1
    } else {
        Rule::Role2
    }
}

fn list(roles: &[Role]) -> String {
    crate::util::quoted_list(roles.iter().map(|r| r.as_str()))
}

/// ROLE-1 / ROLE-2: the actor must hold one of the roles the policy's role table gives the action
/// (`model` is that of the subscription acted on; `None` for a purchase).
pub(crate) fn check(
    ctx: &Ctx<'_>,
    model: Option<CommerceModel>,
    action: ActionKind,
    a: &mut Answer,
) {
    let table = &ctx.policy.roles;
    let rule = rule_for(model, action);
    let allowed = if rule == Rule::Role1 {
        &table.marketplace_management
    } else {
        &table.general
    };
    let held = &ctx.req.actor.roles;
    match held.iter().find(|r| allowed.contains(r)) {
        Some(role) if rule == Rule::Role1 => a.allow(
            rule,
            msg!(
                a.lang,
                [
                    "role `",
                    role.as_str(),
                    "` may `",
                    action.as_str(),
                    "` a marketplace subscription"
                ],
                [
                    "rollen `",
                    role.as_str(),
                    "` får utföra `",
                    action.as_str(),
                    "` på en marketplace-prenumeration"
                ]
            ),
        ),
        Some(role) => a.allow(
            rule,
            msg!(
                a.lang,
                ["role `", role.as_str(), "` may `", action.as_str(), "`"],
                [
                    "rollen `",
                    role.as_str(),
                    "` får utföra `",
                    action.as_str(),
                    "`"
                ]
            ),
        ),
        None if held.is_empty() => a.deny(
            rule,
            msg!(
                a.lang,
                "`{action}` needs one of {}; the actor holds no role",
                "`{action}` kräver en av {}; aktören har ingen roll",
                list(allowed)
            ),
        ),
        None => a.deny(
            rule,
            msg!(
                a.lang,
                "`{action}` needs one of {}; the actor holds {}",
                "`{action}` kräver en av {}; aktören har {}",
                list(allowed),
                list(held)
            ),
        ),
    }
}
