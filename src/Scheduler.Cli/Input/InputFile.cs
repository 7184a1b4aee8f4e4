namespace Scheduler.Cli.Input;

/// <summary>Reads the file an option names (<c>-</c>: standard input); a file that cannot be read is a usage error naming it.</summary>
internal static class InputFile
{
    public static bool IsStandardInput(string path) => string.Equals(path, "-", StringComparison.Ordinal);

    public static string Describe(string path) => IsStandardInput(path) ? "standard input" : path;

    public static async Task<string> ReadAsync(string path, string option, CancellationToken cancellationToken)
    {
        if (IsStandardInput(path))
        {
            return await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(option + ": cannot read '" + path + "': " + unreadable.Message, unreadable);
        }
    }
}
