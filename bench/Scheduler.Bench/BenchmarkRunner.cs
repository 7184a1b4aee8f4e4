using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using static System.FormattableString;

namespace Scheduler.Bench;

/// <summary>
/// The command line: <c>&lt;suite&gt; [--quick]</c>. A missing or unknown suite, or an unknown option, prints the
/// usage and exits with 2; a suite that throws exits with 1; a finished suite ends with its <c>RESULT</c> line.
/// </summary>
internal static class BenchmarkRunner
{
    /// <summary>The exit code for a command line that names no known suite.</summary>
    public const int UsageExitCode = 2;

    /// <summary>The exit code for a suite that failed.</summary>
    public const int FailureExitCode = 1;

    private const string QuickOption = "--quick";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyList<IBenchmarkSuite> suites, TextWriter output, TextWriter error)
    {
        if (args.Any(static arg => arg is "-h" or "--help"))
        {
            WriteUsage(output, suites);
            return 0;
        }

        var quick = false;
        var names = new List<string>();
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (string.Equals(arg, QuickOption, StringComparison.Ordinal))
            {
                quick = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                given[arg[2..]] = args[++i];
            }
            else if (arg.StartsWith('-'))
            {
                error.WriteLine($"Unknown option '{arg}', or it lacks its value.");
                WriteUsage(error, suites);
                return UsageExitCode;
            }
            else
            {
                names.Add(arg);
            }
        }

        var suite = names.Count == 1 ? suites.FirstOrDefault(s => string.Equals(s.Name, names[0], StringComparison.Ordinal)) : null;
        if (suite is null)
        {
            if (names.Count > 0)
            {
                error.WriteLine($"Unknown suite '{string.Join(' ', names)}'; give exactly one of the suites below.");
            }

            WriteUsage(error, suites);
            return UsageExitCode;
        }

        if (Resolve(suite, given, error) is not { } options)
        {
            WriteUsage(error, suites);
            return UsageExitCode;
        }

        output.WriteLine(Invariant(
            $"# suite={suite.Name} quick={(quick ? "yes" : "no")} cores={Environment.ProcessorCount} runtime={RuntimeInformation.FrameworkDescription} os={RuntimeInformation.OSDescription} gc={(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : "-concurrent")} gen0-max-budget={AppContext.GetData("System.GC.Gen0MaxBudget") ?? "default"}"));
        var started = Stopwatch.GetTimestamp();
        BenchmarkResult result;
        try
        {
            result = await suite.RunAsync(new BenchmarkArguments(quick, options), output).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // A failed run must not look like a result: no RESULT line, a non-zero exit and the whole story on stderr.
            error.WriteLine($"FAILED suite={suite.Name}: {exception}");
            return FailureExitCode;
        }

        output.WriteLine(Invariant($"# suite={suite.Name} took {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        output.WriteLine(result.ToResultLine(suite.Name));
        return 0;
    }

    /// <summary>The suite's options with defaults filled in, or null after naming what was wrong.</summary>
    private static Dictionary<string, string>? Resolve(IBenchmarkSuite suite, Dictionary<string, string> given, TextWriter error)
    {
        foreach (var (name, value) in given)
        {
            var option = suite.Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));
            if (option is null)
            {
                error.WriteLine($"Suite '{suite.Name}' has no option '{name}'.");
                return null;
            }

            if (!option.Values.Contains(value, StringComparer.Ordinal))
            {
                error.WriteLine($"Option '{name}' of suite '{suite.Name}' takes {string.Join(" or ", option.Values)}, not '{value}'.");
                return null;
            }
        }

        return suite.Options.ToDictionary(o => o.Name, o => given.GetValueOrDefault(o.Name) ?? o.Values[0], StringComparer.Ordinal);
    }

    private static void WriteUsage(TextWriter writer, IReadOnlyList<IBenchmarkSuite> suites)
    {
        writer.WriteLine("Usage: dotnet run -c Release --project bench/Scheduler.Bench -- <suite> [--quick] [--option value]");
        writer.WriteLine();
        writer.WriteLine("Suites:");
        var width = suites.Max(static s => s.Name.Length);
        foreach (var suite in suites)
        {
            writer.WriteLine($"  {suite.Name.PadRight(width)}  {suite.Description}");
            foreach (var option in suite.Options)
            {
                writer.WriteLine($"  {string.Empty.PadRight(width)}    {option.Name} {string.Join('|', option.Values)}  {option.Description} (default {option.Values[0]})");
            }
        }

        writer.WriteLine();
        writer.WriteLine($"  {QuickOption}  shorter warm-ups and fewer rounds (under 30 s on two cores), for a smoke check");
        writer.WriteLine("Each run ends with one line: RESULT suite=<name> key=value ...");
    }
}
