namespace MediaBib.Sip2.Session;

/// <summary>
/// French screen messages (AF) for refusals decided by the protocol layer itself. Library refusals carry their own
/// message from the engine's reason codes. Accents are limited to those IBM850 and Windows-1252 both hold.
/// </summary>
public static class ScreenMessages
{
    public const string LoginRequired = "Borne non identifiée : connexion (93) requise.";
    public const string OperationNotAllowed = "Opération non autorisée sur cette borne. Adressez-vous à l'accueil.";
    public const string OfflineNotAllowed = "Transactions hors ligne non autorisées sur cette borne.";
    public const string ServiceUnavailable = "Service momentanément indisponible. Adressez-vous à l'accueil.";
    public const string ItemUnknown = "Document inconnu.";
    public const string CurrencyNotAccepted = "Seuls les paiements en euros (EUR) sont acceptés.";
    public const string AmountInvalid = "Montant du paiement invalide.";
    public const string HoldChangeNotSupported = "Modification de réservation impossible ici : annulez puis réservez à nouveau.";
    public const string HoldModeInvalid = "Type d'opération de réservation inconnu.";

    public static string MissingField(string fieldId) => $"Message incomplet : champ {fieldId} manquant.";

    /// <summary>Stable reason codes of those refusals.</summary>
    public static class Codes
    {
        public const string LoginRequired = "sip2.login-required";
        public const string OperationNotAllowed = "sip2.operation-not-allowed";
        public const string OfflineNotAllowed = "sip2.offline-not-allowed";
        public const string ServiceUnavailable = "sip2.service-unavailable";
        public const string MissingField = "sip2.missing-field";
        public const string CurrencyNotAccepted = "sip2.currency-not-accepted";
        public const string AmountInvalid = "sip2.amount-invalid";
        public const string HoldChangeNotSupported = "sip2.hold-change-not-supported";
        public const string HoldModeInvalid = "sip2.hold-mode-invalid";
    }
}
