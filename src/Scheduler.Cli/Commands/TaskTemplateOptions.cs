using System.CommandLine;
using System.Text.Json;
using Scheduler.Cli.Input;
using Scheduler.Engine.Model;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The flags that describe what a task runs, shared by <c>submit</c> and <c>schedule create</c> (where they are the
/// template of each occurrence's task). The rest of a task's settings (placement, backoff...) come with <c>--file</c>.
/// </summary>
internal sealed class TaskTemplateOptions
{
    public Option<string?> Type { get; } = new("--type", "-t") { Description = "The task type: the executor that runs it (noop, sleep, http, shell...)" };

    public Option<string?> Payload { get; } = new("--payload", "-p") { Description = "The JSON handed to the executor, such as '{\"ms\":500}'" };

    public Option<int?> Priority { get; } = new("--priority") { Description = "0 (lowest) to 9 (highest); default 5" };

    public Option<string[]> Label { get; } = new("--label", "-l") { Description = "A label key=value (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<int?> MaxAttempts { get; } = new("--max-attempts") { Description = "Attempts allowed, the first included (1: no retry); default 10" };

    public Option<TimeSpan?> AttemptTimeout { get; } = Durations.Option("--attempt-timeout", "The longest one attempt may run, such as 5m");

    private Option[] All => [Type, Payload, Priority, Label, MaxAttempts, AttemptTimeout];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when any of these flags was given (they do not go with <c>--file</c>).</summary>
    public bool AnyGiven(ParseResult parsed) => parsed.AnyGiven(All);

    public TaskSpec Read(ParseResult parsed)
    {
        var type = parsed.GetValue(Type) ?? throw new UsageException("--type is required (or --file with the whole task)");
        var spec = new TaskSpec { Type = type, Labels = Labels.All(parsed.GetValue(Label) ?? [], "--label") };
        if (parsed.GetValue(Payload) is { } payload)
        {
            spec = spec with { Payload = Json(payload, "--payload") };
        }

        if (parsed.GetValue(Priority) is { } priority)
        {
            spec = spec with { Priority = priority };
        }

        if (parsed.GetValue(MaxAttempts) is { } attempts)
        {
            spec = spec with { Retry = spec.Retry with { MaxAttempts = attempts } };
        }

        return parsed.GetValue(AttemptTimeout) is { } timeout ? spec with { StartToCloseTimeout = timeout } : spec;
    }

    private static JsonElement Json(string text, string option)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException invalid)
        {
            throw new UsageException(option + ": not JSON (" + invalid.Message + ")", invalid);
        }
    }
}
