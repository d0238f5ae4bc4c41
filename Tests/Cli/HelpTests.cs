using System.Text.RegularExpressions;

namespace NodeSim.Tests.Cli;

/// <summary>Help lists what the registries hold now, and never shows a placeholder it did not fill.</summary>
public partial class HelpTests
{
    private static readonly string[][] Commands =
    [
        ["run"], ["validate"], ["schema"], ["plot"], ["selfcheck"], ["trace", "info"], ["trace", "generate"], ["soc", "presets"], ["soc", "characterize"],
        ["stacks"], ["check"], ["baseline", "update"], ["params"], ["job"], ["replay"], ["edge"],
        ["bench", "kernel"], ["bench", "soc"], ["bench", "stacks"], ["bench", "replay"], ["bench", "job"], ["bench", "edge"], ["bench", "campaign"],
    ];

    private static IEnumerable<TestCaseData> Each() => Commands.Select(c => new TestCaseData((object)c).SetArgDisplayNames(string.Join(" ", c)));

    [GeneratedRegex(@"\{[a-z_.-]+\}")]
    private static partial Regex Placeholder();

    [TestCaseSource(nameof(Each))]
    public void HelpFillsEveryPlaceholder(string[] command)
    {
        var r = NodeSimInProcess.Run([.. command, "--help"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(Placeholder().Matches(r.Stdout).Select(m => m.Value), Is.Empty);
    }

    [Test]
    public void TheVersionIsPrintedByAnOptionAndByACommand()
    {
        var option = NodeSimInProcess.Run("--version");
        Assert.That(option.ExitCode, Is.Zero, option.Stderr);
        Assert.That(option.Stdout.Trim(), Is.EqualTo(NodeSim.Reporting.Campaigns.CampaignManifest.Version));
        var command = NodeSimInProcess.Run("version", "--json");
        Assert.That(command.ExitCode, Is.Zero, command.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(command.Stdout);
        Assert.That(json.RootElement.GetProperty("version").GetString(), Is.EqualTo(NodeSim.Reporting.Campaigns.CampaignManifest.Version));
        Assert.That(json.RootElement.GetProperty("runtime").GetString(), Does.StartWith(".NET"));
    }

    [Test]
    public void ListsAndDefaultsComeFromTheRegistries()
    {
        var job = NodeSimInProcess.Run("job", "--help").Stdout.ReplaceLineEndings(" ");
        Assert.That(Regex.Replace(job, @"\s+", " "), Does.Contain("The isolation stack: " + string.Join(", ", Contexts.Models.Stacks.Names.SkipLast(1)) + " or " + Contexts.Models.Stacks.Names[^1]));
        Assert.That(job, Does.Contain("(default 4)"), "a job scenario's ranks by default");
        var registries = NodeSim.Hosting.BuiltIns.Registries();
        registries.Models.Socs.Add(NodeSim.Models.Soc.SocPresets.PineA64Preset is var p ? new NodeSim.Models.Parameters.Preset<NodeSim.Models.Soc.SocPreset>(
            "pine-a64-x2", "a Pine A64 at twice the clock", p.Model with { FrequencyHz = 2 * p.Model.FrequencyHz }, p.Values().ToDictionary(v => v.Path, v => v.Source)) : null!);
        Assert.That(NodeSimInProcess.Run(registries, NodeSim.Files.AtomicFile.Disk, "job", "--help").Stdout, Does.Contain("pine-a64, rpi4 or pine-a64-x2"));
    }

    [GeneratedRegex(@"^(<[A-Z][A-Z0-9_]*(,\.\.\.)?>|\[[A-Z][A-Z0-9_]*\])$")]
    private static partial Regex ValueName();

    [Test]
    public void EveryOptionIsDescribedAndNamesItsValueInOneStyle()
    {
        // One style for what an option takes: <NAME> for a value, <NAME,...> for a comma-separated list, [NAME] for an optional argument.
        var settings = typeof(NodeSim.Hosting.BuiltIns).Assembly.GetTypes().Where(t => typeof(Spectre.Console.Cli.CommandSettings).IsAssignableFrom(t));
        // The templates as written: the attributes' constructor arguments (an argument's is its second).
        var options = settings.SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            .SelectMany(p => p.CustomAttributes
                .Where(a => a.AttributeType == typeof(Spectre.Console.Cli.CommandOptionAttribute) || a.AttributeType == typeof(Spectre.Console.Cli.CommandArgumentAttribute))
                .Select(a => (Property: p, Template: (string)a.ConstructorArguments.Last(x => x.ArgumentType == typeof(string)).Value!)))
            .ToList();
        Assert.That(options, Has.Count.GreaterThan(80));
        Assert.Multiple(() =>
        {
            foreach (var (property, template) in options)
            {
                var name = $"{property.DeclaringType!.Name}.{property.Name} ({template})";
                Assert.That(property.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), true), Is.Not.Empty, $"{name} is described");
                var value = template.Split(' ', 2) is [_, var v] ? v : template.StartsWith('-') ? null : template;
                if (value is not null) Assert.That(value, Does.Match(ValueName()), name);
            }
        });
    }
}
