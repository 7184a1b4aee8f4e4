using System.Diagnostics;
using System.Text;

namespace Scheduler.Api.Tests.Cli;

/// <summary>
/// Runs the real <c>schedctl</c> as its own process (<c>dotnet schedctl.dll</c>, built next to the tests), with the
/// node's URL and token in its environment the way a user sets them, and collects what it printed.
/// </summary>
public sealed class Schedctl(Uri url, string? token)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "schedctl.dll");

    /// <summary>What one run printed and how it ended.</summary>
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => "exit " + ExitCode + "\n--- stdout\n" + Output + "\n--- stderr\n" + Error;
    }

    public async Task<Run> RunAsync(params string[] args)
    {
        using var process = Start(args, stdin: null);
        var (exit, output, error) = await ProcessRun.CollectAsync(process, Limit, "schedctl " + string.Join(' ', args));
        return new Run(exit, output, error);
    }

    /// <summary>Starts a run that keeps going (a watch) and hands over its output as it comes.</summary>
    public Process Start(string[] args, string? stdin)
    {
        if (!File.Exists(Assembly))
        {
            throw new FileNotFoundException("schedctl.dll is not next to the tests; build the solution (the test project references src/Scheduler.Cli)", Assembly);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SCHEDULER_URL"] = url.ToString();
        if (token is null)
        {
            start.Environment.Remove("SCHEDULER_API_TOKEN");
        }
        else
        {
            start.Environment["SCHEDULER_API_TOKEN"] = token;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        return process;
    }
}
