using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Client;
using Scheduler.Client.Http;
using Scheduler.Client.Json;
using Scheduler.Client.Problems;
using Scheduler.Engine.Tasks;
using Scheduler.TestKit;

namespace Scheduler.Api.Tests.Client;

/// <summary>
/// What the client makes of answers that are not the node's own: a proxy's error page in front of the API, a 503
/// with Retry-After, a newer server's extra fields.
/// </summary>
public sealed class AnswerReaderSpec : IAsyncLifetime, IDisposable
{
    private WebApplication? _proxy;
    private SchedulerHttpClient? _client;
    private SchedulerHttpClient? _retrying;
    private int _flakyCalls;
    private int _rerunCalls;

    private SchedulerHttpClient Client => _client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        _proxy = builder.Build();
        _proxy.MapGet("/api/tasks/html", () => Results.Content("<html><body>Bad Gateway</body></html>", "text/html", statusCode: 502));
        _proxy.MapGet("/api/tasks/busy", (HttpResponse response) =>
        {
            response.Headers.RetryAfter = "7";
            return Results.Problem(statusCode: 503, title: "The scheduler did not answer", detail: "the node is starting");
        });
        _proxy.MapGet("/api/tasks/flaky", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref _flakyCalls) <= 2)
            {
                response.Headers.RetryAfter = "0";
                return Results.Problem(statusCode: 503, title: "The scheduler did not answer", detail: "an entity is moving");
            }

            return Results.Text("""{"id":"flaky","type":"noop","state":"ready"}""", "application/json");
        });
        _proxy.MapPost("/api/tasks/flaky/rerun", (HttpResponse response) =>
        {
            Interlocked.Increment(ref _rerunCalls);
            response.Headers.RetryAfter = "0";
            return Results.Problem(statusCode: 503, title: "The scheduler did not answer", detail: "an entity is moving");
        });
        _proxy.MapGet("/api/tasks/newer", () => Results.Text(
            """{"id":"newer","type":"noop","state":"succeeded","comesInVersion2":{"x":1},"labels":{}}""", "application/json"));
        _proxy.Urls.Add("http://127.0.0.1:0");
        await _proxy.StartAsync();
        var address = _proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new SchedulerHttpClient(new SchedulerClientOptions { BaseAddress = new Uri(address), RetryUnavailableFor = TimeSpan.Zero });
        _retrying = new SchedulerHttpClient(new SchedulerClientOptions { BaseAddress = new Uri(address) });
    }

    [Fact]
    public async Task An_error_page_that_is_not_problem_details_keeps_its_status_and_the_start_of_its_text()
    {
        var failure = await Assert.ThrowsAsync<SchedulerProblemException>(() => Client.GetAsync("html"));

        failure.Status.Should().Be((int)HttpStatusCode.BadGateway);
        failure.Problem.Detail.Should().Contain("Bad Gateway");
    }

    [Fact]
    public async Task A_503_is_unavailable_with_the_servers_retry_after()
    {
        var busy = await Assert.ThrowsAsync<SchedulerUnavailableException>(() => Client.GetAsync("busy"));

        busy.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
        busy.Message.Should().Be("503 The scheduler did not answer: the node is starting");
    }

    [Fact]
    public async Task A_read_is_repeated_while_the_node_answers_503_but_a_rerun_is_not()
    {
        var read = await _retrying!.GetAsync("flaky");
        var rerun = await Assert.ThrowsAsync<SchedulerUnavailableException>(() => _retrying.RerunAsync("flaky"));

        read.State.Should().Be(TaskState.Ready);
        _flakyCalls.Should().Be(3, "two 503 answers were repeated");
        rerun.Status.Should().Be(503);
        _rerunCalls.Should().Be(1, "a rerun repeated could run the task twice");
    }

    [Fact]
    public async Task An_answer_with_fields_this_client_does_not_know_is_read()
    {
        (await Client.GetAsync("newer")).State.Should().Be(TaskState.Succeeded);
        var strict = () => JsonSerializer.Deserialize<TaskView>("""{"id":"x","type":"noop","state":"ready","extra":1}""", ApiJson.Options);
        strict.Should().Throw<JsonException>("the server still refuses unknown fields in what it reads");
    }

    public void Dispose()
    {
        _client?.Dispose();
        _retrying?.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}
