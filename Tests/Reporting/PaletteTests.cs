using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Reporting.Plots;

namespace NodeSim.Tests.Reporting;

/// <summary>Colours keyed by name: a stack or a cause wears the same colour in every plot of every campaign, and a cause never wears a stack's.</summary>
public class PaletteTests
{
    [Test]
    public void EveryBuiltInStackAndCauseHasItsOwnColourNeverAStacks()
    {
        var stacks = IsolationStack.BuiltIn.Select(s => Palette.Stack(s.Name)).ToList();
        var causes = OverheadCauses.All.Select(c => Palette.Part(OverheadCauses.Key(c))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(IsolationStack.BuiltIn.Select(s => s.Name), Is.SubsetOf(Palette.BuiltInStacks.Keys), "each built-in stack has its own colour");
            Assert.That(stacks.Distinct().Count(), Is.EqualTo(stacks.Count), "no two built-in stacks share a colour");
            Assert.That(OverheadCauses.All.Select(OverheadCauses.Key), Is.SubsetOf(Palette.BuiltInParts.Keys), "each cause has its own colour");
            Assert.That(causes.Distinct().Count(), Is.EqualTo(causes.Count), "no two causes share a colour");
            Assert.That(causes.Intersect(stacks), Is.Empty, "no cause wears a stack's colour");
            Assert.That(Palette.Part("world switches"), Is.EqualTo(Palette.Part("world_switches")), "a part by its label or its key");
        });
    }

    [Test]
    public void AColourDependsOnTheNameAloneNotOnTheCampaign()
    {
        // Two campaigns name their stacks in other orders: the colours follow the names.
        var one = new PlotStyle(null);
        var other = new PlotStyle(new Dictionary<string, string> { ["hafnium-kitten"] = "Kitten primary" });
        Assert.Multiple(() =>
        {
            Assert.That(one.Colour("hafnium-kitten"), Is.EqualTo(other.Colour("hafnium-kitten")));
            Assert.That(Palette.BuiltInStacks.Values, Does.Contain(Palette.Stack("my-own-stack")), "a campaign's own stack takes a colour of the stacks' scheme, from its name");
        });
    }
}
