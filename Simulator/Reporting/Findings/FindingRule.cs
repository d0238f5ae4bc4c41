namespace NodeSim.Reporting.Findings;

/// <summary>
/// A question a campaign may answer, and how its answer is read from the data: a rule yields nothing when the campaign has
/// no data for it. Rules are registered objects (<see cref="CampaignFindings"/>): adding a question is a class and a line.
/// </summary>
public abstract class FindingRule
{
    /// <summary>The question, in a few words.</summary>
    public abstract string Question { get; }

    public abstract IEnumerable<Finding> Find(CampaignEvidence evidence);
}
