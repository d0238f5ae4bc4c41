using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Models;

/// <summary>The parameter catalogue: binding by dotted path (an allow-list), ranges, sources, and the "unknown name" wording.</summary>
public class ParameterCatalogueTests
{
    private static T Set<T>(T model, string path, string text) where T : class, IParameterized => model.Parameters.With(model, path, text);

    [Test]
    public void SetsANestedParameterOnACopyAndLeavesThePresetAlone()
    {
        var stack = IsolationStack.HafniumLinux;
        var changed = Set(stack, "primary.tick_hz", "1000");
        Assert.That(changed.Primary!.TickHz, Is.EqualTo(1000));
        Assert.That(stack.Primary!.TickHz, Is.EqualTo(250));
        Assert.That(changed.Hypervisor, Is.SameAs(stack.Hypervisor));
        Assert.That(Set(stack, "guest.pages.huge_page_fraction", "0").JobKernel!.Pages.HugePageFraction, Is.Zero);
        Assert.That(((Hafnium)Set(stack, "hypervisor.stage2", "4k").Hypervisor!).Stage2, Is.EqualTo(Stage2Mode.Pages4K));
    }

    [Test]
    public void ParsesByteSizesAndAcceptsTheSizeWithoutItsSuffix()
    {
        Assert.That(Set(SocPresets.PineA64, "l2.size_bytes", "1MiB").L2.SizeBytes, Is.EqualTo(1 << 20));
        Assert.That(Set(SocPresets.PineA64, "l2.size", "256k").L2.SizeBytes, Is.EqualTo(256 << 10));
        Assert.That(Set(JobProfiles.Gups, "working_set_bytes_per_rank", "1GiB").WorkingSetBytesPerRank, Is.EqualTo(1L << 30));
        var bad = Assert.Throws<ParameterException>(() => Set(SocPresets.PineA64, "l2.size", "big"))!;
        Assert.That(bad.Message, Does.Contain("'big' is not a size"));
    }

    [Test]
    public void UnknownNamesBadValuesAndAbsentGroupsSayWhatIsAccepted()
    {
        var native = IsolationStack.NativeLinux;
        var unknown = Assert.Throws<ParameterException>(() => Set(native, "primery.tick_hz", "100"))!;
        Assert.That(unknown.Message, Is.EqualTo("'primery.tick_hz': unknown stack parameter 'primery' (did you mean 'primary'?); choose from: primary, hypervisor, guest"));
        Assert.That(Assert.Throws<ParameterException>(() => Set(native, "primary.tick_hz", "often"))!.Message, Does.Contain("expected a number"));
        Assert.That(Assert.Throws<ParameterException>(() => Set(native, "primary", "5"))!.Message, Does.Contain("is a group of parameters"));
        Assert.That(Assert.Throws<ParameterException>(() => Set(native, "primary.tick_hz.x", "5"))!.Message, Does.Contain("is a value, not a group"));
        var absent = Assert.Throws<ParameterException>(() => Set(native, "hypervisor.world_switch_cycles", "2000"))!;
        Assert.That(absent.Message, Is.EqualTo("'hypervisor.world_switch_cycles': 'hypervisor' is absent here (the hypervisor; a native stack has none)"));
        // Whether a path reaches a parameter is a question, not an exception, where the group is merely absent; a name that is nowhere is an error.
        Assert.That(native.Parameters.Reaches(native, "hypervisor.world_switch_cycles"), Is.False);
        Assert.That(native.Parameters.Reaches(native, "primary.tick_hz"), Is.True);
        Assert.That(Assert.Throws<ParameterException>(() => native.Parameters.Reaches(native, "primery.tick_hz"))!.Message, Is.EqualTo(unknown.Message));
    }

    [Test]
    public void ValuesOutsideTheirRangeAreRefusedWhenSetAndWhenChecked()
    {
        var e = Assert.Throws<ParameterException>(() => Set(IsolationStack.HafniumLinux, "primary.daemon_log_sigma", "6"))!;
        Assert.That(e.Message, Is.EqualTo("'primary.daemon_log_sigma' = '6' is outside its range; expected 0 to 5"));
        Assert.Throws<ParameterException>(() => Set(SocPresets.PineA64, "cores", "0"));
        Assert.Throws<ParameterException>(() => Set(IsolationStack.HafniumKitten, "hypervisor.stage2", "off"));
        Assert.That(() => (NodeKernelPresets.Linux with { TickHz = -1 }).Validate(), Throws.TypeOf<ParameterException>().With.Message.Contains("tick_hz"));
        var cache = Assert.Throws<ParameterException>(() => Set(SocPresets.PineA64, "l2.ways", "32"))!;
        Assert.That(cache.Message, Is.EqualTo("'l2.ways' = '32' is outside its range; expected 1 to 16"));
        Assert.That(() => Set(SocPresets.PineA64, "l2.ways", "12").Validate(), Throws.TypeOf<ParameterException>().With.Message.StartWith("l2: size must be ways × line"));
    }

    [Test]
    public void TheMailboxCopyCostHasItsReadableName()
    {
        var h = (Hafnium)Set(IsolationStack.HafniumKitten, "hypervisor.mailbox_copy_cycles_per_kib", "600").Hypervisor!;
        Assert.That(h.MailboxCopyCyclesPerKiB, Is.EqualTo(600));
        Assert.Throws<ParameterException>(() => Set(IsolationStack.HafniumKitten, "hypervisor.mailbox_copy_cycles_per_ki_b", "600"));
    }

    [Test]
    public void EveryParameterOfEveryPresetHasAUnitARangeAndASource()
    {
        var entries = Contexts.Models.Entries().ToList();
        Assert.That(entries.Select(e => e.Model).Distinct(), Is.EquivalentTo(new[] { "node kernel", "hypervisor", "SoC", "profile", "interconnect" }));
        Assert.That(entries, Has.Count.GreaterThan(100));
        foreach (var e in entries)
        {
            Assert.That(e.Source.Text, Is.Not.Empty, $"{e.Preset}: {e.Parameter.Name}");
            Assert.That(e.Parameter.Description, Is.Not.Empty, $"{e.Preset}: {e.Parameter.Name}");
            if (e.Parameter.Kind != ValueKind.Choice) Assert.That(e.Parameter.Min, Is.LessThanOrEqualTo(e.Parameter.Max));
        }
        // Parameters the model never uses cannot be swept (a flat line would mislead).
        Assert.That(entries.Where(e => !e.Sweepable).SelectMany(e => e.Paths).Distinct(),
            Is.EquivalentTo(new[] { "l1_i.size_bytes", "l1_i.ways", "l1_i.line_bytes", "l1_i.hit_cycles", "l1_itlb.entries", "l1_itlb.ways", "l1_itlb.max_page_bytes" }
                .Select(p => "soc." + p)));
    }

    [Test]
    public void APresetMustGiveASourceForEveryValueAndOnlyForItsParameters()
    {
        var sources = NodeKernelPresets.LinuxPreset.Values().ToDictionary(v => v.Path, v => v.Source);
        sources.Remove("irq_handler_cycles");
        var missing = Assert.Throws<InvalidOperationException>(() => new Preset<NodeKernel>("x", "", NodeKernelPresets.Linux, sources))!;
        Assert.That(missing.Message, Is.EqualTo("preset 'x': no source for 'irq_handler_cycles'"));
        sources["irq_handler_cycles"] = Source.Assume("test");
        sources["irq_cycles"] = Source.Assume("test");
        var extra = Assert.Throws<InvalidOperationException>(() => new Preset<NodeKernel>("x", "", NodeKernelPresets.Linux, sources))!;
        Assert.That(extra.Message, Does.Contain("'irq_cycles', which is not a parameter of a node kernel"));
    }

    [Test]
    public void RegistriesRefuseASecondEntryOfTheSameNameAndWordUnknownNamesOneWay()
    {
        var models = NodeSim.Models.Registries.ModelCatalogue.BuiltIn();
        Assert.Throws<InvalidOperationException>(() => models.QueuePolicies.Add(new NodeSim.Models.Scheduling.QueuePolicies.Fcfs()));
        var e = Assert.Throws<UserInputException>(() => models.Profiles.Get("gup"))!;
        Assert.That(e.Message, Is.EqualTo("unknown profile 'gup' (did you mean 'gups'?); choose from: compute, stream, gups, stencil, bsp-allreduce, io"));
        Assert.That(models.Socs.Find("PINE-A64")!.Model, Is.SameAs(SocPresets.PineA64));
    }
}
