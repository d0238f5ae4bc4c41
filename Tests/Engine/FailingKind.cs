using NodeSim.Engine;
using NodeSim.Models.Parameters;

namespace NodeSim.Tests.Engine;

/// <summary>A point of a <see cref="FailingKind"/> scenario: nothing to set.</summary>
public sealed record FailingSettings;

/// <summary>What a <see cref="FailingKind"/> run executes: nothing but its stack.</summary>
public sealed record FailingWork(NodeSim.Models.Isolation.IsolationStack Stack, NodeSim.Models.Soc.SocPreset Soc) : RunWork(Stack, Soc);

/// <summary>
/// A kind of scenario whose every run fails while it executes, as a study's own model might refuse a point only once it
/// runs: what NodeSim does with a failed run (exit 1, the others kept, parts kept for a resume) is tested with it.
/// </summary>
public sealed class FailingKind() : ScenarioKind<FailingSettings, FailingWork, double>(new Preset<FailingSettings>("fails",
    "a run that fails as it executes", new FailingSettings(), ParameterSet.For<FailingSettings>("fails scenario").Build(), new Dictionary<string, Source>()))
{
    public const string Problem = "the study's model refused this point as it ran";

    public override IReadOnlyList<string> ModelRoots { get; } = ["stack"];
    public override Headline Headline { get; } = new("value", "value", "value");
    public override SummaryTable Summary { get; } = new SummaryTable.StackColumns("value", "Value");
    public override IReadOnlyList<MetricDefinition<double>> Definitions { get; } = [new(new("value", "1", "never measured"), v => v)];

    protected override FailingWork Resolve(FailingSettings settings, IPointContext point) => new(point.Stack, point.Soc(NodeSim.Engine.Kinds.NodeParameters.DefaultPreset));
    protected override (double Outcome, IReadOnlyList<JobRecord> Rows) Execute(FailingWork work, RunContext context, JobRecord label) => throw new UserInputException(Problem);
    protected override double Cost(FailingWork work) => 1;
}
