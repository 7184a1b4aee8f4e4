using Microsoft.AspNetCore.Authentication;

namespace Scheduler.Api.Security;

/// <summary>The options of <see cref="BearerTokenHandler"/>: none beyond the scheme's own; the token is in <see cref="ApiSettings"/>.</summary>
internal sealed class BearerTokenOptions : AuthenticationSchemeOptions;
