using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Remote.Handshake;

/// <summary>
/// Challenge-response over a shared secret. Each side proves it holds the secret by an HMAC over both nonces, both
/// incarnations and both addresses, keyed by a hash of the secret: the secret never crosses the wire, a proof
/// cannot be replayed into another handshake (fresh nonces), and a server proof cannot pass as a client proof
/// (the role byte differs). This stops a mis-configured node from joining the wrong cluster; it does not stop an
/// attacker who can read the traffic, which is what mutual TLS is for.
/// </summary>
internal static class HandshakeProof
{
    /// <summary>The bytes of each side's nonce.</summary>
    public const int NonceSize = 32;

    /// <summary>A fresh random nonce.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>The key both sides derive from the configured secret (an empty secret gives a fixed key).</summary>
    public static byte[] Key(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The proof a side with role <paramref name="server"/> sends.</summary>
    public static byte[] Compute(byte[] key, bool server, HandshakeTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(transcript);
        using var buffer = new MemoryStream();
        buffer.WriteByte(server ? (byte)'S' : (byte)'C');
        Append(buffer, transcript.ClientNonce.Span);
        Append(buffer, transcript.ServerNonce.Span);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, transcript.ClientUid);
        buffer.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, transcript.ServerUid);
        buffer.Write(number);
        Append(buffer, Encoding.UTF8.GetBytes(transcript.ClientAddress));
        Append(buffer, Encoding.UTF8.GetBytes(transcript.ServerAddress));
        return HMACSHA256.HashData(key, buffer.ToArray());
    }

    /// <summary>True when <paramref name="proof"/> is what a holder of the key would send, compared in constant time.</summary>
    public static bool Verify(byte[] key, bool server, HandshakeTranscript transcript, ReadOnlySpan<byte> proof) =>
        CryptographicOperations.FixedTimeEquals(Compute(key, server, transcript), proof);

    private static void Append(MemoryStream buffer, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        buffer.Write(length);
        buffer.Write(part);
    }
}
