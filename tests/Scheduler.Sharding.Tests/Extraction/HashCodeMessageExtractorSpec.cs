using Scheduler.Sharding.Extraction;

namespace Scheduler.Sharding.Tests.Extraction;

public sealed class HashCodeMessageExtractorSpec
{
    private readonly HashCodeMessageExtractor _extractor = new(10);

    [Fact]
    public void An_envelope_names_its_entity_and_delivers_its_payload()
    {
        var envelope = new ShardingEnvelope("task-7", "hello");

        _extractor.EntityId(envelope).Should().Be("task-7");
        _extractor.EntityMessage(envelope).Should().Be("hello");
    }

    [Fact]
    public void A_message_it_does_not_know_names_no_entity()
    {
        _extractor.EntityId("plain").Should().BeNull();
        _extractor.EntityMessage("plain").Should().Be("plain");
    }

    [Fact]
    public void StartEntity_names_its_entity() => _extractor.EntityId(new StartEntity("e1")).Should().Be("e1");

    [Fact]
    public void Shard_ids_are_in_range_and_the_same_for_the_same_entity()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"entity-{i}").ToList();
        var shards = ids.Select(_extractor.ShardId).ToList();

        shards.Select(shard => int.Parse(shard, System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(n => n >= 0 && n < 10);
        ids.Select(_extractor.ShardId).Should().Equal(shards);

        // A thousand ids spread over all ten shards, none of them with more than twice its share.
        shards.GroupBy(shard => shard).Should().HaveCount(10).And.OnlyContain(group => group.Count() < 200);
    }

    [Fact]
    public void Shard_ids_do_not_depend_on_the_process()
    {
        // Fixed values: string.GetHashCode would differ between runs and nodes.
        _extractor.ShardId("a").Should().Be((0xe40c292cu % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void A_number_of_shards_out_of_range_is_refused_with_its_value(int shards)
    {
        var create = () => new HashCodeMessageExtractor(shards);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and 100000*");
    }
}
