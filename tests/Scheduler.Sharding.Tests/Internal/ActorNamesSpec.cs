using Scheduler.Sharding.Internal;

namespace Scheduler.Sharding.Tests.Internal;

public sealed class ActorNamesSpec
{
    [Theory]
    [InlineData("task-42", "task-42")]
    [InlineData("a.b_c", "a.b_c")]
    [InlineData("a/b", "a~2fb")]
    [InlineData("$x", "~24x")]
    [InlineData("~", "~7e")]
    [InlineData("é", "~c3~a9")]
    [InlineData("a b", "a~20b")]
    public void Keeps_plain_names_and_escapes_everything_else(string id, string expected) => ActorNames.Encode(id).Should().Be(expected);

    [Fact]
    public void Different_ids_never_share_a_name()
    {
        var random = new Random(2026);
        const string alphabet = "ab~/$ .é7-";
        var ids = Enumerable.Range(0, 5000)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        ids.Select(ActorNames.Encode).Should().OnlyHaveUniqueItems();
    }
}
