namespace Scheduler.Actors;

/// <summary>Handled by every actor: it stops after the messages already in its mailbox.</summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
