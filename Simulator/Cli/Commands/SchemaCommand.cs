using NodeSim.Files;
using NodeSim.Orchestration;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim schema</c>: the JSON Schema of campaign files, for editors (e.g. the YAML language server's <c># yaml-language-server: $schema=</c>).</summary>
public sealed class SchemaCommand(Registries registries) : Command<SchemaCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [System.ComponentModel.Description("Accepted like every command's --json: the schema is one JSON document either way.")]
        [CommandOption("--json")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Terminal.WriteResult(registries.Schema.JsonSchema().ToJsonString(JsonFormat.Options));
        return ExitCodes.Success;
    }
}
