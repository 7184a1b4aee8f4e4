namespace Scheduler.Bench.Suites.Kernel;

/// <summary>The message that ping-pong bounces, shared by every pair so that sending it allocates nothing of its own.</summary>
internal sealed class Ball
{
    private Ball() { }

    /// <summary>The only instance.</summary>
    public static Ball Instance { get; } = new();
}
