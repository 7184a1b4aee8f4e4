using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Remote.Transport;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Endpoints;

/// <summary>
/// Turns queued user messages into frames on one connection. A message that cannot be serialized, or whose frame
/// would exceed the limit, is logged and becomes a dead letter; the connection carries on.
/// </summary>
internal sealed partial class FrameWriter(RemoteActorRefProvider provider, Connection connection, ILogger log)
{
    public void Write(Outbound item)
    {
        if (connection.DropsSends)
        {
            return;
        }

        switch (item)
        {
            case Outbound.Message message:
                if (TrySerialize(message.Payload, message.Sender, message.Recipient, out var serialized))
                {
                    FrameCodec.WriteMessage(connection.Writer, message.Recipient, SenderText(message.Sender), serialized.Manifest, serialized.Payload.Span);
                }

                break;
            case Outbound.Selection selection:
                if (TrySerialize(selection.Payload, selection.Sender, selection.Anchor + "/" + selection.Elements, out var selected))
                {
                    connection.Send(new Frame.Selection(selection.Anchor, selection.Elements, SenderText(selection.Sender), selected.Manifest, selected.Payload));
                }

                break;
            case Outbound.Heartbeat:
                connection.Send(Frame.Heartbeat.Instance);
                break;
        }
    }

    private static string SenderText(IActorRef? sender) => sender is null ? string.Empty : sender.Path.ToSerializationFormat();

    private bool TrySerialize(object message, IActorRef? sender, string recipient, out SerializedMessage serialized)
    {
        try
        {
            serialized = provider.System.Serialization.Serialize(message);
        }
        catch (SerializationException exception)
        {
            WriterLog.NotSerializable(log, message.GetType().Name, recipient, exception.Message);
            Drop(message, sender, exception.Message);
            serialized = null!;
            return false;
        }

        // Recipient, sender and manifest are small next to the limit, so the payload alone is checked.
        if (serialized.Payload.Length > provider.Settings.MaximumFrameSize - 4096)
        {
            var reason = $"its payload of {serialized.Payload.Length} bytes exceeds maximum-frame-size ({provider.Settings.MaximumFrameSize})";
            WriterLog.NotSerializable(log, message.GetType().Name, recipient, reason);
            Drop(message, sender, reason);
            return false;
        }

        return true;
    }

    private void Drop(object message, IActorRef? sender, string reason)
    {
        var deadLetters = provider.System.DeadLetters;
        deadLetters.Tell(new DeadLetter(message, sender ?? deadLetters, deadLetters) { Reason = reason }, sender);
    }

    private static partial class WriterLog
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "A {MessageType} for {Recipient} was not sent: {Reason}")]
        public static partial void NotSerializable(ILogger logger, string messageType, string recipient, string reason);
    }
}
