using System.ComponentModel;
using System.Globalization;
using NodeSim.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Conventions;

/// <summary>The settings every <c>bench</c> command shares: how long to warm up before measuring.</summary>
public abstract class BenchSettings : JsonSettings
{
    [CommandOption("--warmup <SECONDS>")]
    [Description("Warm up each comparison for at least this long before measuring (JIT tiering settles in about 2 s). 0 gives a quick smoke run whose times are not representative.")]
    [DefaultValue(BenchmarkHarness.DefaultWarmupSeconds)]
    public double WarmupSeconds { get; init; } = BenchmarkHarness.DefaultWarmupSeconds;

    public sealed override ValidationResult Validate() =>
        WarmupSeconds >= 0 && double.IsFinite(WarmupSeconds) ? ValidateCommand()
        : ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--warmup must be a number of seconds, 0 or more (got {WarmupSeconds})"));

    /// <summary>The command's own checks of its settings.</summary>
    protected abstract ValidationResult ValidateCommand();
}
