namespace Scheduler.Engine.Execution.BuiltIn.Http;

/// <summary>
/// What a response status means for the attempt: success (a listed status, or any 2xx when none is listed), a
/// failure worth retrying (408, 429 and 5xx: the server may answer differently later), or a final failure (any other
/// status: the request itself is wrong, and sending it again cannot help).
/// </summary>
internal static class HttpStatusVerdict
{
    /// <summary>Retryable: the server may answer differently later.</summary>
    public const string StatusKind = "http-status";

    /// <summary>Not retried (see <see cref="ErrorKinds.IsFinal"/>).</summary>
    public const string RejectedKind = ErrorKinds.HttpRejected;

    /// <summary>Null on success, otherwise the error kind.</summary>
    public static string? Of(int status, IReadOnlyList<int> expect)
    {
        ArgumentNullException.ThrowIfNull(expect);
        if (expect.Count > 0 ? expect.Contains(status) : status is >= 200 and <= 299)
        {
            return null;
        }

        return status is 408 or 429 or >= 500 ? StatusKind : RejectedKind;
    }
}
