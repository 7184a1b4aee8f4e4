namespace Scheduler.Node;

/// <summary>
/// What the executable prints when the node cannot start or run: one line with the reason, its causes after it.
/// A setting that is wrong or a port already taken is the operator's to fix, so they get the reason, not a crash
/// dump; the host has already logged the full exception where it had a logger.
/// </summary>
internal static class StartFailure
{
    /// <summary>The exit code of a node that could not start or failed while running.</summary>
    public const int ExitCode = 1;

    /// <summary>The messages of <paramref name="error"/> and its causes, each once, outermost first.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var messages = new List<string>();
        Collect(error, messages);
        return string.Join(": ", messages);
    }

    private static void Collect(Exception error, List<string> messages)
    {
        if (error is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                Collect(inner, messages);
            }

            return;
        }

        var message = error.Message.Trim().TrimEnd('.');
        // An exception that wraps another often repeats its message; say each reason once.
        if (message.Length > 0 && !messages.Exists(said => said.Contains(message, StringComparison.Ordinal)))
        {
            messages.Add(message);
        }

        if (error.InnerException is { } cause)
        {
            Collect(cause, messages);
        }
    }
}
