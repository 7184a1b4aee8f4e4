using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Remote;
using Scheduler.TestKit.MultiNode.Conductor;

namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// The test kit of one role in a multi-node run: a remoting actor system listening on loopback, the usual probes
/// and expectations, and what a distributed scenario needs besides: which role this is, every role's address,
/// <see cref="RunOn(Action, RoleName[])"/>, barriers, and the <see cref="TestConductor"/> for fault injection.
/// </summary>
public sealed class MultiNodeTestKit : TestKitBase
{
    private readonly ConductorClient _client;
    private readonly ConsoleOutput _output;
    private readonly Dictionary<string, string> _parameters = RoleParameters.ReadAll();
    private Dictionary<RoleName, Address> _addresses = [];

    internal MultiNodeTestKit(MultiNodeSpec spec, RoleName myself, ConductorClient client)
        : this(spec, myself, client, new ConsoleOutput(myself))
    {
    }

    private MultiNodeTestKit(MultiNodeSpec spec, RoleName myself, ConductorClient client, ConsoleOutput output)
        : base(output, OptionsFor(spec, myself))
    {
        _output = output;
        Myself = myself;
        Roles = spec.Config.Roles;
        _client = client;
        TestConductor = new TestConductor(client, Roles);
        client.OnApplyFault = ApplyFault;
    }

    /// <summary>The role this process plays.</summary>
    public RoleName Myself { get; }

    /// <summary>Every role of the spec.</summary>
    public IReadOnlyList<RoleName> Roles { get; }

    /// <summary>Blackholes, throttles and process actions.</summary>
    public TestConductor TestConductor { get; }

    /// <summary>The address of <paramref name="role"/>'s actor system.</summary>
    public Address Node(RoleName role) =>
        _addresses.TryGetValue(role, out var address) ? address : throw new ArgumentException($"The role '{role}' is not declared by this spec.", nameof(role));

    /// <summary>
    /// A parameter the test process handed to this run (see
    /// <see cref="MultiNodeRunner.RunAsync{TSpec}(Xunit.Abstractions.ITestOutputHelper, IReadOnlyDictionary{string, string})"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The run was started without it.</exception>
    public string Parameter(string name) => _parameters.GetValueOrDefault(RoleParameters.KeyFor(name))
        ?? throw new InvalidOperationException($"The multi-node run was started without the parameter '{name}'; pass it to MultiNodeRunner.RunAsync.");

    /// <summary>
    /// Writes <paramref name="line"/> to this role's log marked as a report: the test process copies every report into
    /// the test's own output, passing or not (a measured margin, say, that a reader of CI logs should see).
    /// </summary>
    public void Report(string line) => _output.WriteLine(ReportMarker + line);

    /// <summary>What starts a report line in a role's log.</summary>
    internal const string ReportMarker = "[report] ";

    /// <summary>Whether this process plays one of <paramref name="roles"/>.</summary>
    public bool IsNode(params RoleName[] roles) => roles.Contains(Myself);

    /// <summary>Runs <paramref name="action"/> only on <paramref name="roles"/>.</summary>
    public void RunOn(Action action, params RoleName[] roles)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (IsNode(roles))
        {
            action();
        }
    }

    /// <summary>Runs <paramref name="action"/> only on <paramref name="roles"/>.</summary>
    public Task RunOnAsync(Func<Task> action, params RoleName[] roles)
    {
        ArgumentNullException.ThrowIfNull(action);
        return IsNode(roles) ? action() : Task.CompletedTask;
    }

    /// <summary>
    /// Waits until every role taking part has arrived at <paramref name="name"/>. A barrier nobody else reaches in
    /// <see cref="MultiNodeConfig.BarrierTimeout"/> fails the run.
    /// </summary>
    public Task EnterBarrierAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _client.EnterBarrierAsync(name);
    }

    /// <summary>Announces this role and waits for the addresses of all.</summary>
    internal async Task StartAsync()
    {
        var directory = await _client.HelloAsync(Myself.Name, Remoting.Get(Sys).Address.ToString()).ConfigureAwait(false);
        _addresses = Roles.ToDictionary(role => role, role => ParseAddress(directory[role.Name]));
    }

    private static TestKitOptions OptionsFor(MultiNodeSpec spec, RoleName role) => new()
    {
        Hocon = spec.Config.HoconFor(role),
        Serialization = spec.Config.Serialization,
        Setup = setup => (spec.Config.Setup?.Invoke(setup) ?? setup).WithRemoting(),
        SystemName = spec.Config.SystemName ?? spec.GetType().Name,
        OutputLevel = LogLevel.Debug,
    };

    private static Address ParseAddress(string text) =>
        ActorPath.TryParse(text, out var path, out var error) ? path.Address : throw new InvalidOperationException($"The conductor sent '{text}', not an address: {error}");

    private string? ApplyFault(ConductorMessage.ApplyFault fault)
    {
        if (!ActorPath.TryParse(fault.Peer, out var peer, out var error))
        {
            return $"'{fault.Peer}' is not an address: {error}";
        }

        var link = Remoting.Get(Sys).Provider.Faults.For(peer.Address);
        switch (fault.Kind)
        {
            case CommandKind.Blackhole:
                link.Blackhole(fault.Sends, fault.Receives);
                return null;
            case CommandKind.PassThrough:
                link.PassThrough(fault.Sends, fault.Receives);
                return null;
            case CommandKind.Throttle when fault.BytesPerSecond > 0:
                link.Throttle(fault.BytesPerSecond);
                return null;
            default:
                return $"{fault.Kind} with {fault.BytesPerSecond} bytes per second is not a link fault";
        }
    }
}
