namespace Scheduler.Remote.Wire;

/// <summary>What <see cref="FrameSplitter.TryNext"/> found.</summary>
internal enum SplitResult
{
    /// <summary>The buffer holds no complete frame yet.</summary>
    NeedMore,

    /// <summary>A whole frame body.</summary>
    Frame,

    /// <summary>A frame longer than the limit was announced; its bytes are being skipped, never buffered.</summary>
    Oversize,
}
