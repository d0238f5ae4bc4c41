using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeSim.Tests.Docs;

/// <summary>
/// The README's commands run as written, and what it says about them holds: every <c>bash</c> block not marked <c>long</c> or
/// <c>cluster-only</c> runs line by line from the project root (as on a fresh clone, which CI is) and exits 0; every count of runs
/// it states is the count of the campaign file it names; every timing names the machine it was measured on.
/// </summary>
public partial class ReadmeCommandTests
{
    private static readonly string Root = ReadmeTests.Root;
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    [GeneratedRegex(@"^```bash([^\n]*)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();

    /// <summary>Each bash block's tags (after <c>bash</c>) and its command lines, comments stripped.</summary>
    private static IEnumerable<(string[] Tags, List<string> Commands)> Blocks() =>
        BashBlock().Matches(Readme).Select(m => (m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            m.Groups[2].Value.Split('\n').Select(l => TrailingComment().Replace(l, "").Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()));

    private static bool Skipped(string[] tags) => tags.Contains("long") || tags.Contains("cluster-only");

    [Test]
    public void EveryBashBlockNotMarkedLongOrClusterOnlyRunsAsWritten()
    {
        var ran = 0;
        Assert.Multiple(() =>
        {
            foreach (var (_, commands) in Blocks().Where(b => !Skipped(b.Tags)))
                foreach (var command in commands)
                {
                    // The test command is the one running this test.
                    if (command.StartsWith("dotnet test", StringComparison.Ordinal)) continue;
                    var (exit, stderr) = Bash(command);
                    Assert.That(exit, Is.Zero, $"{command}\n{stderr}");
                    Assert.That(stderr, Does.Not.Contain("error:"), command);
                    ran++;
                }
        });
        Assert.That(ran, Is.GreaterThanOrEqualTo(8), "the README's first steps ran");
    }

    [Test]
    public void TheLongBlocksCampaignFilesAtLeastValidate()
    {
        var files = Blocks().Where(b => b.Tags.Contains("long")).SelectMany(b => b.Commands)
            .Select(c => Regex.Match(c, @"^\./nodesim run (\S+\.yaml)")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files) Assert.That(Contexts.Loader.Load(Path.Combine(Root, file)).Runs, Is.Not.Empty, file);
    }

    [GeneratedRegex(@"(?<!at most )(?<!replica )\b(\d{1,3}(?:,\d{3})*|\d+) runs\b(?! per\b)(?! in parallel)")]
    private static partial Regex RunCount();

    [GeneratedRegex(@"Scenarios/[\w.-]+\.yaml|scenarios\.yaml|\bci\.yaml")]
    private static partial Regex CampaignFile();

    [Test]
    public void EveryCountOfRunsIsTheCountOfTheCampaignItNames()
    {
        var claims = 0;
        Assert.Multiple(() =>
        {
            foreach (var line in Readme.Split('\n'))
                foreach (Match count in RunCount().Matches(line))
                {
                    var named = CampaignFile().Matches(line[..count.Index]).LastOrDefault() ?? CampaignFile().Matches(line).FirstOrDefault();
                    Assert.That(named, Is.Not.Null, $"'{count.Value}' names no campaign file on its line: {line.Trim()}");
                    if (named is null) continue;
                    var file = named.Value == "ci.yaml" ? "Scenarios/ci.yaml" : named.Value;
                    var runs = Contexts.Loader.Load(Path.Combine(Root, file)).Runs.Count;
                    Assert.That(int.Parse(count.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), Is.EqualTo(runs),
                        $"{file} has {runs:N0} runs: {line.Trim()}");
                    claims++;
                }
        });
        Assert.That(claims, Is.GreaterThanOrEqualTo(2));
    }

    [GeneratedRegex(@"\b(about|in|takes?|took|gave|adds)\s+~?\d[\d.,½–-]*\s*(s|ms|min|minutes?|seconds?|h|hours?)\b")]
    private static partial Regex Timing();

    [GeneratedRegex(@"two cores|one core|2-core|one worker|two workers|vCPU")]
    private static partial Regex Machine();

    [Test]
    public void EveryTimingNamesTheMachineItWasMeasuredOn()
    {
        Assert.That(Readme, Does.Contain("Every timing in this README was measured on the machine CI runs on"));
        // Sentences of prose and of comments in command blocks; C# and YAML blocks state no timings.
        var text = Regex.Replace(Readme, @"```(csharp|yaml).*?```", "", RegexOptions.Singleline);
        var timed = Regex.Split(text, @"(?<=[.;!?])\s+|\n\n|\|").Where(s => Timing().IsMatch(s)).ToList();
        Assert.That(timed, Has.Count.GreaterThan(3));
        Assert.Multiple(() =>
        {
            foreach (var sentence in timed) Assert.That(Machine().IsMatch(sentence), Is.True, $"a timing without its machine: {sentence.Trim()}");
        });
    }

    private static (int Exit, string Stderr) Bash(string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 3 minutes");
        }
        return (process.ExitCode, stderr.Result);
    }
}
