using System.CommandLine;
using Scheduler.Cli.Input;
using Scheduler.Cli.Output;
using Scheduler.Client;

namespace Scheduler.Cli;

/// <summary>The options every command takes: where the API is, the token, the output format, the request timeout.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The node's API (default: $" + SchedulerClientOptions.UrlVariable + ", else " + SchedulerClientOptions.DefaultUrl + ")",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The API's bearer token (default: $" + SchedulerClientOptions.TokenVariable + ")",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = Choices.Option<OutputFormat>("--output", "How to print results", OutputFormat.Table, "-o");

    public Option<TimeSpan?> RequestTimeout { get; } = Durations.Option("--request-timeout", "The longest a request may take until its answer begins (default 30s)");

    public void AddTo(Command root)
    {
        Output.Recursive = true;
        RequestTimeout.Recursive = true;
        root.Options.Add(Url);
        root.Options.Add(Token);
        root.Options.Add(Output);
        root.Options.Add(RequestTimeout);
    }

    /// <summary>The client options: flags first, then the environment, then the defaults. A bad URL, typed or in the environment, is a usage error.</summary>
    public SchedulerClientOptions ClientOptions(ParseResult parsed)
    {
        try
        {
            return Read(parsed);
        }
        catch (FormatException invalid)
        {
            throw new UsageException(invalid.Message, invalid);
        }
    }

    private SchedulerClientOptions Read(ParseResult parsed)
    {
        var options = SchedulerClientOptions.FromEnvironment();
        if (parsed.GetValue(Url) is { } url)
        {
            options = options with { BaseAddress = SchedulerClientOptions.ParseUrl(url, "--url") };
        }

        if (parsed.GetValue(Token) is { } token)
        {
            options = options with { Token = token };
        }

        return parsed.GetValue(RequestTimeout) is { } timeout ? options with { Timeout = timeout } : options;
    }
}
