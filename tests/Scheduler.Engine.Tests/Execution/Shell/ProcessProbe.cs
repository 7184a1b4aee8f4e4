namespace Scheduler.Engine.Tests.Execution.Shell;

/// <summary>Whether a process is alive, read from /proc (a zombie, dead but not yet reaped, counts as dead).</summary>
internal static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + pid + "/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // The state follows the command name in parentheses, which may itself hold spaces and parentheses.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }

    /// <summary>The pid a shell task wrote to <paramref name="file"/>, once the line is complete.</summary>
    public static int? ReadPid(string file)
    {
        try
        {
            var text = File.ReadAllText(file);
            return text.EndsWith('\n') && int.TryParse(text.AsSpan().Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
