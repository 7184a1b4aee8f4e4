using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Configuration;
using Scheduler.Engine.Execution;

namespace Scheduler.Hosting;

/// <summary>
/// Describes one scheduler node for <see cref="SchedulerServiceCollectionExtensions.AddScheduler"/>, in the manner of
/// Akka.Hosting: HOCON files and code settings layered over the built-in <c>reference.conf</c>, plus the executors
/// of each task type. Every <c>With...</c> method only sets configuration keys (named in its comment), so a setting
/// means the same whether it comes from code, a file or the environment. Layers apply in the order they are added:
/// a later one overrides an earlier one, key by key; a list set by a later layer replaces the earlier list whole.
/// </summary>
public sealed class SchedulerBuilder
{
    private readonly List<Layer> _layers = [];
    private readonly List<Action<ExecutorRegistry>> _executors = [];

    internal SchedulerBuilder(IServiceCollection services, string systemName)
    {
        Services = services;
        SystemName = systemName;
    }

    /// <summary>The services of the host, for registrations an executor needs.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The actor system's name; every node of one cluster uses the same.</summary>
    public string SystemName { get; }

    /// <summary>Adds a HOCON file as the next layer.</summary>
    public SchedulerBuilder AddHoconFile(string path, bool optional = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _layers.Add(new Layer(builder => builder.AddHoconFile(Path.GetFullPath(path), optional), null));
        return this;
    }

    /// <summary>Adds HOCON text as the next layer; <paramref name="name"/> appears in parse errors.</summary>
    public SchedulerBuilder AddHocon(string hocon, string name = "inline")
    {
        ArgumentNullException.ThrowIfNull(hocon);
        _layers.Add(new Layer(builder => builder.AddHoconString(hocon, name), null));
        return this;
    }

    /// <summary>
    /// Adds an <see cref="IConfiguration"/> as the next layer: typically the host's own configuration, so that
    /// environment variables (<c>scheduler__remote__port</c>) and command-line switches (<c>--scheduler:remote:port</c>)
    /// override what came before.
    /// </summary>
    public SchedulerBuilder AddConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _layers.Add(new Layer(builder => builder.AddConfiguration(configuration), null));
        return this;
    }

    /// <summary>Remoting: <c>scheduler.remote.hostname</c> and <c>.port</c> (0: any free port).</summary>
    public SchedulerBuilder WithRemoting(string hostname, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostname);
        return Set(("remote.hostname", hostname), ("remote.port", Text(port)));
    }

    /// <summary>
    /// Clustering: <c>scheduler.cluster.seed-nodes</c> (addresses such as <c>sched.tcp://scheduler@10.0.0.1:2552</c>),
    /// <c>.roles</c>, and the split-brain resolver's <c>active-strategy</c> when given. A node with no seed nodes
    /// forms a cluster of its own.
    /// </summary>
    public SchedulerBuilder WithClustering(IEnumerable<string> seedNodes, IEnumerable<string>? roles = null, string? resolverStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(seedNodes);
        SetList("cluster.seed-nodes", seedNodes);
        if (roles is not null)
        {
            SetList("cluster.roles", roles);
        }

        return resolverStrategy is null ? this : Set(("cluster.split-brain-resolver.active-strategy", resolverStrategy));
    }

    /// <summary>SQLite persistence in the file <paramref name="path"/> (its folder is created): <c>scheduler.persistence.sql</c>.</summary>
    public SchedulerBuilder WithSqlitePersistence(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Set(("persistence.sql.database", "sqlite"), ("persistence.sql.connection-string", "Data Source=" + path), ("persistence.sql.auto-initialize", "on"));
    }

    /// <summary>
    /// PostgreSQL persistence: <c>scheduler.persistence.sql</c>. With <paramref name="autoInitialize"/> the node creates
    /// missing tables; otherwise they must exist.
    /// </summary>
    public SchedulerBuilder WithPostgresPersistence(string connectionString, bool autoInitialize = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return Set(("persistence.sql.database", "postgres"), ("persistence.sql.connection-string", connectionString),
            ("persistence.sql.auto-initialize", autoInitialize ? "on" : "off"));
    }

    /// <summary>Sharding of task and schedule entities: <c>scheduler.engine.number-of-shards</c> (the same on every node) and the role that hosts them.</summary>
    public SchedulerBuilder WithSharding(int numberOfShards, string? role = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numberOfShards);
        Set(("engine.number-of-shards", Text(numberOfShards)));
        return role is null ? this : Set(("engine.role", role));
    }

    /// <summary>
    /// Makes this node a worker: adds the role <c>scheduler.engine.worker-role</c> to its roles (on top of those
    /// configured) and sets <c>scheduler.engine.worker.slots</c> and <c>.tags</c>.
    /// </summary>
    public SchedulerBuilder WithWorker(int slots, params string[] tags)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        ArgumentNullException.ThrowIfNull(tags);
        SetList("engine.worker.tags", tags);
        AsWorker = true;
        return Set(("engine.worker.slots", Text(slots)));
    }

    /// <summary>Runs task type <paramref name="type"/> with <typeparamref name="TExecutor"/>, created by dependency injection for each attempt.</summary>
    public SchedulerBuilder AddExecutor<TExecutor>(string type)
        where TExecutor : class, ITaskExecutor
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        _executors.Add(registry => registry.Register<TExecutor>(type));
        return this;
    }

    /// <summary>Runs task type <paramref name="type"/> with executors from <paramref name="factory"/>, called for each attempt.</summary>
    public SchedulerBuilder AddExecutor(string type, Func<IServiceProvider, ITaskExecutor> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(factory);
        _executors.Add(registry => registry.Register(type, factory));
        return this;
    }

    /// <summary>Applies <paramref name="configure"/> to the executor registry (for <see cref="ExecutorRegistry.AddHttp"/> and <see cref="ExecutorRegistry.AddShell"/>).</summary>
    public SchedulerBuilder ConfigureExecutors(Action<ExecutorRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _executors.Add(configure);
        return this;
    }

    /// <summary>Sets keys under <c>scheduler.</c> as the next layer (dotted names, such as <c>engine.resend-interval</c>).</summary>
    public SchedulerBuilder Set(params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = settings.ToDictionary(setting => Key(setting.Key), setting => (string?)setting.Value, StringComparer.OrdinalIgnoreCase);
        _layers.Add(new Layer(builder => builder.AddInMemoryCollection(values), null));
        return this;
    }

    internal bool AsWorker { get; private set; }

    /// <summary>The configuration the node starts with: every layer, in order.</summary>
    internal IConfigurationRoot BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        foreach (var layer in _layers)
        {
            if (layer.List is { } list)
            {
                // A shorter list over a longer one would keep the longer one's tail (configuration merges lists by
                // index): blank the indexes beyond the new list, which list readers skip.
                var below = builder.Build().GetSection(list.Key).GetChildren().Count();
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < Math.Max(below, list.Values.Count); i++)
                {
                    values[list.Key + ":" + Text(i)] = i < list.Values.Count ? list.Values[i] : "";
                }

                builder.AddInMemoryCollection(values);
            }
            else
            {
                layer.Apply!(builder);
            }
        }

        var built = builder.Build();
        if (!AsWorker)
        {
            return built;
        }

        // A worker carries the worker role beside whatever roles the layers gave it.
        var workerRole = built["scheduler:engine:worker-role"] is { Length: > 0 } role ? role : "worker";
        var roles = built.GetSection("scheduler:cluster:roles").GetChildren().ToList();
        if (!roles.Any(child => string.Equals(child.Value, workerRole, StringComparison.Ordinal)))
        {
            builder.AddInMemoryCollection([new KeyValuePair<string, string?>("scheduler:cluster:roles:" + Text(roles.Count), workerRole)]);
        }

        return builder.Build();
    }

    /// <summary>The executors registered in code.</summary>
    internal ExecutorRegistry BuildExecutors()
    {
        var registry = new ExecutorRegistry();
        foreach (var configure in _executors)
        {
            configure(registry);
        }

        return registry;
    }

    private void SetList(string key, IEnumerable<string> values) => _layers.Add(new Layer(null, new ListLayer(Key(key), [.. values])));

    private static string Key(string dotted) => "scheduler:" + dotted.Replace('.', ':');

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Layer(Action<IConfigurationBuilder>? Apply, ListLayer? List);

    private sealed record ListLayer(string Key, IReadOnlyList<string> Values);
}
