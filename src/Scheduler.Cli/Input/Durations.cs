using System.CommandLine;
using Scheduler.Client.Json;

namespace Scheduler.Cli.Input;

/// <summary>Duration options, read as the API reads durations: <c>30s</c>, <c>5m</c>, <c>500ms</c>, or <c>hh:mm:ss</c>.</summary>
internal static class Durations
{
    public static Option<TimeSpan?> Option(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (DurationJsonConverter.TryParse(text, out var duration) && duration >= TimeSpan.Zero)
            {
                return duration;
            }

            result.AddError(name + ": '" + text + "' is " + DurationJsonConverter.Expected);
            return null;
        },
    };
}
