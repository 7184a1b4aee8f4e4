using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// Conductor messages over one socket, a JSON object per line. Posting never blocks; one pump writes the lines in
/// the order they were posted.
/// </summary>
internal sealed class LineChannel : IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly System.Threading.Channels.Channel<string> _outbox = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly Task _pump;

    public LineChannel(Socket socket)
    {
        _socket = socket;
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(stream, Encoding.UTF8);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        _pump = PumpAsync();
    }

    public static async Task<LineChannel> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return new LineChannel(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Queues <paramref name="message"/>; it is lost if the socket has closed (the other side is gone).</summary>
    public void Post(ConductorMessage message) => _outbox.Writer.TryWrite(JsonSerializer.Serialize(message, Options));

    /// <summary>Completes when every line posted so far is written, or the socket has closed.</summary>
    public async Task DrainAsync()
    {
        _outbox.Writer.TryComplete();

        // The pump, not the outbox: the outbox counts as complete once the last line is taken out, which is before
        // that line is written, and a role that exits right after draining would lose its last word ("finished").
        await _pump.ConfigureAwait(false);
    }

    /// <summary>The next message, or null when the other side closed the socket.</summary>
    public async Task<ConductorMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        return JsonSerializer.Deserialize<ConductorMessage>(line, Options)
            ?? throw new InvalidDataException("The conductor channel carried a null message.");
    }

    public void Dispose()
    {
        _outbox.Writer.TryComplete();
        _socket.Dispose();
        _reader.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var line in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await _writer.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
        {
            // The other side is gone: what is queued, and what comes, has nobody to read it.
            await foreach (var _ in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
            }
        }
    }
}
