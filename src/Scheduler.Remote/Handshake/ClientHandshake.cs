using Scheduler.Actors;
using Scheduler.Remote.Endpoints;
using Scheduler.Remote.Transport;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Handshake;

/// <summary>The dialling side of a handshake: hello, check the server's proof, send ours, wait for the welcome.</summary>
internal static class ClientHandshake
{
    /// <summary>Runs the handshake and returns the peer's incarnation; a refusal throws <see cref="HandshakeRefusedException"/>.</summary>
    public static async Task<long> RunAsync(Connection connection, RemoteActorRefProvider provider, Address remote, CancellationToken cancellationToken)
    {
        var local = provider.Address.ToString();
        var nonce = HandshakeProof.NewNonce();
        connection.Send(new Frame.Hello(HandshakeRules.ProtocolVersion, local, provider.Uid, remote.ToString(), nonce));
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);

        var reply = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (reply is Frame.Rejected rejected)
        {
            provider.OnRefusedByPeer(remote, rejected.Reason);
            throw new HandshakeRefusedException($"{remote} refused this node: {rejected.Reason}");
        }

        if (reply is not Frame.Challenge challenge)
        {
            throw new HandshakeRefusedException($"{remote} answered the hello with {Describe(reply)}");
        }

        var transcript = new HandshakeTranscript(local, provider.Uid, nonce, challenge.From, challenge.FromUid, challenge.Nonce);
        var valid = HandshakeProof.Verify(provider.SecretKey, server: true, transcript, challenge.Proof.Span);
        if (HandshakeRules.RefuseServer(remote, challenge.From, challenge.FromUid, valid, provider.IsQuarantined) is { } refusal)
        {
            connection.Send(new Frame.Rejected(refusal));
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            throw new HandshakeRefusedException(refusal);
        }

        connection.Send(new Frame.ClientProof(HandshakeProof.Compute(provider.SecretKey, server: false, transcript)));
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        var welcome = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        return welcome switch
        {
            Frame.Accepted => challenge.FromUid,
            Frame.Rejected no => throw new HandshakeRefusedException($"{remote} refused this node: {no.Reason}"),
            _ => throw new HandshakeRefusedException($"{remote} answered the proof with {Describe(welcome)}"),
        };
    }

    private static string Describe(Frame? frame) => frame is null ? "a closed connection" : $"a {frame.Kind} frame";
}
