using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scheduler.Api.Security;

/// <summary>
/// Checks the shared bearer token of <c>scheduler.api.token</c> (or lets everyone in when authentication is off, which
/// <see cref="ApiSettings.Read"/> allows on loopback only). A refused request gets 401 with problem details and
/// <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiSettings settings)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "SchedulerToken";

    private const string BearerPrefix = "Bearer ";

    // Compared as hashes, in constant time: the time taken says nothing about how much of a guess was right.
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!settings.RequireToken)
        {
            return Task.FromResult(Success("loopback-development"));
        }

        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim()));
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(presented, _expected)
            ? Success("token")
            : AuthenticateResult.Fail("the bearer token is wrong"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Authentication required",
            Detail = result.Failure is { } failure
                ? failure.Message + "; send the node's token as 'Authorization: Bearer <token>'"
                : "this request needs 'Authorization: Bearer <token>' with the node's token (scheduler.api.token)",
        };
        await Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", Context.RequestAborted).ConfigureAwait(false);
    }

    private static AuthenticateResult Success(string how) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], how)), SchemeName));
}
