using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>The <c>http</c> executor against a real Kestrel server on a loopback port.</summary>
public sealed class HttpExecutorSpec(ITestOutputHelper output) : EngineSpecBase(output), IAsyncLifetime
{
    private static readonly RetryPolicy Quick = RetryPolicy.Default with
    {
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private WebApplication? _server;
    private string _base = "";

    protected override ExecutorRegistry Executors => new ExecutorRegistry().AddHttp();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            _requests.Enqueue(http.Request.Headers["X-Trace"] + " " + http.Request.ContentType + " " + await reader.ReadToEndAsync());
            return Results.Text("thanks");
        });
        _server.MapGet("/flaky", () => _calls.AddOrUpdate("flaky", 1, (_, n) => n + 1) == 1 ? Results.StatusCode(503) : Results.Text("ok now"));
        _server.MapGet("/missing", () =>
        {
            _calls.AddOrUpdate("missing", 1, (_, n) => n + 1);
            return Results.Text("no such hook", statusCode: 404);
        });
        _server.MapGet("/big", () => Results.Text(new string('x', 5000)));
        await _server.StartAsync();
        _base = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await DisposeAsync();
    }

    private TaskSpec Http(string id, string payload) =>
        new() { Id = id, Type = "http", Retry = Quick, Payload = JsonDocument.Parse(payload.Replace("BASE", _base, StringComparison.Ordinal)).RootElement.Clone() };

    [Fact]
    public async Task A_request_is_sent_as_described_and_the_response_is_the_result()
    {
        await SubmitAsync(Http("post", """{"url":"BASE/hook","method":"POST","headers":{"X-Trace":"t-1"},"body":{"n":1}}"""));

        var done = AwaitState("post", TaskState.Succeeded);

        _requests.Should().Equal("""t-1 application/json; charset=utf-8 {"n":1}""");
        done.Result!.Value.GetProperty("status").GetInt32().Should().Be(200);
        done.Result!.Value.GetProperty("body").GetString().Should().Be("thanks");
    }

    [Fact]
    public async Task A_server_error_is_retried_and_a_refusal_is_not()
    {
        await SubmitAsync(Http("flaky", """{"url":"BASE/flaky"}"""));
        await SubmitAsync(Http("missing", """{"url":"BASE/missing"}"""));

        AwaitState("flaky", TaskState.Succeeded).Attempt.Should().Be(2);
        var missing = AwaitState("missing", TaskState.Failed);
        missing.Attempt.Should().Be(1);
        missing.LastError!.Kind.Should().Be(ErrorKinds.HttpRejected);
        missing.LastError.Message.Should().Contain("/missing answered 404: no such hook");
        _calls["missing"].Should().Be(1);
    }

    [Fact]
    public async Task The_response_body_kept_in_the_result_is_capped()
    {
        await SubmitAsync(Http("big", """{"url":"BASE/big","maxResponseBytes":100}"""));

        var result = AwaitState("big", TaskState.Succeeded).Result!.Value;

        result.GetProperty("body").GetString().Should().HaveLength(100);
        result.GetProperty("truncated").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_server_that_refuses_connections_fails_the_attempt_as_unreachable()
    {
        // A socket bound but not listening: the port is ours, and a connection to it is refused.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;

        await SubmitAsync(Http("down", "{\"url\":\"http://127.0.0.1:" + port + "/\"}"));

        var failed = AwaitState("down", TaskState.Failed);
        failed.Attempt.Should().Be(3, "an unreachable server may come back: the attempts are retried");
        failed.LastError!.Kind.Should().Be("http-unreachable");
    }
}
