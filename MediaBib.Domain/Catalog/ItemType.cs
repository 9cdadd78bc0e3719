using MediaBib.Domain.Common;

namespace MediaBib.Domain.Catalog;

/// <summary>A circulation type of item (Livre, DVD, CD, Revue…), one axis of the circulation rules.</summary>
public sealed class ItemType : Entity
{
    private ItemType()
    {
    }

    public ItemType(string code, string label)
    {
        Code = Guard.Required(code, nameof(Code), 16).ToUpperInvariant();
        Relabel(label);
    }

    public string Code { get; private set; } = "";

    public string Label { get; private set; } = "";

    /// <summary>Items of this type are consulted on site only (reference works, current periodicals).</summary>
    public bool NotForLoan { get; private set; }

    public override string ToAuditLabel() => $"{Label} ({Code})";

    public void Relabel(string label) => Label = Guard.Required(label, nameof(Label), 100);

    public void SetNotForLoan(bool notForLoan) => NotForLoan = notForLoan;
}
