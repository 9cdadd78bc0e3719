namespace MediaBib.Domain.Notifications;

/// <summary>
/// One item a notice talks about, copied at planning time so the log still says what was sent after the loan
/// closes or the record is edited. <see cref="LoanDueAt"/> tells a renewed loan (new due date) from the one reminded.
/// </summary>
public sealed record NoticeItem(Guid ItemId, string Barcode, string Title, Guid? LoanId, DateTime? LoanDueAt, decimal? Price);
