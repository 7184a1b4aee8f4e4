namespace Scheduler.Actors.Coordination;

/// <summary>
/// A named lock held outside the cluster, by one owner at a time, for as long as the owner keeps renewing it:
/// what decides between two sides of a partition that cannot talk to each other but can both reach the store.
/// An implementation renews the lease in the background while it is held and reports when it was lost.
/// </summary>
public abstract class Lease
{
    /// <summary>Creates a lease with its settings.</summary>
    protected Lease(LeaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The lease's name, owner and timings.</summary>
    public LeaseSettings Settings { get; }

    /// <summary>
    /// Tries to take the lease for <see cref="LeaseSettings.OwnerName"/>: true when this owner holds it (also when it
    /// already did), false when another owner does. <paramref name="onLost"/> is called if the lease is later lost
    /// without being released (renewal failed for longer than the heartbeat timeout, or another owner took it).
    /// </summary>
    public abstract Task<bool> AcquireAsync(Action<Exception?>? onLost = null, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up: true when this owner held it.</summary>
    public abstract Task<bool> ReleaseAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether this owner holds the lease as far as it knows now, without asking the store.</summary>
    public abstract bool CheckLease();
}
