namespace Scheduler.Client.Views;

/// <summary>The membership as the answering node sees it.</summary>
/// <param name="Self">The answering node.</param>
/// <param name="Leader">The cluster's leader, if there is one.</param>
/// <param name="Members">Every member, oldest address first.</param>
public sealed record ClusterOverview(string Self, string? Leader, IReadOnlyList<MemberOverview> Members);
