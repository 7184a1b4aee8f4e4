using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Singleton;

/// <summary>
/// Where a singleton belongs: on the oldest Up member (the one that became Up first), among members with the role
/// when one is set. A member that is leaving no longer counts, so the next oldest takes over while the leaving one
/// is still there to hand over. Pure: every manager and proxy applies it to its own view of the membership.
/// </summary>
internal static class SingletonPlacement
{
    /// <summary>The member the singleton belongs on, or null when there is none.</summary>
    public static Member? Oldest(IEnumerable<Member> members, string? role)
    {
        ArgumentNullException.ThrowIfNull(members);
        Member? oldest = null;
        foreach (var member in members)
        {
            if (member.Status == MemberStatus.Up && (role is null || member.HasRole(role)) && (oldest is null || member.IsOlderThan(oldest)))
            {
                oldest = member;
            }
        }

        return oldest;
    }
}
