using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Scheduler.Actors;
using Scheduler.Remote.Handshake;
using Scheduler.Remote.Transport;
using Scheduler.Remote.Wire;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Messaging;

/// <summary>
/// A peer that passed the handshake but sends garbage: every bad frame is dropped with a warning naming what was
/// wrong, and the connection goes on to deliver the next good message.
/// </summary>
public sealed class BadInputSpec(ITestOutputHelper output) : RemoteSpecBase(output)
{
    private async Task<Connection> HandshakenConnectionAsync()
    {
        var peer = StartNode("peer");
        var provider = Remoting.Get(peer).Provider;
        var connection = await Connection.ConnectAsync("127.0.0.1", SysAddress.Port!.Value, tls: null, provider.Settings.MaximumFrameSize, CancellationToken.None);
        await ClientHandshake.RunAsync(connection, provider, SysAddress, CancellationToken.None);
        return connection;
    }

    private static void SendRaw(Connection connection, ReadOnlySpan<byte> bytes)
    {
        connection.Writer.Write(bytes);
        connection.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    private static void Send(Connection connection, Frame frame)
    {
        connection.Send(frame);
        connection.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    private static byte[] Framed(params byte[] body)
    {
        var bytes = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)body.Length);
        body.CopyTo(bytes, 4);
        return bytes;
    }

    [Fact]
    public async Task Every_kind_of_bad_frame_is_dropped_and_logged_and_the_connection_survives()
    {
        await using var connection = await HandshakenConnectionAsync();
        var ping = Sys.Serialization.Serialize(new Ping("good"));
        var me = PathOf(TestActor);

        EventFilter.Warning("unknown frame kind 99").ExpectOne(() => SendRaw(connection, Framed(99)));
        EventFilter.Warning("claims").ExpectOne(() => SendRaw(connection, Framed(1, 200, 1)));
        EventFilter.Warning("No message type is registered for manifest 'evil.type'").ExpectOne(
            () => Send(connection, new Frame.Message(me, string.Empty, "evil.type", "{}"u8.ToArray())));
        EventFilter.Warning("is malformed").ExpectOne(
            () => Send(connection, new Frame.Message(me, string.Empty, "spec.ping", "{not json"u8.ToArray())));
        EventFilter.Warning("is not an actor path of this node").ExpectOne(
            () => Send(connection, new Frame.Message("sched.tcp://elsewhere@10.1.2.3:1/user/x", string.Empty, "spec.ping", ping.Payload)));
        EventFilter.Warning("is not an actor path of this node").ExpectOne(
            () => Send(connection, new Frame.Message("no path at all", string.Empty, "spec.ping", ping.Payload)));
        EventFilter.Warning("not expected once the handshake is done").ExpectOne(
            () => Send(connection, new Frame.Rejected("late")));
        EventFilter.Warning("exceeds maximum-frame-size").ExpectOne(() =>
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, 3 * 1024 * 1024);
            SendRaw(connection, length);
            SendRaw(connection, new byte[3 * 1024 * 1024]);
        });

        Send(connection, new Frame.Message(me, string.Empty, "spec.ping", ping.Payload));

        ExpectMsg(new Ping("good"));
    }

    [Fact]
    public async Task A_client_that_does_not_speak_the_protocol_is_refused_with_a_line_naming_it()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", SysAddress.Port!.Value);

        EventFilter.Warning("does not speak this protocol").ExpectOne(() =>
            socket.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    }

    [Fact]
    public async Task A_client_that_opens_with_something_other_than_hello_is_refused()
    {
        var connection = await Connection.ConnectAsync("127.0.0.1", SysAddress.Port!.Value, tls: null, 1024 * 1024, CancellationToken.None);
        await using (connection)
        {
            EventFilter.Warning("instead of a hello").ExpectOne(() => Send(connection, new Frame.Ack(1)));
            var answer = await connection.ReceiveAsync(CancellationToken.None);
            answer.Should().BeOfType<Frame.Rejected>().Which.Reason.Should().Contain("instead of a hello");
        }
    }

    [Fact]
    public void A_message_too_large_to_send_becomes_a_dead_letter_with_the_reason_and_later_messages_still_go()
    {
        var other = StartNode("other");
        var relay = other.ActorOf(Props.Create(() => new Forwarder(other.ResolveActorRef(PathOf(TestActor)))), "relay");
        var remote = Sys.ResolveActorRef(PathOf(relay));
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        remote.Tell(new Ping(new string('x', 2 * 1024 * 1024)), ActorRefs.NoSender);
        remote.Tell(new Ping("small"), ActorRefs.NoSender);

        ExpectMsg<DeadLetter>().Reason.Should().Contain("exceeds maximum-frame-size");
        ExpectMsg(new Ping("small"));
    }

    [Fact]
    public void An_unregistered_message_is_not_sent_and_says_how_to_register_it()
    {
        var other = StartNode("other");
        var relay = other.ActorOf(Props.Create(() => new Forwarder(other.ResolveActorRef(PathOf(TestActor)))), "relay");
        var remote = Sys.ResolveActorRef(PathOf(relay));

        EventFilter.Error("has no registered manifest").ExpectOne(() => remote.Tell(new Unregistered(1), ActorRefs.NoSender));
        remote.Tell(new Ping("after"), ActorRefs.NoSender);

        ExpectMsg(new Ping("after"));
    }

    private sealed record Unregistered(int Value);
}
