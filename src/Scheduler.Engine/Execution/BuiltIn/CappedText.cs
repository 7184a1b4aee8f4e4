using System.Text;

namespace Scheduler.Engine.Execution.BuiltIn;

/// <summary>Reads a stream keeping at most a given number of bytes, decoded as UTF-8, for a task's result.</summary>
internal static class CappedText
{
    /// <summary>
    /// Reads <paramref name="stream"/> keeping its first <paramref name="cap"/> bytes. With <paramref name="drain"/> it
    /// reads on to the end, discarding the rest (a child process writing to a pipe nobody reads would block);
    /// without, it stops as soon as more than the cap has arrived.
    /// </summary>
    public static async Task<(string Text, bool Truncated)> ReadAsync(Stream stream, int cap, bool drain, CancellationToken cancellationToken)
    {
        // Grows with what arrives: most outputs are far below the cap, which may be a megabyte.
        using var kept = new MemoryStream();
        var truncated = false;
        var buffer = new byte[16 * 1024];
        int got;
        while ((got = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var take = (int)Math.Min(got, cap - kept.Length);
            kept.Write(buffer, 0, take);
            if (take < got)
            {
                truncated = true;
                if (!drain)
                {
                    break;
                }
            }
        }

        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), truncated);
    }

    /// <summary>The start of <paramref name="text"/>, short enough for an error message.</summary>
    public static string Snippet(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
