using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Engine;

/// <summary>What one run executes, with every model built: the stack and the SoC, and whatever else its kind of scenario needs.</summary>
public abstract record RunWork(IsolationStack Stack, SocPreset Soc)
{
    /// <summary>The job profiles the run executes, whose SoC characterisations a campaign makes before any run starts.</summary>
    public virtual IEnumerable<JobProfile> Profiles => [];

    /// <summary>Every model the run uses, by where a campaign sets it (stack, soc, interconnect, profile): what its resolved configuration lists.</summary>
    public virtual IEnumerable<(string Root, IParameterized Model)> Models =>
        [("stack", Stack), ("soc", Soc), .. Profiles.Select(p => ($"profile {p.Name}", (IParameterized)p))];
}
