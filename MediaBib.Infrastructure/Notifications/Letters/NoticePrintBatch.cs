using MediaBib.Domain.Common;

namespace MediaBib.Infrastructure.Notifications.Letters;

/// <summary>
/// A PDF of letters to print and post (one letter per page). It is stored in the same transaction that assigns its
/// letters, so a crash never prints a letter twice nor loses one.
/// </summary>
public sealed class NoticePrintBatch : Entity
{
    private NoticePrintBatch()
    {
    }

    public NoticePrintBatch(int letterCount, byte[] pdf)
    {
        LetterCount = letterCount;
        Pdf = pdf;
    }

    public int LetterCount { get; private set; }

    public byte[] Pdf { get; private set; } = [];

    public override string ToAuditLabel() => $"Lot de {LetterCount} courrier(s)";
}
