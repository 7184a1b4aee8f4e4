namespace Scheduler.Actors;

/// <summary>
/// Settings of a <see cref="BackoffSupervisor"/>: which child to run, and how long to wait before each new start.
/// </summary>
public sealed record BackoffOptions
{
    /// <summary>Creates the options.</summary>
    public BackoffOptions(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentException.ThrowIfNullOrWhiteSpace(childName);
        if (minBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "The minimum backoff must be positive.");
        }

        if (maxBackoff < minBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "The maximum backoff must not be below the minimum.");
        }

        if (randomFactor is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "The random factor lies between 0 and 1.");
        }

        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        ResetBackoffAfter = minBackoff;
    }

    /// <summary>The child to run.</summary>
    public Props ChildProps { get; }

    /// <summary>The child's name.</summary>
    public string ChildName { get; }

    /// <summary>The first delay.</summary>
    public TimeSpan MinBackoff { get; }

    /// <summary>The largest delay.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Jitter added to each delay, so that many supervisors do not restart in lockstep.</summary>
    public double RandomFactor { get; }

    /// <summary>When the child is started again.</summary>
    public BackoffMode Mode { get; init; } = BackoffMode.OnFailure;

    /// <summary>Once the child has run this long without stopping, the next delay is the minimum again.</summary>
    public TimeSpan ResetBackoffAfter { get; init; }

    /// <summary>Starts allowed after the first; then the supervisor stops. Negative: unlimited.</summary>
    public int MaxRestarts { get; init; } = -1;

    /// <summary>
    /// For <see cref="BackoffMode.OnFailure"/>: which failures lead to a backoff restart (<see cref="Directive.Restart"/>);
    /// other directives apply as usual.
    /// </summary>
    public Func<Exception, Directive> Decider { get; init; } = SupervisorStrategy.DefaultDecider;

    /// <summary>The source of jitter, a draw from [0, 1). Tests replace it.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
