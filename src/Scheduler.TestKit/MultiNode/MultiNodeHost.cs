using System.Globalization;
using System.Reflection;
using Scheduler.TestKit.MultiNode.Conductor;

namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// The entry point of a role process. A test project with multi-node specs turns off the generated entry point
/// (<c>&lt;GenerateProgramFile&gt;false&lt;/GenerateProgramFile&gt;</c>) and declares
/// <c>public static int Main(string[] args) => MultiNodeHost.Run(args, typeof(Program).Assembly);</c>; the
/// conductor then starts the test assembly once per role.
/// </summary>
public static class MultiNodeHost
{
    /// <summary>The first argument of a role process.</summary>
    public const string Flag = "--multinode";

    private const string FinalBarrier = "multinode-spec-finished";

    /// <summary>
    /// Plays one role of a spec of <paramref name="specs"/>: arguments <c>--multinode &lt;spec&gt; &lt;role&gt;
    /// &lt;conductor port&gt;</c>. Returns the process exit code: 0 when the scenario passed.
    /// </summary>
    public static int Run(string[] args, Assembly specs)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(specs);
        return RunAsync(args, specs).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string[] args, Assembly specs)
    {
        if (args.Length != 4 || !string.Equals(args[0], Flag, StringComparison.Ordinal) || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            await Console.Error.WriteLineAsync($"Usage: {Flag} <spec class> <role> <conductor port>. This assembly's tests run with 'dotnet test'.").ConfigureAwait(false);
            return 2;
        }

        // Only the assembly's own specs can be named, and only by their full name.
        var specType = specs.GetTypes().FirstOrDefault(type =>
            string.Equals(type.FullName, args[1], StringComparison.Ordinal) && !type.IsAbstract && typeof(MultiNodeSpec).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null);
        if (specType is null)
        {
            await Console.Error.WriteLineAsync($"{specs.GetName().Name} has no multi-node spec '{args[1]}' with a parameterless constructor.").ConfigureAwait(false);
            return 2;
        }

        var spec = (MultiNodeSpec)Activator.CreateInstance(specType)!;
        var role = spec.Config.Roles.FirstOrDefault(candidate => string.Equals(candidate.Name, args[2], StringComparison.Ordinal));
        if (role is null)
        {
            await Console.Error.WriteLineAsync($"The spec {specType.Name} has no role '{args[2]}'.").ConfigureAwait(false);
            return 2;
        }

        using var client = await ConductorClient.ConnectAsync(port).ConfigureAwait(false);
        var failure = await PlayAsync(spec, role, client).ConfigureAwait(false);
        if (failure is not null)
        {
            await Console.Error.WriteLineAsync($"Role {role} failed: {failure}").ConfigureAwait(false);
        }

        await client.FinishedAsync(failure).ConfigureAwait(false);
        return failure is null ? 0 : 1;
    }

    private static async Task<string?> PlayAsync(MultiNodeSpec spec, RoleName role, ConductorClient client)
    {
        MultiNodeTestKit kit;
        try
        {
            kit = new MultiNodeTestKit(spec, role, client);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"its actor system did not start: {exception}";
        }

        string? failure = null;
        client.OnShutdown = exitCode =>
        {
            // Asked to exit by the spec: terminate the system like a node shutting down, then leave.
            kit.Sys.Terminate().Wait(TimeSpan.FromSeconds(10));
            Environment.Exit(exitCode);
        };
        try
        {
            await kit.StartAsync().ConfigureAwait(false);
            await spec.RunAsync(kit).ConfigureAwait(false);

            // Nobody leaves before everybody is done: a role still at work may need the others' systems.
            await kit.EnterBarrierAsync(FinalBarrier).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            failure = exception.ToString();
        }

        try
        {
            kit.Dispose();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            failure ??= $"its actor system did not shut down: {exception}";
        }

        return failure;
    }
}
