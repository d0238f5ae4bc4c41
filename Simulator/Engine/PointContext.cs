using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces.Sources;

namespace NodeSim.Engine;

/// <summary>
/// What a scenario kind resolves one point under one stack with: the run's seed and stack, the
/// models its values name with the point's overrides applied and checked, and errors placed where
/// the campaign file wrote the value they are about. The campaign loader provides it.
/// </summary>
public interface IPointContext
{
    /// <summary>The run's seed: shared by every stack of a point and replica.</summary>
    ulong Seed { get; }

    /// <summary>The stack, with the point's <c>stack.*</c> values set and checked.</summary>
    IsolationStack Stack { get; }

    /// <summary>The SoC preset named <paramref name="preset"/>, with the point's <c>soc.*</c> values set and checked.</summary>
    SocPreset Soc(string preset);

    /// <summary>The interconnect named <paramref name="name"/>, with the point's <c>interconnect.*</c> values set and checked.</summary>
    Interconnect Interconnect(string name);

    /// <summary>The profile named <paramref name="name"/>, with the point's <c>profile.*</c> values set and checked.</summary>
    JobProfile Profile(string name);

    /// <summary>The workload source <paramref name="spec"/> names: a generator, or a file relative to the campaign file, which must exist.</summary>
    WorkloadSource Trace(string spec);

    /// <summary>
    /// Runs <paramref name="check"/> once in the whole plan for each distinct <paramref name="key"/> (reading a trace through, say), so
    /// that what a run could not use is refused before anything runs; its <see cref="UserInputException"/> is reported at
    /// <paramref name="parameter"/>'s value.
    /// </summary>
    void CheckOnce(object key, Action check, string parameter);

    /// <summary>An error about the value of <paramref name="parameter"/>, placed at the file, line and column that wrote it.</summary>
    UserInputException Error(string parameter, string problem);
}
