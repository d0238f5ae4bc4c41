using System.Runtime.InteropServices;
using NodeSim.Cli.Conventions;
using NodeSim.Reporting.Campaigns;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim version</c>: NodeSim's version, the commit it was built from, and the runtime (as <c>--version</c> prints the version alone).</summary>
public sealed class VersionCommand : Command<JsonSettings>
{
    public override int Execute(CommandContext context, JsonSettings settings, CancellationToken cancellationToken)
    {
        var (commit, dirty) = CampaignManifest.GitState();
        if (settings.Json)
        {
            Terminal.WriteJson(new { version = CampaignManifest.Version, git_commit = commit, git_dirty = dirty, runtime = RuntimeInformation.FrameworkDescription });
            return ExitCodes.Success;
        }
        var built = commit is null ? "not from a git checkout" : $"commit {commit[..Math.Min(12, commit.Length)]}{(dirty == true ? " with uncommitted changes" : "")}";
        Terminal.Out.MarkupLine(Terminal.Cell($"nodesim {CampaignManifest.Version} ({built}; {RuntimeInformation.FrameworkDescription})"));
        return ExitCodes.Success;
    }
}
