namespace Scheduler.Persistence.Sql;

/// <summary>What a <see cref="SqlProjection"/> reads and how it batches and retries.</summary>
public sealed record SqlProjectionOptions
{
    /// <summary>The projection's name: the key of its stored offset. Two projections with one name share their progress.</summary>
    public required string Name { get; init; }

    /// <summary>The tag whose events it applies.</summary>
    public required string Tag { get; init; }

    /// <summary>Events applied per transaction at most.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// After a batch shorter than <see cref="BatchSize"/>, the next read waits until this long after that batch's read
    /// began. Under steady writes the events then come in fewer, larger batches (a read model that keeps one row per
    /// entity writes it once for several events); a projection woken after a quiet spell still applies the first
    /// events at once. Zero (the default) reads again as soon as there is anything to read.
    /// </summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.Zero;

    /// <summary>The first pause after a failed batch; each failure in a row doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these options, or null.</summary>
    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrEmpty(Tag) || BatchSize < 1 || MinBackoff <= TimeSpan.Zero || MaxBackoff < MinBackoff
            || BatchInterval < TimeSpan.Zero)
        {
            return
                $"Projection options are invalid: name ('{Name}') and tag ('{Tag}') must be given, batch size ({BatchSize}) and min backoff ({MinBackoff}) positive, max backoff ({MaxBackoff}) at least the min, batch interval ({BatchInterval}) not negative.";
        }

        return null;
    }
}
