using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NodeSim.Cli.Commands;
using NodeSim.Engine;
using NodeSim.Models.Parameters;
using NodeSim.Orchestration;

namespace NodeSim.Tests.Docs;

/// <summary>
/// The README states nothing about the registries and the catalogue that the program does not say:
/// its generated blocks (<c>&lt;!-- generated: NAME --&gt;</c>) are what the registries make of them
/// now, its stack names are registered stacks, and every C# block compiles against NodeSim. A block
/// that drifted is shown as it should read; <c>NODESIM_WRITE_README=1 dotnet test --filter ReadmeTests</c>
/// writes them all.
/// </summary>
public partial class ReadmeTests
{
    /// <summary>The project root: the directory above the tests that holds NodeSim.sln and README.md.</summary>
    internal static readonly string Root = FindRoot();
    private static readonly string ReadmePath = Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NodeSim.sln")) && File.Exists(Path.Combine(d.FullName, "README.md"))) return d.FullName;
        throw new InvalidOperationException("the project root (NodeSim.sln, README.md) is not above the test's directory");
    }

    /// <summary>Each generated block of the README, made from the built-in registries.</summary>
    public static IReadOnlyDictionary<string, string> Blocks(Registries r) => new Dictionary<string, string>
    {
        ["shipped"] = Shipped(r),
        ["kinds"] = Kinds(r),
        ["stacks"] = Stacks(r),
        ["parameter-counts"] = Counts(r),
    };

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Shipped(Registries r)
    {
        var m = r.Models;
        var b = new StringBuilder();
        void Line(string what, IEnumerable<string> names) => b.Append(CultureInfo.InvariantCulture, $"- {what}: {List(names)}\n");
        Line("node kernels", m.NodeKernels.Names);
        Line("hypervisors", m.Hypervisors.Names);
        Line("SoC presets", m.Socs.Names);
        Line("job profiles", m.Profiles.Names);
        Line("interconnects", m.Interconnects.Names);
        Line("queue policies", m.QueuePolicies.Names);
        Line("backfilling", m.Backfills.Names);
        Line($"stacks ({m.Stacks.All.Count})", m.Stacks.Names);
        Line("kinds of scenario", r.Kinds.Names);
        Line("plots", r.Plots.Names);
        Line("output tables", r.Tables.All.Select(t => t.CsvFile));
        Line("backends", r.Backends.Names);
        return b.ToString();
    }

    private static string Kinds(Registries r)
    {
        var b = new StringBuilder();
        foreach (var kind in r.Kinds.All)
        {
            b.Append(CultureInfo.InvariantCulture, $"`kind: {kind.Name}` — {kind.Description}; model roots {List(kind.ModelRoots.Select(x => x + ".*"))}; headline `{kind.Headline.Metric}`, {kind.Metrics.Count} metrics.\n\n");
            b.Append("| key | default | unit | range | what it is |\n|---|---|---|---|---|\n");
            foreach (var p in kind.Parameters.Parameters)
                b.Append(CultureInfo.InvariantCulture, $"| `{p.Name}` | {p.Text(kind.Defaults)} | {p.Unit} | {p.Range} | {p.Description} |\n");
            b.Append('\n');
        }
        return b.ToString().TrimEnd('\n') + "\n";
    }

    private static string Stacks(Registries r)
    {
        var b = new StringBuilder("| stack | primary (node resource manager) | hypervisor | guest | what it is |\n|---|---|---|---|---|\n");
        foreach (var s in r.Models.Stacks.All)
            b.Append(CultureInfo.InvariantCulture,
                $"| `{s.Name}` | {s.Primary?.Name ?? "–"} | {s.Hypervisor?.Name ?? "none"} | {(s.Hypervisor is null ? "–" : s.JobKernel!.Name)} | {s.Description} |\n");
        return b.ToString();
    }

    private static string Counts(Registries r)
    {
        var entries = ParamsCommand.Entries(r).ToList();
        int Of(SourceKind kind) => entries.Count(e => e.Source.Kind == kind);
        return string.Create(CultureInfo.InvariantCulture,
            $"{entries.Count} values, {Of(SourceKind.Cited)} cited, {Of(SourceKind.Assumed)} assumed and {Of(SourceKind.Setting)} settings of an experiment\n");
    }

    [GeneratedRegex(@"<!-- generated: (?<name>[a-z-]+) -->\n(?<body>.*?)<!-- end generated -->", RegexOptions.Singleline)]
    private static partial Regex Generated();

    [Test]
    public void EveryGeneratedBlockIsWhatTheRegistriesSayNow()
    {
        var readme = File.ReadAllText(ReadmePath);
        var blocks = Blocks(Contexts.BuiltIn);
        var found = Generated().Matches(readme).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);
        Assert.That(found.Keys, Is.EquivalentTo(blocks.Keys), "the README has each generated block once");
        if (Environment.GetEnvironmentVariable("NODESIM_WRITE_README") == "1")
        {
            File.WriteAllText(ReadmePath, Generated().Replace(readme, m => $"<!-- generated: {m.Groups["name"].Value} -->\n{blocks[m.Groups["name"].Value]}<!-- end generated -->"));
            return;
        }
        foreach (var (name, body) in blocks)
            Assert.That(found[name], Is.EqualTo(body), $"README.md's '{name}' block has drifted; it should read:\n{body}\n(NODESIM_WRITE_README=1 dotnet test --filter ReadmeTests writes it)");
    }

    [GeneratedRegex(@"`((?:native|hafnium)-[a-z0-9-]+|ideal)`")]
    private static partial Regex StackName();

    [GeneratedRegex(@"\bkind: ([a-z-]+)")]
    private static partial Regex KindName();

    [Test]
    public void EveryStackAndKindTheProseNamesIsRegistered()
    {
        var readme = File.ReadAllText(ReadmePath);
        var stacks = Contexts.Models.Stacks.Names.ToHashSet();
        foreach (var name in StackName().Matches(readme).Select(m => m.Groups[1].Value).Distinct())
            Assert.That(stacks, Does.Contain(name), $"README.md names a stack '{name}' that is not registered");
        // The worked example's kind is registered by the example itself; every other kind the README names is NodeSim's.
        var kinds = Contexts.BuiltIn.Kinds.Names.Append("noise-budget").ToHashSet();
        foreach (var name in KindName().Matches(readme).Select(m => m.Groups[1].Value).Distinct())
            Assert.That(kinds, Does.Contain(name), $"README.md names a kind '{name}' that is not registered");
    }

    [GeneratedRegex(@"^## (?<title>[^\n]+)$|^```csharp\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex SectionOrCode();

    /// <summary>The README's C# blocks by section: a section's blocks are one program (its types, and at most one block of statements).</summary>
    private static Dictionary<string, List<string>> CodeBySection()
    {
        var section = "";
        var sections = new Dictionary<string, List<string>>();
        foreach (Match m in SectionOrCode().Matches(File.ReadAllText(ReadmePath)))
        {
            if (m.Groups["title"].Success) section = m.Groups["title"].Value.Trim();
            else (sections.TryGetValue(section, out var list) ? list : sections[section] = []).Add(m.Groups["code"].Value);
        }
        return sections;
    }

    private static IEnumerable<string> CodeSections() => CodeBySection().Keys;

    [Test]
    public void TheReadmeHasCSharpToCompile() => Assert.That(CodeSections(), Is.SupersetOf(new[] { "Extending NodeSim", "The event kernel" }));

    [TestCaseSource(nameof(CodeSections))]
    public void EveryCSharpBlockCompilesAgainstNodeSim(string section)
    {
        var blocks = CodeBySection()[section];
        var implicitUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;");
        var trees = blocks.Select(code => CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))).Append(implicitUsings).ToList();
        var statements = trees.Any(t => t.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location))
            .Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("readme-" + section.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture), trees, references,
            new CSharpCompilationOptions(statements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // The worked example's blocks are the test assembly's own files: compiled again here, they would clash with the copies
        // already loaded, so the test assembly is not referenced.
        compilation = compilation.RemoveReferences(compilation.References.Where(r => r.Display?.EndsWith("NodeSim.Tests.dll", StringComparison.Ordinal) == true));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, $"README.md, section '{section}':\n{string.Join("\n", errors.Select(e => e.ToString()))}");
    }

    /// <summary>The worked example's blocks are the files the extension tests run, to the letter.</summary>
    [TestCase("Tests/Extensions/StaticPartitioner.cs")]
    [TestCase("Tests/Extensions/NoiseBudgetKind.cs")]
    [TestCase("Tests/Extensions/DetourRatePlot.cs")]
    public void TheWorkedExampleIsTheTestedCode(string file) =>
        Assert.That(File.ReadAllText(ReadmePath), Does.Contain($"```csharp\n// {file}\n{File.ReadAllText(Path.Combine(Root, file)).TrimEnd('\n')}\n```"));
}
