namespace Scheduler.Cluster.Downing;

/// <summary>
/// When the split-brain resolver may act. A decision is taken only once the partition has looked the same for
/// <c>stable-after</c>: by then gossip has carried every observation to both sides, so they decide on the same
/// counts. A partition that keeps changing (links flapping) never becomes stable; with
/// <c>down-all-when-unstable</c> set, once it has been changing for <c>stable-after</c> plus that long, everyone is
/// downed rather than leave an unknown number of sides running. Pure: timestamps come in, verdicts go out.
/// </summary>
internal sealed class StabilityTracker(TimeSpan stableAfter, TimeSpan? downAllWhenUnstable)
{
    private TimeSpan _stableDeadline;
    private TimeSpan? _firstChange;
    private TimeSpan _latestChange;
    private string _members = string.Empty;
    private string _reachability = string.Empty;

    /// <summary>What to do now.</summary>
    public enum Verdict
    {
        /// <summary>Nothing, or not yet.</summary>
        Wait,

        /// <summary>The partition is stable: decide.</summary>
        Decide,

        /// <summary>The partition has been unstable too long: down everyone.</summary>
        DownAll,
    }

    /// <summary>
    /// Records, at <paramref name="now"/>, who counts (<paramref name="members"/>) and who cannot be reached
    /// (<paramref name="reachability"/>), each as a canonical text. Any change restarts the wait for stability;
    /// a change of reachability also counts as instability.
    /// </summary>
    public void Observe(TimeSpan now, string members, string reachability)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(reachability);
        var reachabilityChanged = !string.Equals(reachability, _reachability, StringComparison.Ordinal);
        if (!reachabilityChanged && string.Equals(members, _members, StringComparison.Ordinal))
        {
            return;
        }

        _members = members;
        _reachability = reachability;
        _stableDeadline = now + stableAfter;
        if (reachabilityChanged)
        {
            _firstChange ??= now;
            _latestChange = now;
        }
    }

    /// <summary>The verdict at <paramref name="now"/>, given whether anyone that counts is unreachable.</summary>
    public Verdict Check(TimeSpan now, bool hasUnreachable)
    {
        if (now >= _stableDeadline)
        {
            // Stable: either there is a partition to decide on, or everyone is reachable again; both end any
            // instability counted so far.
            _firstChange = null;
            return hasUnreachable ? Verdict.Decide : Verdict.Wait;
        }

        // Unstable: reachability has kept changing, never settling for stable-after, over a span this long.
        // Membership changes alone (members joining during a partition) delay a decision but are not instability.
        if (hasUnreachable && downAllWhenUnstable is { } window && _firstChange is { } first && _latestChange - first >= stableAfter + window)
        {
            _firstChange = null;
            return Verdict.DownAll;
        }

        return Verdict.Wait;
    }

    /// <summary>After acting, waits for the next change before acting again.</summary>
    public void Acted(TimeSpan now)
    {
        _stableDeadline = now + stableAfter;
        _firstChange = null;
    }
}
