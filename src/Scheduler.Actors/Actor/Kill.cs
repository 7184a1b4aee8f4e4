namespace Scheduler.Actors;

/// <summary>Handled by every actor: it throws <see cref="ActorKilledException"/>, so its supervisor decides.</summary>
public sealed class Kill
{
    private Kill() { }

    /// <summary>The only instance.</summary>
    public static Kill Instance { get; } = new();
}
