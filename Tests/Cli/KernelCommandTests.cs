namespace NodeSim.Tests.Cli;

public class KernelCommandTests
{
    [Test]
    public void AnUnknownCommandPrintsTheHelpAndExitsWith2()
    {
        var r = NodeSimProcess.Run("frobnicate");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("Unknown command 'frobnicate'").And.Contain("USAGE:").And.Contain("selfcheck"));
        Assert.That(r.Stdout, Is.Empty);
    }

    [Test]
    public void AnUnknownOptionPrintsThatCommandsHelpAndExitsWith2()
    {
        var r = NodeSimProcess.Run("bench", "kernel", "--bogus");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("Unknown option 'bogus'").And.Contain("nodesim bench kernel [OPTIONS]"));
    }

    [Test]
    public void ABranchWithoutACommandOrWithBadSettingsExitsWith2()
    {
        Assert.That(NodeSimInProcess.Run("bench").ExitCode, Is.EqualTo(2));
        Assert.That(NodeSimInProcess.Run("selfcheck", "--replications", "1").Stderr, Does.Contain("--replications must be at least 2"));
        // Every bench command shares --warmup; a negative warm-up is refused before anything runs.
        foreach (var bench in new[] { "kernel", "soc", "stacks", "replay", "campaign", "job", "edge" })
        {
            var r = NodeSimInProcess.Run("bench", bench, "--warmup", "-1");
            Assert.That(r.ExitCode, Is.EqualTo(2), bench);
            Assert.That(r.Stderr, Does.Contain("--warmup must be a number of seconds, 0 or more (got -1)"), bench);
        }
    }

    [Test]
    public void HelpWorksForEveryCommand()
    {
        // Walk the command tree as a user would: each help's COMMANDS section names the next level.
        var pending = new Queue<string[]>([[]]);
        var seen = 0;
        while (pending.TryDequeue(out var path))
        {
            var r = NodeSimInProcess.Run([.. path, "--help"]);
            var label = string.Join(' ', path);
            Assert.That(r.ExitCode, Is.Zero, $"'{label} --help': {r.Stderr}");
            Assert.That(r.Stdout, Does.Contain("USAGE:"), label);
            Assert.That(r.Stderr, Does.Not.Contain("internal error"), label);
            seen++;
            foreach (var name in SubcommandNames(r.Stdout)) pending.Enqueue([.. path, name]);
        }
        Assert.That(seen, Is.GreaterThanOrEqualTo(20), "the root, its commands and the bench, soc and trace branches");
    }

    /// <summary>The command names listed under COMMANDS: in a help text (the first word of each indented line).</summary>
    private static IEnumerable<string> SubcommandNames(string help) =>
        help.Split('\n').SkipWhile(l => !l.StartsWith("COMMANDS:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0]);

    [Test]
    public void SelfcheckJsonIsOneDocumentWithTheDocumentedKeys()
    {
        var r = NodeSimProcess.Run("selfcheck", "--json", "--replications", "5", "--customers", "20000");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var checks = r.Json.GetProperty("checks");
        Assert.That(checks.GetArrayLength(), Is.EqualTo(10));
        foreach (var key in new[] { "name", "analytic", "simulated_mean", "ci_low", "ci_high", "pass" })
            Assert.That(checks[0].TryGetProperty(key, out _), Is.True, key);
        Assert.That(r.Json.GetProperty("pass").GetBoolean(), Is.True);
    }

    [Test]
    public void BenchKernelJsonReportsRatiosAndAllocations()
    {
        var r = NodeSimProcess.Run("bench", "kernel", "--json", "--runs", "1", "--warmup", "0", "--customers", "20000", "--processes", "100", "--timeouts", "20", "--operations", "20000");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Json.GetProperty("warmup_s").GetDouble(), Is.Zero);
        foreach (var model in new[] { "mmc", "timeouts" })
        {
            var m = r.Json.GetProperty(model);
            foreach (var key in new[] { "process_vs_bare", "callback_vs_bare", "callback_alloc_bytes_per_event", "process_alloc_bytes_per_event" })
                Assert.That(m.GetProperty(key).GetDouble(), Is.GreaterThanOrEqualTo(0), $"{model}.{key}");
            // The three ways compute the same result.
            var checksums = m.GetProperty("ways").EnumerateArray().Select(w => w.GetProperty("checksum").GetDouble()).Distinct();
            Assert.That(checksums.Count(), Is.EqualTo(1), model);
            // One ratio to the bare loop per measured round; the bare loop's are all 1.
            foreach (var way in m.GetProperty("ways").EnumerateArray())
            {
                var perRound = way.GetProperty("vs_bare_per_round").EnumerateArray().Select(x => x.GetDouble()).ToList();
                Assert.That(perRound, Has.Count.EqualTo(1), $"{model}.{way.GetProperty("way")}");
                if (way.GetProperty("way").GetString() == "bare") Assert.That(perRound, Is.All.EqualTo(1.0));
            }
        }
        // Primitives: what each puts through the queue, and that only events, processes and requests allocate.
        var primitives = r.Json.GetProperty("primitives").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        var expectedEntries = new Dictionary<string, double>
        {
            ["callback, due now"] = 1, ["callback, later"] = 1, ["process hold, due now"] = 1, ["process hold, later"] = 1,
            ["wait for a triggered event"] = 1, ["start and join a process"] = 2, ["request and release a resource"] = 1,
        };
        Assert.That(primitives.Keys, Is.EquivalentTo(expectedEntries.Keys));
        foreach (var (name, entries) in expectedEntries)
        {
            var p = primitives[name];
            Assert.That(p.GetProperty("entries_per_op").GetDouble(), Is.EqualTo(entries).Within(1e-3), name);
            Assert.That(p.GetProperty("ns_per_op").GetDouble(), Is.GreaterThan(0), name);
            var allocates = name is "wait for a triggered event" or "start and join a process" or "request and release a resource";
            Assert.That(p.GetProperty("alloc_bytes_per_op").GetDouble(), allocates ? Is.GreaterThan(8) : Is.LessThan(1), name);
        }
    }
}
