using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Engine;

/// <summary>
/// One accounting of housekeeping cores for job windows and replays alike: a tuned stack's job either runs on more nodes or
/// spreads its work and runs longer, and either way both views report the same node-seconds for the same job.
/// </summary>
public class HousekeepingTests
{
    [TestCase("more_nodes", 22, 1.0)]
    [TestCase("spread", 16, 4 / 3.0)]
    public void AJobWindowAndAOneJobReplayReportTheSameNodeSeconds(string housekeeping, int nodes, double stretch)
    {
        // A job of 64 ranks: 16 Pine A64 nodes of 4 cores on the ideal machine; the tuned stack keeps one core per node.
        using var dir = new TempDir();
        var trace = dir.File("one.swf", "; Version: 2.2\n; MaxNodes: 64\n; MaxProcs: 256\n1 0 -1 100 64 -1 -1 64 100 -1 1 1 1 1 1 -1 -1 -1\n");
        string[] common = ["--stack", "native-linux-tuned", "--window", "0.5", "--seed", "7", "--housekeeping", housekeeping, "--json"];
        var job = NodeSimInProcess.Run(["job", "--profile", "compute", "--ranks", "64", .. common]);
        var replay = NodeSimInProcess.Run(["replay", "--trace", trace, "--mix", "compute", .. common]);
        Assert.That(job.ExitCode, Is.Zero, job.Stderr);
        Assert.That(replay.ExitCode, Is.Zero, replay.Stderr);
        var window = job.Json;
        var replayed = replay.Json.GetProperty("stacks")[0];
        Assert.That(window.GetProperty("nodes_used").GetInt32(), Is.EqualTo(nodes));
        var ratio = window.GetProperty("node_seconds_ratio").GetDouble();
        Assert.That(replayed.GetProperty("node_seconds_ratio").GetDouble(), Is.EqualTo(ratio).Within(1e-9).Percent,
            "the same job, the same node-seconds, in a window and in a replay");
        // The window's own slowdown is tiny (compute, no tick on application cores): the node-seconds are the nodes' trade.
        var factor = 1 + window.GetProperty("overhead_pct").GetDouble() / 100;
        Assert.That(ratio, Is.EqualTo(nodes * factor / 16.0).Within(1e-9).Percent);
        Assert.That(factor / stretch, Is.InRange(1.0, 1.001), "spread stretches the run by 4/3; more nodes does not");
    }

    [Test]
    public void AJobThatWantsMoreNodesThanTheClusterHasSpreadsOverThose()
    {
        var soc = SocPresets.PineA64;
        var placed = Placement.Of(HousekeepingAccounting.MoreNodes, 64, IsolationStack.NativeLinuxTuned, soc, maxNodes: 20);
        Assert.That(placed, Is.EqualTo(new Placement(20, 16, 22 / 20.0)));
        Assert.That(Placement.Of(HousekeepingAccounting.MoreNodes, 64, IsolationStack.NativeLinux, soc), Is.EqualTo(new Placement(16, 16, 1)),
            "a stack without housekeeping cores places a job as the ideal machine does");
    }

    [TestCase(2, 1, 1.0)]        // two ranks fit on a node's three application cores: nothing to spread
    [TestCase(3, 1, 1.0)]
    [TestCase(4, 1, 4 / 3.0)]    // a full node's four ranks on three cores
    [TestCase(6, 2, 1.0)]        // three ranks per node
    [TestCase(16, 4, 4 / 3.0)]
    public void SpreadStretchesOnlyTheRanksANodeCannotSeat(int ranks, int nodes, double stretch)
    {
        var placed = Placement.Of(HousekeepingAccounting.Spread, ranks, IsolationStack.NativeLinuxTuned, SocPresets.PineA64);
        Assert.That(placed.Nodes, Is.EqualTo(nodes));
        Assert.That(placed.Stretch, Is.EqualTo(stretch).Within(1e-12));
    }
}
