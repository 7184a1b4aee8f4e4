using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Scheduler.Remote.Faults;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Transport;

/// <summary>
/// One TCP connection (TLS when configured) seen as frames: pipes on both directions, so writes of many frames
/// coalesce into one flush and reads hand over every complete frame of a read at once.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly FrameSplitter _splitter;
    private int _disposed;

    private Connection(Stream stream, string remote, int maximumFrameSize)
    {
        _stream = stream;
        Remote = remote;
        _splitter = new FrameSplitter(maximumFrameSize);
        Reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        Writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
    }

    /// <summary>The peer's socket address, for logs.</summary>
    public string Remote { get; }

    public PipeReader Reader { get; }

    public PipeWriter Writer { get; }

    /// <summary>Faults injected on the link to the peer, once the peer is known; frames are dropped or slowed by them.</summary>
    public LinkFaults? Faults { get; set; }

    /// <summary>Whether frames to the peer are being dropped (a blackhole injected by a multi-node spec).</summary>
    public bool DropsSends => Faults is { DropSends: true };

    /// <summary>Dials <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<Connection> ConnectAsync(string host, int port, TlsContext? tls, int maximumFrameSize, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                stream = await tls.AuthenticateAsClientAsync(stream, host, cancellationToken).ConfigureAwait(false);
            }

            return new Connection(stream, $"{host}:{port}", maximumFrameSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a socket a listener accepted.</summary>
    public static async Task<Connection> AcceptAsync(Socket socket, TlsContext? tls, int maximumFrameSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.NoDelay = true;
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (tls is not null)
            {
                stream = await tls.AuthenticateAsServerAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new Connection(stream, remote, maximumFrameSize);
    }

    /// <summary>Queues a frame; nothing leaves before <see cref="FlushAsync"/>.</summary>
    public void Send(Frame frame)
    {
        if (!DropsSends)
        {
            FrameCodec.Write(Writer, frame);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (Faults is { } faults)
        {
            await faults.WaitToSendAsync(Writer.UnflushedBytes, cancellationToken).ConfigureAwait(false);
        }

        var result = await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new IOException($"The connection to {Remote} is closed.");
        }
    }

    /// <summary>Reads one frame (for the handshake); null when the peer closed the connection.</summary>
    public async Task<Frame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var split = _splitter.TryNext(ref buffer, out var body);
            if (split == SplitResult.Frame)
            {
                var copy = body.ToArray();
                Reader.AdvanceTo(buffer.Start);
                if (Faults is { DropReceives: true })
                {
                    continue;
                }

                return FrameCodec.Read(copy);
            }

            Reader.AdvanceTo(buffer.Start, buffer.End);
            if (split == SplitResult.Oversize)
            {
                throw new MalformedFrameException($"a handshake frame of {_splitter.OversizeLength} bytes exceeds the limit");
            }

            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Hands every frame to <paramref name="handler"/> until the peer closes or the token fires.</summary>
    public async Task ReceiveLoopAsync(IFrameHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        while (true)
        {
            var result = await Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (true)
            {
                var split = _splitter.TryNext(ref buffer, out var body);
                if (split == SplitResult.NeedMore)
                {
                    break;
                }

                if (Faults is { DropReceives: true })
                {
                    continue;
                }

                if (split == SplitResult.Oversize)
                {
                    handler.OnMalformed($"a frame of {_splitter.OversizeLength} bytes exceeds maximum-frame-size");
                    continue;
                }

                Frame frame;
                try
                {
                    frame = FrameCodec.Read(body.IsSingleSegment ? body.First : body.ToArray());
                }
                catch (MalformedFrameException malformed)
                {
                    handler.OnMalformed(malformed.Message);
                    continue;
                }

                handler.OnFrame(frame);
            }

            Reader.AdvanceTo(buffer.Start, buffer.End);
            await handler.OnBatchEndAsync().ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Completing the pipes first would flush into a dead socket; closing the stream ends both loops.
        await _stream.DisposeAsync().ConfigureAwait(false);
        await Reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or IOException)
        {
            // Unflushed frames had nowhere to go: the socket is closed. System messages are resent from their buffer.
        }
    }
}
