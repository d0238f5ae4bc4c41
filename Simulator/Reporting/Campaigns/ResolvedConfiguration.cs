using System.IO.Compression;
using System.Text.Json;
using NodeSim.Engine;
using NodeSim.Files;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// What a run directory keeps of the exact configuration, as gem5's <c>config.json</c> does: <c>campaign.yaml</c>, a copy of
/// the campaign file as it was read, and <c>config.json.gz</c>, every scenario point under every stack with each setting and
/// every parameter of every model it ran after defaults, <c>set:</c> and the sweep (or a sensitivity study's sample), with
/// its replicas' seeds. Replicas differ only in their seeds, so each (scenario, point, stack) is listed once.
/// </summary>
public static class ResolvedConfiguration
{
    public const string FileName = "config.json.gz", CampaignCopy = "campaign.yaml";

    /// <summary>Writes both files into <paramref name="directory"/>, each atomically.</summary>
    public static void Write(IOutputDirectory directory, Campaign campaign)
    {
        directory.WriteText(CampaignCopy, w => w.Write(campaign.Text));
        var seeds = campaign.Runs.ToLookup(r => (r.Scenario.Name, r.Point.Index, r.Stack), r => r.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var points = campaign.Runs.Where(r => r.Replica == 0).Select(r => new
        {
            scenario = r.Scenario.Name,
            kind = r.Scenario.Kind.Name,
            point = r.Point.Index,
            stack = r.Stack,
            replica_seeds = seeds[(r.Scenario.Name, r.Point.Index, r.Stack)].ToList(),
            given = r.Parameters.ToDictionary(p => p.Key, p => p.Value),
            settings = r.Scenario.Kind.Parameters.Parameters.ToDictionary(p => p.Name,
                p => r.Parameters.FirstOrDefault(v => v.Key == p.Name).Value ?? p.Text(r.Scenario.Kind.Defaults)),
            models = r.Work.Models.ToDictionary(m => m.Root, m => m.Model.Parameters.All(m.Model).ToDictionary(x => x.Path, x => x.Parameter.Text(x.Owner))),
        });
        directory.Write(FileName, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            JsonSerializer.Serialize(gzip, new
            {
                campaign = campaign.Name, campaign_file = CampaignCopy, campaign_sha256 = campaign.Sha256, seed = campaign.Seed, reseed = campaign.Reseed,
                points,
            }, JsonFormat.Options);
        });
    }
}
