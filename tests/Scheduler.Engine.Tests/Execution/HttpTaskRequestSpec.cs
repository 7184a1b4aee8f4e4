using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Execution.BuiltIn.Http;

namespace Scheduler.Engine.Tests.Execution;

public sealed class HttpTaskRequestSpec
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Only_the_url_is_required()
    {
        var request = HttpTaskRequest.Parse(Json("""{"url":"https://example.test/hook"}"""));

        request.Url.Should().Be(new Uri("https://example.test/hook"));
        request.Method.Should().Be(HttpMethod.Get);
        request.Headers.Should().BeEmpty();
        request.Body.Should().BeNull();
        request.Expect.Should().BeEmpty();
        request.MaxResponseBytes.Should().Be(HttpTaskRequest.DefaultMaxResponseBytes);
    }

    [Fact]
    public void A_json_body_is_sent_as_json_and_a_string_body_as_text()
    {
        var json = HttpTaskRequest.Parse(Json("""{"url":"http://h/x","method":"post","body":{"a":[1,2]},"headers":{"X-Trace":"t1"},"expect":[201]}"""));
        var text = HttpTaskRequest.Parse(Json("""{"url":"http://h/x","method":"PUT","body":"plain"}"""));

        json.Method.Should().Be(HttpMethod.Post);
        json.Body.Should().Be("""{"a":[1,2]}""");
        json.BodyIsJson.Should().BeTrue();
        json.Headers.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("X-Trace", "t1"));
        json.Expect.Should().Equal(201);
        text.Body.Should().Be("plain");
        text.BodyIsJson.Should().BeFalse();
    }

    [Theory]
    [InlineData("null", "payload must be an object")]
    [InlineData("""{"method":"GET"}""", "'url' must be an absolute http or https URL")]
    [InlineData("""{"url":"/relative"}""", "'url' must be an absolute http or https URL")]
    [InlineData("""{"url":"file:///etc/passwd"}""", "'url' must be an absolute http or https URL")]
    [InlineData("""{"url":"http://h","method":"GE T"}""", "'method' must be a method name")]
    [InlineData("""{"url":"http://h","headers":["a"]}""", "'headers' must be an object")]
    [InlineData("""{"url":"http://h","headers":{"X":1}}""", "header 'X' must have a string value")]
    [InlineData("""{"url":"http://h","expect":[]}""", "'expect' must be a non-empty list")]
    [InlineData("""{"url":"http://h","expect":[600]}""", "'expect' holds 600")]
    [InlineData("""{"url":"http://h","maxResponseBytes":-1}""", "'maxResponseBytes' must be between 0 and")]
    public void A_bad_payload_is_refused_naming_the_field(string payload, string message)
    {
        var parse = () => HttpTaskRequest.Parse(Json(payload));

        parse.Should().Throw<TaskPayloadException>().WithMessage("*" + message + "*");
    }

    [Theory]
    [InlineData(200, new int[0], null)]
    [InlineData(204, new int[0], null)]
    [InlineData(302, new int[0], ErrorKinds.HttpRejected)]
    [InlineData(302, new[] { 302 }, null)]
    [InlineData(200, new[] { 201 }, ErrorKinds.HttpRejected)]
    [InlineData(404, new int[0], ErrorKinds.HttpRejected)]
    [InlineData(408, new int[0], HttpStatusVerdict.StatusKind)]
    [InlineData(429, new int[0], HttpStatusVerdict.StatusKind)]
    [InlineData(500, new int[0], HttpStatusVerdict.StatusKind)]
    [InlineData(503, new[] { 200 }, HttpStatusVerdict.StatusKind)]
    public void The_status_decides_success_retry_or_a_final_failure(int status, int[] expect, string? kind)
    {
        HttpStatusVerdict.Of(status, expect).Should().Be(kind);
        if (kind is not null)
        {
            ErrorKinds.IsFinal(kind).Should().Be(kind == ErrorKinds.HttpRejected);
        }
    }
}
