using System.Reflection;
using NetArchTest.Rules;
using NodeSim.Engine;
using NodeSim.Kernel;
using NodeSim.Models.Isolation;
using NodeSim.Traces;
using NodeSim.Traces.Sources;

namespace NodeSim.Tests.Architecture;

/// <summary>
/// The allowed directions (DESIGN §1): Kernel ← Models ← Traces ← Engine ← the program (Config →
/// Reporting → Cli). Assembly references already forbid the upward ones between libraries; these
/// rules also hold the namespaces inside the program apart, and keep the models free of the event loop.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Kernel = typeof(Simulation).Assembly;
    private static readonly Assembly Models = typeof(IsolationStack).Assembly;
    private static readonly Assembly Traces = typeof(WorkloadSource).Assembly;
    private static readonly Assembly Engine = typeof(RunExecutor).Assembly;
    private static readonly Assembly Program = typeof(NodeSim.Cli.NodeSimApp).Assembly;

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

    [Test]
    public void TheKernelKnowsNothingOfNodeSim() =>
        Holds(Types.InAssembly(Kernel).ShouldNot().HaveDependencyOnAny("NodeSim.Models", "NodeSim.Traces", "NodeSim.Engine", "NodeSim.Config",
            "NodeSim.Reporting", "NodeSim.Cli"), "the kernel depends on nothing of NodeSim's");

    [Test]
    public void ModelsAreFreeOfTheEventLoopAndOfEverythingAbove() =>
        Holds(Types.InAssembly(Models).ShouldNot().HaveDependencyOnAny([.. EventLoop, "NodeSim.Traces", "NodeSim.Engine", "NodeSim.Config",
            "NodeSim.Reporting", "NodeSim.Cli"]), "models use the kernel's random streams only, and nothing above them");

    [Test]
    public void TracesDependOnModelsAndTheKernelOnly() =>
        Holds(Types.InAssembly(Traces).ShouldNot().HaveDependencyOnAny("NodeSim.Engine", "NodeSim.Config", "NodeSim.Reporting", "NodeSim.Cli"),
            "trace readers and generators know nothing of the engine, configuration, reporting or the CLI");

    [Test]
    public void TheEngineReturnsResultsAndWritesNoFiles() =>
        Holds(Types.InAssembly(Engine).ShouldNot().HaveDependencyOnAny("NodeSim.Config", "NodeSim.Reporting", "NodeSim.Cli",
            "System.IO.File", "System.IO.Directory", "Spectre.Console", "ScottPlot"),
            "the engine runs a plan and returns results: no configuration, reporting, CLI, console or file writing");

    [Test]
    public void ConfigurationBuildsAPlanAndKnowsNothingOfOutputs() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Config")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Reporting", "NodeSim.Cli", "NodeSim.Benchmarks", "NodeSim.Validation", "Spectre.Console", "ScottPlot"),
            "Config turns YAML into a run plan; it does not report or print");

    [Test]
    public void ReportingKnowsNothingOfConfigurationOrTheCommandLine() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Reporting")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Config", "NodeSim.Cli", "NodeSim.Benchmarks", "NodeSim.Validation", "Spectre.Console", "YamlDotNet"),
            "Reporting turns results into tables, plots and the run store; it reads no campaign file and prints nothing");

    [Test]
    public void TheSelfCheckUsesTheKernelAlone() =>
        Holds(Types.InAssembly(Program).That().ResideInNamespace("NodeSim.Validation")
            .ShouldNot().HaveDependencyOnAny("NodeSim.Models", "NodeSim.Engine", "NodeSim.Config", "NodeSim.Cli"),
            "the kernel's self-check depends on the kernel (and statistics), not on any model of the node");
}
