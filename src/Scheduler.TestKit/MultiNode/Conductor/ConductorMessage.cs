using System.Text.Json.Serialization;

namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// What the conductor (in the test process) and the role processes say to each other: one JSON object per line
/// over a loopback socket. The set of messages is closed; nothing else is read.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Hello), "hello")]
[JsonDerivedType(typeof(AddressBook), "address-book")]
[JsonDerivedType(typeof(EnterBarrier), "enter-barrier")]
[JsonDerivedType(typeof(BarrierDone), "barrier-done")]
[JsonDerivedType(typeof(Command), "command")]
[JsonDerivedType(typeof(ApplyFault), "apply-fault")]
[JsonDerivedType(typeof(Reply), "reply")]
[JsonDerivedType(typeof(Shutdown), "shutdown")]
[JsonDerivedType(typeof(Finished), "finished")]
internal abstract record ConductorMessage
{
    /// <summary>A role process is up: its role, its system's address and its process id.</summary>
    public sealed record Hello(string Role, string Address, int ProcessId) : ConductorMessage;

    /// <summary>Every role is up: the address of each.</summary>
    public sealed record AddressBook(IReadOnlyDictionary<string, string> Addresses) : ConductorMessage;

    /// <summary>A role waits at a barrier.</summary>
    public sealed record EnterBarrier(string Name) : ConductorMessage;

    /// <summary>A barrier is passed, or failed with the reason.</summary>
    public sealed record BarrierDone(string Name, string? Failure) : ConductorMessage;

    /// <summary>A role asks the conductor for a fault or a process action; answered by a <see cref="Reply"/>.</summary>
    public sealed record Command(long Id, CommandKind Kind, string Role, string? Peer, Direction Direction, long BytesPerSecond, int ExitCode) : ConductorMessage;

    /// <summary>The conductor asks a role to change the faults of its link to <paramref name="Peer"/>; answered by a <see cref="Reply"/>.</summary>
    public sealed record ApplyFault(long Id, string Peer, CommandKind Kind, bool Sends, bool Receives, long BytesPerSecond) : ConductorMessage;

    /// <summary>The answer to a request: done, or the reason it could not be.</summary>
    public sealed record Reply(long Id, string? Failure) : ConductorMessage;

    /// <summary>The conductor asks a role to terminate its system and exit with <paramref name="ExitCode"/>.</summary>
    public sealed record Shutdown(int ExitCode) : ConductorMessage;

    /// <summary>A role has run the whole scenario, or failed with the reason.</summary>
    public sealed record Finished(string? Failure) : ConductorMessage;
}
