using System.Globalization;
using System.Text.Json;
using NodeSim.Engine.Sensitivity;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Sensitivity;
using NodeSim.Reporting.Tables;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Sensitivity;

/// <summary>
/// <c>kind: sensitivity</c> end to end: the samples a study makes, the parameters it varies and where they reach, common random
/// numbers making a parameter that reaches neither stack of the contrast move it by exactly 0, and the refusals of bad studies.
/// </summary>
public class SensitivityStudyTests
{
    private const string Study = """
        campaign: study
        seed: 11
        replications: 1
        scenarios:
          - name: kitten-vs-linux
            kind: sensitivity
            stacks: [hafnium-linux, hafnium-kitten]
            compare_to: hafnium-kitten
            profile: bsp-allreduce
            ranks: 64
            window_s: 0.1
            interconnect: polled
            sensitivity:
              trajectories: 3
              vary: {hafnium.world_switch_cycles: catalogue, linux.daemon_log_sigma: [0.3, 1.5]}
        """;

    [Test]
    public void AStudyVariesEveryAssumedParameterWithARangeThatReachesItsStacksAndNamesKernelsByName()
    {
        var campaign = Contexts.Loader.Parse("study.yaml", Study);
        var scenario = campaign.Scenarios[0];
        var study = scenario.Sensitivity!.Studies.Single();
        var names = study.Parameters.Select(p => p.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("linux.daemon_rate_per_second").And.Contain("kitten.irq_handler_cycles").And.Contain("hafnium.ipi_cycles")
                .And.Contain("interconnect.latency_seconds").And.Contain("profile.collective_bytes"), "the assumed parameters with a range, each model's by its name");
            Assert.That(names, Does.Contain("hafnium.world_switch_cycles").And.Contain("linux.daemon_log_sigma"), "cited ones named under vary");
            Assert.That(names, Does.Not.Contain("linux.tick_hz"), "a cited parameter is not varied unless named");
            Assert.That(names.Where(n => n.StartsWith("linux-tuned.", StringComparison.Ordinal)), Is.Empty, "no stack of the study runs linux-tuned");
            Assert.That(study.Parameters.First(p => p.Name == "linux.daemon_rate_per_second"), Has.Property("LogScale").True, "1–50/s spans more than 10×");
            Assert.That(study.Parameters.First(p => p.Name == "linux.daemon_log_sigma").Low, Is.EqualTo(0.3));
            Assert.That(scenario.Points, Has.Count.EqualTo(3 * (names.Count + 1)), "Morris: r(k + 1) samples");
            Assert.That(campaign.Runs, Has.Count.EqualTo(2 * scenario.Points.Count));
        });
        // linux.* reaches Linux where it runs (the primary of hafnium-linux), never Kitten; kitten.* reaches both stacks' Kitten guest and hafnium-kitten's primary.
        var point = scenario.Points[0];
        var rate = double.Parse(point["linux.daemon_rate_per_second"]!, CultureInfo.InvariantCulture);
        var irq = double.Parse(point["kitten.irq_handler_cycles"]!, CultureInfo.InvariantCulture);
        var runs = campaign.Runs.Where(r => r.Point.Index == 0).ToDictionary(r => r.Stack, r => r.Work.Stack);
        Assert.Multiple(() =>
        {
            Assert.That(runs["hafnium-linux"].Primary!.DaemonRatePerSecond, Is.EqualTo(rate));
            Assert.That(runs["hafnium-kitten"].Primary!.DaemonRatePerSecond, Is.Zero, "Kitten keeps no daemons whatever Linux's rate");
            Assert.That(runs["hafnium-linux"].Guest!.IrqHandlerCycles, Is.EqualTo(irq));
            Assert.That(runs["hafnium-kitten"].Primary!.IrqHandlerCycles, Is.EqualTo(irq));
            Assert.That(runs["hafnium-linux"].Primary!.IrqHandlerCycles, Is.Not.EqualTo(irq), "Linux's handler is its own parameter");
        });
    }

    [Test]
    public void AParameterThatReachesNeitherStackMovesTheContrastByExactlyZeroAndTheDaemonsLead()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        const string scale = """
              - name: scale
                kind: job
                stacks: [hafnium-linux, hafnium-kitten]
                compare_to: hafnium-kitten
                profile: bsp-allreduce
                window_s: 0.1
                interconnect: polled
                sweep: {ranks: [16, 64]}
            """;
        var r = NodeSimInProcess.Run("run", dir.File("study.yaml", Study + "\n" + scale), "--out", output, "--workers", "2");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var manifest = CampaignManifest.Read(output);
        var summary = RunTables.ReadSummary(CsvTables.Read(File.OpenRead(Path.Combine(output, "summary.csv")), "summary.csv"));
        var study = SensitivityAnalysis.Of(manifest.Scenarios[0], summary, "overhead_pct").Single();
        var effect = study.Effects.ToDictionary(e => e.Parameter.Name, e => e.Morris);
        Assert.Multiple(() =>
        {
            // Kitten's daemon shape is unused while its daemon rate is 0: common random numbers leave every sample's contrast bit-identical.
            Assert.That(effect["kitten.daemon_median_seconds"].MuStar, Is.Zero);
            Assert.That(effect["kitten.daemon_log_sigma"].Sigma, Is.Zero);
            Assert.That(study.Effects[0].Parameter.Name, Is.EqualTo("linux.daemon_rate_per_second"), "Linux's daemons lead the Linux primary's loss");
            Assert.That(effect["linux.daemon_rate_per_second"].Mu, Is.GreaterThan(0), "more daemons, a larger loss");
            Assert.That(study.Contrast!.ShareAbove, Is.EqualTo(1.0), "the Linux primary loses more in every sample");
        });
        var markdown = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(markdown, Does.Contain("### hafnium-linux against hafnium-kitten").And.Contain("| linux.daemon_rate_per_second | 1.00–50.0 1/s, log |"));
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json")));
        var finding = findings.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("question").GetString() == "Kitten against Linux as Hafnium's primary");
        Assert.That(finding.GetProperty("robustness").GetString(), Is.EqualTo("robust"), "the study kept the sign in every sample");
        Assert.That(finding.GetProperty("statement").GetString(), Does.StartWith("At 64 ranks, bsp-allreduce on polled ('scale')"));
        Assert.That(markdown.IndexOf("## Findings", StringComparison.Ordinal), Is.LessThan(markdown.IndexOf("## kitten-vs-linux", StringComparison.Ordinal)), "findings first");
        Assert.That(Directory.GetFiles(Path.Combine(output, "plots"), "*morris*.png"), Has.Length.EqualTo(1));
    }

    [Test]
    public void SobolIndicesOfTheNamedParametersComeFromSaltellisSamples()
    {
        var yaml = Study.Replace("      vary: {hafnium.world_switch_cycles: catalogue, linux.daemon_log_sigma: [0.3, 1.5]}",
            "      assumed: false\n      vary: {linux.daemon_rate_per_second: catalogue, kitten.daemon_median_seconds: catalogue}\n      sobol: {parameters: [linux.daemon_rate_per_second, kitten.daemon_median_seconds], samples: 16}");
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = NodeSimInProcess.Run("run", dir.File("sobol.yaml", yaml), "--out", output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var manifest = CampaignManifest.Read(output);
        Assert.That(manifest.Scenarios[0].Points, Is.EqualTo(3 * 3 + 16 * 4), "Morris r(k + 1), then Saltelli N(m + 2)");
        var summary = RunTables.ReadSummary(CsvTables.Read(File.OpenRead(Path.Combine(output, "summary.csv")), "summary.csv"));
        var study = SensitivityAnalysis.Of(manifest.Scenarios[0], summary, "overhead_pct").Single();
        var sobol = study.Effects.ToDictionary(e => e.Parameter.Name, e => e.Sobol!);
        Assert.Multiple(() =>
        {
            Assert.That(sobol["kitten.daemon_median_seconds"].First, Is.Zero, "unused: no first-order index");
            Assert.That(sobol["kitten.daemon_median_seconds"].Total, Is.Zero, "unused: no total index");
            Assert.That(sobol["linux.daemon_rate_per_second"].Total, Is.GreaterThan(0.9), "the one parameter that acts carries the variance");
            Assert.That(study.Over, Does.Contain("Morris"), "the box is where every parameter moves, not Saltelli's rows that move two");
        });
    }

    public static IEnumerable<TestCaseData> BadStudies()
    {
        yield return new TestCaseData(Study.Replace("    kind: sensitivity", "    kind: job"), "study.yaml:14:7: scenarios[0].sensitivity: applies to sensitivity scenarios only; this one is of kind job");
        yield return new TestCaseData(Study.Replace("    compare_to: hafnium-kitten\n", ""),
            "study.yaml:5:5: scenarios[0]: a sensitivity study compares each stack with the compare_to stack; name it (e.g. compare_to: hafnium-kitten)");
        yield return new TestCaseData(Study.Replace("hafnium.world_switch_cycles: catalogue", "hafnium.world_switch_cycle: catalogue"),
            "study.yaml:15:14: scenarios[0].sensitivity.vary.hafnium.world_switch_cycle: unknown parameter reaching this scenario's stacks, interconnect, profile or SoC 'hafnium.world_switch_cycle' (did you mean 'hafnium.world_switch_cycles'?)");
        yield return new TestCaseData(Study.Replace("[0.3, 1.5]", "[1.5, 0.3]"),
            "study.yaml:15:78: scenarios[0].sensitivity.vary.linux.daemon_log_sigma: the range [1.5, 0.3] is empty; low must be below high");
        yield return new TestCaseData(Study.Replace("linux.daemon_log_sigma: [0.3, 1.5]", "linux.tick_hz: catalogue"),
            "study.yaml:15:69: scenarios[0].sensitivity.vary.linux.tick_hz: the catalogue gives no plausible range for it; give one as [low, high]");
        yield return new TestCaseData(Study.Replace("[0.3, 1.5]", "[-1, 1.5]"),
            "study.yaml:15:78: scenarios[0].sensitivity.vary.linux.daemon_log_sigma: the range leaves the parameter's valid values (0 to 5)");
        yield return new TestCaseData(Study.Replace("trajectories: 3", "trajectories: 3\n      levels: 5"),
            "study.yaml:15:15: scenarios[0].sensitivity.levels: 5 levels: Morris's grid takes an even number");
        yield return new TestCaseData(Study.Replace("trajectories: 3", "trajectories: 3\n      sobol: {parameters: [linux.tick_hz]}"),
            "study.yaml:15:28: scenarios[0].sensitivity.sobol.parameters: unknown varied parameter 'linux.tick_hz'");
        yield return new TestCaseData(Study.Replace("trajectories: 3", "trajectories: 1"), "study.yaml:14:21: scenarios[0].sensitivity.trajectories: 1 is below the minimum, 2");
        yield return new TestCaseData(Study.Replace("    interconnect: polled\n", "    interconnect: polled\n    set: {stack.hypervisor.world_switch_cycles: 1500}\n"),
            "study.yaml:16:14: scenarios[0].sensitivity.vary.hafnium.world_switch_cycles: the scenario sets or sweeps stack.hypervisor.world_switch_cycles; a study cannot also vary it (drop one of the two)");
        yield return new TestCaseData(Study.Replace("linux.daemon_log_sigma: [0.3, 1.5]", "linux.housekeeping_cores: [0, 0.4]"),
            "study.yaml:15:80: scenarios[0].sensitivity.vary.linux.housekeeping_cores: takes whole values, and the range rounds to one (0); widen it");
    }

    [TestCaseSource(nameof(BadStudies))]
    public void ABadStudyIsRefusedWhereItIsWritten(string yaml, string expected)
    {
        using var dir = new TempDir();
        var r = NodeSimInProcess.Run("validate", dir.File("study.yaml", yaml));
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr.Replace(dir.Path + Path.DirectorySeparatorChar, ""), Does.Contain(expected));
    }
}
