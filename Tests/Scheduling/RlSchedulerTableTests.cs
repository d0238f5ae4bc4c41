using NodeSim.Engine;
using NodeSim.Models.Scheduling;

namespace NodeSim.Tests.Scheduling;

/// <summary>
/// The batch layer reproduces a result nobody here wrote: the RLScheduler (SC'20) heuristic table
/// for Lublin-1, to the printed digits, and every per-window value (../shared/traces/README.md).
/// </summary>
public class RlSchedulerTableTests
{
    private static BatchWorkload? _workload;

    private static BatchWorkload Workload() => _workload ??= RlSchedulerProtocol.Load(SharedTraces.Require("lublin_256.swf.gz"));

    [TestCase("fcfs", "none", 7273.77, 0.657, new[] { 6862.2636, 7034.4524, 9090.8359, 5405.4992, 7847.3679, 6366.9808, 7655.8118, 7535.1375, 10071.4184, 4867.9461 })]
    [TestCase("fcfs", "greedy", 235.82, 0.868, new[] { 163.7064, 263.5015, 247.5442, 128.5666, 261.4151, 239.8149, 192.0727, 358.8134, 297.7758, 204.9624 })]
    [TestCase("sjf", "none", 277.35, 0.762, new[] { 204.2585, 251.4177, 214.3197, 169.6855, 297.4313, 245.2995, 496.1384, 229.8970, 235.6777, 429.3581 })]
    [TestCase("sjf", "greedy", 73.31, 0.778, new[] { 69.8702, 55.1664, 63.9986, 34.9624, 113.9503, 49.1944, 93.0431, 121.1911, 59.5405, 72.1479 })]
    [TestCase("f1", "none", 258.37, 0.816, new[] { 266.7345, 159.0794, 156.8168, 206.0170, 376.3815, 161.3280, 423.6620, 217.1966, 349.4093, 267.0386 })]
    [TestCase("f1", "greedy", 75.07, 0.840, new[] { 66.7545, 32.5279, 45.2283, 51.0836, 161.9004, 32.7405, 95.4300, 33.9901, 95.0369, 135.9893 })]
    public void ReproducesThePublishedLublin1Table(string policy, string backfill, double bsld, double utilization, double[] windows)
    {
        var result = RlSchedulerProtocol.Run(Workload(), Contexts.Models.QueuePolicies.Get(policy), Contexts.Models.Backfills.Get(backfill));
        Assert.That(Math.Round(result.MeanBsld, 2), Is.EqualTo(bsld));
        Assert.That(Math.Round(result.MeanUtilization, 3), Is.EqualTo(utilization));
        Assert.That(result.Windows.Select(w => Math.Round(w.MeanBsld, 4)), Is.EqualTo(windows));
        Assert.That(result.Windows.Select(w => w.Start), Is.EqualTo(RlSchedulerProtocol.WindowStarts));
    }

    [Test]
    public void TheGreedyRuleMattersAtThisPrecision()
    {
        // EASY is a different rule: its table differs, so the exact match above is not an accident of the trace.
        var easy = RlSchedulerProtocol.Run(Workload(), new QueuePolicies.Fcfs(), new EasyBackfill());
        Assert.That(Math.Round(easy.MeanBsld, 2), Is.Not.EqualTo(235.82));
    }
}
