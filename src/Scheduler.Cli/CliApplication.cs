using System.CommandLine;
using Scheduler.Cli.Commands;

namespace Scheduler.Cli;

/// <summary>
/// <c>schedctl</c>: the command line of the scheduler, over the REST API of any node. The URL and token come from
/// <c>--url</c>/<c>--token</c> or <c>SCHEDULER_URL</c>/<c>SCHEDULER_API_TOKEN</c>; <c>--output json</c> prints the
/// API's JSON for scripts; the exit codes are <see cref="ExitCodes"/>.
/// </summary>
internal static class CliApplication
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var global = new GlobalOptions();
        var runner = new CommandRunner(global, output, error);
        var root = new RootCommand("schedctl: submit, watch and manage tasks and schedules of a Scheduler cluster\n\n" + ExitCodes.Help);
        global.AddTo(root);
        root.Subcommands.Add(SubmitCommand.Create(runner));
        foreach (var command in TaskCommands.Create(runner))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(ListCommand.Create(runner));
        root.Subcommands.Add(ScheduleCommands.Create(runner));
        root.Subcommands.Add(ClusterCommands.Cluster(runner));
        root.Subcommands.Add(ClusterCommands.Workers(runner));
        root.Subcommands.Add(ClusterCommands.Shards(runner));
        return root;
    }

    /// <summary>Parses and runs; a command line that does not parse prints its errors and exits with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = Build(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("see schedctl --help").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }
}
