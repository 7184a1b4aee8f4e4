namespace Scheduler.Actors.Tests.Paths;

public sealed class ActorPathSpec
{
    [Theory]
    [InlineData("sched://sys/user/a/b", "sched", "sys", null, null, "/user/a/b", 0L)]
    [InlineData("sched://sys/", "sched", "sys", null, null, "/", 0L)]
    [InlineData("sched.tcp://sys@10.0.0.1:2552/user/a#42", "sched.tcp", "sys", "10.0.0.1", 2552, "/user/a", 42L)]
    public void Paths_parse_into_their_parts(string text, string protocol, string system, string? host, int? port, string elements, long uid)
    {
        var path = ActorPath.Parse(text);

        path.Address.Should().Be(new Address(protocol, system, host, port));
        path.ToStringWithoutAddress().Should().Be(elements);
        path.Uid.Should().Be(uid);
    }

    [Theory]
    [InlineData("user/a", "no protocol")]
    [InlineData("sched:///user", "names no system")]
    [InlineData("sched://sys@host/user", "system@host:port")]
    [InlineData("sched://sys@host:99999/user", "system@host:port")]
    [InlineData("sched://sys/user#abc", "not a number")]
    public void Malformed_paths_are_refused_with_the_reason(string text, string reason)
    {
        var act = () => ActorPath.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Paths_compare_by_address_and_names_but_not_by_incarnation()
    {
        var root = ActorPath.RootOf(Address.Local("sys"));
        var a1 = (root / "user").Child("a", 1);
        var a2 = (root / "user").Child("a", 2);

        a1.Should().Be(a2);
        a1.GetHashCode().Should().Be(a2.GetHashCode());
        a1.Should().NotBe((root / "user") / "b");
        a1.Should().NotBe((ActorPath.RootOf(Address.Local("other")) / "user") / "a");
        a1.ToString().Should().Be("sched://sys/user/a");
        a1.ToSerializationFormat().Should().Be("sched://sys/user/a#1");
        ActorPath.Parse(a1.ToSerializationFormat()).Uid.Should().Be(1);
    }

    [Theory]
    [InlineData("worker-1", null)]
    [InlineData("a.b_c:d@e", null)]
    [InlineData("", "must not be empty")]
    [InlineData("$system", "reserved")]
    [InlineData("a/b", "'/' is not allowed")]
    [InlineData("a b", "' ' is not allowed")]
    [InlineData("é", "'é' is not allowed")]
    public void Actor_names_are_checked(string name, string? problem)
    {
        var result = ActorName.Check(name);
        if (problem is null)
        {
            result.Should().BeNull();
        }
        else
        {
            result.Should().Contain(problem);
        }
    }

    [Fact]
    public void Generated_names_are_unique_and_reserved()
    {
        var names = Enumerable.Range(0, 10_000).Select(i => ActorName.Generate(i)).ToList();
        names.Should().OnlyHaveUniqueItems();
        names.Should().OnlyContain(n => n.StartsWith('$'));
    }
}
