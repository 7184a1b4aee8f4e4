using System.CommandLine;

namespace Scheduler.Cli.Input;

/// <summary>Whether options were typed on the command line (not merely defaulted).</summary>
internal static class GivenOptions
{
    public static bool AnyGiven(this ParseResult parsed, IEnumerable<Option> options) =>
        options.Any(option => parsed.GetResult(option) is { Implicit: false });
}
