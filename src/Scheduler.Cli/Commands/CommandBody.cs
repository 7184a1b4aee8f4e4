using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary>What a command does once its line has parsed: it returns the exit code, or throws and the runner reports.</summary>
internal delegate Task<int> CommandBody(CliContext context, ParseResult parsed, CancellationToken cancellationToken);
