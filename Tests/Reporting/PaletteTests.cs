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
    public void EveryBuiltInStackHasItsOwnMarkerAndCampaignStacksTakeOnesOfTheScheme()
    {
        var looks = IsolationStack.BuiltIn.Select(s => Palette.StackLook(s.Name)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(looks.Select(l => l.Marker).Distinct().Count(), Is.EqualTo(looks.Count), "no two built-in stacks share a marker");
            Assert.That(Palette.StackLook("hafnium-kitten").Pattern, Is.EqualTo(ScottPlot.LinePattern.Solid), "stacks under Hafnium are solid");
            Assert.That(Palette.StackLook("native-kitten").Pattern, Is.EqualTo(ScottPlot.LinePattern.Dashed), "native stacks are dashed");
            Assert.That(Palette.BuiltInStacks.Values, Does.Contain(Palette.Stack("my-own-stack")), "a campaign's own stack takes a colour of the stacks' scheme, from its name");
            Assert.That(Palette.StackLook("my-own-stack"), Is.EqualTo(Palette.StackLook("my-own-" + "stack")), "the same name, the same look");
        });
    }
}
