using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Configuration;
using Xunit.Abstractions;

namespace Scheduler.TestKit;

/// <summary>
/// An actor system per test plus the tools to test it: a default probe (<see cref="TestActor"/>) with Akka's
/// expectation methods, extra probes, <see cref="Within(TimeSpan, Action)"/>, <see cref="AwaitAssert"/>, log
/// filters, an optional fake clock and a time factor for slow machines (environment variable
/// <c>SCHEDULER_TEST_TIMEFACTOR</c>). Disposing it terminates the system and fails the test if that hangs.
/// </summary>
public abstract class TestKitBase : IDisposable
{
    private static readonly TimeSpan DefaultExpectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private readonly bool _verifyShutdown;
    private readonly TestProbe _testProbe;
    private long? _withinDeadline;
    private int _probeCounter;
    private bool _disposed;

    /// <summary>Builds the system under test.</summary>
    protected TestKitBase(ITestOutputHelper? output, TestKitOptions? options = null)
    {
        options ??= new TestKitOptions();
        TimeFactor = ReadTimeFactor();
        FakeTime = options.UseFakeTime ? new FakeTimeProvider() : null;
        Logs = new TestLoggerProvider(output, options.OutputLevel);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var configuration = new ConfigurationBuilder();
        if (options.Hocon is not null)
        {
            configuration.AddHoconString(options.Hocon, "test configuration");
        }

        if (options.Configuration is not null)
        {
            configuration.AddConfiguration(options.Configuration);
        }

        var setup = new ActorSystemSetup
        {
            Configuration = configuration.Build(),
            TimeProvider = FakeTime,
            LoggerFactory = LoggerFactory,
            Serialization = options.Serialization,
        };
        Sys = ActorSystem.Create(options.SystemName ?? SystemNameFor(GetType()), options.Setup?.Invoke(setup) ?? setup);
        EventFilter = new EventFilterFactory(this);
        _verifyShutdown = options.VerifySystemShutdown;
        _testProbe = CreateTestProbe("testActor");
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The fake clock, when the kit was built with <see cref="TestKitOptions.UseFakeTime"/>.</summary>
    public FakeTimeProvider? FakeTime { get; }

    /// <summary>The default probe's ref: pass it as sender or reply target, then use the kit's Expect methods.</summary>
    public IActorRef TestActor => _testProbe.Ref;

    /// <summary>The default probe.</summary>
    public TestProbe TestProbe => _testProbe;

    /// <summary>The multiplier applied to every timeout (<c>SCHEDULER_TEST_TIMEFACTOR</c>, default 1).</summary>
    public double TimeFactor { get; }

    /// <summary>Log filters: "expect one error of type X while doing Y".</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>The sender of the last message the default probe received.</summary>
    public IActorRef LastSender => _testProbe.LastSender;

    internal TestLoggerProvider Logs { get; }

    /// <summary>Writes to the test output; give it to further systems a test starts, so their lines show and can be expected.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The time left in the enclosing <see cref="Within(TimeSpan, Action)"/> block.</summary>
    public TimeSpan Remaining => _withinDeadline is { } deadline
        ? Until(deadline)
        : throw new InvalidOperationException("Remaining is only defined inside Within(...).");

    /// <summary>Creates another probe.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(this, name ?? $"testProbe-{Interlocked.Increment(ref _probeCounter)}");

    /// <summary>Scales a duration by <see cref="TimeFactor"/>.</summary>
    public TimeSpan Dilated(TimeSpan duration) => duration * TimeFactor;

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(TimeSpan?)"/>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => _testProbe.ExpectMsg<T>(timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Predicate{T}, TimeSpan?, string?)"/>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null) => _testProbe.ExpectMsg(predicate, timeout, hint: null);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull => _testProbe.ExpectMsg(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    public void ExpectNoMsg(TimeSpan? duration = null) => _testProbe.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectMsgAllOf(object[])"/>
    public IReadOnlyList<object> ExpectMsgAllOf(params object[] expected) => _testProbe.ExpectMsgAllOf(expected);

    /// <inheritdoc cref="TestProbe.ExpectMsgAnyOf"/>
    public object ExpectMsgAnyOf(params object[] expected) => _testProbe.ExpectMsgAnyOf(expected);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => _testProbe.ExpectTerminated(target, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage{T}"/>
    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? timeout = null) => _testProbe.FishForMessage(isTheOne, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveWhile{T}"/>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? timeout = null, TimeSpan? idle = null, int max = int.MaxValue)
        where T : class => _testProbe.ReceiveWhile(filter, timeout, idle, max);

    /// <inheritdoc cref="TestProbe.ReceiveN"/>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null) => _testProbe.ReceiveN(count, timeout);

    /// <inheritdoc cref="TestProbe.Watch"/>
    public IActorRef Watch(IActorRef subject) => _testProbe.Watch(subject);

    /// <inheritdoc cref="TestProbe.Unwatch"/>
    public IActorRef Unwatch(IActorRef subject) => _testProbe.Unwatch(subject);

    /// <summary>Replies to the sender of the default probe's last message.</summary>
    public void Reply(object message) => _testProbe.Reply(message);

    /// <summary>
    /// Runs <paramref name="action"/> and fails unless it finishes within <paramref name="max"/> (dilated);
    /// expectations inside default to the time that is left.
    /// </summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Runs <paramref name="action"/> and fails unless it takes between <paramref name="min"/> and <paramref name="max"/> (dilated).</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var limit = Dilated(max);
        var start = TimeProvider.System.GetTimestamp();
        var outer = _withinDeadline;
        var deadline = Deadline(limit);
        _withinDeadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            action();
        }
        finally
        {
            _withinDeadline = outer;
        }

        var took = TimeProvider.System.GetElapsedTime(start);
        if (took > limit)
        {
            throw new AssertionFailedException($"The block took {took.TotalMilliseconds:0} ms, more than the {limit.TotalMilliseconds:0} ms allowed.");
        }

        if (took < min)
        {
            throw new AssertionFailedException($"The block took {took.TotalMilliseconds:0} ms, less than the {min.TotalMilliseconds:0} ms required.");
        }
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> until it passes or <paramref name="duration"/> (default 3 s, dilated)
    /// runs out; the last failure is rethrown. Meant for state that converges, not as a sleep.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = Deadline(RemainingOrDefault(duration));
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Until(deadline) > TimeSpan.Zero)
            {
                Pause(interval ?? TimeSpan.FromMilliseconds(50), deadline);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails with <paramref name="message"/> when time runs out.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = RemainingOrDefault(max);
        var deadline = Deadline(limit);
        while (!condition())
        {
            if (Until(deadline) <= TimeSpan.Zero)
            {
                throw new AssertionFailedException($"The condition was not met within {limit.TotalMilliseconds:0} ms{(message is null ? string.Empty : $": {message}")}.");
            }

            Pause(interval ?? TimeSpan.FromMilliseconds(50), deadline);
        }
    }

    /// <summary>Terminates the system and waits for it; fails when it does not stop in time.</summary>
    public void Shutdown()
    {
        // A cluster member whose peers all stop at the same moment waits out its leave and exit phases: the wait
        // allows what the system's own shutdown phases allow, and at least the kit's default.
        var limit = Dilated(ShutdownTimeout > Sys.CoordinatedShutdown.TotalTimeout ? ShutdownTimeout : Sys.CoordinatedShutdown.TotalTimeout);
        var terminated = Sys.Terminate().Wait(limit);
        if (!terminated && _verifyShutdown)
        {
            throw new AssertionFailedException($"The actor system {Sys.Name} did not terminate within {limit.TotalSeconds:0} s.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system (verifying it stops) and closes the log.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        try
        {
            Shutdown();
        }
        finally
        {
            Logs.Dispose();
            LoggerFactory.Dispose();
        }
    }

    internal TimeSpan RemainingOrDefault(TimeSpan? timeout)
    {
        if (timeout is { } given)
        {
            return Dilated(given);
        }

        return _withinDeadline is { } deadline ? Until(deadline) : Dilated(DefaultExpectTimeout);
    }

    internal static long Deadline(TimeSpan timeout) =>
        TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);

    internal static TimeSpan Until(long deadline)
    {
        var left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // The poll interval of AwaitAssert/AwaitCondition. It waits on a monitor nobody pulses, which bounds how often
    // a converging condition is re-checked; tests never call it to wait for an outcome.
    private readonly object _pollGate = new();

    private void Pause(TimeSpan interval, long deadline)
    {
        var wait = Until(deadline);
        lock (_pollGate)
        {
            Monitor.Wait(_pollGate, interval < wait ? interval : wait);
        }
    }

    internal static double ReadTimeFactor()
    {
        var text = Environment.GetEnvironmentVariable("SCHEDULER_TEST_TIMEFACTOR");
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1.0;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var factor) && factor >= 1
            ? factor
            : throw new InvalidOperationException($"SCHEDULER_TEST_TIMEFACTOR is '{text}'; it must be a number of at least 1.");
    }

    private static string SystemNameFor(Type type)
    {
        var name = string.Concat(type.Name.Select(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-'));
        return name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) ? $"test{name}" : name;
    }
}
