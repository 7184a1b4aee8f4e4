using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Execution.BuiltIn.Shell;

namespace Scheduler.Engine.Tests.Execution.Shell;

/// <summary>
/// A stand-in node for <see cref="ShellOrphanSpec"/>, run as its own process: it runs one shell task that starts a
/// child and waits, and never ends by itself; the test kills it with SIGKILL.
/// </summary>
internal static class ShellOrphanProbe
{
    public const string Flag = "--shell-orphan-probe";

    public static int Run(string folder)
    {
        var executor = new ShellExecutor(new ShellOptions(), ShellTools.Find(), TimeProvider.System);
        var payload = JsonSerializer.SerializeToElement(new
        {
            command = "sh",
            args = new[] { "-c", $"sleep 600 & echo $! > {Path.Combine(folder, "child")}; echo $$ > {Path.Combine(folder, "leader")}; wait" },
        });
        var context = new TaskContext("orphan-probe", 1, "shell", payload, new Dictionary<string, string>(StringComparer.Ordinal),
            NullLogger.Instance, _ => { }, CancellationToken.None);
        executor.ExecuteAsync(context).GetAwaiter().GetResult();
        return 1;
    }
}
