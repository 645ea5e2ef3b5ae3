//! The vocabulary of the model: every enum of the request that travels as a string.

use crate::names::wire_enum;

wire_enum! {
    /// Commerce model of a subscription.
    CommerceModel {
        /// Traditional licence-based CSP.
        Legacy = "legacy",
        /// New commerce experience (NCE).
        NewCommerce = "newCommerce",
        /// Third-party ISV SaaS from the commercial marketplace.
        Marketplace = "marketplace",
    }
}

wire_enum! {
    /// How a subscription or offer is billed.
    BillingType {
        /// Per licence.
        License = "license",
        /// Usage-based / metered.
        Usage = "usage",
    }
}

wire_enum! {
    /// How often a subscription is billed.
    BillingFrequency {
        /// Every month (MONEY-1: a cycle as long as the month it starts in).
        Monthly = "monthly",
        /// Every year (365 or 366 days).
        Annual = "annual",
    }
}

wire_enum! {
    /// Length of a subscription's term (commitment).
    Term {
        /// One month.
        Monthly = "monthly",
        /// One year.
        Annual = "annual",
        /// Three years.
        Triennial = "triennial",
    }
}

wire_enum! {
    /// Lifecycle status. There is no `expired` (SUSP-5).
    Status {
        /// Bought, not yet activated at the publisher.
        Pending = "pending",
        /// In use.
        Active = "active",
        /// Suspended: users cannot sign in (SUSP-2).
        Suspended = "suspended",
        /// Paused (new commerce): access blocked, billing continues (PAUSE-1).
        Paused = "paused",
        /// Cancelled.
        Deleted = "deleted",
    }
    near_miss "expired" => " (there is no expired state, SUSP-5)", "SUSP-5";
}

wire_enum! {
    /// Role of the person acting.
    Role {
        /// Global admin.
        GlobalAdmin = "globalAdmin",
        /// Admin agent.
        AdminAgent = "adminAgent",
        /// Billing admin.
        BillingAdmin = "billingAdmin",
        /// Sales agent.
        SalesAgent = "salesAgent",
        /// Support agent.
        SupportAgent = "supportAgent",
    }
}

wire_enum! {
    /// Kind of CSP partner.
    PartnerKind {
        /// Direct-bill partner.
        DirectBill = "directBill",
        /// Indirect provider (distributor).
        IndirectProvider = "indirectProvider",
        /// Indirect reseller.
        IndirectReseller = "indirectReseller",
    }
}

wire_enum! {
    /// Customer segment.
    Segment {
        /// Commercial.
        Commercial = "commercial",
        /// Education.
        Education = "education",
        /// Government.
        Government = "government",
        /// Nonprofit.
        Nonprofit = "nonprofit",
    }
}

wire_enum! {
    /// Who publishes an offer.
    Publisher {
        /// The platform publisher itself.
        Microsoft = "microsoft",
        /// A third-party ISV (marketplace).
        Partner = "partner",
    }
}

wire_enum! {
    /// Catalog category of an offer.
    Category {
        /// Enterprise.
        Enterprise = "enterprise",
        /// Small business.
        SmallBusiness = "smallBusiness",
        /// Trial.
        Trial = "trial",
    }
}

wire_enum! {
    /// Product type of an offer (ELIG-6).
    ProductType {
        /// Software as a service.
        Saas = "saas",
        /// Azure application.
        AzureApplication = "azureApplication",
        /// Container.
        Container = "container",
        /// Virtual machine.
        VirtualMachine = "virtualMachine",
        /// Any other marketplace product.
        Other = "other",
    }
}

wire_enum! {
    /// Why a subscription is suspended (SUSP-1).
    SuspendReason {
        /// The customer asked.
        CustomerRequest = "customerRequest",
        /// The customer did not pay.
        NonPayment = "nonPayment",
        /// Fraud.
        Fraud = "fraud",
    }
}

wire_enum! {
    /// Where an add-on purchase is started from (ADDON-2).
    AddOnChannel {
        /// From the base subscription's page.
        BaseSubscription = "baseSubscription",
        /// From the catalog.
        Catalog = "catalog",
    }
}

wire_enum! {
    /// When an upgrade takes effect.
    Timing {
        /// Mid-term, now.
        Now = "now",
        /// At renewal (scheduled).
        Renewal = "renewal",
    }
}

wire_enum! {
    /// The kind of an action, without its parameters.
    ActionKind {
        /// Buy a subscription.
        Purchase = "purchase",
        /// Buy an add-on to a base subscription.
        PurchaseAddOn = "purchaseAddOn",
        /// Change the licence count.
        ChangeQuantity = "changeQuantity",
        /// Change the nickname.
        Rename = "rename",
        /// Turn auto-renew on or off.
        SetAutoRenew = "setAutoRenew",
        /// Set the indirect reseller (MPN) ID.
        SetResellerId = "setResellerId",
        /// Record marketplace activation facts.
        Activate = "activate",
        /// Suspend.
        Suspend = "suspend",
        /// Reactivate a suspended subscription.
        Reactivate = "reactivate",
        /// Cancel.
        Cancel = "cancel",
        /// Pause (new commerce).
        Pause = "pause",
        /// Resume a paused subscription.
        Resume = "resume",
        /// Schedule a change for renewal.
        ScheduleChange = "scheduleChange",
        /// Remove a scheduled change.
        CancelScheduledChange = "cancelScheduledChange",
        /// Upgrade to another SKU.
        Upgrade = "upgrade",
    }
}

// The defaults of optional fields of these types (the model's `or(…::default())`), one place.
#[allow(clippy::derivable_impls)] // the enums are generated by `wire_enum!`
impl Default for ProductType {
    fn default() -> Self {
        ProductType::Saas
    }
}

#[allow(clippy::derivable_impls)]
impl Default for AddOnChannel {
    fn default() -> Self {
        AddOnChannel::BaseSubscription
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Timing {
    fn default() -> Self {
        Timing::Now
    }
}
