using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests;

/// <summary>
/// Every class of bad input gets a 4xx with RFC 9457 problem details that name what was wrong, and changes nothing:
/// the journal holds the same entities before and after.
/// </summary>
public sealed class BadInputSpec(NodeFixture fixture, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    public static TheoryData<string, string, string, string?, string, int, string?> Cases => new()
    {
        // name, method, path, body, media type, status, the field the problem names (null: no field list)
        { "malformed JSON", "POST", "/api/tasks", """{"id":"bad-1","type":"noop",""", "application/json", 400, "$" },
        { "a field of the wrong type", "POST", "/api/tasks", """{"id":"bad-2","type":"noop","priority":"high"}""", "application/json", 400, "priority" },
        { "an unknown field", "POST", "/api/tasks", """{"id":"bad-3","type":"noop","priorty":3}""", "application/json", 400, "priorty" },
        { "an unknown task type", "POST", "/api/tasks", """{"id":"bad-4","type":"no-such-type"}""", "application/json", 400, "type" },
        { "an out-of-range value", "POST", "/api/tasks", """{"id":"bad-5","type":"noop","priority":12,"retry":{"maxAttempts":0}}""", "application/json", 400, "priority" },
        { "a bad duration", "POST", "/api/tasks", """{"id":"bad-6","type":"noop","delay":"soon"}""", "application/json", 400, "delay" },
        { "an enum value by number", "POST", "/api/tasks", """{"id":"bad-7","type":"noop","placement":{"strategy":2}}""", "application/json", 400, "placement.strategy" },
        { "a bad id in the body", "POST", "/api/tasks", """{"id":"bad id!","type":"noop"}""", "application/json", 400, "id" },
        { "a body that is not JSON", "POST", "/api/tasks", "type=noop", "application/x-www-form-urlencoded", 415, null },
        { "a null body", "POST", "/api/tasks", "null", "application/json", 400, "$" },
        { "an oversize request", "POST", "/api/tasks", "{\"id\":\"bad-8\",\"type\":\"noop\",\"payload\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", "application/json", 413, null },
        { "a payload over the task limit", "POST", "/api/tasks", "{\"id\":\"bad-9\",\"type\":\"noop\",\"payload\":\"" + new string('x', 300 * 1024) + "\"}", "application/json", 400, "payload" },
        { "an invalid cron", "POST", "/api/schedules", """{"id":"bad-cron","trigger":{"cron":"61 * * * *"},"task":{"type":"noop"}}""", "application/json", 400, "trigger.cron" },
        { "a schedule without a trigger", "POST", "/api/schedules", """{"id":"bad-trigger","task":{"type":"noop"}}""", "application/json", 400, "trigger" },
        { "a bad task id in the path", "POST", "/api/tasks/bad%20id!/cancel", null, "application/json", 400, "id" },
        { "a bad schedule id in the path", "DELETE", "/api/schedules/bad%20id!", null, "application/json", 400, "id" },
        { "a bad listing query", "GET", "/api/tasks?state=bogus&limit=0", null, "application/json", 400, "state" },
        { "a forged cursor", "GET", "/api/tasks?after=not-a-cursor", null, "application/json", 400, "after" },
        { "a bad pause policy", "POST", "/api/tasks/some-task/pause?running=whenever", null, "application/json", 400, "running" },
        { "a bad member address", "POST", "/api/cluster/down", """{"address":"not an address"}""", "application/json", 400, "address" },
        { "an unknown endpoint", "POST", "/api/taskz", """{"type":"noop"}""", "application/json", 404, null },
        { "a method an endpoint does not take", "PUT", "/api/tasks/some-task", """{"type":"noop"}""", "application/json", 405, null },
        { "an unknown member", "POST", "/api/cluster/leave", """{"address":"sched.tcp://scheduler@127.0.0.1:1"}""", "application/json", 404, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_naming_it_and_changes_nothing(string name, string method, string path, string? body, string mediaType, int status, string? field)
    {
        var before = await fixture.JournalIdsAsync();
        using var http = fixture.Node.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json.Body(body, mediaType) };

        var response = await http.SendAsync(request);

        output.WriteLine(name + ": " + await response.Content.ReadAsStringAsync());
        ((int)response.StatusCode).Should().Be(status, name);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", name);
        var problem = await Json.ReadAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.Text("title").Should().NotBeNullOrEmpty();
        problem.Text("detail").Should().NotBeNullOrEmpty();
        if (field is not null)
        {
            problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Contain(field, name);
        }

        (await fixture.JournalIdsAsync()).Should().Equal(before, name + " must change nothing");
    }

    [Fact]
    public async Task Both_bad_query_parameters_are_named_in_one_answer()
    {
        using var http = fixture.Node.Client();

        var problem = await Json.ReadAsync(await http.GetAsync("/api/tasks?state=bogus&limit=0"));

        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().BeEquivalentTo("state", "limit");
        problem.GetProperty("errors").GetProperty("state")[0].GetString().Should().Contain("succeeded", "the message lists the states there are");
    }

    [Theory]
    [InlineData(null, "needs 'Authorization: Bearer")]
    [InlineData("wrong-token-0123456789", "wrong")]
    public async Task A_request_without_the_right_token_is_refused_and_changes_nothing(string? token, string detail)
    {
        var before = await fixture.JournalIdsAsync();
        using var http = fixture.Node.Client(token);

        var response = await http.PostAsync("/api/tasks", Json.Body("""{"id":"no-token","type":"noop"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Json.ReadAsync(response)).Text("detail").Should().Contain(detail);
        (await http.GetAsync("/api/tasks/no-token")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "reads need the token too");
        (await http.GetAsync("/api/cluster")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await fixture.JournalIdsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_need_no_token()
    {
        using var http = fixture.Node.Client(token: null);

        (await http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;
        document.GetProperty("paths").EnumerateObject().Select(path => path.Name).Should().Contain(["/api/tasks", "/api/tasks/{id}", "/api/tasks/{id}/watch", "/api/schedules", "/api/cluster", "/api/workers", "/api/shards"]);
    }
}
