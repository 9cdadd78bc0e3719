using MediaBib.Infrastructure.Audit;

namespace MediaBib.Infrastructure.Jobs;

/// <summary>Who the scheduled jobs act as in the audit log.</summary>
public static class JobActors
{
    public static Actor Scheduler { get; } = new(ActorKind.System, "tâches planifiées");
}
