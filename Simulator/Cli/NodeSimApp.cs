using System.Globalization;
using NodeSim.Cli.Commands;
using NodeSim.Cli.Conventions;
using NodeSim.Files;
using NodeSim.Hosting;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli;

/// <summary>The <c>nodesim</c> command line: its commands, the services they are given, and how errors become exit codes.</summary>
public static class NodeSimApp
{
    /// <summary>The program: NodeSim's built-in registries, writing to the file system.</summary>
    public static int Run(string[] args) => Run(args, BuiltIns.Registries(), AtomicFile.Disk);

    /// <summary>
    /// The command line over <paramref name="registries"/> (an extension's or a test's own), writing files through
    /// <paramref name="files"/> (a test's stand-in for a full disk): every command is given both.
    /// </summary>
    public static int Run(string[] args, Registries registries, AtomicFile files)
    {
        var tracker = new ExecutionTracker();
        var app = Build(Terminal.Out, tracker, args, registries, files);
        var code = app.Run(args);
        // A branch named without a command (e.g. `nodesim bench`) prints its help and returns 1
        // without running anything: that is incomplete input, so exit 2.
        if (!tracker.Executed && code != ExitCodes.Success && code != ExitCodes.BadInput && code != ExitCodes.InternalError)
            return ExitCodes.BadInput;
        return code;
    }

    private static CommandApp Build(IAnsiConsole console, ExecutionTracker? tracker, string[] args, Registries registries, AtomicFile files)
    {
        var services = new TypeRegistrar();
        services.RegisterInstance(typeof(Registries), registries);
        services.RegisterInstance(typeof(AtomicFile), files);
        var app = new CommandApp(services);
        app.Configure(config =>
        {
            config.SetApplicationName("nodesim");
            config.SetApplicationVersion(Reporting.Campaigns.CampaignManifest.Version);
            config.SetHelpProvider(new RegistryHelpProvider(config.Settings, registries));
            config.Settings.Console = console;
            config.Settings.StrictParsing = true;
            if (tracker is not null) config.SetInterceptor(tracker);
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run a campaign (default: scenarios.yaml) in parallel: tables, plots and a summary in Results/runs/<campaign>/.");
            config.AddCommand<VersionCommand>("version")
                .WithDescription("Print NodeSim's version, the commit it was built from and the runtime (--version: the version alone).");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check a campaign file completely without running it.");
            config.AddCommand<SchemaCommand>("schema")
                .WithDescription("Print the JSON Schema of campaign files, for editors.");
            config.AddCommand<PlotCommand>("plot")
                .WithDescription("Draw a result directory's plots and summary.md again from its tables.");
            config.AddCommand<SelfCheckCommand>("selfcheck")
                .WithDescription("Validate the event kernel against queueing theory (M/M/1, M/M/c, M/D/1, Little's law, preemptive priority, Erlang-A).");
            config.AddBranch("trace", trace =>
            {
                trace.SetDescription("Inspect and generate workload traces.");
                trace.AddCommand<TraceInfoCommand>("info")
                    .WithDescription("Summarise a trace: header, counts, span, size / run-time / inter-arrival percentiles, offered load.");
                trace.AddCommand<TraceGenerateCommand>("generate")
                    .WithDescription("Write a generated workload: SWF for synthetic:hpc, CSV for synthetic:edge.");
            });
            config.AddBranch("noise", noise =>
            {
                noise.SetDescription("Measure, inspect and fit a machine's noise.");
                noise.AddCommand<NoiseProbeCommand>("probe")
                    .WithDescription("Measure this machine's noise per core (a pinned selfish-detour loop) into a trace.");
                noise.AddCommand<NoiseFitCommand>("fit")
                    .WithDescription("Fit the parametric noise model (tick, Poisson daemons) to a trace.");
                noise.AddCommand<NoiseShowCommand>("show")
                    .WithDescription("Summarise a noise trace: rates, durations, periodic parts.");
            });
            config.AddBranch("soc", soc =>
            {
                soc.SetDescription("The ARM64 SoC models: caches, TLBs, two-stage translation.");
                soc.AddCommand<SocPresetsCommand>("presets").WithDescription("List the SoC presets and every parameter.");
                soc.AddCommand<SocCharacterizeCommand>("characterize")
                    .WithDescription("Translation and cache cycles per access of a pattern, with or without stage 2.");
            });
            config.AddCommand<StacksCommand>("stacks")
                .WithDescription("List the isolation stacks, their parameters and the source of each.");
            config.AddCommand<CheckCommand>("check")
                .WithDescription("Check a run's summary against a committed baseline: what moved beyond its statistical band, worst first.");
            config.AddBranch("baseline", baseline =>
            {
                baseline.SetDescription("Committed reference numbers for CI regression.");
                baseline.AddCommand<BaselineUpdateCommand>("update")
                    .WithDescription("Rerun a campaign (default Scenarios/ci.yaml) and rewrite its baseline, saying what changed.");
            });
            config.AddCommand<ParamsCommand>("params")
                .WithDescription("List every model parameter: paths, unit, valid range, whether it can be swept, each preset's value and its source.");
            config.AddCommand<JobCommand>("job")
                .WithDescription("One job's slowdown under a stack, split by cause (the ledger), with its counters.");
            config.AddCommand<ReplayCommand>("replay")
                .WithDescription("Replay batch jobs on a cluster under a queue policy and backfilling; or the RLScheduler protocol.");
            config.AddCommand<EdgeCommand>("edge")
                .WithDescription("Serve edge requests on one node under each stack: latency percentiles and their ledger.");
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure NodeSim's performance against baselines run in the same process.");
                bench.AddCommand<BenchKernelCommand>("kernel")
                    .WithDescription("Event-kernel throughput: process and callback paths against a bare PriorityQueue loop, and the cost of each kernel primitive.");
                bench.AddCommand<BenchSocCommand>("soc")
                    .WithDescription("SoC-model throughput: accesses simulated per second through TLBs, walker and caches.");
                bench.AddCommand<BenchStacksCommand>("stacks")
                    .WithDescription("Replay under all isolation stacks; cost against the tick rate and the simulated duration.");
                bench.AddCommand<BenchReplayCommand>("replay")
                    .WithDescription("Cluster-replay throughput: a full trace under EASY, the RLScheduler protocol, 10k vs 100k jobs.");
                bench.AddCommand<BenchJobCommand>("job")
                    .WithDescription("Event-level job windows: cost per detour at 1,024 and 16,384 ranks, against generating the same noise alone.");
                bench.AddCommand<BenchEdgeCommand>("edge")
                    .WithDescription("Edge serving: requests per second through the full path, and a real trace under every stack.");
                bench.AddCommand<BenchCampaignCommand>("campaign")
                    .WithDescription("A campaign with one worker and with several: the speed-up, against the machine's own parallel ceiling.");
            });
            config.SetExceptionHandler((exception, _) => Report(exception, args, registries, files));
        });
        return app;
    }

    private static int Report(Exception exception, string[] args, Registries registries, AtomicFile files)
    {
        switch (exception)
        {
            case UserInputErrors several:
                Terminal.ErrorLines(several.Summary, several.Problems);
                return ExitCodes.BadInput;
            case UserInputException input:
                Terminal.ErrorLine(input.Message);
                return ExitCodes.BadInput;
            case OutOfMemoryException:
                Terminal.ErrorLine($"out of memory (this machine offers {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 20):N0} MiB): make the campaign or trace smaller, or run fewer --workers");
                return ExitCodes.BadInput;
            case IOException or UnauthorizedAccessException:
                // The environment, not NodeSim: a full disk, a permission, a file another program holds.
                Terminal.ErrorLine($"{exception.Message} (an input/output error; nothing half-written was left)");
                return ExitCodes.BadInput;
            case CommandAppException command:
                // Unknown command or option, missing or malformed value: say so, then show the help
                // of the deepest command that was recognised, on standard error.
                Terminal.ErrorLine(Reword(command.Message, args));
                Terminal.Note("");
                Build(Terminal.Error, null, [], registries, files).Run([.. KnownCommandPrefix(args), "--help"]);
                return ExitCodes.BadInput;
            default:
                Terminal.Error.MarkupLine("[red]internal error[/] (a defect in NodeSim; please report it with the command you ran):");
                Terminal.Error.WriteException(exception);
                return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Spectre.Console.Cli says "Failed to convert 'abc' to Nullable`1." for a value of the wrong type:
    /// name the option and what it takes instead.
    /// </summary>
    private static string Reword(string message, string[] args)
    {
        // Spectre.Console.Cli reads a lone "-" as an option without a name.
        if (message.StartsWith("Option does not have a name", StringComparison.Ordinal) && args.Contains("-"))
            return "'-' alone is neither an option nor a value here: write a value that starts with '-' as OPTION=VALUE (only `trace generate --out=-` means standard output; elsewhere '-' is a file's name)";
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Failed to convert '(?<value>.*)' to (?<type>[^.]*)\.?$");
        if (!m.Success) return message;
        var value = m.Groups["value"].Value;
        var option = args.Select((a, i) => a == value && i > 0 && args[i - 1].StartsWith("--", StringComparison.Ordinal) ? args[i - 1]
                : a.StartsWith("--", StringComparison.Ordinal) && a.EndsWith("=" + value, StringComparison.Ordinal) ? a[..a.IndexOf('=')] : null)
            .FirstOrDefault(o => o is not null);
        var type = m.Groups["type"].Value;
        // A whole number that does not fit is out of range, not "not a whole number".
        var range = type switch
        {
            "UInt64" => ("0", ulong.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
            "UInt32" => ("0", uint.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
            "Int32" => (int.MinValue.ToString("N0", CultureInfo.InvariantCulture), int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
            "Int64" => (long.MinValue.ToString("N0", CultureInfo.InvariantCulture), long.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
            _ => ((string, string)?)null,
        };
        var whole = System.Numerics.BigInteger.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
        var problem = whole && range is var (low, high) ? $"is out of range; expected a whole number from {low} to {high}"
            : whole ? $"is out of range; expected a {(number.Sign < 0 ? "larger" : "smaller")} whole number"
            : type is "Double" or "Single" ? "is not a number" : "is not a whole number";
        return option is null ? $"'{value}' {problem}" : $"{option}: '{value}' {problem}; see --help for what it takes";
    }

    /// <summary>The leading arguments that name commands (e.g. <c>bench kernel</c>), for showing the right help.</summary>
    private static IEnumerable<string> KnownCommandPrefix(string[] args)
    {
        string[][] commands = [["run"], ["version"], ["validate"], ["schema"], ["plot"], ["selfcheck"], ["trace", "info"], ["trace", "generate"], ["trace"], ["replay"], ["stacks"], ["params"], ["check"], ["baseline", "update"], ["baseline"], ["job"], ["edge"], ["soc", "presets"], ["soc", "characterize"], ["soc"], ["bench", "kernel"], ["bench", "replay"], ["bench", "soc"], ["bench", "stacks"], ["bench", "campaign"], ["bench", "job"], ["bench", "edge"], ["bench"]];
        return commands.FirstOrDefault(c => args.Length >= c.Length && c.SequenceEqual(args.Take(c.Length))) ?? [];
    }

    /// <summary>Records whether a command's Execute was reached.</summary>
    private sealed class ExecutionTracker : ICommandInterceptor
    {
        public bool Executed { get; private set; }

        public void Intercept(CommandContext context, CommandSettings settings) => Executed = true;
    }
}
