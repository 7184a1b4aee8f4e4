namespace Scheduler.Persistence.Tests.Query;

/// <summary>How far a by-tag read may say it looked, which decides where the next read starts.</summary>
public sealed class TagPageSpec
{
    private static EventEnvelope At(long offset) => new(offset, "p", offset, "e", DateTimeOffset.UnixEpoch, ["t"]);

    [Theory]
    // events found, page size, read after, highest committed offset when the read began => scanned to
    [InlineData(new long[] { }, 10, 0, 0, 0)]
    [InlineData(new long[] { }, 10, 5, 90, 90)]
    [InlineData(new long[] { 7, 9 }, 10, 5, 90, 90)]
    [InlineData(new long[] { 7, 9 }, 2, 5, 90, 9)]
    [InlineData(new long[] { 7, 95 }, 10, 5, 90, 95)]
    [InlineData(new long[] { }, 10, 50, 40, 50)]
    public void A_full_page_vouches_for_its_last_event_and_a_short_one_for_the_highest_committed_offset(
        long[] found, int max, long after, long highest, long scannedTo)
    {
        var page = TagPage.Of(found.Select(At).ToList(), max, after, highest);

        page.ScannedTo.Should().Be(scannedTo);
        page.Events.Select(static e => e.Offset).Should().Equal(found);
    }
}
