using System.Collections.Concurrent;
using static Scheduler.TestKit.MultiNode.Conductor.ConductorMessage;

namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// A role process's line to the conductor: hello and the address directory, barriers, commands, and the
/// conductor's requests (change a link's faults, shut down). When the conductor goes away the run is over, and the
/// process exits rather than linger.
/// </summary>
internal sealed class ConductorClient : IDisposable
{
    /// <summary>The exit code of a role whose conductor vanished.</summary>
    public const int OrphanExitCode = 3;

    private readonly LineChannel _channel;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string?>> _barriers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string?>> _requests = new();
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _directory = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private volatile bool _finishing;

    private ConductorClient(LineChannel channel) => _channel = channel;

    /// <summary>Changes the faults of a link; returns null when done, or why it could not be.</summary>
    public Func<ApplyFault, string?>? OnApplyFault { get; set; }

    /// <summary>Terminates the system and exits the process with the code given.</summary>
    public Action<int>? OnShutdown { get; set; }

    public static async Task<ConductorClient> ConnectAsync(int port)
    {
        var client = new ConductorClient(await LineChannel.ConnectAsync(port, CancellationToken.None).ConfigureAwait(false));
        _ = client.ReadLoopAsync();
        return client;
    }

    /// <summary>Announces this role and waits for every other.</summary>
    public Task<IReadOnlyDictionary<string, string>> HelloAsync(string role, string address)
    {
        _channel.Post(new Hello(role, address, Environment.ProcessId));
        return _directory.Task;
    }

    /// <summary>Waits at <paramref name="barrier"/>; throws when it fails.</summary>
    public async Task EnterBarrierAsync(string barrier)
    {
        var passed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_barriers.TryAdd(barrier, passed))
        {
            throw new InvalidOperationException($"This role already waits at barrier '{barrier}'.");
        }

        _channel.Post(new EnterBarrier(barrier));
        var failure = await passed.Task.ConfigureAwait(false);
        if (failure is not null)
        {
            throw new AssertionFailedException($"Barrier '{barrier}' failed: {failure}");
        }
    }

    /// <summary>Asks the conductor to carry out a command; throws with the reason when it cannot.</summary>
    public async Task CommandAsync(CommandKind kind, RoleName role, RoleName? peer, Direction direction, long bytesPerSecond, int exitCode)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = reply;
        _channel.Post(new Command(id, kind, role.Name, peer?.Name, direction, bytesPerSecond, exitCode));
        if (await reply.Task.ConfigureAwait(false) is { } failure)
        {
            throw new InvalidOperationException($"The test conductor could not {kind} {role}: {failure}");
        }
    }

    /// <summary>Reports the end of the scenario and waits until the report is written.</summary>
    public Task FinishedAsync(string? failure)
    {
        _finishing = true;
        _channel.Post(new Finished(failure));
        return _channel.DrainAsync();
    }

    public void Dispose() => _channel.Dispose();

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _channel.ReceiveAsync(CancellationToken.None).ConfigureAwait(false) is { } message)
            {
                Handle(message);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or System.Text.Json.JsonException or InvalidDataException)
        {
            if (!_finishing)
            {
                Console.Error.WriteLine($"The conductor channel failed: {exception.Message}");
            }
        }

        if (!_finishing)
        {
            Console.Error.WriteLine("The conductor went away: the run is over, this role exits.");
            Environment.Exit(OrphanExitCode);
        }
    }

    private void Handle(ConductorMessage message)
    {
        switch (message)
        {
            case AddressBook directory:
                _directory.TrySetResult(directory.Addresses);
                break;
            case BarrierDone done:
                if (_barriers.TryRemove(done.Name, out var barrier))
                {
                    barrier.TrySetResult(done.Failure);
                }

                break;
            case Reply reply:
                if (_requests.TryRemove(reply.Id, out var request))
                {
                    request.TrySetResult(reply.Failure);
                }

                break;
            case ApplyFault fault:
                var failure = OnApplyFault is { } apply ? apply(fault) : "the role's system is not up yet";
                _channel.Post(new Reply(fault.Id, failure));
                break;
            case Shutdown shutdown:
                _finishing = true;
                OnShutdown?.Invoke(shutdown.ExitCode);
                break;
        }
    }
}
