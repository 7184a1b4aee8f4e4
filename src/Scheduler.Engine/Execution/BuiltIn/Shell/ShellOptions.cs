namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>How this node runs <c>shell</c> tasks (configuration: <c>scheduler.engine.executors.shell</c>).</summary>
public sealed record ShellOptions
{
    /// <summary>The commands tasks may name, exactly as written in their payloads; empty: any command.</summary>
    public IReadOnlyList<string> AllowedCommands { get; init; } = [];

    /// <summary>Whether a task's process starts with the node's environment (then the payload's variables on top) or with the payload's alone.</summary>
    public bool InheritEnvironment { get; init; } = true;

    /// <summary>How long a cancelled or timed-out task's processes get between SIGTERM and SIGKILL.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);
}
