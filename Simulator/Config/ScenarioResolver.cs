using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;

namespace NodeSim.Config;

/// <summary>
/// Builds every run of a campaign: for each scenario point, stack and replica, the point's
/// scenario parameters bound onto its kind's defaults, the stack with its overrides, and the work
/// the kind resolves from them (<see cref="PointContext"/> builds the models the values name). A
/// value that does not fit is reported at the line and column where it was written.
/// </summary>
internal sealed class ScenarioResolver(ModelCatalogue models)
{
    /// <summary>
    /// Every run of the campaign, in a fixed order (scenario, point, replica, stack), with its models
    /// built: a campaign fails here, before it runs, not half-way.
    /// </summary>
    /// <param name="problems">Where a scenario's problem goes; that scenario plans no runs, the others go on (so one pass reports every scenario's).</param>
    public IReadOnlyList<RunSpec> Plan(Campaign campaign, List<UserInputException> problems)
    {
        var runs = new List<RunSpec>();
        var checkedOnce = new HashSet<object>();
        foreach (var scenario in campaign.Scenarios)
        {
            var first = runs.Count;
            try
            {
                PlanScenario(campaign, scenario, runs, checkedOnce);
            }
            catch (UserInputException e)
            {
                runs.RemoveRange(first, runs.Count - first);
                problems.Add(e);
            }
        }
        return runs;
    }

    private void PlanScenario(Campaign campaign, ScenarioSpec scenario, List<RunSpec> runs, HashSet<object> checkedOnce)
    {
            foreach (var point in scenario.Points)
            {
                CheckStackParameters(campaign, scenario, point);
                var settings = Bind(scenario, point);
                for (var replica = 0; replica < scenario.Replications; replica++)
                {
                    var seed = Campaign.RunSeed(campaign.Seed, scenario, replica);
                    foreach (var stack in scenario.Stacks)
                    {
                        var context = new PointContext(campaign, scenario, scenario.Parameters(point), Stack(campaign.Stacks[stack], scenario, point), seed, models, checkedOnce);
                        runs.Add(new RunSpec(runs.Count, scenario, point, stack, replica, seed, scenario.Kind.Resolve(settings, context)));
                    }
                }
            }
    }

    /// <summary>The point's scenario parameters bound onto its kind's defaults, in the order written (a point's values win over the fixed ones).</summary>
    private static object Bind(ScenarioSpec scenario, SweepPoint point)
    {
        var kind = scenario.Kind;
        var names = kind.Parameters.Names;
        var settings = kind.Defaults;
        foreach (var v in scenario.Parameters(point).Where(v => names.Contains(v.Name)))
        {
            try
            {
                settings = kind.Parameters.With(settings, v.Name, v.Value);
            }
            catch (ParameterException e)
            {
                throw PointContext.At(v, e.Message);
            }
        }
        return settings;
    }

    /// <summary>A stack.* parameter must apply to at least one of the scenario's stacks.</summary>
    private static void CheckStackParameters(Campaign campaign, ScenarioSpec scenario, SweepPoint point)
    {
        foreach (var v in StackValues(scenario, point))
            if (scenario.Stacks.All(s => !Applies(campaign.Stacks[s], v)))
                throw PointContext.At(v, $"applies to none of this scenario's stacks ({string.Join(", ", scenario.Stacks)})");
    }

    /// <summary>
    /// The stack with the point's stack.* values that exist on it (a native stack has no hypervisor, so hypervisor.* skips it),
    /// then the values named by one of its models (a sensitivity study's <c>linux.daemon_rate_per_second</c>).
    /// </summary>
    private IsolationStack Stack(IsolationStack stack, ScenarioSpec scenario, SweepPoint point)
    {
        var values = StackValues(scenario, point).ToList();
        var scoped = ModelValues(stack, scenario.Parameters(point)).ToList();
        foreach (var v in values.Where(v => Applies(stack, v))) stack = PointContext.Override(stack, v, "stack.", scenario);
        foreach (var v in scoped) stack = PointContext.Override(stack, v, "stack.", scenario);
        PointContext.Check(stack.Validate, scoped.LastOrDefault() ?? values.LastOrDefault(), scenario);
        return stack;
    }

    /// <summary>
    /// The values named by a model of the stack's — <c>kernel.path</c> for each role its kernel plays (primary, guest), <c>hypervisor.path</c>
    /// for its hypervisor — as the stack.* values they stand for: an uncertain property of Linux is the same wherever Linux runs.
    /// </summary>
    private IEnumerable<ParameterValue> ModelValues(IsolationStack stack, IEnumerable<ParameterValue> values)
    {
        foreach (var v in values)
        {
            var dot = v.Name.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0) continue;
            var (model, path) = (v.Name[..dot], v.Name[(dot + 1)..]);
            if (models.NodeKernels.Find(model) is null && models.Hypervisors.Find(model) is null) continue;
            foreach (var part in stack.Parts.Where(p => p.Name == model))
                yield return v with { Name = $"stack.{part.Role}.{path}", KeyPath = v.Path };
        }
    }

    private static IEnumerable<ParameterValue> StackValues(ScenarioSpec scenario, SweepPoint point) =>
        scenario.Parameters(point).Where(v => v.Name.StartsWith("stack.", StringComparison.Ordinal));

    /// <summary>Whether the stack.* parameter <paramref name="v"/> names reaches a parameter of <paramref name="stack"/>; a path no stack has is an error at it.</summary>
    private static bool Applies(IsolationStack stack, ParameterValue v)
    {
        try
        {
            return stack.Parameters.Reaches(stack, v.Name["stack.".Length..]);
        }
        catch (ParameterException e)
        {
            throw PointContext.At(v, e.Message);
        }
    }
}
