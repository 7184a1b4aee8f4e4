using Microsoft.Extensions.Configuration;

namespace Scheduler.Actors;

/// <summary>Settings under <c>scheduler.coordinated-shutdown</c>.</summary>
public sealed class CoordinatedShutdownSettings
{
    private CoordinatedShutdownSettings(bool runByActorSystemTerminate, IReadOnlyDictionary<string, ShutdownPhase> phases, bool exitProcess, int exitCode)
    {
        RunByActorSystemTerminate = runByActorSystemTerminate;
        Phases = phases;
        ExitProcess = exitProcess;
        ExitCode = exitCode;
    }

    /// <summary>Whether <see cref="ActorSystem.Terminate"/> runs the phases first.</summary>
    public bool RunByActorSystemTerminate { get; }

    /// <summary>The phases by name.</summary>
    public IReadOnlyDictionary<string, ShutdownPhase> Phases { get; }

    /// <summary>Whether the process exits once the phases have run (unless the process is already exiting).</summary>
    public bool ExitProcess { get; }

    /// <summary>The process's exit code when <see cref="ExitProcess"/> is on.</summary>
    public int ExitCode { get; }

    internal static CoordinatedShutdownSettings Read(IConfiguration config)
    {
        const string root = "scheduler.coordinated-shutdown";
        var defaultTimeout = SettingsReader.RequireDuration(config, $"{root}.default-phase-timeout");
        var phases = new Dictionary<string, ShutdownPhase>(StringComparer.Ordinal);
        foreach (var section in config.GetSection(SettingsReader.Key($"{root}.phases")).GetChildren())
        {
            var prefix = $"{root}.phases.{section.Key}";
            var timeout = section["timeout"] is null ? defaultTimeout : SettingsReader.RequireDuration(config, $"{prefix}.timeout");
            var recover = section["recover"] is null || SettingsReader.RequireBool(config, $"{prefix}.recover");
            phases[section.Key] = new ShutdownPhase(section.Key, SettingsReader.StringList(config, $"{prefix}.depends-on"), timeout, recover);
        }

        return new CoordinatedShutdownSettings(
            SettingsReader.RequireBool(config, $"{root}.run-by-actor-system-terminate"),
            phases,
            SettingsReader.RequireBool(config, $"{root}.exit-process"),
            SettingsReader.RequireInt(config, $"{root}.exit-code"));
    }
}
