namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>What a <see cref="ConductorMessage.Command"/> asks for.</summary>
internal enum CommandKind
{
    Blackhole,
    PassThrough,
    Throttle,
    Exit,
    Kill,
    Suspend,
    Resume,
}
