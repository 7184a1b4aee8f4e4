using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using static Scheduler.TestKit.MultiNode.Conductor.ConductorMessage;

namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// The conductor of one multi-node run, in the test process: starts a process per role, hands out the address
/// directory once all are up, runs barriers, carries out fault injection and process actions, and watches for
/// roles that fail or die unexpectedly. A failure fails every waiting barrier, so the other roles stop soon.
/// </summary>
internal sealed class ConductorServer : IAsyncDisposable
{
    private static readonly TimeSpan GraceAfterFailure = TimeSpan.FromSeconds(5);
    private readonly MultiNodeConfig _config;
    private readonly TimeSpan _barrierTimeout;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoleState> _roles = new(StringComparer.Ordinal);
    private readonly BarrierTable _barriers;
    private readonly List<string> _failures = [];
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string?>> _pending = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private long _nextId;
    private bool _directorySent;

    public ConductorServer(MultiNodeConfig config, TimeSpan barrierTimeout)
    {
        _config = config;
        _barrierTimeout = barrierTimeout;
        _barriers = new BarrierTable(config.Roles.Select(role => role.Name));
    }

    public IReadOnlyCollection<RoleState> Roles => _roles.Values;

    /// <summary>Runs the spec to its end, or until <paramref name="timeout"/>; returns the failures (none on success).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(string assemblyPath, string specName, IReadOnlyDictionary<string, string> environment, string logDirectory, TimeSpan timeout)
    {
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        foreach (var role in _config.Roles)
        {
            var process = RoleProcess.Start(role.Name, assemblyPath, specName, port, environment, Path.Combine(logDirectory, role.Name + ".log"));
            var state = new RoleState(role.Name, process);
            _roles[role.Name] = state;
            _ = JudgeExitAsync(state);
        }

        _ = AcceptLoopAsync();
        var finished = await Task.WhenAny(_done.Task, Task.Delay(timeout, TimeProvider.System)).ConfigureAwait(false);
        lock (_gate)
        {
            if (finished != _done.Task)
            {
                var pending = _roles.Values.Where(role => !role.IsDone).Select(role => role.Role);
                _failures.Add($"The run did not end within {timeout}; still running: {string.Join(", ", pending)}.");
            }

            return [.. _failures];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();

        // Roles that finished exit on their own; give them a moment before killing what is left.
        var exits = _roles.Values.Select(role => role.Process.Exited);
        await Task.WhenAny(Task.WhenAll(exits), Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System)).ConfigureAwait(false);
        foreach (var role in _roles.Values)
        {
            role.Channel?.Dispose();
            role.Process.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(new LineChannel(socket));
        }
    }

    private async Task ServeAsync(LineChannel channel)
    {
        RoleState? state = null;
        try
        {
            if (await channel.ReceiveAsync(_stop.Token).ConfigureAwait(false) is not Hello hello || !_roles.TryGetValue(hello.Role, out state))
            {
                channel.Dispose();
                return;
            }

            OnHello(state, channel, hello);
            while (await channel.ReceiveAsync(_stop.Token).ConfigureAwait(false) is { } message)
            {
                Handle(state, message);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or System.Text.Json.JsonException or InvalidDataException)
        {
            // The role's process ended (its exit is judged by OnExited) or the run is over.
        }
        finally
        {
            state?.LinesRead.TrySetResult();
        }
    }

    private void OnHello(RoleState state, LineChannel channel, Hello hello)
    {
        Dictionary<string, string>? directory = null;
        lock (_gate)
        {
            state.Channel = channel;
            state.Address = hello.Address;
            if (!_directorySent && _roles.Values.All(role => role.Address is not null))
            {
                _directorySent = true;
                directory = _roles.Values.ToDictionary(role => role.Role, role => role.Address!, StringComparer.Ordinal);
            }
        }

        if (directory is not null)
        {
            foreach (var role in _roles.Values)
            {
                Send(role, new AddressBook(directory));
            }
        }
    }

    private void Handle(RoleState state, ConductorMessage message)
    {
        switch (message)
        {
            case EnterBarrier enter:
                OnEnterBarrier(state, enter.Name);
                break;
            case Command command:
                _ = ExecuteAsync(state, command);
                break;
            case Reply reply:
                if (_pending.TryRemove(reply.Id, out var waiting))
                {
                    waiting.TrySetResult(reply.Failure);
                }

                break;
            case Finished finished:
                lock (_gate)
                {
                    state.Finished = true;
                    if (finished.Failure is { } failure)
                    {
                        Fail($"Role {state.Role} failed: {failure}");
                    }
                }

                CheckDone();
                break;
        }
    }

    private void OnEnterBarrier(RoleState state, string barrier)
    {
        IReadOnlyList<string> released;
        bool first;
        lock (_gate)
        {
            if (_failures.Count > 0)
            {
                Send(state, new BarrierDone(barrier, "the run has already failed"));
                return;
            }

            first = !_barriers.Waiting.ContainsKey(barrier);
            released = _barriers.Enter(state.Role, barrier);
        }

        Release(barrier, released);
        if (first && released.Count == 0)
        {
            _ = TimeBarrierAsync(barrier);
        }
    }

    private async Task TimeBarrierAsync(string barrier)
    {
        try
        {
            await Task.Delay(_barrierTimeout, TimeProvider.System, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            var missing = _barriers.Missing(barrier);
            if (missing.Count > 0)
            {
                Fail($"Barrier '{barrier}' timed out after {_barrierTimeout}: roles {string.Join(", ", missing)} never arrived.");
            }
        }
    }

    private void Release(string barrier, IReadOnlyList<string> roles)
    {
        foreach (var role in roles)
        {
            Send(_roles[role], new BarrierDone(barrier, null));
        }
    }

    private async Task ExecuteAsync(RoleState requester, Command command)
    {
        string? failure;
        try
        {
            failure = await CarryOutAsync(requester, command).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            failure = exception.Message;
        }

        Send(requester, new Reply(command.Id, failure));
    }

    private async Task<string?> CarryOutAsync(RoleState requester, Command command)
    {
        if (!_roles.TryGetValue(command.Role, out var target))
        {
            return $"there is no role '{command.Role}'";
        }

        if (target.Departed)
        {
            return $"role {target.Role} has already been killed or has exited";
        }

        switch (command.Kind)
        {
            case CommandKind.Blackhole or CommandKind.PassThrough or CommandKind.Throttle:
                return await ChangeLinkAsync(target, command).ConfigureAwait(false);
            case CommandKind.Exit or CommandKind.Kill or CommandKind.Suspend or CommandKind.Resume when target == requester:
                return $"role {target.Role} cannot {command.Kind.ToString().ToLowerInvariant()} itself; run the command on another role";
            case CommandKind.Exit:
                Leave(target, departed: true);
                Send(target, new Shutdown(command.ExitCode));
                await target.Process.Exited.ConfigureAwait(false);
                return target.Process.ExitCode == command.ExitCode ? null : $"role {target.Role} exited with code {target.Process.ExitCode}, not {command.ExitCode}";
            case CommandKind.Kill:
                Leave(target, departed: true);
                await target.Process.KillAsync().ConfigureAwait(false);
                return null;
            case CommandKind.Suspend:
                Leave(target, departed: false);
                await target.Process.SuspendAsync().ConfigureAwait(false);
                return null;
            case CommandKind.Resume:
                lock (_gate)
                {
                    target.Suspended = false;
                    _barriers.Rejoin(target.Role);
                }

                await target.Process.ResumeAsync().ConfigureAwait(false);
                return null;
            default:
                return $"unknown command {command.Kind}";
        }
    }

    private async Task<string?> ChangeLinkAsync(RoleState target, Command command)
    {
        if (command.Peer is null || !_roles.TryGetValue(command.Peer, out var peer) || peer == target)
        {
            return $"a {command.Kind} needs two different roles, not {target.Role} and '{command.Peer}'";
        }

        var sends = command.Direction is Direction.Send or Direction.Both;
        var receives = command.Direction is Direction.Receive or Direction.Both;
        switch (command.Kind)
        {
            case CommandKind.Blackhole:
                return await ApplyAsync(target, peer, CommandKind.Blackhole, sends, receives, 0).ConfigureAwait(false);
            case CommandKind.PassThrough:
                // What the target receives from the peer may be slowed at the peer's end (a throttle); lift that too.
                return await ApplyAsync(target, peer, CommandKind.PassThrough, sends, receives, 0).ConfigureAwait(false)
                    ?? (receives ? await ApplyAsync(peer, target, CommandKind.PassThrough, true, false, 0).ConfigureAwait(false) : null);
            default:
                // A throttle slows the sending end: the target's sends, or the peer's sends to the target.
                return (sends ? await ApplyAsync(target, peer, CommandKind.Throttle, true, false, command.BytesPerSecond).ConfigureAwait(false) : null)
                    ?? (receives ? await ApplyAsync(peer, target, CommandKind.Throttle, true, false, command.BytesPerSecond).ConfigureAwait(false) : null);
        }
    }

    private async Task<string?> ApplyAsync(RoleState at, RoleState peer, CommandKind kind, bool sends, bool receives, long bytesPerSecond)
    {
        if (at.Departed || at.Process.HasExited)
        {
            return $"role {at.Role} is not running";
        }

        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        Send(at, new ApplyFault(id, peer.Address!, kind, sends, receives, bytesPerSecond));
        return await reply.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="role"/> stops taking part in barriers: for good (killed, exited) or until resumed
    /// (suspended, which still reads its releases when it wakes).
    /// </summary>
    private void Leave(RoleState role, bool departed)
    {
        IReadOnlyList<(string Barrier, IReadOnlyList<string> Roles)> opened;
        lock (_gate)
        {
            role.Departed |= departed;
            role.Suspended |= !departed;
            opened = _barriers.Leave(role.Role);
        }

        foreach (var (barrier, roles) in opened)
        {
            Release(barrier, departed ? roles.Where(name => !string.Equals(name, role.Role, StringComparison.Ordinal)).ToList() : roles);
        }
    }

    private async Task JudgeExitAsync(RoleState state)
    {
        await state.Process.Exited.ConfigureAwait(false);
        try
        {
            // A role that never said hello has no lines to wait for; one that did closes its connection as it exits.
            await state.LinesRead.Task.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        OnExited(state);
    }

    private void OnExited(RoleState state)
    {
        lock (_gate)
        {
            if (!state.Departed && !state.Finished)
            {
                Fail($"Role {state.Role} exited with code {state.Process.ExitCode} before finishing the scenario.");
            }
        }

        CheckDone();
    }

    /// <summary>Records a failure; the first one fails every waiting barrier and bounds how long the rest may take.</summary>
    private void Fail(string failure)
    {
        _failures.Add(failure);
        if (_failures.Count > 1)
        {
            return;
        }

        foreach (var barrier in _barriers.Waiting.Keys.ToList())
        {
            foreach (var role in _barriers.Fail(barrier))
            {
                Send(_roles[role], new BarrierDone(barrier, $"the run failed: {failure}"));
            }
        }

        _ = Task.Delay(GraceAfterFailure, TimeProvider.System, _stop.Token).ContinueWith(_ => _done.TrySetResult(), TaskScheduler.Default);
    }

    private void CheckDone()
    {
        lock (_gate)
        {
            // A role left suspended can never finish; the spec chose that, and it is killed at the end.
            if (_roles.Values.All(role => role.IsDone || role.Suspended))
            {
                _done.TrySetResult();
            }
        }
    }

    private static void Send(RoleState role, ConductorMessage message)
    {
        role.Channel?.Post(message);
    }
}
