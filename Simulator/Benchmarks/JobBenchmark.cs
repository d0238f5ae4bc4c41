using NodeSim.Engine;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Benchmarks;

/// <summary>
/// The job-window benchmark: event-level windows of the fine-grained bulk-synchronous code, against
/// a baseline run in the same process — generating the same cores' detours for the same simulated
/// time with no job to hold up — so the ratio is what the job model costs beyond its noise.
/// Events = detours.
/// </summary>
public static class JobBenchmark
{
    /// <summary>A window to time, by profile, stack, rank count and network.</summary>
    public sealed record Case(IsolationStack Stack, int Ranks, Interconnect Interconnect, JobProfile? Profile = null)
    {
        public JobProfile Job => Profile ?? JobProfiles.BspAllreduce;
        public JobExecutionRequest Request => new(Job, Stack, Ranks, SocPresets.PineA64, Interconnect: Interconnect);
    }

    private static readonly JobProfile Hierarchical = JobProfiles.BspAllreduce with { Allreduce = AllreduceAlgorithm.Hierarchical };

    /// <summary>
    /// The design guide's target (bsp-allreduce, hafnium-linux, 16,384 ranks × 2 s) on the default network (o &gt; 0) and on polled
    /// (o = 0), the cases around it — sparse noise at scale, dense noise mid-size, kernel TCP — and issue 28's: the halo profile
    /// and the hierarchical allreduce at 16,384 ranks, which the message-level window runs.
    /// </summary>
    public static readonly IReadOnlyList<Case> Cases =
    [
        new(IsolationStack.HafniumLinux, 16_384, Interconnects.Hpc),
        new(IsolationStack.HafniumLinux, 16_384, Interconnects.Polled),
        new(IsolationStack.NativeLinux, 16_384, Interconnects.Hpc),
        new(IsolationStack.HafniumKitten, 16_384, Interconnects.Hpc),
        new(IsolationStack.HafniumLinux, 1_024, Interconnects.Hpc),
        new(IsolationStack.HafniumLinux, 1_024, Interconnects.GigeTcp),
        new(IsolationStack.HafniumLinux, 16_384, Interconnects.Hpc, JobProfiles.Stencil),
        new(IsolationStack.HafniumLinux, 16_384, Interconnects.Hpc, Hierarchical),
    ];

    /// <summary>The window (fresh, nothing cached but the SoC characterisation) and the noise alone over the window's simulated time.</summary>
    public static IReadOnlyList<(string, Func<BenchRun>)> Ways(Case c, RunContext characterized)
    {
        var simulated = characterized.Job(c.Request).SimulatedSeconds;
        return
        [
            ("window", () =>
            {
                var r = JobExecution.Run(c.Request, new RunContext(characterizations: characterized.Characterizations));
                return new BenchRun((long)Math.Round(r.Rate(Counter.Detours) * r.SimulatedSeconds), r.SlowdownPct);
            }),
            ("noise alone", () => new BenchRun(JobExecution.NoiseAlone(c.Request, simulated), simulated)),
        ];
    }
}
