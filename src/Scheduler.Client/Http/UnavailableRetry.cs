using System.Net;

namespace Scheduler.Client.Http;

/// <summary>
/// Repeats a request that is safe to repeat while the node answers 503 (starting; an entity moving after a node was
/// lost) or cannot be connected to (restarting), for at most a time budget, waiting what the node's
/// <c>Retry-After</c> asks (at most <see cref="MaxWait"/>). Past the budget the caller gets the last answer or error.
/// </summary>
internal sealed class UnavailableRetry(TimeSpan budget, TimeProvider time)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(1);

    public async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, bool repeatable, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await send(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException refused) when (repeatable && refused.HttpRequestError == HttpRequestError.ConnectionError && Allows(started, DefaultWait))
            {
                await Task.Delay(DefaultWait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var wait = response.Headers.RetryAfter?.Delta is { } asked ? TimeSpan.FromTicks(Math.Min(asked.Ticks, MaxWait.Ticks)) : DefaultWait;
            if (!repeatable || response.StatusCode != HttpStatusCode.ServiceUnavailable || !Allows(started, wait))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Allows(long started, TimeSpan wait) => time.GetElapsedTime(started) + wait <= budget;
}
