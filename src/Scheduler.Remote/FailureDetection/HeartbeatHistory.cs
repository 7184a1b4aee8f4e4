namespace Scheduler.Remote;

/// <summary>
/// The last <c>capacity</c> heartbeat intervals in milliseconds, with their running sum and sum of squares so the
/// mean and variance cost nothing per heartbeat. A ring buffer: the oldest interval leaves as a new one comes.
/// </summary>
internal sealed class HeartbeatHistory
{
    private readonly double[] _intervals;
    private int _next;
    private double _sum;
    private double _squares;

    public HeartbeatHistory(int capacity) => _intervals = new double[capacity];

    public int Count { get; private set; }

    public double Mean => _sum / Count;

    // Clamped at zero: rounding in the running sums may leave a tiny negative for identical intervals.
    public double Variance => Math.Max(0, (_squares / Count) - (Mean * Mean));

    public void Add(double intervalMs)
    {
        if (Count == _intervals.Length)
        {
            var oldest = _intervals[_next];
            _sum -= oldest;
            _squares -= oldest * oldest;
        }
        else
        {
            Count++;
        }

        _intervals[_next] = intervalMs;
        _next = (_next + 1) % _intervals.Length;
        _sum += intervalMs;
        _squares += intervalMs * intervalMs;
    }
}
