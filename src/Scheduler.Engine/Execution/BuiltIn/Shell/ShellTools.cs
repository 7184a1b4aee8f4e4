namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>
/// The programs a shell task is started through: <c>setsid</c> (a new session, so the task's processes form one
/// group that can be signalled together), <c>setpriv --pdeathsig KILL</c> (the task's process is killed when the node
/// dies, even by SIGKILL) and <c>/bin/sh</c> for the watchdog that kills the rest of the group then. All are Linux
/// (util-linux); <see cref="Missing"/> says what a node lacks.
/// </summary>
internal sealed record ShellTools(string? Setsid, string? Setpriv, string? Sh)
{
    /// <summary>The tools found on this node's PATH.</summary>
    public static ShellTools Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new ShellTools(null, null, null);
        }

        var path = Environment.GetEnvironmentVariable("PATH");
        return new ShellTools(OnPath("setsid", path), OnPath("setpriv", path), File.Exists("/bin/sh") ? "/bin/sh" : null);
    }

    /// <summary>Why shell tasks cannot run on this node, or null when they can.</summary>
    public string? Missing => !OperatingSystem.IsLinux()
        ? "shell tasks run on Linux nodes only (they need process groups and a parent-death signal)"
        : Setsid is null || Setpriv is null || Sh is null
            ? "this node lacks " + string.Join(", ", new[] { ("setsid", Setsid), ("setpriv", Setpriv), ("/bin/sh", Sh) }
                .Where(static tool => tool.Item2 is null).Select(static tool => tool.Item1)) + ": install util-linux"
            : null;

    /// <summary>The full path of <paramref name="program"/>: itself when it holds a slash, else the first match on <paramref name="path"/>.</summary>
    public static string? OnPath(string program, string? path)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        return (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }
}
