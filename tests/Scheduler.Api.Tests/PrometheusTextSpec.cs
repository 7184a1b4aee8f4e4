using Scheduler.Api.Metrics;

namespace Scheduler.Api.Tests;

/// <summary>The text exposition format's rules, as tables.</summary>
public sealed class PrometheusTextSpec
{
    [Theory]
    [InlineData("scheduler.tasks.submitted", "{task}", true, "scheduler_tasks_submitted_total")]
    [InlineData("scheduler.dispatch.latency", "s", false, "scheduler_dispatch_latency_seconds")]
    [InlineData("scheduler.queue.depth", "{task}", false, "scheduler_queue_depth")]
    [InlineData("http.server-request/size", "By", false, "http_server_request_size_bytes")]
    [InlineData("wait_seconds", "s", false, "wait_seconds")]
    [InlineData("calls", null, true, "calls_total")]
    public void Instrument_names_become_prometheus_names(string instrument, string? unit, bool counter, string expected) =>
        PrometheusText.Name(instrument, unit, counter).Should().Be(expected);

    [Fact]
    public void A_counter_and_a_gauge_are_one_line_per_series_with_escaped_labels()
    {
        var text = PrometheusText.Write(
        [
            new MetricFamily("b_total", "second\nline", "counter", [], [new MetricSeries([new("type", "a\"b\\c\nd")], 3)]),
            new MetricFamily("a_depth", "depth", "gauge", [], [new MetricSeries([], 0.5), new MetricSeries([new("node", "x")], 2)]),
        ]);

        text.Should().Be(
            "# HELP a_depth depth\n# TYPE a_depth gauge\na_depth 0.5\na_depth{node=\"x\"} 2\n" +
            "# HELP b_total second\\nline\n# TYPE b_total counter\nb_total{type=\"a\\\"b\\\\c\\nd\"} 3\n");
    }

    [Fact]
    public void A_histogram_has_cumulative_buckets_ending_in_inf_then_its_sum_and_count()
    {
        var text = PrometheusText.Write([new MetricFamily("lat_seconds", "latency", "histogram", [0.1, 1], [new MetricSeries([new("type", "t")], 0, [1, 3], 2.75, 4)])]);

        text.Should().Be(
            "# HELP lat_seconds latency\n# TYPE lat_seconds histogram\n" +
            "lat_seconds_bucket{type=\"t\",le=\"0.1\"} 1\nlat_seconds_bucket{type=\"t\",le=\"1\"} 3\nlat_seconds_bucket{type=\"t\",le=\"+Inf\"} 4\n" +
            "lat_seconds_sum{type=\"t\"} 2.75\nlat_seconds_count{type=\"t\"} 4\n");
    }
}
