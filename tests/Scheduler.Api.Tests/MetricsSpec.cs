using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests;

/// <summary><c>/metrics</c> on a real node: Prometheus text built from the meters, behind the token.</summary>
public sealed class MetricsSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly HttpClient _http = fixture.Node.Client();

    [Fact]
    public async Task Metrics_count_tasks_time_dispatch_and_journal_writes_and_show_the_members()
    {
        var before = Value(await _http.GetStringAsync("/metrics"), "scheduler_tasks_succeeded_total{type=\"noop\"}");
        (await _http.PostAsync("/api/tasks", Json.Body("""{"id":"counted-1","type":"noop"}"""))).StatusCode.Should().Be(HttpStatusCode.Created);

        AwaitAssert(() =>
        {
            var text = _http.GetStringAsync("/metrics").GetAwaiter().GetResult();
            Value(text, "scheduler_tasks_succeeded_total{type=\"noop\"}").Should().BeGreaterThan(before);
            Value(text, "scheduler_tasks_submitted_total{type=\"noop\"}").Should().BeGreaterThanOrEqualTo(1);
            Value(text, "scheduler_dispatch_latency_seconds_count{type=\"noop\"}").Should().BeGreaterThanOrEqualTo(1);
            Value(text, "scheduler_journal_write_duration_seconds_count").Should().BeGreaterThanOrEqualTo(1);
            Value(text, "scheduler_cluster_members{status=\"up\"}").Should().Be(1, "this node's own view: one member, Up");
            text.Should().Contain("# TYPE scheduler_queue_depth gauge");
        }, TimeSpan.FromSeconds(15));

        var response = await _http.GetAsync("/metrics");
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
    }

    [Fact]
    public async Task Metrics_need_the_token()
    {
        using var open = fixture.Node.Client(token: null);

        (await open.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
