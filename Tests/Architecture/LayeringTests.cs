using System.Reflection;
using NetArchTest.Rules;
using NodeSim.Engine;
using NodeSim.Kernel;
using NodeSim.Models.Isolation;
using NodeSim.Traces.Sources;

namespace NodeSim.Tests.Architecture;

/// <summary>
/// The allowed directions (DESIGN §1): Kernel ← Models ← Traces ← Engine ← the program. Between the
/// five assemblies their references enforce the direction; inside them, these rules hold the
/// namespaces apart: no namespace depends on another that depends back on it, the models stay free
/// of the event loop, the engine writes no files, nothing below the command line knows it, and the
/// backends and benchmarks keep their places.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Kernel = typeof(Simulation).Assembly;
    private static readonly Assembly Models = typeof(IsolationStack).Assembly;
    private static readonly Assembly Traces = typeof(WorkloadSource).Assembly;
    private static readonly Assembly Engine = typeof(RunExecutor).Assembly;
    private static readonly Assembly Program = typeof(NodeSim.Cli.NodeSimApp).Assembly;
    private static readonly Assembly[] All = [Kernel, Models, Traces, Engine, Program];

    /// <summary>The kernel's event loop: everything in it but the random streams, which models may use.</summary>
    private static readonly string[] EventLoop = [.. Kernel.GetTypes()
        .Where(t => t.IsPublic && t.Namespace?.StartsWith("NodeSim.Kernel", StringComparison.Ordinal) == true && t != typeof(RandomStream))
        .Select(t => t.FullName!)];

    private static void Holds(ConditionList rule, string what)
    {
        var result = rule.GetResult();
        Assert.That(result.IsSuccessful, Is.True,
            $"{what}; broken by: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    /// <summary>
    /// Which namespace of NodeSim depends on which: for each namespace (a slice), NetArchTest finds the types that depend on
    /// any of its types; every namespace of such a type depends on it.
    /// </summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        var types = All.SelectMany(a => a.GetTypes()).Where(t => t.Namespace?.StartsWith("NodeSim", StringComparison.Ordinal) == true && !t.IsNested
            && !t.Name.StartsWith('<')).ToList();
        var graph = types.Select(t => t.Namespace!).Distinct().ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var slice in types.GroupBy(t => t.Namespace!))
            foreach (var user in Types.InAssemblies(All).That().HaveDependencyOnAny([.. slice.Select(t => t.FullName!)]).GetTypes())
                if (user.ReflectionType?.Namespace is { } from && from != slice.Key && graph.ContainsKey(from))
                    graph[from].Add(slice.Key);
        return graph;
    }

    /// <summary>The namespaces that depend on each other, each cycle once (strongly connected components of two or more).</summary>
    private static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in graph[v])
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); component.Add(x); } while (x != v);
            if (component.Count > 1) cycles.Add(component);
        }
        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return cycles;
    }

    [Test]
    public void NoNamespaceDependsOnOneThatDependsBackOnIt()
    {
        var graph = NamespaceGraph();
        Assert.That(graph.Keys, Has.Count.GreaterThan(30), "every NodeSim namespace is a slice");
        var cycles = Cycles(graph);
        Assert.That(cycles, Is.Empty, string.Join("; ", cycles.Select(c =>
            string.Join(", ", c.Order(StringComparer.Ordinal).Select(n => $"{n} → {string.Join(" & ", graph[n].Where(c.Contains).Order(StringComparer.Ordinal))}")))));
    }

    [Test]
    public void TheCycleCheckFindsACycle()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.That(Cycles(graph).Single(), Is.EquivalentTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void ModelsAreFreeOfTheEventLoop() =>
        Holds(Types.InAssembly(Models).ShouldNot().HaveDependencyOnAny(EventLoop), "models use the kernel's random streams only");

    [Test]
    public void TheEngineReturnsResultsAndWritesNoFiles() =>
        Holds(Types.InAssembly(Engine).ShouldNot().HaveDependencyOnAny("System.IO.File", "System.IO.Directory", "Spectre.Console", "ScottPlot"),
            "the engine runs a plan and returns results: no console, plots or file writing");

    [Test]
    public void NothingDependsOnTheCommandLine() =>
        Holds(Types.InAssemblies(All).That().DoNotResideInNamespace("NodeSim.Cli").ShouldNot().HaveDependencyOnAny("NodeSim.Cli"),
            "the command line only parses and prints: nothing below it knows it");

    [Test]
    public void ConfigurationBuildsAPlanAndKnowsNothingOfOutputs() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Config")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Reporting", "NodeSim.Orchestration", "NodeSim.Hosting", "NodeSim.Benchmarks", "NodeSim.Validation", "Spectre.Console", "ScottPlot"),
            "Config turns YAML into a run plan; it does not run, report or print");

    [Test]
    public void ReportingKnowsNothingOfConfigurationOrchestrationOrTheConsole() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Reporting")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Config", "NodeSim.Orchestration", "NodeSim.Hosting", "NodeSim.Benchmarks", "NodeSim.Validation", "Spectre.Console", "YamlDotNet"),
            "Reporting turns results into tables, plots and a summary; it reads no campaign file, runs nothing and prints nothing");

    [Test]
    public void BackendsAreReachedOnlyThroughTheRegistry() =>
        Holds(Types.InAssemblies(All).That().DoNotResideInNamespace("NodeSim.Orchestration.Slurm").And().DoNotResideInNamespace("NodeSim.Hosting")
                .And().DoNotResideInNamespace("NodeSim.Cli")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Orchestration.Slurm"),
            "the Slurm backend is registered at start-up and run through ICampaignBackend; only the command line's array tasks call it by name");

    [Test]
    public void OrchestrationKnowsNoBackendByName() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Orchestration").And().DoNotResideInNamespace("NodeSim.Orchestration.Slurm")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Orchestration.Slurm", "NodeSim.Hosting", "NodeSim.Benchmarks", "Spectre.Console"),
            "the runner, store, lock and session work with any backend, and print nothing");

    [Test]
    public void BenchmarksAreUsedByTheCommandLineAlone() =>
        Holds(Types.InAssemblies(All).That().DoNotResideInNamespace("NodeSim.Benchmarks").And().DoNotResideInNamespace("NodeSim.Cli")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Benchmarks"),
            "the benchmarks measure NodeSim from above; nothing NodeSim runs depends on them");

    [Test]
    public void TheSelfCheckUsesTheKernelAlone() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Validation")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Models", "NodeSim.Engine", "NodeSim.Config", "NodeSim.Cli"),
            "the kernel's self-check depends on the kernel (and statistics), not on any model of the node");
}
