namespace Scheduler.Client;

/// <summary>Where the REST API is and how to authenticate to it.</summary>
public sealed record SchedulerClientOptions
{
    /// <summary>How long a request that is safe to repeat is repeated by default while the node is unavailable.</summary>
    public static readonly TimeSpan DefaultRetryUnavailableFor = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable <see cref="FromEnvironment"/> reads the URL from.</summary>
    public const string UrlVariable = "SCHEDULER_URL";

    /// <summary>The environment variable <see cref="FromEnvironment"/> reads the token from (the node reads the same).</summary>
    public const string TokenVariable = "SCHEDULER_API_TOKEN";

    /// <summary>Where a node started with no arguments serves the API.</summary>
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:5080/");

    /// <summary>The node's API, such as <c>http://127.0.0.1:5080/</c>; a path prefix (behind a proxy) is kept.</summary>
    public Uri BaseAddress { get; init; } = DefaultUrl;

    /// <summary>The bearer token (<c>scheduler.api.token</c> on the node); null when the node runs with authentication off.</summary>
    public string? Token { get; init; }

    /// <summary>The longest a request may take until its answer begins (a watch may then stream for as long as it lasts).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a request that is safe to repeat is repeated while the node answers 503 or refuses connections: reads,
    /// submits that name their task (an id or an idempotency key), schedule creation, and pause, resume, cancel and
    /// delete. Rerun, leave and down are never repeated. <see cref="TimeSpan.Zero"/> turns repeating off.
    /// </summary>
    public TimeSpan RetryUnavailableFor { get; init; } = DefaultRetryUnavailableFor;

    /// <summary>The URL from <c>SCHEDULER_URL</c> (default <see cref="DefaultUrl"/>) and the token from <c>SCHEDULER_API_TOKEN</c>.</summary>
    public static SchedulerClientOptions FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        return new SchedulerClientOptions
        {
            BaseAddress = string.IsNullOrWhiteSpace(url) ? DefaultUrl : ParseUrl(url, UrlVariable),
            Token = string.IsNullOrWhiteSpace(token) ? null : token,
        };
    }

    /// <summary>Reads an absolute http or https URL, or throws a <see cref="FormatException"/> that names <paramref name="source"/>.</summary>
    public static Uri ParseUrl(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) || string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal))
            ? url
            : throw new FormatException(source + ": '" + text + "' is not an http or https URL such as http://127.0.0.1:5080");
    }
}
