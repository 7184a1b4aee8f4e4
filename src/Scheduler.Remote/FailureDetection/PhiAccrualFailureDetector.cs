namespace Scheduler.Remote;

/// <summary>
/// The phi-accrual failure detector (Hayashibara et al., 2004), as Akka uses it. Instead of a yes/no timeout it
/// reports phi, a suspicion level: -log10 of the probability that a heartbeat would still arrive after this long, if
/// intervals are normally distributed with the mean and deviation of the recent history (plus the acceptable
/// pause). Phi grows smoothly with silence and adapts to each link's own rhythm. A pure class: callers pass the time
/// (read from their <see cref="TimeProvider"/>), so tables of heartbeat histories test it exactly. Not thread-safe;
/// one actor owns it.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly PhiAccrualSettings _settings;
    private readonly HeartbeatHistory _history;
    private TimeSpan? _last;

    /// <summary>Creates a detector that has heard nothing yet.</summary>
    public PhiAccrualFailureDetector(PhiAccrualSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        _settings = settings;
        _history = new HeartbeatHistory(settings.MaxSampleSize);
    }

    /// <summary>True once a heartbeat has arrived; before that the detector has no opinion and reports available.</summary>
    public bool IsMonitoring => _last is not null;

    /// <summary>Records a heartbeat that arrived at <paramref name="now"/> (a monotonic time, as from <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void Heartbeat(TimeSpan now)
    {
        if (_last is { } last)
        {
            var interval = (now - last).TotalMilliseconds;
            // A heartbeat that follows a pause the detector already counts as suspicious says nothing about the
            // link's rhythm; keeping it would teach the detector to tolerate ever longer silences.
            if (interval >= 0 && !(Phi(now) >= _settings.Threshold))
            {
                _history.Add(interval);
            }
        }
        else
        {
            // The first interval is unknown: start from the estimate, with a deviation of a quarter of it.
            var estimate = _settings.FirstHeartbeatEstimate.TotalMilliseconds;
            var deviation = estimate / 4;
            _history.Add(estimate - deviation);
            _history.Add(estimate + deviation);
        }

        _last = now;
    }

    /// <summary>The suspicion level at <paramref name="now"/>: 0 before the first heartbeat, then rising with silence.</summary>
    public double Phi(TimeSpan now)
    {
        if (_last is not { } last)
        {
            return 0;
        }

        var silence = (now - last).TotalMilliseconds;
        var mean = _history.Mean + _settings.AcceptableHeartbeatPause.TotalMilliseconds;
        var deviation = Math.Max(Math.Sqrt(_history.Variance), _settings.MinStandardDeviation.TotalMilliseconds);
        return PhiOf(silence, mean, deviation);
    }

    /// <summary>True while phi stays below the threshold.</summary>
    public bool IsAvailable(TimeSpan now) => Phi(now) < _settings.Threshold;

    /// <summary>
    /// -log10 of the normal distribution's upper tail at <paramref name="silence"/>, through the logistic
    /// approximation of the normal CDF (error below 1.4e-4). The tail's odds are e^z with z below; phi is
    /// log10(1 + e^-z), computed so that neither a long silence nor an early heartbeat overflows: phi stays finite.
    /// </summary>
    internal static double PhiOf(double silence, double mean, double deviation)
    {
        var y = (silence - mean) / deviation;
        var minusZ = y * (1.5976 + (0.070566 * y * y));
        var softPlus = minusZ > 0 ? minusZ + Math.Log(1 + Math.Exp(-minusZ)) : Math.Log(1 + Math.Exp(minusZ));
        return softPlus / Math.Log(10);
    }
}
