using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Scheduler.Actors;

namespace Scheduler.Api;

/// <summary>
/// The REST API's settings, read from <c>scheduler.api</c> (reference.conf documents each key). Reading checks the
/// combination that matters for security: an API without a token is allowed only on a loopback address.
/// </summary>
public sealed record ApiSettings
{
    private const string Section = "scheduler.api";

    /// <summary>The shortest token accepted: shorter ones are guessable.</summary>
    public const int MinTokenLength = 16;

    /// <summary>The address the node executable listens on.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>The port (0: any free port).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Whether requests must carry the bearer <see cref="Token"/>.</summary>
    public bool RequireToken { get; init; } = true;

    /// <summary>The bearer token, when <see cref="RequireToken"/>.</summary>
    public string Token { get; init; } = "";

    /// <summary>The largest request body in bytes.</summary>
    public long MaxRequestSize { get; init; } = 1024 * 1024;

    /// <summary>Reads and checks the section; a wrong value throws <see cref="ConfigurationException"/> naming its key.</summary>
    public static ApiSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var config = ActorSystem.WithReference(configuration);
        var hostname = SettingsReader.RequireString(config, Section + ".hostname");
        var port = SettingsReader.RequirePort(config, Section + ".port");
        var authentication = SettingsReader.RequireString(config, Section + ".authentication");
        var requireToken = authentication switch
        {
            "token" => true,
            "off" => false,
            _ => throw new ConfigurationException("Configuration key 'scheduler.api.authentication' has value '" + authentication + "': use 'token' or 'off'."),
        };
        var token = SettingsReader.OptionalString(config, Section + ".token");
        if (requireToken && token.Length < MinTokenLength)
        {
            throw new ConfigurationException(token.Length == 0
                ? "Configuration key 'scheduler.api.token' is empty, and scheduler.api.authentication = token: set a token (the environment variable SCHEDULER_API_TOKEN), or set scheduler.api.authentication = off on a loopback hostname for development."
                : "Configuration key 'scheduler.api.token' is shorter than " + MinTokenLength.ToString(CultureInfo.InvariantCulture) + " characters: use a long random token.");
        }

        if (!requireToken && !IsLoopbackHost(hostname))
        {
            throw new ConfigurationException("Configuration key 'scheduler.api.authentication' is off while scheduler.api.hostname is '" + hostname +
                "', which is not a loopback address: an API without a token may listen on 127.0.0.1, ::1 or localhost only.");
        }

        var size = SettingsReader.RequireSize(config, Section + ".max-request-size");
        if (size <= 0)
        {
            throw new ConfigurationException("Configuration key 'scheduler.api.max-request-size' must be positive, not " + size.ToString(CultureInfo.InvariantCulture) + ".");
        }

        return new ApiSettings { Hostname = hostname, Port = port, RequireToken = requireToken, Token = token, MaxRequestSize = size };
    }

    private static bool IsLoopbackHost(string hostname) =>
        string.Equals(hostname, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(hostname, out var address) && IPAddress.IsLoopback(address));
}
