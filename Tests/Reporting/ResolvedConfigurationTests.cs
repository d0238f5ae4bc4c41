using System.IO.Compression;
using System.Text.Json;
using NodeSim.Reporting.Campaigns;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Reporting;

/// <summary>A run directory keeps the exact configuration: the campaign file as read, and every point's settings and model parameters as they ran.</summary>
public class ResolvedConfigurationTests
{
    private const string Campaign = """
        campaign: resolved
        seed: 5
        replications: 2
        scenarios:
          - name: ticks
            kind: job
            stacks: [native-linux, hafnium-kitten]
            profile: compute
            window_s: 0.5
            set: {stack.hypervisor.world_switch_cycles: 2500, interconnect.latency_seconds: 4e-6}
            sweep:
              stack.primary.tick_hz: [100, 1000]
        """;

    [Test]
    public void TheRunDirectoryKeepsTheCampaignFileAndEveryPointsResolvedParameters()
    {
        using var dir = new TempDir();
        var file = dir.File("resolved.yaml", Campaign);
        var output = Path.Combine(dir.Path, "out");
        var r = NodeSimInProcess.Run("run", file, "--out", output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(output, ResolvedConfiguration.CampaignCopy)), Is.EqualTo(File.ReadAllText(file)));
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(output, ResolvedConfiguration.FileName)), CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.That(points, Has.Count.EqualTo(2 * 2), "each point under each stack, once (replicas differ only in their seeds)");
        string Model(JsonElement p, string root, string path) => p.GetProperty("models").GetProperty(root).GetProperty(path).GetString()!;
        foreach (var p in points)
        {
            var tick = p.GetProperty("given").GetProperty("stack.primary.tick_hz").GetString();
            var stack = p.GetProperty("stack").GetString();
            Assert.Multiple(() =>
            {
                Assert.That(p.GetProperty("replica_seeds").GetArrayLength(), Is.EqualTo(2));
                Assert.That(p.GetProperty("settings").GetProperty("ranks").GetString(), Is.EqualTo("4"), "a setting the file leaves to its default");
                Assert.That(Model(p, "stack", "primary.tick_hz"), Is.EqualTo(tick), "the swept value, as it ran");
                Assert.That(Model(p, "interconnect", "latency_seconds"), Is.EqualTo("4e-6"), "a set: value of a model, as it ran");
                Assert.That(Model(p, "soc", "cores"), Is.EqualTo("4"), "a default, as it ran");
                Assert.That(p.GetProperty("models").GetProperty("stack").TryGetProperty("hypervisor.world_switch_cycles", out var ws) ? ws.GetString() : "none",
                    Is.EqualTo(stack == "hafnium-kitten" ? "2500" : "none"), "stack.hypervisor.* reaches only the stack with a hypervisor");
            });
        }
        // nodesim plot draws again and keeps them.
        Assert.That(NodeSimInProcess.Run("plot", output).ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(output, ResolvedConfiguration.FileName)));
    }
}
