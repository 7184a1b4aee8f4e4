namespace Scheduler.Remote.Wire;

/// <summary>What a system frame asks of the receiving system.</summary>
internal enum SystemKind : byte
{
    /// <summary><c>Watcher</c> (on the sending system) watches <c>Subject</c> (here).</summary>
    Watch = 1,

    /// <summary><c>Watcher</c> stops watching <c>Subject</c>.</summary>
    Unwatch = 2,

    /// <summary><c>Subject</c> (on the sending system) has stopped; tell <c>Watcher</c> (here).</summary>
    Terminated = 3,
}
