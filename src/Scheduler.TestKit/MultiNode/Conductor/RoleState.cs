namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>What the conductor knows of one role.</summary>
internal sealed class RoleState(string role, RoleProcess process)
{
    public string Role { get; } = role;

    public RoleProcess Process { get; } = process;

    public LineChannel? Channel { get; set; }

    public string? Address { get; set; }

    /// <summary>It reported the end of the scenario.</summary>
    public bool Finished { get; set; }

    /// <summary>A spec killed it or made it exit: its end is expected.</summary>
    public bool Departed { get; set; }

    public bool Suspended { get; set; }

    /// <summary>
    /// Completes once every line the role sent has been handled: its exit is judged only then, since a role that
    /// reported its end and exited may be seen exiting before its last line is read.
    /// </summary>
    public TaskCompletionSource LinesRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Nothing more is expected from it.</summary>
    public bool IsDone => Finished || Departed || Process.HasExited;
}
