using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>The shape of a ping-pong run.</summary>
/// <param name="Pairs">How many pairs bounce at once; more than the cores, so that every core always has work.</param>
/// <param name="Window">
/// How many balls each pair keeps in flight. With one ball a pair measures the latency of a hop; with a window the
/// receiver always finds its mailbox non-empty, and the figure is throughput.
/// </param>
/// <param name="Sampling">Warm-up and rounds.</param>
internal sealed record PingPongPlan(int Pairs, int Window, SamplingPlan Sampling);
