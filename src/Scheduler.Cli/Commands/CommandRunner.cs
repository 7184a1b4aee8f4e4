using System.CommandLine;
using Scheduler.Client.Http;

namespace Scheduler.Cli.Commands;

/// <summary>
/// Gives each command its action: a <see cref="CliContext"/> from the global options, the body, and one place that
/// turns a failure into a message on the error stream and its documented exit code.
/// </summary>
internal sealed class CommandRunner(GlobalOptions global, TextWriter output, TextWriter error)
{
    public GlobalOptions Global => global;

    public Command Command(string name, string description, CommandBody body, Action<Command>? configure = null)
    {
        var command = new Command(name, description);
        configure?.Invoke(command);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, body, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parsed, CommandBody body, CancellationToken cancellationToken)
    {
        using var context = new CliContext(() => new SchedulerHttpClient(global.ClientOptions(parsed)), output, error, parsed.GetValue(global.Output));
        try
        {
            return await body(context, parsed, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every failure ends the process with a message and an exit code; none may escape as a stack trace.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync(ErrorReport.Describe(failure, () => global.ClientOptions(parsed).BaseAddress)).ConfigureAwait(false);
            return ExitCodes.Of(failure);
        }
    }
}
