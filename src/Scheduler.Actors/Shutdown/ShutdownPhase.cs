namespace Scheduler.Actors;

/// <summary>One phase of coordinated shutdown as configured.</summary>
/// <param name="Name">The phase's name.</param>
/// <param name="DependsOn">Phases that must finish first.</param>
/// <param name="Timeout">How long the phase's tasks may take together.</param>
/// <param name="Recover">Whether later phases still run when this one fails or times out.</param>
public sealed record ShutdownPhase(string Name, IReadOnlyList<string> DependsOn, TimeSpan Timeout, bool Recover);
