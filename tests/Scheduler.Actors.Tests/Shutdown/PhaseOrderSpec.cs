namespace Scheduler.Actors.Tests.Shutdown;

public sealed class PhaseOrderSpec
{
    private static Dictionary<string, IReadOnlyList<string>> Phases(params (string Name, string[] DependsOn)[] phases) =>
        phases.ToDictionary(p => p.Name, p => (IReadOnlyList<string>)p.DependsOn);

    [Fact]
    public void Every_phase_comes_after_its_dependencies_and_ties_break_by_name()
    {
        var order = PhaseOrder.Sort(Phases(
            ("c", ["a"]),
            ("b", []),
            ("a", []),
            ("d", ["c", "b"])));

        order.Should().Equal("a", "b", "c", "d");
    }

    [Fact]
    public void An_unknown_dependency_is_named()
    {
        var act = () => PhaseOrder.Sort(Phases(("a", ["ghost"])));
        act.Should().Throw<ConfigurationException>().WithMessage("*'a' depends on 'ghost'*");
    }

    [Fact]
    public void A_cycle_is_reported_with_its_phases()
    {
        var act = () => PhaseOrder.Sort(Phases(("a", ["c"]), ("b", ["a"]), ("c", ["b"]), ("free", [])));
        act.Should().Throw<ConfigurationException>().WithMessage("*cycle: a, b, c*");
    }

    [Fact]
    public void Random_acyclic_graphs_are_ordered_so_that_every_edge_points_forward()
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var count = random.Next(1, 15);
            var names = Enumerable.Range(0, count).Select(i => $"p{i:00}").ToArray();
            // Edges only from a later index to an earlier one, so the graph is acyclic; then shuffle the names.
            var shuffled = names.OrderBy(_ => random.Next()).ToArray();
            var graph = shuffled.Select((name, i) => (name, shuffled.Take(i).Where(_ => random.NextDouble() < 0.3).ToArray())).ToArray();

            var order = PhaseOrder.Sort(Phases(graph)).ToList();

            order.Should().BeEquivalentTo(names);
            foreach (var (name, dependsOn) in graph)
            {
                dependsOn.All(d => order.IndexOf(d) < order.IndexOf(name)).Should().BeTrue($"{name} comes after {string.Join(", ", dependsOn)}");
            }
        }
    }
}
