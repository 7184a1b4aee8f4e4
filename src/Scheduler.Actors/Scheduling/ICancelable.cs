namespace Scheduler.Actors;

/// <summary>Something scheduled that can still be called off.</summary>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called (or a one-off action has run).</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Calls it off; harmless when already done.</summary>
    void Cancel();
}
