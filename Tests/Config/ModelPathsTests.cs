using NodeSim.Config;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;

namespace NodeSim.Tests.Config;

public class ModelPathsTests
{
    [Test]
    public void SetsANestedParameterOnACopyAndLeavesThePresetAlone()
    {
        var stack = IsolationStack.BuiltIn.Single(s => s.Name == "hafnium-linux");
        var changed = ModelPaths.Set(stack, "primary.tick_hz", "1000");
        Assert.That(changed.Primary!.TickHz, Is.EqualTo(1000));
        Assert.That(stack.Primary!.TickHz, Is.Not.EqualTo(1000));
        Assert.That(changed.Hypervisor, Is.SameAs(stack.Hypervisor));
    }

    [Test]
    public void ParsesByteSizesForSocParameters()
    {
        var soc = ModelPaths.Set(SocPresets.PineA64, "l2.size_bytes", "1MiB");
        Assert.That(soc.L2.SizeBytes, Is.EqualTo(1 << 20));
        // Sizes may be named without their unit suffix, as in scenario files: soc.l2.size.
        Assert.That(ModelPaths.Set(SocPresets.PineA64, "l2.size", "256k").L2.SizeBytes, Is.EqualTo(256 << 10));
        var bad = Assert.Throws<ModelPathException>(() => ModelPaths.Set(SocPresets.PineA64, "l2.size", "big"))!;
        Assert.That(bad.Message, Does.Contain("'big' is not a size"));
    }

    [Test]
    public void UnknownSegmentsAndBadValuesSayWhatIsAccepted()
    {
        var stack = IsolationStack.BuiltIn.Single(s => s.Name == "native-linux");
        var unknown = Assert.Throws<ModelPathException>(() => ModelPaths.Set(stack, "primery.tick_hz", "100"))!;
        Assert.That(unknown.Message, Does.Contain("'primery' is not a parameter here (did you mean 'primary'?)"));
        var wrong = Assert.Throws<ModelPathException>(() => ModelPaths.Set(stack, "primary.tick_hz", "often"))!;
        Assert.That(wrong.Message, Does.Contain("expected a number"));
        var absent = Assert.Throws<ModelPathException>(() => ModelPaths.Set(stack, "hypervisor.world_switch_cycles", "2000"))!;
        Assert.That(absent.Message, Does.Contain("is absent on this stack"));
    }
}
