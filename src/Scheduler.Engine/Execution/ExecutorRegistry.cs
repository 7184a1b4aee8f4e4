using Microsoft.Extensions.DependencyInjection;
using Scheduler.Engine.Execution.BuiltIn;
using Scheduler.Engine.Execution.BuiltIn.Shell;
using Http = Scheduler.Engine.Execution.BuiltIn.Http;

namespace Scheduler.Engine.Execution;

/// <summary>
/// Task types and the executors that run them. Every node of a cluster should register the same types: a submit
/// naming a type this node does not know is refused. <c>noop</c> and <c>sleep</c> are always there.
/// </summary>
public sealed class ExecutorRegistry
{
    // One client for every registry that brings none: HttpClient pools connections and is meant to be shared.
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    private readonly Dictionary<string, Func<IServiceProvider, ITaskExecutor>> _factories = new(StringComparer.Ordinal);

    /// <summary>A registry with the built-in types.</summary>
    public ExecutorRegistry()
    {
        Register("noop", _ => new NoopExecutor());
        Register("sleep", services => new SleepExecutor(services.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    /// <summary>
    /// Adds the <c>http</c> type: one HTTP request per attempt, success by status code (see <c>docs/tasks.md</c>). Not
    /// registered by default: it lets whoever may submit tasks make this cluster's nodes send requests.
    /// </summary>
    /// <param name="client">The client to send with (its handler decides proxies, TLS and pooling); a shared default when null.</param>
    public ExecutorRegistry AddHttp(HttpClient? client = null)
    {
        var http = client ?? SharedHttp.Value;
        return Register("http", _ => new Http.HttpExecutor(http));
    }

    /// <summary>
    /// Adds the <c>shell</c> type: runs a program per attempt as the payload describes, success by exit code (see
    /// <c>docs/tasks.md</c>). Linux only. Not registered by default: it lets whoever may submit tasks run programs on
    /// this cluster's nodes; <see cref="ShellOptions.AllowedCommands"/> narrows which.
    /// </summary>
    public ExecutorRegistry AddShell(ShellOptions? options = null)
    {
        var shell = options ?? new ShellOptions();
        var tools = ShellTools.Find();
        return Register("shell", services => new ShellExecutor(shell, tools, services.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    /// <summary>The registered type names.</summary>
    public IReadOnlyCollection<string> Types => _factories.Keys;

    /// <summary>Runs <paramref name="type"/> with <typeparamref name="TExecutor"/>, built per attempt by dependency injection.</summary>
    public ExecutorRegistry Register<TExecutor>(string type)
        where TExecutor : class, ITaskExecutor =>
        Register(type, services => ActivatorUtilities.CreateInstance<TExecutor>(services));

    /// <summary>Runs <paramref name="type"/> with executors from <paramref name="factory"/>, called per attempt.</summary>
    public ExecutorRegistry Register(string type, Func<IServiceProvider, ITaskExecutor> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[type] = factory;
        return this;
    }

    /// <summary>True when <paramref name="type"/> is registered.</summary>
    public bool Knows(string type) => _factories.ContainsKey(type);

    /// <summary>A new executor for <paramref name="type"/>, or null when it is not registered.</summary>
    public ITaskExecutor? Create(string type, IServiceProvider services) =>
        _factories.TryGetValue(type, out var factory) ? factory(services) : null;
}
