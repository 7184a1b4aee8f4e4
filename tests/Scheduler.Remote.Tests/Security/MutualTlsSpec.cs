using Scheduler.Actors;
using Scheduler.Remote.Tests.Messaging;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Security;

/// <summary>Nodes sharing a cluster certificate talk over mutual TLS; a node without it, or with another, gets nowhere.</summary>
public sealed class MutualTlsSpec : RemoteSpecBase, IClassFixture<TestCertificates>
{
    private const string Password = "node-pass";
    private readonly string _cluster;
    private readonly string _intruder;

    public MutualTlsSpec(ITestOutputHelper output, TestCertificates certificates)
        : base(output, TestCertificates.Hocon(ClusterCertificate(certificates), Password))
    {
        _cluster = ClusterCertificate(certificates);
        _intruder = certificates.CreatePkcs12("intruder", Password);
    }

    private static string ClusterCertificate(TestCertificates certificates) => certificates.GetOrCreatePkcs12("cluster", Password);

    [Fact]
    public async Task Nodes_with_the_cluster_certificate_exchange_messages_and_asks()
    {
        var member = StartNode("member", TestCertificates.Hocon(_cluster, Password));
        var responder = member.ActorOf(Props.Create<Responder>(), "responder");

        var pong = await Sys.ResolveActorRef(PathOf(responder)).Ask<Pong>(new Ping("over tls"), TimeSpan.FromSeconds(10));

        pong.Should().Be(new Pong("over tls", "member"));
    }

    [Fact]
    public void A_node_with_another_certificate_is_refused()
    {
        var intruder = StartNode("intruder", TestCertificates.Hocon(_intruder, Password));

        EventFilter.Warning("failed before the handshake").ExpectOne(() =>
            intruder.ResolveActorRef(PathOf(TestActor)).Tell(new Ping("let me in"), ActorRefs.NoSender));

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_node_without_tls_is_refused()
    {
        var plain = StartNode("plain");

        EventFilter.Warning("failed before the handshake").ExpectOne(() =>
            plain.ResolveActorRef(PathOf(TestActor)).Tell(new Ping("plain text"), ActorRefs.NoSender));

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_start_naming_the_key()
    {
        var start = () => StartNode("broken", TestCertificates.Hocon("/nonexistent/node.pfx", Password));

        start.Should().Throw<ConfigurationException>().WithMessage("*scheduler.remote.tls.certificate-path*/nonexistent/node.pfx*");
    }
}
