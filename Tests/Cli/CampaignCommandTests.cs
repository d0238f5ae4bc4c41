using System.Text.Json;
using NodeSim.Tests.Engine;
using Parquet;

namespace NodeSim.Tests.Cli;

/// <summary><c>nodesim run</c>, <c>validate</c>, <c>schema</c> and <c>plot</c> as a user runs them.</summary>
public class CampaignCommandTests
{
    private static string WriteCampaign(TempDir dir)
    {
        var file = Path.Combine(dir.Path, "campaign.yaml");
        File.WriteAllText(file, CampaignRunnerTests.Small);
        return file;
    }

    [Test]
    public void BenchCampaignComparesWorkersAgainstTheMachinesCeiling()
    {
        using var dir = new TempDir();
        // Two job runs and a replay: enough for both workers to have work, and quick.
        File.WriteAllText(Path.Combine(dir.Path, "campaign.yaml"), """
            campaign: bench test
            replications: 1
            scenarios:
              - name: noise
                kind: job
                stacks: [native-linux, hafnium-kitten]
                profile: bsp-allreduce
                ranks: 64
              - name: replay
                kind: replay
                stacks: [native-linux]
                trace: synthetic:hpc?jobs=100&nodes=8
            """);
        var r = NodeSimProcess.RunIn(dir.Path, "bench", "campaign", "campaign.yaml", "--runs", "1", "--warmup", "0", "--workers", "2", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var json = r.Json;
        Assert.That(json.GetProperty("same_results").GetBoolean(), Is.True, "1 and 2 workers must give the same metrics");
        Assert.That(json.GetProperty("runs").GetInt32(), Is.EqualTo(3));
        Assert.That(json.GetProperty("warmup_s").GetDouble(), Is.Zero);
        foreach (var key in new[] { "one_worker_median_s", "workers_median_s", "speed_up", "machine_ceiling", "efficiency_vs_ceiling" })
            Assert.That(json.GetProperty(key).GetDouble(), Is.GreaterThan(0), key);
        Assert.That(json.GetProperty("efficiency_vs_ceiling").GetDouble(),
            Is.EqualTo(json.GetProperty("speed_up").GetDouble() / json.GetProperty("machine_ceiling").GetDouble()).Within(1e-12));
        // Each measured run wrote into a temporary directory that is gone; nothing was left beside the campaign.
        Assert.That(Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "campaign.yaml" }));
    }

    [Test]
    public void RunWritesTablesPlotsSummaryAndManifestUnderASanitisedName()
    {
        using var dir = new TempDir();
        WriteCampaign(dir);
        var result = NodeSimProcess.RunIn(dir.Path, "run", "campaign.yaml", "--workers", "2", "--format", "parquet", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        // "small test/campaign" must not become a subdirectory "campaign" of "small test".
        var output = Path.Combine(dir.Path, "Results", "runs", "small-test-campaign");
        Assert.That(result.Json.GetProperty("directory").GetString(), Is.EqualTo(output));
        foreach (var file in new[] { "runs.csv", "summary.csv", "jobs.csv.gz", "runs.parquet", "summary.parquet", "jobs.parquet", "summary.md", "manifest.json" })
            Assert.That(File.Exists(Path.Combine(output, file)), Is.True, file);

        var runs = File.ReadAllLines(Path.Combine(output, "runs.csv"));
        Assert.That(runs, Has.Length.EqualTo(1 + 18));
        Assert.That(runs[0], Does.StartWith("run,key,scenario,kind,point,profile,ranks,stack.primary.tick_hz,trace,stack,replica,seed,overhead_pct,"));
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        Assert.That(summary[0], Is.EqualTo("scenario,kind,point,profile,ranks,stack.primary.tick_hz,trace,stack,metric,n,mean,sd,ci95_low,ci95_high,compare_to,pairs,difference,difference_ci95_low,difference_ci95_high,ratio,ratio_ci95_low,ratio_ci95_high"));
        Assert.That(summary.Count(l => l.Contains(",overhead_pct,2,", StringComparison.Ordinal)), Is.EqualTo(4 + 3));

        var parquet = ParquetReader.CreateAsync(Path.Combine(output, "runs.parquet")).GetAwaiter().GetResult();
        Assert.That(parquet.RowGroups[0].RowCount, Is.EqualTo(18));
        Assert.That(parquet.Schema.GetDataFields().Select(f => f.Name), Does.Contain("overhead_pct"));
        parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();

        var plots = result.Json.GetProperty("plots").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.That(plots, Does.Contain("plots/noise-vs-ranks-vs-ranks.png"));
        Assert.That(plots, Does.Contain("plots/tick-vs-tick_hz.png"));
        Assert.That(plots, Does.Contain("plots/replay-bsld-cdf.png"));
        Assert.That(plots, Does.Contain("plots/replay-timeline-native-linux.png"));
        foreach (var plot in plots)
        {
            var png = File.ReadAllBytes(Path.Combine(output, plot));
            Assert.That(png.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), plot);
            Assert.That(File.Exists(Path.Combine(output, Path.ChangeExtension(plot, ".svg"))), Is.True, plot);
        }
        var markdown = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(markdown, Does.Contain("## noise vs ranks (job)").And.Contain("![overhead against ranks](plots/noise-vs-ranks-vs-ranks.png)"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.That(manifest.RootElement.GetProperty("campaign_sha256").GetString(), Has.Length.EqualTo(64));
        Assert.That(manifest.RootElement.GetProperty("runs").GetInt32(), Is.EqualTo(18));
        Assert.That(manifest.RootElement.GetProperty("scenarios").GetArrayLength(), Is.EqualTo(3));
        Assert.That(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void PlotRedrawsFromTheResultDirectory()
    {
        using var dir = new TempDir();
        var file = WriteCampaign(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.That(NodeSimProcess.Run("run", file, "--out", output, "--workers", "2").ExitCode, Is.EqualTo(0));
        var plots = Directory.GetFiles(Path.Combine(output, "plots"), "*.png").Select(Path.GetFileName).Order().ToList();
        foreach (var png in Directory.GetFiles(Path.Combine(output, "plots"))) File.Delete(png);
        File.Delete(Path.Combine(output, "summary.md"));

        var result = NodeSimProcess.Run("plot", output, "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(Directory.GetFiles(Path.Combine(output, "plots"), "*.png").Select(Path.GetFileName).Order(), Is.EqualTo(plots));
        Assert.That(File.Exists(Path.Combine(output, "summary.md")), Is.True);
    }

    [Test]
    public void PlotOfADirectoryWithoutResultsIsBadInput()
    {
        using var dir = new TempDir();
        var result = NodeSimInProcess.Run("plot", dir.Path);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("not a NodeSim run directory (no .nodesim-run.json, and no manifest.json NodeSim wrote)"));
    }

    [Test]
    public void ValidateCountsRunsWithoutRunningThem()
    {
        using var dir = new TempDir();
        var file = WriteCampaign(dir);
        var result = NodeSimInProcess.Run("validate", file, "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Json.GetProperty("runs").GetInt32(), Is.EqualTo(18));
        Assert.That(result.Json.GetProperty("scenarios")[1].GetProperty("swept")[0].GetString(), Is.EqualTo("stack.primary.tick_hz"));
        Assert.That(Directory.GetFileSystemEntries(dir.Path), Has.Length.EqualTo(1), "validate writes nothing");
    }

    [Test]
    public void SchemaIsAJsonSchemaThatNamesTheStacksAndKinds()
    {
        var result = NodeSimInProcess.Run("schema");
        Assert.That(result.ExitCode, Is.EqualTo(0));
        var schema = result.Json;
        Assert.That(schema.GetProperty("$schema").GetString(), Does.Contain("json-schema.org"));
        var text = result.Stdout;
        Assert.That(text, Does.Contain("hafnium-kitten").And.Contain("\"replay\"").And.Contain("\"scenarios\""));
        Assert.That(NodeSimInProcess.Run("schema", "--json").Stdout, Is.EqualTo(text), "--json is accepted, as by every command");
    }

    [Test]
    public void TheDefaultCampaignIsValid()
    {
        var root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", ".."));
        var result = NodeSimProcess.RunIn(root, "validate", "scenarios.yaml", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var kinds = result.Json.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).Distinct();
        Assert.That(kinds, Is.EquivalentTo(new[] { "job", "replay", "edge", "sensitivity" }));
    }

    [Test]
    public void BadOptionsAreBadInput()
    {
        Assert.That(NodeSimInProcess.Run("run", "--workers", "0").ExitCode, Is.EqualTo(2));
        var format = NodeSimInProcess.Run("run", "--format", "xlsx");
        Assert.That(format.ExitCode, Is.EqualTo(2));
        Assert.That(format.Stderr, Does.Contain("choose csv or parquet"));
        using var dir = new TempDir();
        var missing = NodeSimProcess.RunIn(dir.Path, "run");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr.Trim(), Is.EqualTo("error: scenarios.yaml: no such file"));
    }
}
