namespace NodeSim.Models.NodeKernels;

/// <summary>How a kernel maps application memory at stage 1.</summary>
/// <param name="HugePageFraction">Fraction of memory in 2 MB pages (Linux THP; Kitten maps everything in 2 MB pages).</param>
public sealed record PagePolicy(double HugePageFraction)
{
    public static readonly PagePolicy SmallPages = new(0);
    public static readonly PagePolicy HugePages = new(1);
}

/// <summary>
/// A node kernel as resource manager: its timer tick, its background noise, how quickly it re-runs
/// a vCPU after an exit, and how it maps memory. Costs are in cycles of the node's cores, times
/// in seconds. Every default's source is in <see cref="NodeKernelPresets"/>.
/// </summary>
/// <param name="Name">linux or kitten (or a composition's own name).</param>
/// <param name="TickHz">Periodic tick rate while a job runs.</param>
/// <param name="TickHandlerCycles">Cycles of one tick handler.</param>
/// <param name="PollutionCycles">Cycles the interrupted job later spends refilling caches and TLBs after each interruption by this kernel.</param>
/// <param name="DaemonRatePerSecond">Daemon/softirq activations per second per core (a Poisson process).</param>
/// <param name="DaemonMedianSeconds">Median daemon run (log-normal).</param>
/// <param name="DaemonLogSigma">σ of ln(daemon run).</param>
/// <param name="PreemptProbability">Probability that, after a forced exit, another runnable thread runs before the vCPU thread re-enters the VM.</param>
/// <param name="PreemptMedianSeconds">Median of that delay (log-normal).</param>
/// <param name="PreemptLogSigma">σ of ln(delay).</param>
/// <param name="IrqHandlerCycles">Cycles to handle one device interrupt.</param>
/// <param name="Pages">Stage-1 page policy for application memory.</param>
public sealed record NodeKernel(
    string Name,
    double TickHz,
    double TickHandlerCycles,
    double PollutionCycles,
    double DaemonRatePerSecond,
    double DaemonMedianSeconds,
    double DaemonLogSigma,
    double PreemptProbability,
    double PreemptMedianSeconds,
    double PreemptLogSigma,
    double IrqHandlerCycles,
    PagePolicy Pages)
{
    public void Validate()
    {
        foreach (var (name, v) in new[]
                 {
                     (nameof(TickHz), TickHz), (nameof(TickHandlerCycles), TickHandlerCycles), (nameof(PollutionCycles), PollutionCycles),
                     (nameof(DaemonRatePerSecond), DaemonRatePerSecond), (nameof(DaemonMedianSeconds), DaemonMedianSeconds),
                     (nameof(DaemonLogSigma), DaemonLogSigma), (nameof(PreemptMedianSeconds), PreemptMedianSeconds),
                     (nameof(PreemptLogSigma), PreemptLogSigma), (nameof(IrqHandlerCycles), IrqHandlerCycles),
                 })
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be a non-negative number");
        if (PreemptProbability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(PreemptProbability), PreemptProbability, "a probability lies in [0, 1]");
        if (Pages.HugePageFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Pages), Pages.HugePageFraction, "the huge-page fraction lies in [0, 1]");
    }
}

/// <summary>The built-in node kernels.</summary>
public static class NodeKernelPresets
{
    /// <summary>Linux (a full-weight kernel), as on the paper-era ARM boards. Each value's source is in <see cref="Sources"/>.</summary>
    public static readonly NodeKernel Linux = new(
        Name: "linux",
        TickHz: 250,
        TickHandlerCycles: 3_500,
        PollutionCycles: 3_500,
        DaemonRatePerSecond: 5,
        DaemonMedianSeconds: 30e-6,
        DaemonLogSigma: 1.0,
        PreemptProbability: 0.02,
        PreemptMedianSeconds: 50e-6,
        PreemptLogSigma: 1.0,
        IrqHandlerCycles: 5_000,
        Pages: PagePolicy.SmallPages);

    /// <summary>Kitten (a lightweight kernel). Each value's source is in <see cref="Sources"/>.</summary>
    public static readonly NodeKernel Kitten = new(
        Name: "kitten",
        TickHz: 1,
        TickHandlerCycles: 1_700,
        PollutionCycles: 1_700,
        DaemonRatePerSecond: 0,
        DaemonMedianSeconds: 30e-6,
        DaemonLogSigma: 1.0,
        PreemptProbability: 0,
        PreemptMedianSeconds: 50e-6,
        PreemptLogSigma: 1.0,
        IrqHandlerCycles: 2_000,
        Pages: PagePolicy.HugePages);

    public static IReadOnlyList<NodeKernel> All { get; } = [Linux, Kitten];

    /// <summary>Where each default comes from, by kernel and parameter (what <c>nodesim stacks</c> prints).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sources = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["linux"] = new Dictionary<string, string>
        {
            ["tick_hz"] = "design guide §3.2: CONFIG_HZ=250 on the paper-era boards, tick kept while busy",
            ["tick_handler_cycles"] = "design guide: a tick handler of a few µs (3,500 cycles ≈ 3 µs at 1.152 GHz)",
            ["pollution_cycles"] = "design guide: about as much again in cache/TLB pollution; with the handler, 0.6% at 1000 Hz (Tsafrir et al. 2007: 0.5–1.5%)",
            ["daemon_rate_per_second"] = "assumed: 5 activations per second per core (kworkers, RCU, softirqs)",
            ["daemon_median_seconds"] = "design guide: tens of µs median",
            ["daemon_log_sigma"] = "design guide: a tail to ~1 ms (σ = 1 puts the 99.9th percentile at ≈ 0.7 ms)",
            ["preempt_probability"] = "assumed: the vCPU loop is a CFS thread; 2% of re-entries find another thread runnable (design guide: it can be delayed)",
            ["preempt_median_seconds"] = "assumed: a typical kworker/softirq slice, 50 µs",
            ["irq_handler_cycles"] = "assumed: generic IRQ layer and a driver, ~4 µs",
            ["pages"] = "design guide: 4 KB pages by default (THP an option)",
        },
        ["kitten"] = new Dictionary<string, string>
        {
            ["tick_hz"] = "design guide §3.2: 1 Hz",
            ["tick_handler_cycles"] = "design guide: ~1–2 µs handler",
            ["pollution_cycles"] = "as Linux: about the handler's cost again",
            ["daemon_rate_per_second"] = "design guide: essentially no other noise",
            ["preempt_probability"] = "design guide: Kitten's vCPU thread re-enters at once unless a reschedule is pending",
            ["irq_handler_cycles"] = "assumed: a minimal IRQ path, ~1.7 µs",
            ["pages"] = "design guide: application memory physically contiguous in 2 MB pages, allocated up front",
        },
    };

    public static NodeKernel? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
