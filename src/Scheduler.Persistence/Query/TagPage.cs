namespace Scheduler.Persistence;

/// <summary>
/// One page of a by-tag read: the events found, and how far the read looked. <see cref="ScannedTo"/> is at least
/// the last event's offset; after a short page it is the highest offset committed when the read began, so a rare
/// tag's reader moves past the other tags' events instead of reading them again on every poll.
/// </summary>
internal sealed record TagPage(IReadOnlyList<EventEnvelope> Events, long ScannedTo)
{
    /// <summary>
    /// The page for <paramref name="events"/> read after <paramref name="highestBefore"/> was the highest committed
    /// offset. A full page only vouches for offsets up to its last event: the rest of the journal was not looked at.
    /// A short one covered every row committed before it began; offsets follow commit order, so none below that
    /// highest offset can appear later.
    /// </summary>
    public static TagPage Of(IReadOnlyList<EventEnvelope> events, int max, long afterOffset, long highestBefore)
    {
        var last = events.Count > 0 ? events[^1].Offset : afterOffset;
        return new TagPage(events, events.Count >= max ? last : Math.Max(last, highestBefore));
    }
}
