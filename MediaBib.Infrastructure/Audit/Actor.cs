namespace MediaBib.Infrastructure.Audit;

/// <summary>Kinds of actors recorded in the audit log.</summary>
public enum ActorKind
{
    System,
    Staff,
    Patron,
    Terminal,
    Api,
}

/// <summary>
/// Who performs an operation, with the request context the audit log keeps. Use-case services receive it explicitly
/// and set it on the DbContext, so audit entries written on save always name someone.
/// </summary>
public sealed record Actor(
    ActorKind Kind,
    string Name,
    Guid? UserId = null,
    Guid? LibraryId = null,
    string? Ip = null,
    string? UserAgent = null,
    string? RequestId = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system");

    public string KindCode => Kind switch
    {
        ActorKind.System => "system",
        ActorKind.Staff => "staff",
        ActorKind.Patron => "patron",
        ActorKind.Terminal => "terminal",
        ActorKind.Api => "api",
    };
}
