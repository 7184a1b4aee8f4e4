using Microsoft.Extensions.Configuration;
using Scheduler.Actors;

namespace Scheduler.Remote;

/// <summary>Remoting's settings, read from <c>scheduler.remote</c>; hocon/reference.conf documents each one.</summary>
public sealed record RemoteSettings
{
    private const string Section = "scheduler.remote";

    /// <summary>The interface to bind and the host other nodes dial.</summary>
    public required string Hostname { get; init; }

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public required int Port { get; init; }

    /// <summary>The shared secret proved in each handshake (may be empty).</summary>
    public string Secret { get; init; } = string.Empty;

    /// <summary>The largest frame accepted or sent, in bytes.</summary>
    public int MaximumFrameSize { get; init; } = 1024 * 1024;

    /// <summary>How long a handshake may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages that may wait for one peer's connection.</summary>
    public int OutboundQueueSize { get; init; } = 100_000;

    /// <summary>How long messages to a peer that could not be reached become dead letters before trying again.</summary>
    public TimeSpan RetryGateClosedFor { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often unacknowledged system messages are sent again.</summary>
    public TimeSpan SystemMessageResendInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Unacknowledged system messages kept per peer before it is quarantined.</summary>
    public int SystemMessageBufferSize { get; init; } = 20_000;

    /// <summary>How long a system message may stay unacknowledged before its peer is quarantined.</summary>
    public TimeSpan GiveUpSystemMessageAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a node hosting watched actors gets a heartbeat.</summary>
    public TimeSpan WatchHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The failure detector of remote death watch.</summary>
    public PhiAccrualSettings WatchFailureDetector { get; init; } = new();

    /// <summary>How often unreachable watched nodes are looked for.</summary>
    public TimeSpan WatchReaperInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When a watched node that never answered starts being monitored.</summary>
    public TimeSpan WatchExpectedResponseAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Mutual TLS, or null for plain TCP.</summary>
    public RemoteTlsSettings? Tls { get; init; }

    /// <summary>Reads <c>scheduler.remote</c>; a bad value fails with a message naming its key.</summary>
    public static RemoteSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var port = SettingsReader.RequirePort(configuration, Section + ".port");

        var frame = SettingsReader.RequireSize(configuration, Section + ".maximum-frame-size");
        if (frame is < 32 * 1024 or > 64 * 1024 * 1024)
        {
            throw new ConfigurationException($"Configuration key '{Section}.maximum-frame-size' has value {frame} bytes; use 32KiB to 64MiB.");
        }

        const string watch = Section + ".watch-failure-detector";
        var detector = PhiAccrualSettings.Read(configuration, watch);

        return new RemoteSettings
        {
            Hostname = SettingsReader.RequireString(configuration, Section + ".hostname"),
            Port = port,
            Secret = SettingsReader.OptionalString(configuration, Section + ".secret"),
            MaximumFrameSize = (int)frame,
            HandshakeTimeout = SettingsReader.RequirePositiveDuration(configuration, Section + ".handshake-timeout"),
            OutboundQueueSize = SettingsReader.RequirePositiveInt(configuration, Section + ".outbound-queue-size"),
            RetryGateClosedFor = SettingsReader.RequireDuration(configuration, Section + ".retry-gate-closed-for"),
            SystemMessageResendInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".system-message-resend-interval"),
            SystemMessageBufferSize = SettingsReader.RequirePositiveInt(configuration, Section + ".system-message-buffer-size"),
            GiveUpSystemMessageAfter = SettingsReader.RequirePositiveDuration(configuration, Section + ".give-up-system-message-after"),
            WatchHeartbeatInterval = SettingsReader.RequirePositiveDuration(configuration, watch + ".heartbeat-interval"),
            WatchFailureDetector = detector,
            WatchReaperInterval = SettingsReader.RequirePositiveDuration(configuration, watch + ".unreachable-nodes-reaper-interval"),
            WatchExpectedResponseAfter = SettingsReader.RequirePositiveDuration(configuration, watch + ".expected-response-after"),
            Tls = RemoteTlsSettings.Read(configuration, Section + ".tls"),
        };
    }
}
