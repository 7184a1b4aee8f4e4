using System.Net;
using System.Text.Json;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests;

/// <summary>The task endpoints against a real node: every command, the listing, and the watch stream.</summary>
public sealed class TaskApiSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly HttpClient _http = fixture.Node.Client();

    [Fact]
    public async Task A_submitted_task_runs_is_read_listed_and_a_repeated_submit_finds_it()
    {
        var first = await _http.PostAsync("/api/tasks", Json.Body("""{"id":"run-1","type":"sleep","payload":{"ms":10},"labels":{"team":"a"}}"""));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        first.Headers.Location!.ToString().Should().Be("/api/tasks/run-1");
        (await Json.ReadAsync(first)).Text("state").Should().BeOneOf("ready", "dispatched", "running", "succeeded");
        AwaitAssert(() =>
        {
            var task = Json.ReadAsync(_http.GetAsync("/api/tasks/run-1").GetAwaiter().GetResult()).GetAwaiter().GetResult();
            task.Text("state").Should().Be("succeeded");
        }, TimeSpan.FromSeconds(15));

        var again = await _http.PostAsync("/api/tasks", Json.Body("""{"id":"run-1","type":"sleep","payload":{"ms":10},"labels":{"team":"a"}}"""));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same submit again answers the task that exists");

        AwaitAssert(() =>
        {
            var page = Json.ReadAsync(_http.GetAsync("/api/tasks?label=team=a&state=succeeded&limit=10").GetAwaiter().GetResult()).GetAwaiter().GetResult();
            page.GetProperty("tasks").EnumerateArray().Select(task => task.Text("id")).Should().Equal("run-1");
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Pause_resume_cancel_and_delete_follow_the_task_and_refuse_what_does_not_apply()
    {
        var later = TimeProvider.System.GetUtcNow().AddHours(1).ToString("O");
        (await _http.PostAsync("/api/tasks", Json.Body("{\"id\":\"later-1\",\"type\":\"noop\",\"runAt\":\"" + later + "\"}"))).StatusCode.Should().Be(HttpStatusCode.Created);

        (await Json.ReadAsync(await _http.PostAsync("/api/tasks/later-1/pause", null))).Text("state").Should().Be("paused");
        (await Json.ReadAsync(await _http.PostAsync("/api/tasks/later-1/resume", null))).Text("state").Should().Be("scheduled");
        (await Json.ReadAsync(await _http.PostAsync("/api/tasks/later-1/cancel?reason=not%20needed", null))).Text("state").Should().Be("cancelled");

        var resume = await _http.PostAsync("/api/tasks/later-1/resume", null);
        resume.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await Json.ReadAsync(resume);
        problem.Text("current").Should().Be("cancelled");
        problem.Text("detail").Should().Contain("resume").And.Contain("later-1");

        (await Json.ReadAsync(await _http.PostAsync("/api/tasks/later-1/rerun", null))).Text("state").Should().BeOneOf("scheduled", "ready", "dispatched", "running", "succeeded");
        (await _http.DeleteAsync("/api/tasks/later-1")).StatusCode.Should().Be(HttpStatusCode.OK);
        var gone = await _http.GetAsync("/api/tasks/later-1");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Json.ReadAsync(gone)).Text("detail").Should().Contain("later-1");
    }

    [Fact]
    public async Task A_watch_streams_each_change_as_a_server_sent_event_and_ends_after_the_task_finishes()
    {
        (await _http.PostAsync("/api/tasks", Json.Body("""{"id":"watched-1","type":"sleep","payload":{"ms":200}}"""))).StatusCode.Should().Be(HttpStatusCode.Created);

        using var response = await _http.GetAsync("/api/tasks/watched-1/watch", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var states = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                states.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Text("state"));
            }
            else
            {
                line.Should().Match(text => text.Length == 0 || text == "event: state");
            }
        }

        states.First().Should().Be("ready");
        states.Should().Contain("running");
        states.Last().Should().Be("succeeded", "the stream ends once the task has finished");
    }

    [Fact]
    public async Task A_watch_of_an_unknown_task_is_not_found()
    {
        (await _http.GetAsync("/api/tasks/never-there/watch")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
