namespace Scheduler.Remote.Tests.FailureDetection;

public sealed class PhiAccrualFailureDetectorSpec
{
    private static readonly PhiAccrualSettings NoPause = new() { AcceptableHeartbeatPause = TimeSpan.Zero };

    /// <summary>A detector fed heartbeats separated by <paramref name="intervalsMs"/>; returns it and the last arrival.</summary>
    private static (PhiAccrualFailureDetector Detector, TimeSpan Last) Fed(PhiAccrualSettings settings, IEnumerable<int> intervalsMs)
    {
        var detector = new PhiAccrualFailureDetector(settings);
        var now = TimeSpan.FromSeconds(100);
        detector.Heartbeat(now);
        foreach (var interval in intervalsMs)
        {
            now += TimeSpan.FromMilliseconds(interval);
            detector.Heartbeat(now);
        }

        return (detector, now);
    }

    private static IEnumerable<int> Steady(int count, int intervalMs = 1000) => Enumerable.Repeat(intervalMs, count);

    private static IEnumerable<int> Jittery(int count) => Enumerable.Range(0, count).Select(i => i % 2 == 0 ? 500 : 1500);

    // The normal distribution's upper tail at -1 to 3 standard deviations; phi = -log10(tail), and the logistic
    // approximation it uses is within 1.4e-4 of the true distribution.
    [Theory]
    [InlineData(-1.0, 0.841345)]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.158655)]
    [InlineData(2.0, 0.022750)]
    [InlineData(3.0, 0.001350)]
    public void Phi_is_minus_log10_of_the_normal_upper_tail(double deviations, double tail) =>
        Math.Pow(10, -PhiAccrualFailureDetector.PhiOf(1000 + (deviations * 100), 1000, 100)).Should().BeApproximately(tail, 1.4e-4);

    public static TheoryData<string, int, bool> Histories => new()
    {
        // history, silence in ms, available?
        { "steady", 1000, true },
        { "steady", 1200, true },
        { "steady", 1600, false },
        { "steady", 3000, false },
        { "jittery", 2500, true },
        { "jittery", 5000, false },
        { "steady with 3 s pause allowed", 3500, true },
        { "steady with 3 s pause allowed", 5000, false },
        { "steady, then one 10 s gap", 1600, false },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Availability_follows_the_history_of_each_link(string history, int silenceMs, bool available)
    {
        var (detector, last) = history switch
        {
            "steady" => Fed(NoPause, Steady(20)),
            "jittery" => Fed(NoPause, Jittery(20)),
            "steady with 3 s pause allowed" => Fed(new PhiAccrualSettings(), Steady(20)),
            // The heartbeat after the gap arrives when phi is already past the threshold: the gap is not learnt.
            "steady, then one 10 s gap" => Fed(NoPause, Steady(20).Append(10_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(history), history, null),
        };

        detector.IsAvailable(last + TimeSpan.FromMilliseconds(silenceMs)).Should().Be(available);
    }

    [Fact]
    public void Before_the_first_heartbeat_there_is_no_suspicion()
    {
        var detector = new PhiAccrualFailureDetector(NoPause);

        detector.IsMonitoring.Should().BeFalse();
        detector.Phi(TimeSpan.FromHours(1)).Should().Be(0);
        detector.IsAvailable(TimeSpan.FromHours(1)).Should().BeTrue();
    }

    [Fact]
    public void After_one_heartbeat_the_first_estimate_stands_in_for_the_history()
    {
        var detector = new PhiAccrualFailureDetector(NoPause with { FirstHeartbeatEstimate = TimeSpan.FromSeconds(1) });
        detector.Heartbeat(TimeSpan.Zero);

        detector.IsMonitoring.Should().BeTrue();
        detector.IsAvailable(TimeSpan.FromSeconds(1)).Should().BeTrue();
        detector.IsAvailable(TimeSpan.FromSeconds(5)).Should().BeFalse();
    }

    [Fact]
    public void Phi_never_falls_as_silence_grows_and_stays_finite_for_any_history()
    {
        var random = new Random(20261121);
        for (var run = 0; run < 500; run++)
        {
            var settings = NoPause with
            {
                MinStandardDeviation = TimeSpan.FromMilliseconds(random.Next(1, 500)),
                AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(random.Next(0, 5000)),
                MaxSampleSize = random.Next(1, 50),
            };
            var intervals = Enumerable.Range(0, random.Next(0, 100)).Select(_ => random.Next(1, 5000)).ToList();
            var (detector, last) = Fed(settings, intervals);
            var previous = 0.0;
            for (var silence = 0; silence <= 600_000; silence += random.Next(1, 20_000))
            {
                var phi = detector.Phi(last + TimeSpan.FromMilliseconds(silence));
                double.IsFinite(phi).Should().BeTrue($"run {run}: phi at {silence} ms is {phi}");
                phi.Should().BeGreaterThanOrEqualTo(previous, $"run {run}: phi at {silence} ms fell");
                previous = phi;
            }
        }
    }

    [Theory]
    [InlineData(0, "threshold")]
    [InlineData(-1, "threshold")]
    public void Invalid_settings_are_refused_naming_them(double threshold, string named)
    {
        var create = () => new PhiAccrualFailureDetector(new PhiAccrualSettings { Threshold = threshold });

        create.Should().Throw<ArgumentException>().WithMessage($"*{named}*").Which.ParamName.Should().Be("settings");
    }
}
