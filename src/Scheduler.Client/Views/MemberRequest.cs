namespace Scheduler.Client.Views;

/// <summary>The body of a leave or down: the member's address, such as <c>sched.tcp://scheduler@127.0.0.1:2553</c>.</summary>
/// <param name="Address">The member's address.</param>
public sealed record MemberRequest(string? Address);
