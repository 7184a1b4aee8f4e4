using Scheduler.Actors;

namespace Scheduler.Remote.Handshake;

/// <summary>
/// The decisions of a handshake, apart from sockets: whom a server lets in and whom a client accepts as the peer
/// it dialled. Each refusal is a sentence naming the peer, logged by the side that refuses and sent to the other.
/// </summary>
internal static class HandshakeRules
{
    /// <summary>The wire protocol this build speaks; a peer with another is refused.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>Why a server refuses a client's hello, or null to go on.</summary>
    public static string? RefuseHello(int version, string from, long fromUid, string to, Address local, Func<Address, long, bool> isQuarantined)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(isQuarantined);
        if (!TryParseNode(from, out var client))
        {
            return $"the client's address '{Printable(from)}' is not protocol://system@host:port";
        }

        if (version != ProtocolVersion)
        {
            return $"{client} speaks protocol version {version}, this node speaks {ProtocolVersion}";
        }

        if (!TryParseNode(to, out var wanted))
        {
            return $"{client} asked for '{Printable(to)}', which is not protocol://system@host:port";
        }

        if (!string.Equals(wanted.System, local.System, StringComparison.Ordinal) || !string.Equals(wanted.Protocol, local.Protocol, StringComparison.Ordinal))
        {
            return $"{client} asked for {wanted}, but this node is {local}";
        }

        if (fromUid == 0)
        {
            return $"{client} gave no incarnation id";
        }

        return isQuarantined(client, fromUid) ? $"{client} (incarnation {fromUid}) is quarantined" : null;
    }

    /// <summary>Why a client refuses the server that answered, or null to go on.</summary>
    public static string? RefuseServer(Address dialled, string from, long fromUid, bool proofValid, Func<Address, long, bool> isQuarantined)
    {
        ArgumentNullException.ThrowIfNull(dialled);
        ArgumentNullException.ThrowIfNull(isQuarantined);
        if (!TryParseNode(from, out var server))
        {
            return $"the server at {dialled} answered with the address '{Printable(from)}', which is not protocol://system@host:port";
        }

        if (!string.Equals(server.System, dialled.System, StringComparison.Ordinal))
        {
            return $"{dialled} is answered by {server}, another system";
        }

        if (!proofValid)
        {
            return $"{server} does not hold the same secret (scheduler.remote.secret differs)";
        }

        return isQuarantined(dialled, fromUid) ? $"{server} (incarnation {fromUid}) is quarantined" : null;
    }

    /// <summary>Parses an address with host and port.</summary>
    public static bool TryParseNode(string text, out Address address)
    {
        address = null!;
        if (!ActorPath.TryParse(text, out var path, out _) || !path.Address.HasGlobalScope || path.Depth != 0)
        {
            return false;
        }

        address = path.Address;
        return true;
    }

    private static string Printable(string text) => text.Length > 100 ? string.Concat(text.AsSpan(0, 100), "...") : text;
}
