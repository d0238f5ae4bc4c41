using System.ComponentModel;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Conventions;

/// <summary>The settings of a command that prints results: <c>--json</c> for one machine-readable document.</summary>
public class JsonSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON document instead of tables.")]
    public bool Json { get; init; }
}
