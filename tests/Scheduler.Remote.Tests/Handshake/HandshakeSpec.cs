using Scheduler.Actors;
using Scheduler.Remote.Handshake;

namespace Scheduler.Remote.Tests.Handshake;

public sealed class HandshakeSpec
{
    private static readonly Address Local = new("sched.tcp", "scheduler", "127.0.0.1", 2552);

    private static HandshakeTranscript Transcript() => new(
        "sched.tcp://scheduler@127.0.0.1:2553", 11, HandshakeProof.NewNonce(), "sched.tcp://scheduler@127.0.0.1:2552", 22, HandshakeProof.NewNonce());

    [Fact]
    public void Both_proofs_verify_with_the_same_secret_and_neither_reveals_it()
    {
        var key = HandshakeProof.Key("s3cret");
        var transcript = Transcript();

        var server = HandshakeProof.Compute(key, server: true, transcript);
        var client = HandshakeProof.Compute(key, server: false, transcript);

        HandshakeProof.Verify(HandshakeProof.Key("s3cret"), server: true, transcript, server).Should().BeTrue();
        HandshakeProof.Verify(HandshakeProof.Key("s3cret"), server: false, transcript, client).Should().BeTrue();
        server.Should().NotEqual(client, "a server's proof must not pass as a client's");
        Convert.ToHexString(server).Should().NotContain(Convert.ToHexString("s3cret"u8));
    }

    [Fact]
    public void A_proof_fails_with_another_secret_an_empty_secret_or_another_transcript()
    {
        var key = HandshakeProof.Key("s3cret");
        var transcript = Transcript();
        var proof = HandshakeProof.Compute(key, server: false, transcript);

        HandshakeProof.Verify(HandshakeProof.Key("other"), server: false, transcript, proof).Should().BeFalse();
        HandshakeProof.Verify(HandshakeProof.Key(string.Empty), server: false, transcript, proof).Should().BeFalse();
        HandshakeProof.Verify(key, server: false, transcript with { ServerNonce = HandshakeProof.NewNonce() }, proof).Should().BeFalse("a replayed proof must not pass");
        HandshakeProof.Verify(key, server: false, transcript with { ClientUid = 12 }, proof).Should().BeFalse();
        HandshakeProof.Verify(key, server: true, transcript, proof).Should().BeFalse();
    }

    public static TheoryData<string, int, string, long, string, string?> Hellos() => new()
    {
        { "a matching peer", 1, "sched.tcp://scheduler@127.0.0.1:2553", 5, "sched.tcp://scheduler@127.0.0.1:2552", null },
        { "a peer dialling an alias of this host", 1, "sched.tcp://scheduler@10.0.0.2:2553", 5, "sched.tcp://scheduler@localhost:2552", null },
        { "another protocol version", 2, "sched.tcp://scheduler@127.0.0.1:2553", 5, "sched.tcp://scheduler@127.0.0.1:2552", "*speaks protocol version 2, this node speaks 1" },
        { "another system name", 1, "sched.tcp://scheduler@127.0.0.1:2553", 5, "sched.tcp://billing@127.0.0.1:2552", "*asked for sched.tcp://billing@127.0.0.1:2552, but this node is sched.tcp://scheduler@127.0.0.1:2552" },
        { "a garbled sender", 1, "not an address", 5, "sched.tcp://scheduler@127.0.0.1:2552", "the client's address 'not an address'*" },
        { "a sender without host", 1, "sched.tcp://scheduler", 5, "sched.tcp://scheduler@127.0.0.1:2552", "the client's address*" },
        { "a garbled target", 1, "sched.tcp://scheduler@127.0.0.1:2553", 5, "sched.tcp://scheduler@127.0.0.1:99999", "*is not protocol://system@host:port" },
        { "no incarnation", 1, "sched.tcp://scheduler@127.0.0.1:2553", 0, "sched.tcp://scheduler@127.0.0.1:2552", "*gave no incarnation id" },
        { "a quarantined incarnation", 1, "sched.tcp://scheduler@127.0.0.1:2553", 666, "sched.tcp://scheduler@127.0.0.1:2552", "*(incarnation 666) is quarantined" },
    };

    [Theory]
    [MemberData(nameof(Hellos))]
    public void A_server_admits_only_matching_peers_and_names_the_one_it_refuses(string peer, int version, string from, long uid, string to, string? refusal)
    {
        var quarantined = static (Address _, long uid) => uid == 666;

        var decision = HandshakeRules.RefuseHello(version, from, uid, to, Local, quarantined);

        if (refusal is null)
        {
            decision.Should().BeNull(peer);
        }
        else
        {
            decision.Should().Match(refusal, peer);
        }
    }

    [Theory]
    [InlineData("sched.tcp://scheduler@127.0.0.1:2552", true, 5L, null)]
    [InlineData("sched.tcp://billing@127.0.0.1:2552", true, 5L, "*is answered by sched.tcp://billing@127.0.0.1:2552, another system")]
    [InlineData("sched.tcp://scheduler@127.0.0.1:2552", false, 5L, "*does not hold the same secret*")]
    [InlineData("garbage", true, 5L, "*answered with the address 'garbage'*")]
    [InlineData("sched.tcp://scheduler@127.0.0.1:2552", true, 666L, "*(incarnation 666) is quarantined")]
    public void A_client_accepts_only_the_system_it_dialled_holding_the_secret(string from, bool proofValid, long uid, string? refusal)
    {
        var decision = HandshakeRules.RefuseServer(Local, from, uid, proofValid, static (_, uid) => uid == 666);

        if (refusal is null)
        {
            decision.Should().BeNull();
        }
        else
        {
            decision.Should().Match(refusal);
        }
    }
}
