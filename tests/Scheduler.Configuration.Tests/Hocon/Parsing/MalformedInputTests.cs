namespace Scheduler.Configuration.Tests.Hocon.Parsing;

using Hocon = Scheduler.Configuration.Hocon;

/// <summary>
/// Mutations of a valid document (seeded, so every run sees the same inputs) must either parse or fail with a
/// <see cref="HoconException"/>: never IndexOutOfRange, NullReference or anything else.
/// </summary>
public sealed class MalformedInputTests
{
    private const string Document = """"
        include "other.conf"
        a { b = [1, 2, { c = "x\ty" }], d = ${?e} }
        f = ${a.b} [3]
        g = """triple "quoted" text"""
        h += 1
        i = foo bar ${a.d} // comment
        "j.k" : { l = null, m = true }
        n = ${?n} x
        """";

    private const string Alphabet = "{}[],:=+$?\"\\#/. \n\tab1-";

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 0; seed < 20; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_MutatedDocument_ThrowsNothingButHoconException(int seed)
    {
        var random = new Random(seed);
        var options = new HoconParseOptions { EnvironmentLookup = _ => null, FileReader = _ => "x = 1" };
        for (var round = 0; round < 200; round++)
        {
            var text = Mutate(Document, random);

            var outcome = Record.Exception(() => Hocon.Parse(text, "fuzz.conf", options));

            if (outcome is not null and not HoconException)
            {
                outcome.Should().BeNull(because: "input {0} may only fail with HoconException", text);
            }
        }
    }

    [Fact]
    public void Parse_EveryPrefixOfADocument_ThrowsNothingButHoconException()
    {
        var options = new HoconParseOptions { EnvironmentLookup = _ => null, FileReader = _ => null };
        for (var length = 0; length <= Document.Length; length++)
        {
            var text = Document[..length];

            var outcome = Record.Exception(() => Hocon.Parse(text, "prefix.conf", options));

            (outcome is null or HoconException).Should().BeTrue(because: "prefix {0} may only fail with HoconException, but got {1}", text, outcome);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && chars.Count > 0; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
            }
        }

        return new string([.. chars]);
    }
}
