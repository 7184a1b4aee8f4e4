using Scheduler.Sharding.Extraction;

namespace Scheduler.Sharding.Tests.Extraction;

public sealed class StableHashSpec
{
    [Theory]
    // The published FNV-1a 32-bit test vectors: the hash must never change, or entities move between shards.
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Matches_the_published_FNV_1a_values(string text, uint expected) => StableHash.Of(text).Should().Be(expected);

    [Fact]
    public void Hashes_text_by_its_UTF_8_bytes()
    {
        // "é" is two bytes in UTF-8 (C3 A9): the hash of those bytes, not of the UTF-16 unit.
        var expected = unchecked((((0x811c9dc5u ^ 0xC3u) * 16777619u) ^ 0xA9u) * 16777619u);
        StableHash.Of("é").Should().Be(expected);
    }
}
