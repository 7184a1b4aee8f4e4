using Scheduler.Cluster.Members;

namespace Scheduler.Client.Views;

/// <summary>One member.</summary>
/// <param name="Address">Its address.</param>
/// <param name="Status">Its membership status (joining, up, leaving, exiting, down, removed...).</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Reachable">False when some member's failure detector suspects it.</param>
/// <param name="UpNumber">The order in which members became Up (the oldest has the lowest).</param>
public sealed record MemberOverview(string Address, MemberStatus Status, IReadOnlyList<string> Roles, bool Reachable, int UpNumber);
