using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Config;

/// <summary>
/// The corpus of broken campaign files in <c>Tests/Config/bad/</c>: each must be refused with its
/// exact message (file:line:column: key path: what is wrong; what is accepted), exit code 2, and
/// nothing written — by <c>validate</c> and by <c>run</c> alike.
/// </summary>
public class BadCampaignTests
{
    private static readonly string Corpus = Path.Combine(TestContext.CurrentContext.TestDirectory, "Config", "bad");

    public static IEnumerable<TestCaseData> Cases()
    {
        string[] stacks = ["ideal", "native-linux", "native-kitten", "hafnium-linux", "hafnium-kitten", "native-linux-tuned", "hafnium-linux-tuned", "hafnium-linux-linuxguest"];
        yield return new TestCaseData("unknown-key.yaml",
            "unknown-key.yaml:7:5: scenarios[0].stackz: unknown key 'stackz' (did you mean 'stacks'?); choose from: name, kind, description, stacks, compare_to, replications, profile, ranks, inject_noise, window_s, preset, interconnect, housekeeping, trace, nodes, policy, backfill, mix, estimate, cores, cores_per_request, load, rate_scale, queue_limit, set, sweep, sensitivity");
        yield return new TestCaseData("wrong-type.yaml", "wrong-type.yaml:2:15: replications: 'three' is not a whole number");
        yield return new TestCaseData("unknown-stack.yaml",
            $"unknown-stack.yaml:5:28: scenarios[0].stacks[1]: unknown value 'hafnium-kiten' (did you mean 'hafnium-kitten'?); choose from: {string.Join(", ", stacks)}");
        yield return new TestCaseData("unknown-preset.yaml",
            "unknown-preset.yaml:6:13: scenarios[0].preset: unknown value 'pine64' (did you mean 'pine-a64'?); choose from: pine-a64, rpi4");
        yield return new TestCaseData("unknown-profile.yaml",
            "unknown-profile.yaml:7:26: scenarios[0].sweep.profile: unknown profile 'gup' (did you mean 'gups'?); choose from: compute, stream, gups, stencil, bsp-allreduce, io");
        yield return new TestCaseData("empty-sweep.yaml", "empty-sweep.yaml:8:14: scenarios[0].sweep.ranks: the list of values is empty; give at least one value");
        yield return new TestCaseData("bad-range.yaml",
            "bad-range.yaml:8:45: scenarios[0].sweep.stack.hypervisor.world_switch_cycles: the range runs backwards (from 3000 to 1000); 'from' must not exceed 'to'");
        yield return new TestCaseData("missing-trace.yaml",
            $"missing-trace.yaml:6:12: scenarios[0].trace: trace 'traces/no-such-trace.swf': no such file (looked for {Path.Combine(Corpus, "traces", "no-such-trace.swf")})");
        yield return new TestCaseData("duplicate-name.yaml",
            "duplicate-name.yaml:7:11: scenarios[1].name: duplicate scenario name 'a' (first used on line 3); scenario names must be unique");
        yield return new TestCaseData("sanitised-clash.yaml",
            "sanitised-clash.yaml:7:11: scenarios[1].name: scenario names 'a b' and 'a/b' both become the file name 'a-b'; rename one");
        yield return new TestCaseData("out-of-range.yaml", "out-of-range.yaml:7:12: scenarios[0].ranks: 0 is below the minimum, 1");
        yield return new TestCaseData("model-parameter-outside-set.yaml",
            "model-parameter-outside-set.yaml:7:5: scenarios[0].stack.primary.tick_hzz: a model parameter goes under 'set:' (one value) or 'sweep:' (several), e.g. set: {stack.primary.tick_hzz: ...}");
        yield return new TestCaseData("unknown-model-path.yaml",
            "unknown-model-path.yaml:8:31: scenarios[0].set.stack.primary.tick_hzz: 'primary.tick_hzz': unknown node kernel parameter 'tick_hzz' (did you mean 'tick_hz'?); choose from: tick_hz, tick_handler_cycles, pollution_cycles, daemon_rate_per_second, daemon_median_seconds, daemon_log_sigma, irq_handler_cycles, net_tx_cycles, net_rx_cycles, housekeeping_cores, pages");
        yield return new TestCaseData("wrong-value-type.yaml",
            "wrong-value-type.yaml:8:30: scenarios[0].set.stack.primary.tick_hz: 'primary.tick_hz' = 'fast' is not valid; expected a number");
        // Limits, checked from the file before anything is built (CampaignLimits).
        yield return new TestCaseData("huge-sweep.yaml",
            "huge-sweep.yaml:8:7: scenarios[0].sweep: the sweep has 1,000,000,000 points (1,000 ranks × 1,000 window_s × 1,000 stack.primary.tick_hz); at most 100,000");
        yield return new TestCaseData("huge-replications.yaml", "huge-replications.yaml:2:15: replications: 10000000000 is above the maximum, 100000");
        yield return new TestCaseData("huge-range.yaml", "huge-range.yaml:2:87: scenarios[0].sweep.window_s: the range has 3,000,000,000 values; at most 100,000");
        yield return new TestCaseData("tiny-step.yaml", "tiny-step.yaml:2:87: scenarios[0].sweep.window_s: the range has 1E+300 values; at most 100,000");
        yield return new TestCaseData("deep-nesting.yaml", "deep-nesting.yaml:1:75: nested more than 64 levels deep; campaign files nest only a few levels");
        yield return new TestCaseData("too-many-runs.yaml", "too-many-runs.yaml: the campaign has 1,500,000 runs (points × replications × stacks); at most 1,000,000");
        yield return new TestCaseData("alias-bomb.yaml",
            "alias-bomb.yaml:2:19: the file expands to more than 1,000,000 values (anchors and aliases count at every use); a campaign is far smaller");
        // Model parameters outside their range (the parameter catalogue).
        yield return new TestCaseData("parameter-out-of-range.yaml",
            "parameter-out-of-range.yaml:7:49: scenarios[0].set.stack.hypervisor.world_switch_cycles: 'hypervisor.world_switch_cycles' = '1e300' is outside its range; expected 0 to 1e+7");
        yield return new TestCaseData("tick-out-of-range.yaml",
            "tick-out-of-range.yaml:7:42: scenarios[0].sweep.stack.primary.tick_hz: 'primary.tick_hz' = '1e12' is outside its range; expected 0 to 100000");
        // A comparison names one of the scenario's stacks, and there is another to compare with it.
        yield return new TestCaseData("compare-to-not-a-stack.yaml",
            "compare-to-not-a-stack.yaml:6:17: scenarios[0].compare_to: 'hafnium-linux' is not one of the scenario's stacks (native-kitten, hafnium-kitten); add it to stacks or compare to one of them");
        yield return new TestCaseData("compare-to-alone.yaml",
            "compare-to-alone.yaml:6:17: scenarios[0].compare_to: the scenario has one stack; list a second one to compare with it");
        yield return new TestCaseData("not-yaml.yaml", "not-yaml.yaml:5:1: not valid YAML (While parsing a flow sequence, did not find expected ',' or ']'.)");
    }

    // The corpus runs in-process (starting the program 30 times would be most of this suite's time),
    // so files are named by full path and each message starts with it; the test below starts the
    // program, in the corpus directory, as a user would.
    [TestCaseSource(nameof(Cases))]
    public void ValidateRefusesWithTheExactMessage(string file, string message)
    {
        var result = NodeSimInProcess.Run("validate", Path.Combine(Corpus, file));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stderr.TrimEnd(), Is.EqualTo("error: " + Path.Combine(Corpus, message)));
            Assert.That(result.Stdout, Is.Empty);
        });
    }

    [Test]
    public void TheProgramNamesTheFileAsTypedAndExitsWith2()
    {
        var result = NodeSimProcess.RunIn(Corpus, "validate", "unknown-preset.yaml");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.TrimEnd(), Is.EqualTo(
            "error: unknown-preset.yaml:6:13: scenarios[0].preset: unknown value 'pine64' (did you mean 'pine-a64'?); choose from: pine-a64, rpi4"));
        Assert.That(result.Stdout, Is.Empty);
    }

    [TestCaseSource(nameof(Cases))]
    public void RunRefusesAndWritesNothing(string file, string message)
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        var result = NodeSimInProcess.Run("run", Path.Combine(Corpus, file), "--out", output);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stderr.TrimEnd(), Is.EqualTo("error: " + Path.Combine(Corpus, message)));
            Assert.That(Directory.Exists(output), Is.False, "nothing may be written for a bad campaign");
            Assert.That(Directory.EnumerateFileSystemEntries(Corpus).Where(e => !e.EndsWith(".yaml", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void EveryProblemOfAFileIsReportedInOnePassEachOnItsOwnLine()
    {
        using var dir = new TempDir();
        var file = dir.File("typos.yaml", """
            campaign: typos
            scenarios:
              - name: a
                kind: job
                stacks: [hafnium-kiten]
                profile: compute
                rank: 16
              - name: b
                kind: job
                stacks: [native-linux]
                profile: gup
              - name: c
                kind: job
                stacks: [native-linux]
                profile: compute
                sweep:
                  stack.primary.tick_hzz: [100, 200]
              - name: fine
                kind: job
                stacks: [native-linux]
                profile: compute
            """);
        var result = NodeSimInProcess.Run("validate", file);
        var lines = result.Stderr.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(lines[0], Is.EqualTo("error: 4 problems:"));
            Assert.That(lines.Skip(1).Select(l => l[..(l.IndexOf(": ", l.IndexOf(".yaml:", StringComparison.Ordinal), StringComparison.Ordinal))]),
                Is.EqualTo(new[] { "5:14", "7:5", "11:14", "17:32" }.Select(at => $"  {file}:{at}")), "the schema's problems, then a scenario's own, in the file's order");
            Assert.That(lines[4], Does.Contain("unknown node kernel parameter 'tick_hzz' (did you mean 'tick_hz'?)"));
        });
    }

    [Test]
    public void EveryCorpusFileHasACase()
    {
        var covered = Cases().Select(c => (string)c.Arguments[0]!).ToHashSet();
        Assert.That(Directory.GetFiles(Corpus, "*.yaml").Select(Path.GetFileName), Is.EquivalentTo(covered));
    }
}

/// <summary>Refusals that come from the parameter catalogue, at validate time.</summary>
public class CatalogueRefusalTests
{
    private static string Refusal(string yaml) => Assert.Throws<UserInputException>(() => Contexts.Loader.Parse("c.yaml", yaml))!.Message;

    [Test]
    public void AValueOutsideItsRangeIsRefusedWhereItIsWritten() =>
        Assert.That(Refusal("""
            campaign: c
            scenarios:
              - name: a
                kind: job
                stacks: [hafnium-linux]
                profile: io
                set: {stack.primary.daemon_log_sigma: 5.5}
            """), Is.EqualTo("c.yaml:7:43: scenarios[0].set.stack.primary.daemon_log_sigma: 'primary.daemon_log_sigma' = '5.5' is outside its range; expected 0 to 5"));

    [Test]
    public void AParameterTheModelDoesNotUseCannotBeSwept() =>
        Assert.That(Refusal("""
            campaign: c
            scenarios:
              - name: a
                kind: job
                stacks: [native-linux]
                profile: io
                sweep: {soc.l1_i.size_bytes: [16k, 32k]}
            """), Does.StartWith("c.yaml:7:35: scenarios[0].sweep.soc.l1_i.size_bytes: cannot be swept: 'l1_i' is level-1 instruction cache (per core); not simulated"));
}

/// <summary>Issue 28's parameters: a communication the windows cannot run is refused where it is written, at validate time.</summary>
public class CommunicationRefusalTests
{
    private static string Refusal(string set, int ranks = 64, string profile = "bsp-allreduce") => Assert.Throws<UserInputException>(() => Contexts.Loader.Parse("c.yaml", $$"""
        campaign: c
        scenarios:
          - name: a
            kind: job
            stacks: [hafnium-kitten]
            profile: {{profile}}
            ranks: {{ranks}}
            set: {{{set}}}
        """))!.Message;

    [Test]
    public void AOneDimensionalHaloIsRefused() =>
        Assert.That(Refusal("profile.halo_dimensions: 1", profile: "stencil"), Does.StartWith("c.yaml:8:36: scenarios[0].set.profile.halo_dimensions: profile 'stencil': halo_dimensions = 1"));

    [Test]
    public void ARingOnMoreRanksThanAWindowCanRunIsRefusedAtTheRankCount() =>
        Assert.That(Refusal("profile.allreduce_algorithm: ring", ranks: 8192), Does.StartWith("c.yaml:7:12: scenarios[0].ranks: a ring allreduce on 8,192 ranks"));

    [Test]
    public void AnUnknownAlgorithmListsTheKnownOnes() =>
        Assert.That(Refusal("profile.allreduce_algorithm: rign"), Does.EndWith("expected one of auto, recursive-doubling, rabenseifner, binomial, ring, hierarchical"));

    [Test]
    public void HaloBytesWithoutAHaloAreRefused() =>
        Assert.That(Refusal("profile.halo_bytes: 4096"), Does.Contain("halo_bytes = 4096 with halo_dimensions = 0"));

    [Test]
    public void ACollectiveSpacingLongerThanAWindowCanRunIsRefused() =>
        Assert.That(Refusal("profile.collective_every: 100000", profile: "stencil"), Does.Contain("every 100,000 iterations, and a window runs whole periods of at most 20,000"));

    [Test]
    public void ADedicatedDriverCoreNeedsADriverVm() =>
        Assert.That(Refusal("stack.hypervisor.driver_vm_core: dedicated"), Does.Contain("driver_vm_core = dedicated needs io_ownership = driver-vm"));
}
