using Scheduler.Cli.Output;
using Scheduler.Client.Http;
using Spectre.Console;

namespace Scheduler.Cli;

/// <summary>What one run of a command works with: the client, the output streams and how to print.</summary>
internal sealed class CliContext : IDisposable
{
    // Redirected output is read by programs and logs: no colours, no live redraws, and tables wide enough not to wrap.
    private const int RedirectedWidth = 200;

    private readonly Lazy<SchedulerHttpClient> _client;

    public CliContext(Func<SchedulerHttpClient> client, TextWriter output, TextWriter error, OutputFormat format)
    {
        _client = new Lazy<SchedulerHttpClient>(client);
        Error = error;
        Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            Terminal.Profile.Width = RedirectedWidth;
        }

        Print = new Printer(output, Terminal, format);
    }

    /// <summary>The API client, made on first use (a command that fails its own checks never connects).</summary>
    public SchedulerHttpClient Client => _client.Value;

    public Printer Print { get; }

    public IAnsiConsole Terminal { get; }

    public TextWriter Error { get; }

    /// <summary>True when a person watches the output: progress bars and live views are drawn.</summary>
    public bool Interactive { get; }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
