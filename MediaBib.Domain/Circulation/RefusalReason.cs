namespace MediaBib.Domain.Circulation;

/// <summary>
/// Why the circulation engine refuses an operation. Each member maps to a stable code (<see cref="RefusalReasons.Code"/>)
/// that the API, the SIP2 worker and the desk use; the French text is <see cref="RefusalMessages.French"/>.
/// </summary>
public enum RefusalReason
{
    ItemUnknown,
    ItemNotAvailable,
    ItemNotForLoan,
    ItemOnHoldForOther,
    PatronUnknown,
    PatronExpired,
    PatronBlockedManual,
    PatronBlockedFines,
    PatronBlockedOverdue,
    PatronSuspended,
    PatronMaxLoans,
    PatronMaxLoansItemType,
    PatronMaxOnSiteLoans,
    LoanUnknown,
    LoanAlreadyReturned,
    LoanRenewalLimit,
    LoanRenewalOnHold,
    LoanRenewalTooSoon,
    LoanRenewalOverdue,
    HoldUnknown,
    HoldNotAllowed,
    HoldMaxHolds,
    HoldMaxPerRecord,
    HoldNoHoldableItem,
    HoldAlreadyHolding,
    HoldAlreadyOnLoan,
    HoldNotActive,
    HoldNotOwner,
    TransitNone,
    ItemNotLost,
    ItemNotOnLoan,
    FineUnknown,
    FineNotOpen,
    FineAmountInvalid,
}

public static class RefusalReasons
{
    /// <summary>The stable code (API <c>reasonCode</c>, logs, tests). Never change one once published.</summary>
    public static string Code(this RefusalReason reason) => reason switch
    {
        RefusalReason.ItemUnknown => "item.unknown",
        RefusalReason.ItemNotAvailable => "item.not_available",
        RefusalReason.ItemNotForLoan => "item.not_for_loan",
        RefusalReason.ItemOnHoldForOther => "item.on_hold_for_other",
        RefusalReason.PatronUnknown => "patron.unknown",
        RefusalReason.PatronExpired => "patron.expired",
        RefusalReason.PatronBlockedManual => "patron.blocked.manual",
        RefusalReason.PatronBlockedFines => "patron.blocked.fines",
        RefusalReason.PatronBlockedOverdue => "patron.blocked.overdue",
        RefusalReason.PatronSuspended => "patron.suspended",
        RefusalReason.PatronMaxLoans => "patron.max_loans",
        RefusalReason.PatronMaxLoansItemType => "patron.max_loans_item_type",
        RefusalReason.PatronMaxOnSiteLoans => "patron.max_on_site_loans",
        RefusalReason.LoanUnknown => "loan.unknown",
        RefusalReason.LoanAlreadyReturned => "loan.already_returned",
        RefusalReason.LoanRenewalLimit => "loan.renewal_limit",
        RefusalReason.LoanRenewalOnHold => "loan.renewal_on_hold",
        RefusalReason.LoanRenewalTooSoon => "loan.renewal_too_soon",
        RefusalReason.LoanRenewalOverdue => "loan.renewal_overdue",
        RefusalReason.HoldUnknown => "hold.unknown",
        RefusalReason.HoldNotAllowed => "hold.not_allowed",
        RefusalReason.HoldMaxHolds => "hold.max_holds",
        RefusalReason.HoldMaxPerRecord => "hold.max_per_record",
        RefusalReason.HoldNoHoldableItem => "hold.no_holdable_item",
        RefusalReason.HoldAlreadyHolding => "hold.already_holding",
        RefusalReason.HoldAlreadyOnLoan => "hold.already_on_loan",
        RefusalReason.HoldNotActive => "hold.not_active",
        RefusalReason.HoldNotOwner => "hold.not_owner",
        RefusalReason.TransitNone => "transit.none",
        RefusalReason.ItemNotLost => "item.not_lost",
        RefusalReason.ItemNotOnLoan => "item.not_on_loan",
        RefusalReason.FineUnknown => "fine.unknown",
        RefusalReason.FineNotOpen => "fine.not_open",
        RefusalReason.FineAmountInvalid => "fine.amount_invalid",
    };

    /// <summary>
    /// Whether staff holding the override permission may force the operation despite this reason (the override
    /// reason is audited). Facts about the item's whereabouts and unknown identifiers can never be overridden.
    /// </summary>
    public static bool CanOverride(this RefusalReason reason) => reason switch
    {
        RefusalReason.ItemNotForLoan or RefusalReason.ItemOnHoldForOther or RefusalReason.PatronExpired
            or RefusalReason.PatronBlockedFines or RefusalReason.PatronBlockedOverdue or RefusalReason.PatronSuspended
            or RefusalReason.PatronMaxLoans or RefusalReason.PatronMaxLoansItemType or RefusalReason.PatronMaxOnSiteLoans
            or RefusalReason.LoanRenewalLimit or RefusalReason.LoanRenewalOnHold or RefusalReason.LoanRenewalTooSoon
            or RefusalReason.LoanRenewalOverdue or RefusalReason.HoldNotAllowed or RefusalReason.HoldMaxHolds
            or RefusalReason.HoldMaxPerRecord => true,
        RefusalReason.ItemUnknown or RefusalReason.ItemNotAvailable or RefusalReason.PatronUnknown
            or RefusalReason.PatronBlockedManual or RefusalReason.LoanUnknown or RefusalReason.LoanAlreadyReturned
            or RefusalReason.HoldUnknown or RefusalReason.HoldNoHoldableItem or RefusalReason.HoldAlreadyHolding
            or RefusalReason.HoldAlreadyOnLoan or RefusalReason.HoldNotActive or RefusalReason.HoldNotOwner
            or RefusalReason.TransitNone or RefusalReason.ItemNotLost or RefusalReason.ItemNotOnLoan
            or RefusalReason.FineUnknown or RefusalReason.FineNotOpen or RefusalReason.FineAmountInvalid => false,
    };
}

/// <summary>French texts shown at the desk, in the OPAC and on self-check screens.</summary>
public static class RefusalMessages
{
    public static string French(RefusalReason reason) => reason switch
    {
        RefusalReason.ItemUnknown => "Exemplaire inconnu.",
        RefusalReason.ItemNotAvailable => "Cet exemplaire n'est pas disponible au prêt (déjà prêté ou hors circulation).",
        RefusalReason.ItemNotForLoan => "Cet exemplaire est exclu du prêt.",
        RefusalReason.ItemOnHoldForOther => "Cet exemplaire est réservé pour un autre lecteur.",
        RefusalReason.PatronUnknown => "Lecteur inconnu.",
        RefusalReason.PatronExpired => "L'abonnement du lecteur a expiré.",
        RefusalReason.PatronBlockedManual => "Le compte du lecteur est bloqué.",
        RefusalReason.PatronBlockedFines => "Le lecteur doit régler ses amendes avant d'emprunter.",
        RefusalReason.PatronBlockedOverdue => "Le lecteur a des documents en retard depuis trop longtemps.",
        RefusalReason.PatronSuspended => "Le lecteur est suspendu de prêt.",
        RefusalReason.PatronMaxLoans => "Le nombre maximal de prêts est atteint.",
        RefusalReason.PatronMaxLoansItemType => "Le nombre maximal de prêts pour ce type de document est atteint.",
        RefusalReason.PatronMaxOnSiteLoans => "Le nombre maximal de consultations sur place est atteint.",
        RefusalReason.LoanUnknown => "Prêt introuvable.",
        RefusalReason.LoanAlreadyReturned => "Ce prêt est déjà rendu.",
        RefusalReason.LoanRenewalLimit => "Le nombre maximal de prolongations est atteint.",
        RefusalReason.LoanRenewalOnHold => "Prolongation impossible : ce document est réservé par un autre lecteur.",
        RefusalReason.LoanRenewalTooSoon => "Prolongation impossible : trop tôt avant la date de retour.",
        RefusalReason.LoanRenewalOverdue => "Prolongation impossible : le document est en retard depuis trop longtemps.",
        RefusalReason.HoldUnknown => "Réservation introuvable.",
        RefusalReason.HoldNotAllowed => "Ce document ne peut pas être réservé.",
        RefusalReason.HoldMaxHolds => "Le nombre maximal de réservations est atteint.",
        RefusalReason.HoldMaxPerRecord => "Le nombre maximal de réservations pour ce titre est atteint.",
        RefusalReason.HoldNoHoldableItem => "Aucun exemplaire de ce titre ne peut être réservé.",
        RefusalReason.HoldAlreadyHolding => "Le lecteur a déjà réservé ce titre.",
        RefusalReason.HoldAlreadyOnLoan => "Le lecteur a déjà ce document en prêt.",
        RefusalReason.HoldNotActive => "Cette réservation n'est plus active.",
        RefusalReason.HoldNotOwner => "Cette réservation appartient à un autre lecteur.",
        RefusalReason.TransitNone => "Aucun transit en cours pour cet exemplaire.",
        RefusalReason.ItemNotLost => "Cet exemplaire n'est pas déclaré perdu.",
        RefusalReason.ItemNotOnLoan => "Cet exemplaire n'est pas en prêt.",
        RefusalReason.FineUnknown => "Amende introuvable.",
        RefusalReason.FineNotOpen => "Cette amende est déjà soldée.",
        RefusalReason.FineAmountInvalid => "Montant invalide.",
    };
}
